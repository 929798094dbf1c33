import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource, Series } from '../../../src/data/source.js';
import type { MetricChartZoomDetail } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, pixelsInColumn, pixelsOfColor, recording, rgbOf, shadowText, sourceOf } from './helpers.js';

async function settled(el: MetricChart, queriesBefore: number, rec: { queries: unknown[] }): Promise<void> {
  await waitUntil(() => rec.queries.length > queriesBefore && !el.fetching, 'no refetch', { timeout: 10_000 });
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

/** `inner`, except that a zoomed series query (one with a range) is answered only once `answerZoom()` is called. */
function zoomHeldBack(inner: ReturnType<typeof sourceOf>): {
  source: RunSource;
  zoomAsked: () => boolean;
  answerZoom: () => void;
} {
  let hold: (() => void) | undefined;
  const source: RunSource = {
    getRun: (id, o) => inner.getRun(id, o),
    defaultRunId: () => inner.defaultRunId(),
    getSeries: (q, o) =>
      q.range
        ? new Promise<Series[]>((resolve, reject) => {
            hold = () => inner.getSeries(q, o).then(resolve, reject);
          })
        : inner.getSeries(q, o),
  };
  return { source, zoomAsked: () => hold !== undefined, answerZoom: () => hold!() };
}

describe('metric-chart: zoom and spikes', () => {
  it('asks the source again for the visible range on zoom and draws the raw points as dots', async () => {
    const rec = recording(sourceOf([metric('loss', 100_000, (i) => Math.sin(i / 50))]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${rec} metric="loss" style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    expect(rec.queries).to.have.length(1);
    const first = rec.queries[0];
    expect(first.range).to.equal(undefined);
    expect(first.points).to.be.closeTo(el.uplot!.bbox.width, el.uplot!.bbox.width * 0.1);
    expect(el.uplot!.data[0].length).to.be.lessThan(5 * first.points! + 3);

    const zooms: unknown[] = [];
    el.addEventListener('metric-chart-zoom', (e) => zooms.push(e));
    el.zoomTo(1000, 1040);
    await settled(el, 1, rec);
    expect(el.visibleRange).to.deep.equal([1000, 1040]);
    // zoomTo() is the page's own doing: metric-chart-zoom is for the user's zooms only
    expect(zooms).to.have.length(0);
    const q = rec.queries.at(-1)!;
    expect(q.range).to.deep.equal([1000, 1040]);
    // 41 raw points in range plus one neighbour each side
    expect(Array.from(el.uplot!.data[0])).to.deep.equal(Array.from({ length: 43 }, (_, i) => 999 + i));
    expect(el.shadowRoot!.textContent).to.contain('all 41 raw points');
    // the raw points are dots: the series colour shows at a point's position off the line's 1.5px stroke
    const color = rgbOf(getComputedStyle(el).getPropertyValue('--_series-0').trim());
    const u = el.uplot!;
    const cx = u.valToPos(1020, 'x', true);
    const cy = u.valToPos(Math.sin(1020 / 50), 'y', true);
    const ratio = devicePixelRatio;
    expect(pixelsInColumn(el, cx + 2 * ratio, cy - 3 * ratio, cy + 3 * ratio, color)).to.be.greaterThan(0);
  });

  it('draws a sparse line across a zoom that holds none of its points but many of another line', async () => {
    // "sparse" is logged every 100 steps; the zoom [140, 160] holds 21 "dense" points and none of its
    const sparseSteps = Float64Array.from({ length: 10 }, (_, i) => i * 100);
    const sparse = { key: 'sparse', step: sparseSteps, value: sparseSteps.map(() => 1) };
    const rec = recording(sourceOf([metric('dense', 1000, () => 0), sparse]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${rec} .metrics=${['dense', 'sparse']} style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    el.zoomTo(140, 160);
    await settled(el, 1, rec);
    expect(rec.queries.at(-1)!.range).to.deep.equal([140, 160]);
    // the source sends the sparse line's neighbours at 100 and 200: the line between them crosses the view
    const color = rgbOf(getComputedStyle(el).getPropertyValue('--_series-1').trim());
    expect(pixelsOfColor(el, color)).to.be.greaterThan(el.uplot!.bbox.width * 0.9);
  });

  it('zooms by dragging across the plot, and double-click resets and refetches everything', async () => {
    const rec = recording(sourceOf([metric('loss', 10_000, (i) => Math.cos(i / 30))]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${rec} metric="loss" style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    const over = el.uplot!.over.getBoundingClientRect();
    const y = Math.round(over.top + over.height / 2);
    const zoomed = oneEvent(el, 'metric-chart-zoom');
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.4), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.5), y] });
    await sendMouse({ type: 'move', position: [Math.round(over.left + over.width * 0.6), y] });
    await sendMouse({ type: 'up' });
    const range = (await zoomed).detail.range!;
    expect(range[0]).to.be.closeTo(4000, 200);
    expect(range[1]).to.be.closeTo(6000, 200);
    await settled(el, 1, rec);
    expect(rec.queries.at(-1)!.range![0]).to.be.closeTo(4000, 200);
    expect(el.visibleRange[0]).to.be.closeTo(4000, 200);

    const reset = oneEvent(el, 'metric-chart-zoom');
    const pos: [number, number] = [Math.round(over.left + over.width / 2), y];
    await sendMouse({ type: 'move', position: pos });
    el.uplot!.over.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, clientX: pos[0], clientY: pos[1] }));
    expect((await reset).detail.range).to.equal(null);
    await settled(el, 2, rec);
    expect(rec.queries.at(-1)!.range).to.equal(undefined);
    expect(el.visibleRange).to.deep.equal([0, 9999]);
  });

  it('shows a single-sample spike in 1,000,000 points at full view and after zooms', async function () {
    this.timeout(60_000);
    const n = 1_000_000;
    const spikeAt = 654_321;
    const rec = recording(
      sourceOf([metric('grad_norm', n, (i) => (i === spikeAt ? 50 : 1 + 0.01 * Math.sin(i / 997)))]),
    );
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${rec} metric="grad_norm" style="width:700px"></metric-chart>`,
    );
    await drawn(el);
    const color = rgbOf(getComputedStyle(el).getPropertyValue('--_series-0').trim());
    const check = (): void => {
      const u = el.uplot!;
      const cx = u.valToPos(spikeAt, 'x', true);
      const top = u.valToPos(45, 'y', true);
      const base = u.valToPos(5, 'y', true);
      // the spike's column is coloured high above the baseline ...
      expect(pixelsInColumn(el, cx, top, base, color), 'spike column').to.be.greaterThan(5);
      // ... and a column away from it is not
      const away =
        u.valToPos(spikeAt, 'x', true) + u.bbox.width / 4 < u.bbox.left + u.bbox.width
          ? cx + u.bbox.width / 4
          : cx - u.bbox.width / 4;
      expect(pixelsInColumn(el, away, top, base, color), 'other column').to.equal(0);
    };
    expect(el.uplot!.data[0].length).to.be.lessThan(5 * rec.queries[0].points! + 3);
    check();
    el.zoomTo(500_000, 800_000);
    await settled(el, 1, rec);
    check();
    el.zoomTo(650_000, 660_000);
    await settled(el, 2, rec);
    check();
    el.zoomTo(spikeAt - 100, spikeAt + 100);
    await settled(el, 3, rec);
    expect(el.shadowRoot!.textContent).to.contain('all 201 raw points');
    check();
    expect(pixelsOfColor(el, color)).to.be.greaterThan(100);
  });
  it('keeps drawing the old points while a zoom is fetched, and fires zoom events for user resets only', async () => {
    const inner = sourceOf([metric('loss', 1000, (i) => i)]);
    const { source, zoomAsked, answerZoom } = zoomHeldBack(inner);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    const plot = el.uplot;
    const zooms: (MetricChartZoomDetail | null)[] = [];
    el.addEventListener('metric-chart-zoom', (e) => zooms.push(e.detail));
    el.zoomTo(100, 200);
    await waitUntil(zoomAsked, 'zoom not requested');
    await el.updateComplete;
    // the request is on its way: the same plot stays, with a note, and no skeleton replaces it
    expect(el.fetching).to.equal(true);
    expect(el.uplot).to.equal(plot);
    expect(el.shadowRoot!.querySelector('[part~="loading"]')).to.equal(null);
    // the busy mark shows from the frame after the request
    await waitUntil(() => el.shadowRoot!.querySelector('.busy:not([hidden])'), 'no busy mark', { timeout: 2000 });
    expect(el.fetching).to.equal(true);
    answerZoom();
    await waitUntil(() => !el.fetching && el.uplot!.data[0][1] === 100, 'zoom not drawn');
    expect(el.uplot).to.equal(plot);
    expect(el.shadowRoot!.querySelector('.busy:not([hidden])')).to.equal(null);
    el.resetZoom();
    await waitUntil(() => !el.fetching && el.visibleRange[1] === 999, 'reset');
    expect(zooms).to.deep.equal([]);
    el.zoomTo(10, 20);
    await el.updateComplete;
    const reset = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Reset zoom')!;
    reset.click();
    expect(zooms).to.deep.equal([{ range: null }]);
  });
});

describe('metric-chart: a zoom refetch', () => {
  it('answered within the frame, changes nothing in the DOM between its request and its draw', async () => {
    const inner = sourceOf([metric('loss', 1000, (i) => i)]);
    const changes: string[] = [];
    const note = (records: MutationRecord[]): void =>
      records.forEach((r) => changes.push(`${(r.target as Element).localName} ${r.attributeName ?? r.type}`));
    const observer = new MutationObserver(note);
    const chart: { root?: ShadowRoot } = {};
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: (q, o) => {
        // from the zoom's request on (its debounce's update, the busy mark's, comes after this)
        if (q.range) observer.observe(chart.root!, { subtree: true, attributes: true, childList: true });
        return inner.getSeries(q, o);
      },
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    chart.root = el.shadowRoot!;
    await drawn(el);
    const plot = el.uplot!;
    let before: string[] | undefined;
    plot.hooks.draw!.push(() => {
      if (plot.data[0][0] === 99 && !before)
        before = [
          ...changes,
          ...observer.takeRecords().map((r) => `${(r.target as Element).localName} ${r.attributeName ?? r.type}`),
        ];
    });
    el.zoomTo(100, 200);
    await waitUntil(() => before !== undefined && !el.fetching, 'zoom not drawn', { timeout: 5000 });
    observer.disconnect();
    expect(before).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('.busy:not([hidden])')).to.equal(null);
  });
  it('draws the answer at once and leaves the legend, hidden lines and counts right', async () => {
    // "loss" has NaN at steps 150 and 800; "acc" is hidden from the legend before the zoom
    const inner = sourceOf([
      metric('loss', 1000, (i) => (i === 150 || i === 800 ? NaN : Math.sin(i / 40))),
      metric('acc', 1000, (i) => i / 1000),
    ]);
    const { source, zoomAsked, answerZoom } = zoomHeldBack(inner);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} .metrics=${['loss', 'acc']} style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    const legend = (): HTMLButtonElement[] => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.legend button')];
    const swatches = (): string[] =>
      legend().map((b) => b.querySelector<HTMLElement>('.swatch')!.style.getPropertyValue('--swatch'));
    const colours = swatches();
    expect(colours.every((c) => c !== '')).to.equal(true);
    expect(shadowText(el)).to.contain('2 NaN/Inf in range');
    legend()[1].click();
    await el.updateComplete;
    const plot = el.uplot!;
    expect(plot.series[2].show).to.equal(false);

    // the answer is drawn as soon as it is here: in the draw, the plot has the zoomed points
    // while the header still tells the counts of the old ones (it follows in the update after)
    const draws: { first: number; header: string }[] = [];
    plot.hooks.draw!.push((u) =>
      draws.push({ first: u.data[0][0] as number, header: el.shadowRoot!.querySelector('.stats')!.textContent! }),
    );
    el.zoomTo(100, 200);
    await waitUntil(zoomAsked, 'zoom not requested');
    await el.updateComplete;
    draws.length = 0;
    answerZoom();
    await waitUntil(() => !el.fetching && draws.length > 0, 'zoom not drawn');
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await el.updateComplete;
    expect(draws).to.have.length(1);
    expect(draws[0].first).to.equal(99);
    expect(draws[0].header).to.not.contain('all 202 raw points');

    // the same plot, the zoomed points (101 in range and a neighbour each side), the new counts
    expect(el.uplot).to.equal(plot);
    expect(Array.from(plot.data[0])).to.deep.equal(Array.from({ length: 103 }, (_, i) => 99 + i));
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).to.contain('all 202 raw points');
    expect(shadowText(el)).to.contain('1 NaN/Inf in range');
    // the legend is as it was: labels, colours, the hidden line still hidden
    expect(legend().map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'loss 1 NaN/Inf in range',
      'acc',
    ]);
    expect(swatches()).to.deep.equal(colours);
    expect(legend()[1].getAttribute('aria-pressed')).to.equal('false');
    expect(plot.series[2].show).to.equal(false);
    expect(plot.series[1].show).to.equal(true);
    expect(el.shadowRoot!.querySelector('.busy:not([hidden])')).to.equal(null);
  });
});
