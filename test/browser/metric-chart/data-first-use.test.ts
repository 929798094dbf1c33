/**
 * What a chart of a bundle opened by URL fetches of the data layer: neither the reads module
 * (logs, files, media: memory-reads.ts, memory-files.ts) nor, for series that need no repair, the
 * metric readers of the checked source (read/metrics.ts). A source whose series need reading still
 * gets them read. Its own file: the page is fresh, nothing was loaded before.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { bundleRunsSource } from '../../../src/data/bundle-source.js';
import type { RunSource } from '../../../src/data/source.js';

// not helpers.ts's `drawn`: its module imports MemorySource, which builds parts with its runs
const drawn = (el: MetricChart) =>
  waitUntil(() => (el.uplot?.data[0]?.length ?? 0) > 0, 'chart did not draw', { timeout: 10_000 });

const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/data/${file}`));

const chart = (source: RunSource) =>
  fixture<MetricChart>(
    html`<metric-chart style="display:block;width:600px;height:300px" .source=${source} metric="loss"></metric-chart>`,
  );

describe('metric-chart: the data layer a first view fetches', () => {
  it('draws a bundle run without its logs, files or the metric readers; fetches the readers for series to repair', async () => {
    const source = bundleRunsSource({
      runpage: 1,
      runs: [
        {
          info: { id: 'r', state: 'finished' },
          metrics: [{ key: 'loss', step: [0, 1, 2, 3], value: [4, 3, 2, 1] }],
          logs: [{ text: 'step 1' }],
          files: [{ path: 'notes.txt', text: 'hello' }],
          media: [{ key: 'img', step: 0, index: 0, kind: 'image', url: 'data:,' }],
        },
      ],
    });
    const el = await chart(source);
    await drawn(el);
    expect([...(el.uplot!.data[1] as number[])]).to.deep.equal([4, 3, 2, 1]);
    for (const file of ['memory-reads.ts', 'memory-files.ts', 'memory-logs.ts', 'read/metrics.ts'])
      expect(fetched(file), `${file} fetched for a chart`).to.equal(false);

    // series with array columns need reading: the readers load and the chart draws them
    const sloppy: RunSource = {
      getRun: async () => ({ id: 's', state: 'finished' }),
      defaultRunId: () => 's',
      listMetrics: async () => [{ key: 'loss', group: 'history', count: 2 }],
      getSeries: async () =>
        [
          { runId: 's', key: 'loss', x: [0, 1], y: [5, 6], total: 2, exact: true, nonFinite: 0, smoothed: false },
        ] as never,
    };
    const other = await chart(sloppy);
    await drawn(other);
    expect([...(other.uplot!.data[1] as number[])]).to.deep.equal([5, 6]);
    expect(fetched('read/metrics.ts')).to.equal(true);
  });
});
