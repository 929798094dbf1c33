import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceError } from '../../../src/data/errors.js';
import type { RunSource } from '../../../src/data/source.js';
import '../../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { MediaPanel } from '../../../src/elements/media-panel/media-panel.js';
import { chartOf, charts, mediaItem, panelTitles, root, sectionNames, sourceOf, START, workspace } from './helpers.js';

const KEYS = ['train/loss', 'train/accuracy', 'val/loss', 'epoch'];

function stateOf(el: MetricWorkspace, name: string): Element | null {
  return root(el).querySelector(`[part~="state"][part~="${name}"]`);
}

function button(el: MetricWorkspace, label: string): HTMLButtonElement {
  const b = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find(
    (x) => x.getAttribute('aria-label') === label,
  );
  if (!b) throw new Error(`no button ${label}`);
  return b;
}

/** What a drag-select across the plot does: uPlot sets the x scale to the selected range. */
function userZoom(chart: MetricChart, lo: number, hi: number): void {
  chart.uplot!.setScale('x', { min: lo, max: hi });
}

/** A double-click on the plot: back to the full view. */
function userReset(chart: MetricChart): void {
  chart.uplot!.over.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
}

describe('metric-workspace: full screen, sync, live', () => {
  it('opens a panel full screen, moves with ←/→ and closes with Escape', async () => {
    const el = await workspace(sourceOf(KEYS));
    await waitUntil(() => chartOf(el, 'train/accuracy'));
    const opener = button(el, 'Full screen: train/accuracy');
    opener.focus();
    opener.click();
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.fullscreen')!;
    await waitUntil(() => dialog.open);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.querySelector('h2')!.textContent).to.equal('train/accuracy');
    expect(dialog.querySelector('.fullscreen-body > *')).to.be.instanceOf(MetricChart);
    expect(dialog.textContent).to.contain('Panel 1 of 4');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(dialog.querySelector('h2')!.textContent).to.equal('train/loss');
    expect((dialog.querySelector('.fullscreen-body > *') as MetricChart).metrics).to.deep.equal(['train/loss']);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(dialog.querySelector('h2')!.textContent).to.equal('epoch');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(root(el).activeElement).to.equal(opener);
  });

  it('shares the crosshair across charts and syncs zoom between charts with the same x-axis', async () => {
    const el = await workspace(sourceOf(KEYS));
    await waitUntil(() => charts(el).length === 4);
    const groups = new Set(charts(el).map((c) => c.sync));
    expect(groups.size).to.equal(1);
    expect([...groups][0])
      .to.be.a('string')
      .and.not.equal('');
    el.settings = { ...el.settings, syncZoom: true, panels: { epoch: { x: 'relative' } } };
    await el.updateComplete;
    const loss = chartOf(el, 'train/loss')!;
    const acc = chartOf(el, 'train/accuracy')!;
    const epoch = chartOf(el, 'epoch')!;
    await Promise.all([loss, acc, epoch].map((c) => waitUntil(() => c.uplot, 'chart not drawn', { timeout: 5000 })));
    userZoom(loss, 2, 8);
    await waitUntil(() => acc.visibleRange[0] === 2 && acc.visibleRange[1] === 8, 'zoom did not follow', {
      timeout: 5000,
    });
    expect(epoch.visibleRange).to.not.deep.equal([2, 8]);
    userReset(acc);
    await waitUntil(() => loss.visibleRange[0] === 0, 'reset did not follow', { timeout: 5000 });
    // without sync, zoom stays on one chart
    el.settings = { ...el.settings, syncZoom: false };
    await el.updateComplete;
    const zoomed = oneEvent(loss, 'metric-chart-zoom');
    userZoom(loss, 3, 5);
    await zoomed; // the workspace has seen the zoom too: it listens on the way up
    await el.updateComplete;
    expect(acc.visibleRange[0]).to.equal(0);
  });

  it('gives charts created later the synced zoom', async () => {
    const el = await workspace(sourceOf(KEYS));
    el.settings = { ...el.settings, syncZoom: true };
    await waitUntil(() => charts(el).length === 4);
    const loss = chartOf(el, 'train/loss')!;
    await waitUntil(() => loss.uplot, 'chart not drawn', { timeout: 5000 });
    userZoom(loss, 3, 9);
    const toggle = root(el).querySelector<HTMLButtonElement>('section[data-section="val"] .section-toggle')!;
    toggle.click();
    await waitUntil(() => !chartOf(el, 'val/loss'));
    toggle.click();
    await waitUntil(() => chartOf(el, 'val/loss'));
    const val = chartOf(el, 'val/loss')!;
    await waitUntil(() => val.uplot && val.visibleRange[0] === 3 && val.visibleRange[1] === 9, 'new chart not zoomed', {
      timeout: 5000,
    });
  });

  it('adds panels for keys logged while the run trains', async () => {
    const source = sourceOf(KEYS);
    const el = await workspace(source);
    source.append('ws-run', { points: [{ key: 'eval/bleu', step: 1, time: START + 1000, value: 0.3 }] });
    await waitUntil(() => panelTitles(el).includes('eval/bleu'), 'live panel did not appear', { timeout: 5000 });
    expect(sectionNames(el)).to.include('eval');
  });

  it('shows a media panel for each media key in its section', async () => {
    const source = sourceOf(KEYS, { media: [mediaItem('val/examples', 5, 0), mediaItem('samples', 5, 0)] });
    const el = await workspace(source);
    await waitUntil(() => panelTitles(el, 'val').includes('val/examples'));
    expect(panelTitles(el, '')).to.include('samples');
    await waitUntil(
      () => root(el).querySelector('[data-panel-id="media:val/examples"] .panel-body > *') instanceof MediaPanel,
    );
    const media = root(el).querySelector('[data-panel-id="media:val/examples"] .panel-body > *') as MediaPanel;
    expect(media.keys).to.deep.equal(['val/examples']);
    button(el, 'Full screen: val/examples').click();
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.fullscreen')!;
    await waitUntil(() => dialog.open && dialog.querySelector('.fullscreen-body > *') instanceof MediaPanel);
    const big = dialog.querySelector('.fullscreen-body > *') as MediaPanel;
    expect(big).to.not.equal(media);
    el.settings = { ...el.settings, syncZoom: true }; // any re-render keeps the same full-screen element
    await el.updateComplete;
    expect(dialog.querySelector('.fullscreen-body > *')).to.equal(big);
    dialog.close();
    // a key first logged while the run trains gets its panel
    source.append('ws-run', { media: [mediaItem('eval/images', 9, 0)] });
    await waitUntil(() => panelTitles(el, 'eval').includes('eval/images'), 'live media panel missing', {
      timeout: 5000,
    });
  });
});

