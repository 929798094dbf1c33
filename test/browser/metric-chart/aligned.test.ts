import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type uPlot from 'uplot';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { PlotView } from '../../../src/elements/metric-chart/plot-view.js';
import type { RunSource, Series } from '../../../src/data/source.js';
import { sharedX } from '../../../src/elements/metric-chart/chart-data.js';
import { alignColumns } from '../../../src/elements/metric-chart/x-union.js';
import { drawn, sourceOf, START } from './helpers.js';

/** A metric logged every `every` steps from `from`. */
function sparse(key: string, n: number, every: number, from: number) {
  const step = Float64Array.from({ length: n }, (_, i) => from + i * every);
  return {
    key,
    step,
    value: Float64Array.from(step, (s) => Math.sin(s / 10) + every),
    time: step.map((s) => START + s),
  };
}

/** A source that keeps its last answer to getSeries. */
function answering(inner: RunSource): RunSource & { last: Series[]; answers: number } {
  const out = {
    last: [] as Series[],
    answers: 0,
    getRun: inner.getRun.bind(inner),
    defaultRunId: () => inner.defaultRunId?.(),
    getSeries: async (...a: Parameters<NonNullable<RunSource['getSeries']>>) => (
      out.answers++,
      (out.last = await inner.getSeries!(...a))
    ),
  };
  return out;
}

/** The columns uPlot should hold: the last answer aligned the obvious way. */
function expected(source: { last: Series[] }) {
  const columns = source.last.map((s) => ({ x: s.x, y: s.y }));
  return sharedX(columns) ?? alignColumns(columns);
}

function sameColumns(u: uPlot, source: { last: Series[] }): void {
  const want = expected(source);
  expect(Array.from(u.data[0])).to.deep.equal(Array.from(want.x));
  want.ys.forEach((y, j) => expect(Array.from(u.data[j + 1] as ArrayLike<number>)).to.deep.equal(Array.from(y)));
}

describe('metric-chart: series on different x', () => {
  before(async () => {
    await import('../../../src/elements/metric-chart/define.js');
  });

  it('draws before the y columns are placed on the shared x, and places them for whoever reads them', async () => {
    const source = answering(sourceOf([sparse('a', 300, 2, 0), sparse('b', 200, 3, 1)]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} .metrics=${['a', 'b']} style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    const u = el.uplot!;
    // after a frame (the summary read them) uPlot's columns are the aligned ones
    sameColumns(u, source);

    // a zoom: at its draw the y columns are still the ones written before it
    let atDraw: number[] | undefined;
    u.hooks.draw!.push(() => {
      if (source.answers === 2 && !atDraw) atDraw = Array.from(u.data[1] as ArrayLike<number>);
    });
    el.zoomTo(101, 300);
    await waitUntil(() => atDraw !== undefined && !el.fetching, 'zoom not drawn');
    const want = expected(source);
    expect(atDraw).to.not.deep.equal(Array.from(want.ys[0]));
    await drawn(el);
    sameColumns(u, source);
  });

  it('places them before the crosshair reads a row', async () => {
    const source = answering(sourceOf([sparse('a', 300, 2, 0), sparse('b', 200, 3, 1)]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} .metrics=${['a', 'b']} style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    const u = el.uplot!;
    let read: { idxs: number[]; tops: number[] } | undefined;
    u.hooks.draw!.push(() => {
      if (source.answers !== 2 || read) return;
      // right after the zoom's draw, before any frame: the crosshair on the middle of the plot,
      // its points placed at the values uPlot read from its y columns
      u.setCursor({ left: u.bbox.width / 2 / (window.devicePixelRatio || 1), top: 20 });
      const points = [...u.root.querySelectorAll<HTMLElement>('.u-cursor-pt')];
      read = {
        idxs: [u.cursor.idxs![1]!, u.cursor.idxs![2]!],
        tops: points.map((p) => Number(/,\s*(-?[\d.]+)px\)/.exec(p.style.transform)![1])),
      };
    });
    el.zoomTo(101, 300);
    await waitUntil(() => read !== undefined && !el.fetching, 'zoom not drawn');
    const want = expected(source);
    expect(read!.tops).to.have.length(2);
    read!.idxs.forEach((idx, j) => {
      expect(Number.isNaN(want.ys[j][idx])).to.equal(false);
      expect(read!.tops[j]).to.be.closeTo(u.valToPos(want.ys[j][idx], 'y'), 1);
    });
  });
  it('reads the crosshair row of a series from its nearest drawable row, the nearer x on a tie of rows', async () => {
    const logged = (key: string, steps: number[]) => {
      const step = Float64Array.from(steps);
      return { key, step, value: step.map((s) => s + 1), time: step.map((s) => START + s) };
    };
    // shared x: 0 2 3 6 7 8; a lacks the rows at 2 and 7, b all but them
    const source = sourceOf([logged('a', [0, 3, 6, 8]), logged('b', [2, 7])]);
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} .metrics=${['a', 'b']} style="width:600px"></metric-chart>`,
    );
    await drawn(el);
    const view = (el as unknown as { view: PlotView }).view;
    expect(Array.from(view.aligned.x)).to.deep.equal([0, 2, 3, 6, 7, 8]);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.nearestDrawable(1, i))).to.deep.equal([0, 2, 2, 3, 3, 5]);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.nearestDrawable(2, i))).to.deep.equal([1, 1, 1, 4, 4, 4]);
    expect(view.nearestDrawable(0, 4)).to.equal(4);
  });
});
