import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { MemoryMetric } from '../../../src/data/memory-source.js';
import { drawn, metric, sourceOf } from './helpers.js';

/** The labels uPlot drew on axis `i` (0: x, 1: y). */
const ticksOf = (el: MetricChart, i: number): string[] =>
  (el.uplot!.axes[i] as unknown as { _values: string[] })._values.filter((v) => v !== '');

async function chartOf(m: MemoryMetric, attrs: { x?: string; logY?: boolean } = {}): Promise<MetricChart> {
  const el = await fixture<MetricChart>(
    html`<metric-chart
      style="width: 480px"
      .source=${sourceOf([m])}
      metric=${m.key}
      x=${attrs.x ?? 'step'}
      ?log-y=${attrs.logY}
    ></metric-chart>`,
  );
  await drawn(el);
  return el;
}

function expectDistinct(labels: string[]): void {
  expect(labels.length).to.be.greaterThan(1, labels.join(' | '));
  expect(new Set(labels).size).to.equal(labels.length, labels.join(' | '));
}

async function tooltipAtEnd(el: MetricChart): Promise<string> {
  el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!.focus();
  await sendKeys({ press: 'End' });
  const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
  await waitUntil(() => !tip.hidden, 'tooltip');
  return tip.textContent!.replace(/\s+/g, ' ');
}

describe('metric-chart: labels on narrow ranges', () => {
  it('labels a learning rate varying in its 8th significant digit with distinct ticks', async () => {
    const el = await chartOf(metric('lr', 9, (i) => 0.00010000001 + i * 1e-11));
    const y = ticksOf(el, 1);
    expectDistinct(y);
    expect(y.every((t) => /^0\.0001(000000\d+)?$/.test(t))).to.equal(true, y.join(' | '));
    expect(await tooltipAtEnd(el)).to.contain('0.00010000009');
  });

  it('labels the same rate below 1e-4 in exponent form with the digits it needs', async () => {
    const el = await chartOf(metric('lr', 9, (i) => 0.000010000001 + i * 1e-12));
    const y = ticksOf(el, 1);
    expectDistinct(y);
    expect(y.every((t) => /^1(\.000000\d+)?e-5$/.test(t))).to.equal(true, y.join(' | '));
    expect(await tooltipAtEnd(el)).to.contain('1.0000009e-5');
  });

  it('labels 1e9 plus small steps in full, not as "1B"', async () => {
    const el = await chartOf(metric('tokens', 9, (i) => 1e9 + i));
    const y = ticksOf(el, 1);
    expectDistinct(y);
    expect(y.every((t) => /^1,000,000,00\d$/.test(t))).to.equal(true, y.join(' | '));
    expect(await tooltipAtEnd(el)).to.contain('1,000,000,008');
  });

  it('labels a narrow range around zero', async () => {
    const el = await chartOf(metric('grad_mean', 9, (i) => (i - 4) * 2.5e-10));
    const y = ticksOf(el, 1);
    expectDistinct(y);
    expect(y).to.include('0');
    expect(y.some((t) => /^-\d(\.\d+)?e-(9|10)$/.test(t))).to.equal(true, y.join(' | '));
  });

  it('labels a step axis of steps around a billion, and the tooltip says which step', async () => {
    const m = metric('loss', 9, (i) => 1 / (i + 1));
    m.step = Float64Array.from(m.step as ArrayLike<number>, (s) => 1_000_000_000 + s);
    const el = await chartOf(m);
    const x = ticksOf(el, 0);
    expectDistinct(x);
    expect(x.every((t) => /^1,000,000,00\d$/.test(t))).to.equal(true, x.join(' | '));
    expect(await tooltipAtEnd(el)).to.contain('Step 1,000,000,008');
  });

  it('keeps ordinary ranges short and log axes per decade', async () => {
    const el = await chartOf(
      metric('loss', 100, (i) => 10 ** -(i / 20)),
      { logY: true },
    );
    const y = ticksOf(el, 1);
    expectDistinct(y);
    expect(y.every((t) => t.length <= 6)).to.equal(true, y.join(' | '));
    const plain = await chartOf(metric('acc', 100, (i) => i / 100));
    expect(ticksOf(plain, 1)).to.deep.equal(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });
});
