import { expect, waitUntil } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import { NEAR_MARGIN_PX } from '../../../src/elements/metric-workspace/near-screen.js';
import { charts, metric, root, START, workspace } from './helpers.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';

function bigSource(count: number): MemorySource {
  const sections = ['layers', 'eval', 'optim', 'data'];
  const metrics = Array.from({ length: count }, (_, i) =>
    metric(`${sections[i % sections.length]}/metric_${String(i).padStart(4, '0')}`, 5),
  );
  return new MemorySource({ info: { id: 'big', state: 'finished', startedAt: START }, metrics });
}

/** Charts that can be near the screen: rows inside the body plus the margin on both sides. */
function maxNear(el: MetricWorkspace, columns: number): number {
  const body = root(el).querySelector<HTMLElement>('.body')!;
  const panel = root(el).querySelector<HTMLElement>('.panel')!;
  const rowHeight = panel.getBoundingClientRect().height;
  const rows = Math.ceil((body.clientHeight + 2 * NEAR_MARGIN_PX) / rowHeight) + 1;
  return rows * columns;
}

function chartIds(el: MetricWorkspace): string[] {
  return charts(el).map((c) => c.closest<HTMLElement>('[data-panel-id]')!.dataset.panelId!);
}

describe('metric-workspace: 2,000 metrics', () => {
  it('keeps only the charts on or near the screen in the DOM, and swaps them while scrolling', async () => {
    const el = await workspace(bigSource(2000), { height: 700 });
    expect(root(el).querySelector('.count')!.textContent).to.contain('2,000 panels');
    // the sections after the first screen's arrive in idle slices
    await waitUntil(() => root(el).querySelectorAll('[data-panel-id]').length === 2000, 'not every panel', {
      timeout: 10_000,
    });
    expect(root(el).querySelectorAll('[data-panel-id]').length).to.equal(2000);
    await waitUntil(() => charts(el).length > 0, 'no chart near the screen', { timeout: 5000 });
    const limit = maxNear(el, 2);
    expect(charts(el).length).to.be.at.most(limit);
    expect(charts(el).length).to.be.at.least(2);
    const firstIds = chartIds(el);
    expect(firstIds).to.include('data/metric_0003');

    const body = root(el).querySelector<HTMLElement>('.body')!;
    body.scrollTop = body.scrollHeight / 2;
    await waitUntil(() => !chartIds(el).includes('data/metric_0003') && charts(el).length > 0, 'charts did not swap', {
      timeout: 5000,
    });
    expect(charts(el).length).to.be.at.most(limit);
    const middle = chartIds(el);
    expect(middle.some((id) => firstIds.includes(id))).to.equal(false);
    // the charts in the middle are the panels that are actually there
    const bodyBox = body.getBoundingClientRect();
    for (const c of charts(el)) {
      const box = c.closest('.panel')!.getBoundingClientRect();
      expect(box.bottom).to.be.greaterThan(bodyBox.top - NEAR_MARGIN_PX - 1);
      expect(box.top).to.be.lessThan(bodyBox.bottom + NEAR_MARGIN_PX + 1);
    }
  });

  it('renders the first screen’s sections at once and the rest in idle slices, the scroll height right from the start', async () => {
    const el = await workspace(bigSource(2000), { height: 700 });
    await el.updateComplete;
    const body = root(el).querySelector<HTMLElement>('.body')!;
    const early = root(el).querySelectorAll('[data-panel-id]').length;
    const earlyHeight = body.scrollHeight;
    // one section of 500 panels holds the first screen; the three others wait
    expect(early).to.equal(500);
    expect(root(el).querySelectorAll('[data-pending-section]').length).to.equal(3);
    await waitUntil(() => root(el).querySelectorAll('[data-panel-id]').length === 2000, 'not every panel', {
      timeout: 10_000,
    });
    expect(root(el).querySelectorAll('[data-pending-section]').length).to.equal(0);
    expect(Math.abs(body.scrollHeight - earlyHeight) / body.scrollHeight).to.be.lessThan(0.01);
  });

  it('builds no header for a waiting section: its box holds the header’s height until its panels come', async () => {
    // 100 sections of one panel: the headers are most of each section's height
    const metrics = Array.from({ length: 100 }, (_, i) => metric(`s${String(i).padStart(3, '0')}/loss`, 5));
    const el = await workspace(
      new MemorySource({ info: { id: 'many', state: 'finished', startedAt: START }, metrics }),
      {
        height: 700,
      },
    );
    await el.updateComplete;
    const body = root(el).querySelector<HTMLElement>('.body')!;
    const waiting = root(el).querySelectorAll('[data-pending-section]').length;
    expect(waiting).to.be.greaterThan(50);
    expect(root(el).querySelectorAll('.section-header').length).to.equal(100 - waiting);
    const earlyHeight = body.scrollHeight;
    await waitUntil(() => root(el).querySelectorAll('.section-header').length === 100, 'not every header', {
      timeout: 10_000,
    });
    expect(Math.abs(body.scrollHeight - earlyHeight) / body.scrollHeight).to.be.lessThan(0.01);
  });

  it('renders a waiting section near the scroll position before the ones above it', async () => {
    const el = await workspace(bigSource(2000), { height: 700 });
    await el.updateComplete;
    const body = root(el).querySelector<HTMLElement>('.body')!;
    const last = root(el).querySelector<HTMLElement>('[data-pending-section="optim"]')!;
    body.scrollTop = last.offsetTop - body.offsetTop + 100;
    await waitUntil(() => root(el).querySelector('[data-pending-section="optim"]') === null, 'optim not rendered', {
      timeout: 10_000,
    });
    // rendered before the sections between it and the top
    expect(root(el).querySelector('[data-pending-section="eval"]')).to.not.equal(null);
    await waitUntil(() => charts(el).some((c) => c.closest('[data-panel-id^="optim/"]')), 'no optim chart', {
      timeout: 10_000,
    });
  });

  it('mounts no chart while the scroll moves more than a screen a frame, then the charts where it stops', async () => {
    const el = await workspace(bigSource(2000), { height: 700 });
    await waitUntil(() => charts(el).length > 0, 'no chart near the screen', { timeout: 5000 });
    const firstIds = chartIds(el);
    const body = root(el).querySelector<HTMLElement>('.body')!;
    const mountedWhileMoving = new Set<string>();
    for (let i = 1; i <= 12; i++) {
      body.scrollTop = i * 2 * body.clientHeight;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      for (const id of chartIds(el)) if (!firstIds.includes(id)) mountedWhileMoving.add(id);
    }
    expect([...mountedWhileMoving]).to.deep.equal([]);
    await waitUntil(
      () => charts(el).length > 0 && !chartIds(el).some((id) => firstIds.includes(id)),
      'the charts where the scroll stopped',
      { timeout: 5000 },
    );
  });

  it('a column setting of 4 shows more charts per row, still bounded', async () => {
    const el = await workspace(bigSource(400), { height: 600 });
    el.settings = { ...el.settings, workspace: { columns: 4 } };
    await el.updateComplete;
    await waitUntil(() => charts(el).length >= 4, 'no charts', { timeout: 5000 });
    expect(charts(el).length).to.be.at.most(maxNear(el, 4));
    const grid = root(el).querySelector<HTMLElement>('.grid')!;
    expect(getComputedStyle(grid).gridTemplateColumns.split(' ').length).to.equal(4);
  });

  it('collapsing a section removes its charts', async () => {
    const el = await workspace(bigSource(200), { height: 600 });
    await waitUntil(() => charts(el).length > 0, 'no charts', { timeout: 5000 });
    const first = root(el).querySelector('section.section')!;
    first.querySelector<HTMLButtonElement>('.section-toggle')!.click();
    await waitUntil(() => !chartIds(el).some((id) => id.startsWith('data/')), 'charts stayed', { timeout: 5000 });
    expect(first.querySelectorAll('[data-panel-id]').length).to.equal(0);
  });
});
