import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/system-panel/define.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { EVERY_S, series, START, wandbRun } from './key-sets.js';
import { chartById, drawn, panelReady, pixelsNearValue, rgbOf, text } from './helpers.js';

function color(el: Element, i: number): [number, number, number] {
  return rgbOf(getComputedStyle(el).getPropertyValue(`--_series-${i}`).trim());
}

describe('system-panel: GPU selector', () => {
  it('no selector under 8 GPUs', async () => {
    const el = await fixture<SystemPanel>(
      html`<system-panel .source=${wandbRun({ minutes: 5, gpus: 4 })}></system-panel>`,
    );
    await panelReady(el);
    expect(el.shadowRoot!.querySelector('[part="gpu-selector"]')).to.equal(null);
  });

  it('8+ GPUs: toggles by keyboard, hidden GPUs leave every GPU chart, the others keep their colour', async () => {
    const el = await fixture<SystemPanel>(
      html`<div style="width: 900px"><system-panel .source=${wandbRun({ minutes: 10, gpus: 9 })}></system-panel></div>`,
    );
    const panel = el.querySelector('system-panel')!;
    await panelReady(panel);
    const selector = panel.shadowRoot!.querySelector('[part="gpu-selector"]')!;
    expect(selector.getAttribute('role')).to.equal('toolbar');
    const buttons = [...selector.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal([
      'All',
      ...Array.from({ length: 9 }, (_, g) => `GPU ${g}`),
    ]);
    expect(buttons.every((b) => b.getAttribute('aria-pressed') === 'true')).to.equal(true);
    // one tab stop; arrows move; Space toggles
    expect(buttons.filter((b) => b.tabIndex === 0)).to.have.length(1);
    buttons[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(panel.shadowRoot!.activeElement).to.equal(buttons[1]);
    const changed = oneEvent(panel, 'system-panel-gpus');
    await sendKeys({ press: 'Space' });
    expect((await changed).detail.gpus).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    await panel.updateComplete;
    expect(buttons[1].getAttribute('aria-pressed')).to.equal('false');
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('false');
    const util = chartById(panel, 'gpu-util');
    await waitUntil(() => util.metrics?.length === 8, 'GPU 0 still charted');
    expect(util.metrics![0]).to.equal('GPU 1');
    await waitUntil(() => util.uplot?.data.length === 9, 'not redrawn');
    await drawn(util);
    // GPU 1 (at 20 %) is still drawn in series colour 1, although it is now the chart's first line
    expect(pixelsNearValue(util, 20, color(panel, 1))).to.be.greaterThan(50);
    expect(pixelsNearValue(util, 20, color(panel, 0))).to.equal(0);
    expect(chartById(panel, 'gpu-temp').metrics).to.not.include('GPU 0');
    // All off: GPU charts go, a note says why; All on again
    buttons[0].click();
    await panel.updateComplete;
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('true');
    buttons[0].click();
    await panel.updateComplete;
    expect(text(panel)).to.contain('No GPU selected');
    expect(panel.shadowRoot!.querySelector('[data-chart="gpu-util"]')).to.equal(null);
    expect(panel.shadowRoot!.querySelector('[data-chart="proc-cpu-share"]')).to.exist;
    await expect(panel).to.be.accessible();
  });
});

describe('system-panel: live', () => {
  function liveRun(): MemorySource {
    const n = 20;
    return new MemorySource({
      info: { id: 'run-1', state: 'running', startedAt: START, heartbeatAt: Date.now(), runtime: 300 },
      metrics: [series('system.gpu.0.gpu', n, () => 50), series('system.network.sent', n, (_, t) => 1024 * t)],
    });
  }

  it('appends points, derives the rate of new counter values, adds new GPUs and refreshes the statistics', async () => {
    const source = liveRun();
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await panelReady(el);
    const util = chartById(el, 'gpu-util');
    expect(util.uplot!.data[0].length).to.equal(20);
    const t = (i: number) => START + (i + 1) * EVERY_S * 1000;
    source.append('run-1', {
      points: [
        { key: 'system.gpu.0.gpu', step: 20, time: t(20), value: 90 },
        // 30 KB in 15 s: 2 KB/s
        { key: 'system.network.sent', step: 20, time: t(20), value: 1024 * 21 * EVERY_S + 15 * 1024 },
      ],
    });
    await waitUntil(() => util.uplot!.data[0].length === 21, 'point not appended');
    const network = chartById(el, 'network');
    expect(network.label).to.equal('Network traffic (KB/s)');
    await waitUntil(
      () => (network.uplot!.data[1] as unknown as number[]).at(-1) === 2,
      'rate of the new counter value not drawn',
      { timeout: 5000 },
    );
    await waitUntil(() => text(el).includes('90 %'), 'statistics not refreshed', { timeout: 5000 });
    source.append('run-1', {
      points: [{ key: 'system.gpu.1.gpu', step: 20, time: t(20), value: 30, group: 'system' }],
    });
    await waitUntil(() => chartById(el, 'gpu-util').metrics?.includes('GPU 1'), 'new GPU not charted', {
      timeout: 5000,
    });
  });

  it('no-live: ignores appended points', async () => {
    const source = liveRun();
    const el = await fixture<SystemPanel>(html`<system-panel no-live .source=${source}></system-panel>`);
    await panelReady(el);
    source.append('run-1', {
      points: [{ key: 'system.gpu.7.gpu', step: 20, time: START, value: 30, group: 'system' }],
    });
    // A MemorySource tells its watchers during append(): a panel that listened has updated by now.
    await el.updateComplete;
    await chartById(el, 'gpu-util').updateComplete;
    expect(chartById(el, 'gpu-util').metrics).to.deep.equal(['GPU 0']);
  });
});
