/**
 * The sort by x (x-order.ts) loads with the first x that go back (a resumed run): a MemorySource
 * whose steps are in order, and a chart drawing them, never fetch it; the first answer whose x go
 * back loads it, in the source and in the chart, and is drawn sorted. The join of a metric to
 * another one's values as x (step-join.ts) loads with the first query over such an x. Its own
 * file: a fresh page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunSource } from '../../../src/data/source.js';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn } from '../metric-chart/helpers.js';

const fetched = (file = 'x-order.ts'): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/data/${file}`));

const run = { id: 'r', state: 'finished' } as const;

describe('the sort by x: what loads on first use', () => {
  it('steps in order are answered and drawn without it', async () => {
    const source = new MemorySource({ info: run, metrics: [{ key: 'm', step: [0, 1, 2], value: [3, 1, 2] }] });
    const [s] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step' });
    expect(Array.from(s!.x)).to.deep.equal([0, 1, 2]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="m"></metric-chart>`);
    await drawn(el);
    expect(Array.from(el.uplot!.data[0])).to.deep.equal([0, 1, 2]);
    expect(fetched(), 'x-order.ts fetched for steps in order').to.equal(false);
    expect(fetched('step-join.ts'), 'step-join.ts fetched for a step axis').to.equal(false);
  });

  it('the chart loads it for an answer whose x go back, and draws it sorted', async () => {
    // a source of the app's own that answers as it logged: not sorted
    const own: RunSource = {
      getRun: async (id) => ({ id, name: id, state: 'finished', tags: [] }),
      defaultRunId: () => 'r',
      getSeries: async (q) =>
        q.keys.map((key) => ({
          runId: 'r',
          key,
          x: Float64Array.of(0, 2, 1),
          y: Float64Array.of(0, 20, 10),
          total: 3,
          exact: true,
          nonFinite: 0,
          smoothed: false,
        })),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${own} metric="m"></metric-chart>`);
    await drawn(el);
    expect(Array.from(el.uplot!.data[0])).to.deep.equal([0, 1, 2]);
    expect(Array.from(el.uplot!.data[1] as ArrayLike<number>)).to.deep.equal([0, 10, 20]);
    expect(fetched()).to.equal(true);
  });

  it('a MemorySource answers steps that go back sorted', async () => {
    const source = new MemorySource({ info: run, metrics: [{ key: 'm', step: [0, 2, 1, 2], value: [0, 20, 10, 21] }] });
    const [s] = await source.getSeries({ runIds: ['r'], keys: ['m'], x: 'step' });
    expect(Array.from(s!.x)).to.deep.equal([0, 1, 2, 2]);
    expect(Array.from(s!.y)).to.deep.equal([0, 10, 20, 21]);
    expect(s!.nonMonotonic).to.equal(true);
  });

  it('a metric as x loads the join with the first such query', async () => {
    const source = new MemorySource({
      info: run,
      metrics: [
        { key: 'loss', step: [0, 1, 2], value: [3, 2, 1] },
        { key: 'lr', step: [0, 1, 2], value: [0.3, 0.1, 0.2] },
      ],
    });
    const [s] = await source.getSeries({ runIds: ['r'], keys: ['loss'], x: 'lr' });
    expect(Array.from(s!.x)).to.deep.equal([0.1, 0.2, 0.3]);
    expect(Array.from(s!.y)).to.deep.equal([2, 1, 3]);
    expect(fetched('step-join.ts')).to.equal(true);
  });
});
