import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { trackerKeysCode } from '../../../src/elements/system-panel/system-keys.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { EVERY_S, series, START } from './key-sets.js';
import { chartById, panelReady } from './helpers.js';

// This file runs before anything on its page has loaded MLflow's and Aim's key names.
describe("system-panel: MLflow's and Aim's key names loaded by a live key", () => {
  it('a live MLflow key, on a run listed without one, gets its chart once its names are in', async () => {
    const source = new MemorySource({
      info: { id: 'run-1', state: 'running', startedAt: START, heartbeatAt: Date.now(), runtime: 300 },
      metrics: [series('system.memory_percent', 20, () => 30)],
    });
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await panelReady(el);
    expect(trackerKeysCode.now).to.equal(undefined);
    source.append('run-1', {
      points: [
        {
          key: 'system/cpu_utilization_percentage',
          step: 20,
          time: START + 21 * EVERY_S * 1000,
          value: 55,
          group: 'system',
        },
      ],
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[data-chart="cpu"]'), 'no chart for the live MLflow key', {
      timeout: 10_000,
    });
    expect(chartById(el, 'cpu').metrics).to.deep.equal(['system/cpu_utilization_percentage']);
  });
});
