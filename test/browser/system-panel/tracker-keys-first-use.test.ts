import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { trackerKeysCode } from '../../../src/elements/system-panel/system-keys.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { chunkGone } from '../metric-chart/helpers.js';
import { series, START } from './key-sets.js';
import { chartById, panelReady, text } from './helpers.js';

// MLflow's and Aim's key names load with the first run that has such keys: this file runs before
// anything on its page has loaded them.
describe("system-panel: MLflow's and Aim's key names loaded on first use", () => {
  it('a run with MLflow keys waits for them; when they cannot load, Retry loads them and draws the charts', async () => {
    const source = new MemorySource({
      info: { id: 'run-1', state: 'finished', startedAt: START, runtime: 300 },
      metrics: [series('system/cpu_utilization_percentage', 20, () => 40)],
    });
    const gone = chunkGone(trackerKeysCode);
    let el: SystemPanel;
    try {
      el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="retry"]'), 'no error with Retry', {
        timeout: 10_000,
      });
      expect(text(el)).to.contain('Could not load this');
      expect(el.shadowRoot!.querySelector('[data-chart]')).to.equal(null);
      expect(gone.tries()).to.equal(1);
    } finally {
      gone.restore();
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await panelReady(el);
    expect(chartById(el, 'cpu').metrics).to.deep.equal(['system/cpu_utilization_percentage']);
  });
});
