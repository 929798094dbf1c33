/**
 * The code that renders a long listing's sections in idle slices loads with the first listing
 * longer than the first screen, before that listing renders: a short workspace never asks for it.
 * Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import { FIRST_PASS_PANELS } from '../../../src/elements/metric-workspace/section-reveal.js';
import { metric, root, sourceOf, START, workspace } from './helpers.js';

const slicesLoaded = () =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('/metric-workspace/section-slices.'));

function longSource(count: number): MemorySource {
  const sections = ['layers', 'eval', 'optim', 'data'];
  const metrics = Array.from({ length: count }, (_, i) =>
    metric(`${sections[i % 4]}/m_${String(i).padStart(4, '0')}`, 5),
  );
  return new MemorySource({ info: { id: 'long', state: 'finished', startedAt: START }, metrics });
}

describe('metric-workspace: the section slices on first use', () => {
  it('a workspace within the first screen renders whole without that code', async () => {
    const el = await workspace(sourceOf(['train/loss', 'train/acc', 'eval/loss']));
    await el.updateComplete;
    expect(root(el).querySelectorAll('[data-panel-id]').length).to.equal(3);
    expect(slicesLoaded()).to.equal(false);
  });

  it('a longer one loads it before its first render, which already leaves sections waiting', async () => {
    const el = await workspace(longSource(FIRST_PASS_PANELS * 40), { height: 700 });
    await el.updateComplete;
    expect(slicesLoaded()).to.equal(true);
    expect(root(el).querySelectorAll('[data-pending-section]').length).to.equal(3);
    await waitUntil(
      () => root(el).querySelectorAll('[data-panel-id]').length === FIRST_PASS_PANELS * 40,
      'not every panel',
      {
        timeout: 10_000,
      },
    );
  });
});
