/**
 * A chart over a source of the app's own (one that downsamples elsewhere, as a server does) fetches
 * none of the in-memory source's code: no M4 downsampler, min/max index or smoothing. Its own file
 * (a fresh page) that imports no MemorySource.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource } from '../../../src/data/source.js';

const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(file));

const source: RunSource = {
  getRun: async (id) => ({ id, name: id, state: 'finished', startedAt: 0, tags: [] }),
  defaultRunId: () => 'r',
  getSeries: async (q) =>
    q.keys.map((key) => ({
      runId: 'r',
      key,
      x: Float64Array.of(0, 1, 2, 3),
      y: Float64Array.of(3, 1, 4, 1),
      total: 4,
      exact: true,
      nonFinite: 0,
      smoothed: false,
    })),
};

describe('metric-chart over a source of its own', () => {
  it('draws, zooms and fetches none of the in-memory source code', async () => {
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await waitUntil(() => (el.uplot?.data[0]?.length ?? 0) === 4, 'the chart did not draw');
    el.zoomTo(1, 2);
    await waitUntil(() => el.visibleRange[0] === 1 && el.visibleRange[1] === 2, 'the chart did not zoom');
    for (const file of ['/data/downsample.ts', '/data/minmax-index.ts', '/data/memory-source.ts', '/data/smoothing.ts'])
      expect(fetched(file), `${file} fetched`).to.equal(false);
    expect(fetched('/data/source.ts'), 'the test sees what the page fetched').to.equal(true);
  });
});
