/**
 * The code that reads run values for legend templates (`${config.lr}`) loads with the run infos,
 * not with a chart whose labels name no run value. Its own file: a fresh page, where that code
 * has not loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { runValuesCode } from '../../../src/elements/metric-chart/lazy-parts.js';
import { chunkGone, drawn, metric, sourceOf } from './helpers.js';

const legendOf = (el: MetricChart): string =>
  el.shadowRoot!.querySelector('[part~="legend"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('metric-chart: run values in labels on first use', () => {
  it('leaves them out when their code cannot load, says so, and tries again with the next labels', async () => {
    const source = sourceOf([metric('loss', 10, (i) => i)], 'run-1', { name: 'bright-sun', config: { lr: 0.1 } });
    // the run's name needs its info, not the code that reads values out of it
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="loss" legend="\${run}"></metric-chart>`,
    );
    await drawn(el);
    await waitUntil(() => legendOf(el) === 'bright-sun', 'run name not shown');
    expect(runValuesCode.now, 'loaded for labels that name no run value').to.equal(undefined);

    const gone = chunkGone(runValuesCode);
    try {
      el.legend = '${run} lr=${config.lr}';
      await waitUntil(() => gone.tries() === 1 && legendOf(el) === 'bright-sun lr=', 'label without the value');
      expect(gone.warnings.some((w) => String(w[1]).includes('chunk gone'))).to.equal(true);
    } finally {
      gone.restore();
    }

    el.legend = 'lr=${config.lr} ${run}';
    await waitUntil(() => legendOf(el) === 'lr=0.1 bright-sun', 'value not filled in after the retry');
  });
});
