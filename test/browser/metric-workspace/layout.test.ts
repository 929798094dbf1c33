import { expect, waitUntil } from '@open-wc/testing';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { chartOf, charts, root, sourceOf, workspace } from './helpers.js';

const KEYS = Array.from({ length: 12 }, (_, i) => `train/metric_${i}`);
const LONG = 'train/a_rather_long_metric_name_that_would_be_cut_to_a_few_letters_on_a_phone';

function columnsOf(el: MetricWorkspace): number[] {
  const grid = root(el).querySelector<HTMLElement>('.grid')!;
  return getComputedStyle(grid)
    .gridTemplateColumns.split(' ')
    .map((w) => parseFloat(w));
}

async function sized(width: number, keys = KEYS): Promise<MetricWorkspace> {
  const el = await workspace(sourceOf(keys), { height: 700 });
  el.style.width = `${width}px`;
  await waitUntil(() => charts(el).length > 0, 'no charts', { timeout: 5000 });
  return el;
}

describe('metric-workspace: a grid that fits the width', () => {
  it('fills a wide screen with as many columns of at least the minimum width as fit', async () => {
    const el = await sized(1900);
    const columns = columnsOf(el);
    expect(columns.length).to.be.at.least(5);
    for (const w of columns) expect(w).to.be.at.least(340);
    const body = root(el).querySelector<HTMLElement>('.body')!;
    const grid = root(el).querySelector<HTMLElement>('.grid')!;
    // the first row spans the panel area
    expect(grid.getBoundingClientRect().width).to.be.greaterThan(body.clientWidth * 0.9);
  });

  it('shows one column of full-width panels with wrapping titles at phone width', async () => {
    const el = await sized(390, [...KEYS.slice(0, 3), LONG]);
    expect(columnsOf(el)).to.have.length(1);
    await waitUntil(() => chartOf(el, LONG), 'long panel has no chart', { timeout: 5000 });
    const panel = root(el).querySelector<HTMLElement>(`[data-panel-id="${LONG}"]`)!;
    const grid = root(el).querySelector<HTMLElement>('.grid')!;
    expect(panel.getBoundingClientRect().width).to.be.closeTo(grid.getBoundingClientRect().width, 1);
    const title = panel.querySelector<HTMLElement>('.panel-title')!;
    expect(getComputedStyle(title).whiteSpace).to.equal('normal');
    // nothing of the title is cut off: it takes more than one line instead
    expect(title.scrollWidth).to.be.at.most(title.clientWidth + 1);
    expect(title.getBoundingClientRect().height).to.be.greaterThan(parseFloat(getComputedStyle(title).fontSize) * 2);
    // a fixed number of columns also gives way to one column on a phone
    el.settings = { ...el.settings, workspace: { columns: 3 } };
    await el.updateComplete;
    expect(columnsOf(el)).to.have.length(1);
    const page = document.documentElement;
    expect(page.scrollWidth).to.be.at.most(page.clientWidth);
  });

  it('folds the toolbar settings into a More menu at phone width, in one row', async () => {
    const el = await sized(390);
    const toolbar = root(el).querySelector<HTMLElement>('.toolbar')!;
    await waitUntil(() => toolbar.querySelector('.rp-overflow-toggle'), 'no More button', { timeout: 5000 });
    const search = toolbar.querySelector<HTMLElement>('input[type="search"]')!;
    const more = toolbar.querySelector<HTMLButtonElement>('.rp-overflow-toggle')!;
    // search, count and More share one row: no control starts below the search field
    expect(more.getBoundingClientRect().top).to.be.below(search.getBoundingClientRect().bottom);
    const menu = toolbar.querySelector<HTMLElement>('.rp-overflow-menu')!;
    expect(menu.hidden).to.equal(true);
    more.click();
    await el.updateComplete;
    expect(menu.hidden).to.equal(false);
    expect(menu.querySelector('select')).to.exist;
    const page = document.documentElement;
    expect(page.scrollWidth).to.be.at.most(page.clientWidth);
  });

  it('offers automatic columns by default and keeps a chosen number', async () => {
    const el = await sized(1400);
    const select = [...root(el).querySelectorAll<HTMLSelectElement>('.toolbar select')].find((s) =>
      s.closest('label')!.textContent!.includes('Columns'),
    )!;
    expect(select.value).to.equal('');
    expect(select.selectedOptions[0].textContent!.trim()).to.equal('Auto');
    const auto = columnsOf(el).length;
    expect(auto).to.be.at.least(3);
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(columnsOf(el)).to.have.length(2);
    expect(el.settings.workspace.columns).to.equal(2);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.settings.workspace.columns).to.equal(undefined);
    expect(columnsOf(el)).to.have.length(auto);
  });

  it('resizes its charts with their cells', async () => {
    const el = await sized(1400);
    const chart = chartOf(el, 'train/metric_0')!;
    await waitUntil(() => chart.uplot, 'chart not drawn', { timeout: 5000 });
    const before = chart.uplot!.width;
    el.settings = { ...el.settings, workspace: { columns: 1 } };
    await waitUntil(() => chart.uplot && chart.uplot.width > before * 2, 'chart did not grow with its cell', {
      timeout: 5000,
    });
    const host = chart.shadowRoot!.querySelector<HTMLElement>('.canvas-host')!;
    expect(chart.uplot!.width).to.equal(host.clientWidth);
  });

  it('exports the parts of its charts as chart-<part>', async () => {
    const style = document.createElement('style');
    style.textContent = `metric-workspace.parted::part(chart-plot) { outline: 3px solid rgb(1, 2, 3); }`;
    document.head.append(style);
    try {
      const el = await sized(900);
      el.classList.add('parted');
      const chart = chartOf(el, 'train/metric_0')!;
      await waitUntil(() => chart.uplot, 'chart not drawn', { timeout: 5000 });
      const plot = chart.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!;
      expect(getComputedStyle(plot).outlineColor).to.equal('rgb(1, 2, 3)');
      expect(chart.getAttribute('exportparts')).to.contain('legend:chart-legend');
    } finally {
      style.remove();
    }
  });
});
