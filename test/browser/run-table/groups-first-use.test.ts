/**
 * Grouping's code (group headers, run-groups.ts) loads the first time a table is grouped: meanwhile
 * the toolbar stays and the rows wait, busy (never a flash of them ungrouped); a failed load says
 * so with a retry. Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import { groupsCode, type RunTable } from '../../../src/elements/run-table/run-table.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunRef, RunSource } from '../../../src/data/source.js';
import { until } from '../helpers/sources.js';

const refs: RunRef[] = [
  { id: 'a', name: 'alpha', project: 'p2', state: 'finished', startedAt: Date.UTC(2024, 0, 1) },
  { id: 'b', name: 'beta', project: 'p1', state: 'finished', startedAt: Date.UTC(2024, 0, 2) },
  { id: 'c', name: 'gamma', project: 'p2', state: 'finished', startedAt: Date.UTC(2024, 0, 3) },
];
const source: RunSource = {
  getRun: () => Promise.reject(new SourceError('not-found', 'x')),
  listRuns: async () => refs.map((r) => ({ ...r })),
};
const root = (el: RunTable) => el.shadowRoot!;
const rows = (el: RunTable) => [...root(el).querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id);
const groups = (el: RunTable) =>
  [...root(el).querySelectorAll('.group-row')].map((g) => g.textContent!.replace(/\s+/g, ' ').trim());

describe('run-table: grouping on first use', () => {
  it('waits busy for its code, says why when it could not load, and groups after a retry', async () => {
    expect(groupsCode.now, 'not loaded with the table').to.equal(undefined);
    const load = groupsCode.load.bind(groupsCode);
    let loads = 0;
    // the first load fails as a chunk that cannot be fetched does
    groupsCode.load = (host) => {
      if (++loads > 1) return load(host);
      (groupsCode as { failed: unknown }).failed = new Error('chunk gone');
      host?.requestUpdate();
      return Promise.resolve(undefined);
    };
    try {
      const el = await fixture<RunTable>(
        html`<run-table lang="en" refresh-interval="0" .source=${source}></run-table>`,
      );
      await until(() => rows(el).length === 3);
      expect(groupsCode.now, 'an ungrouped table does not load it').to.equal(undefined);

      const select = root(el).querySelector<HTMLSelectElement>('select[data-filter="group"]')!;
      select.value = 'project';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('chunk gone');
      expect(rows(el)).to.deep.equal([]);
      expect(root(el).querySelector('[part~="toolbar"]'), 'the toolbar stays').to.exist;

      root(el).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await el.updateComplete;
      expect(root(el).querySelector('.rp-state--loading')!.getAttribute('aria-busy')).to.equal('true');
      expect(rows(el)).to.deep.equal([]);

      await until(() => groups(el).length > 0);
      expect(groups(el)).to.deep.equal(['▸ p1 (1)', '▸ p2 (2)']);
      expect(rows(el)).to.deep.equal(['b', 'c', 'a']);
      expect(root(el).querySelector('.rp-state--loading')).to.equal(null);
      expect(loads, 'asked again after the failure').to.be.at.least(2);
    } finally {
      groupsCode.load = load;
    }
  });
});
