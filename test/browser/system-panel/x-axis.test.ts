import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/system-panel/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { EVERY_S, legacyWandbRun, START } from './key-sets.js';
import { chartById, charts, drawn, panelReady } from './helpers.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86400 };

/** The x-axis ticks as drawn: [position value, label]. uPlot keeps them on the axis after a draw. */
function ticks(c: MetricChart): [number, string][] {
  const axis = c.uplot!.axes[0] as unknown as { _splits: number[]; _values: string[] };
  return axis._splits.map((s, i) => [s, axis._values[i]]);
}

/** Seconds a duration tick label stands for (`90s`, `1.5min`, `2h`, `3d`). */
function labelSeconds(label: string): { seconds: number; unit: string } {
  const m = /^(-?\d+(?:\.\d+)?)(s|min|h|d)$/.exec(label);
  if (!m) throw new Error(`not a duration label: ${label}`);
  return { seconds: Number(m[1]) * UNIT_SECONDS[m[2]], unit: m[2] };
}

async function panelOf(minutes: number): Promise<SystemPanel> {
  const el = await fixture<SystemPanel>(
    html`<div style="width: 900px"><system-panel .source=${legacyWandbRun({ minutes })}></system-panel></div>`,
  );
  const p = el.querySelector('system-panel')!;
  await panelReady(p);
  return p;
}

describe('system-panel: x-axis', () => {
  for (const [minutes, unit] of [
    [1.5, 's'],
    [120, 'min'],
    [60 * 10, 'h'],
    [60 * 24 * 6, 'd'],
  ] as const) {
    it(`time since start over ${minutes} min: ticks in ${unit}, and each label is the value plotted under it`, async () => {
      const el = await panelOf(minutes);
      const c = chartById(el, 'cpu');
      const u = c.uplot!;
      // x values are seconds since the start: the last sample sits at the run's length
      const xs = u.data[0] as unknown as number[];
      expect(xs[0]).to.equal(EVERY_S);
      expect(xs[xs.length - 1]).to.equal(Math.round((minutes * 60) / EVERY_S) * EVERY_S);
      const drawnTicks = ticks(c);
      expect(drawnTicks.length).to.be.greaterThan(1);
      const units = new Set<string>();
      for (const [split, label] of drawnTicks) {
        const parsed = labelSeconds(label);
        units.add(parsed.unit);
        // the label names the x value at the tick's position (the bug elsewhere: minutes on the label, seconds on the axis)
        expect(parsed.seconds, `${label} at x=${split}`).to.be.closeTo(split, 1e-6 * Math.max(1, split));
      }
      expect([...units]).to.deep.equal([unit]);
      // and a data point at a tick is drawn at that tick's pixel
      const [split] = drawnTicks.find(([s]) => s > 0 && s % EVERY_S === 0) ?? drawnTicks[1];
      const idx = xs.indexOf(split);
      if (idx >= 0) expect(u.valToPos(xs[idx], 'x')).to.equal(u.valToPos(split, 'x'));
    });
  }

  it('switches to wall clock with the keyboard, fires an event and plots epoch times', async () => {
    const el = await panelOf(120);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[role="switch"]')!;
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    toggle.focus();
    const event = oneEvent(el, 'system-panel-x-axis');
    await sendKeys({ press: 'Space' });
    expect((await event).detail).to.deep.equal({ xAxis: 'wallclock' });
    expect(el.xAxis).to.equal('wallclock');
    await el.updateComplete;
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    const c = chartById(el, 'cpu');
    await waitUntil(() => (c.uplot?.data[0][0] ?? 0) > START, 'not redrawn on wall-clock time', { timeout: 5000 });
    await drawn(c);
    expect(c.x).to.equal('wallclock');
    expect(c.uplot!.data[0][0]).to.equal(START + EVERY_S * 1000);
    // the network rate is the same per second on either axis
    const network = chartById(el, 'network');
    await waitUntil(() => (network.uplot?.data[0][0] ?? 0) > START, 'network not redrawn', { timeout: 5000 });
    const sent = network.uplot!.data[1] as unknown as number[];
    expect(sent.filter((v) => typeof v === 'number').every((v) => Math.abs(v - 2) < 1e-9)).to.equal(true);
    for (const chart of charts(el)) expect(chart.x).to.equal('wallclock');
  });

  it('a bad x-axis attribute warns and falls back to time since start', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      const el = await fixture<SystemPanel>(
        html`<system-panel x-axis="minutes" .source=${legacyWandbRun({ minutes: 5 })}></system-panel>`,
      );
      await panelReady(el);
      expect(el.xAxis).to.equal('relative');
      expect(warnings.join('\n')).to.contain('x-axis="minutes"');
    } finally {
      console.warn = warn;
    }
  });
});
