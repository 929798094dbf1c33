import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { chartLiveCode } from '../../../src/elements/system-panel/chart-source.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { chunkGone } from '../metric-chart/helpers.js';
import { EVERY_S, series, START } from './key-sets.js';
import { chartById, panelReady } from './helpers.js';

// The live code of the panel's charts loads with the first live event: this file runs before
// anything on its page has loaded it.
describe('system-panel: live code loaded on first use', () => {
  it('points that come while it cannot load are kept, and drawn in order once a later point loads it', async () => {
    const source = new MemorySource({
      info: { id: 'run-1', state: 'running', startedAt: START, heartbeatAt: Date.now(), runtime: 300 },
      metrics: [series('system.gpu.0.gpu', 20, () => 50)],
    });
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await panelReady(el);
    const util = chartById(el, 'gpu-util');
    const t = (i: number) => START + (i + 1) * EVERY_S * 1000;
    const gone = chunkGone(chartLiveCode);
    try {
      source.append('run-1', { points: [{ key: 'system.gpu.0.gpu', step: 20, time: t(20), value: 70 }] });
      await waitUntil(() => gone.tries() === 1, 'the live code was not asked for');
      await new Promise((r) => setTimeout(r, 100));
      expect(util.uplot!.data[0].length).to.equal(20);
      expect(gone.warnings.length).to.equal(1);
    } finally {
      gone.restore();
    }
    source.append('run-1', { points: [{ key: 'system.gpu.0.gpu', step: 21, time: t(21), value: 90 }] });
    await waitUntil(() => util.uplot!.data[0].length === 22, 'the kept point and the new one not drawn', {
      timeout: 10_000,
    });
    expect(Array.from(util.uplot!.data[1] as ArrayLike<number>).slice(-3)).to.deep.equal([50, 70, 90]);
  });
});