describe('metric-workspace: states, language, theme', () => {
  it('loading', async () => {
    const source: RunSource = {
      getRun: () => new Promise(() => {}),
      defaultRunId: () => 'r',
      listMetrics: () => new Promise(() => {}),
    };
    const el = await fixture<MetricWorkspace>(html`<metric-workspace .source=${source}></metric-workspace>`);
    await waitUntil(() => stateOf(el, 'loading'));
    await expect(el).to.be.accessible();
  });

  it('empty when the run has no history metrics', async () => {
    const el = await workspace(sourceOf(['system.cpu']));
    expect(stateOf(el, 'empty')!.textContent).to.contain('No metrics logged');
  });

  it('error with a retry that works', async () => {
    const inner = sourceOf(KEYS);
    let calls = 0;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => 'ws-run',
      listMetrics: (id, o) =>
        ++calls === 1 ? Promise.reject(new SourceError('unavailable', 'Server said 503')) : inner.listMetrics(id, o),
      getSeries: (q, o) => inner.getSeries(q, o),
    };
    const el = await fixture<MetricWorkspace>(html`<metric-workspace .source=${source}></metric-workspace>`);
    await waitUntil(() => stateOf(el, 'error'));
    expect(stateOf(el, 'error')!.textContent).to.contain('Server said 503');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitUntil(() => panelTitles(el).length === 4, 'retry did not load', { timeout: 5000 });
  });

  it('unsupported when the source cannot list metrics', async () => {
    const source: RunSource = { getRun: async (id) => ({ id, state: 'finished' }), defaultRunId: () => 'r' };
    const el = await fixture<MetricWorkspace>(html`<metric-workspace .source=${source}></metric-workspace>`);
    await waitUntil(() => stateOf(el, 'unsupported'));
    expect(stateOf(el, 'unsupported')!.textContent).to.contain('metrics');
  });

  it('Japanese labels', async () => {
    const el = await workspace(sourceOf(KEYS), { lang: 'ja' });
    expect(root(el).querySelector('section[data-section=""] .section-toggle')!.textContent).to.contain('チャート');
    expect(root(el).querySelector('.count')!.textContent).to.contain('4 パネル');
    expect(root(el).querySelector('input.search')!.getAttribute('aria-label')).to.equal('パネルを検索');
    await waitUntil(() => chartOf(el, 'epoch'));
    expect(button(el, '全画面: epoch')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('dark theme colours the workspace and its charts', async () => {
    const el = await workspace(sourceOf(KEYS), { theme: 'dark' });
    const base = root(el).querySelector<HTMLElement>('.base')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(20, 22, 27)');
    await waitUntil(() => chartOf(el, 'epoch'));
    expect(chartOf(el, 'epoch')!.theme).to.equal('dark');
    await expect(el).to.be.accessible();
  });

  it('hostile metric names are text', async () => {
    const el = await workspace(sourceOf(['<img src=x onerror=alert(1)>/loss', 'a/<b>bold</b>']));
    expect(root(el).querySelector('.panel-title img, .panel-title b, .section-toggle img')).to.equal(null);
    expect(panelTitles(el)).to.include('<img src=x onerror=alert(1)>/loss');
  });
});
