import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateLargeMetrics, generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import type { RunSource } from '../src/data/source.js';
import { bandCode, unionCode } from '../src/elements/metric-chart/plot-parts.js';
import { cursorCode } from '../src/elements/metric-chart/lazy-parts.js';
import type { MetricChart } from '../src/elements/metric-chart/metric-chart.js';
import { failingLoad, until } from './support/failing-load.js';
import { failingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/metric-chart',
  component: 'metric-chart',
};
export default meta;
type Story = StoryObj;

const frame = (content: TemplateResult) => html`<div style="max-width: 900px">${content}</div>`;
const chart = (source: RunSource, attrs: TemplateResult | string = '') =>
  frame(html`<metric-chart .source=${source} metric="train/loss" label="train/loss">${attrs}</metric-chart>`);

/** One metric of the generated sample run (600 steps): drag to zoom, double-click or Escape to reset. */
export const Data: Story = { render: () => chart(sampleSource()) };

const severalMetrics = () =>
  frame(
    html`<metric-chart .source=${sampleSource()} .metrics=${['train/loss', 'val/loss']} label="Loss"></metric-chart>`,
  );
/** Several metrics in one chart; click a legend entry to hide it. */
export const SeveralMetrics: Story = { render: severalMetrics };

let twoRuns: MemorySource | undefined;
/** Two runs, labelled from a template with a config value (`${run} lr=${config.optimizer.lr}`). */
export const SeveralRuns: Story = {
  render: () => {
    twoRuns ??= new MemorySource([
      generateSampleRun({ seed: 1, steps: 600, id: 'run-a' }),
      generateSampleRun({ seed: 7, steps: 800, id: 'run-b' }),
    ]);
    return frame(
      html`<metric-chart
        .source=${twoRuns}
        runs="run-a run-b"
        metric="train/loss"
        legend="\${run} lr=\${config.optimizer.lr}"
      ></metric-chart>`,
    );
  },
};

/** TensorBoard's debiased EMA (weight 0.9), computed on the full data by the source, over the faint raw line. */
export const SmoothingEma: Story = {
  render: () =>
    frame(
      html`<metric-chart
        .source=${sampleSource()}
        metric="train/loss"
        smoothing="ema"
        smoothing-weight="0.9"
        show-original
      ></metric-chart>`,
    ),
};

/** Time-weighted EMA: a gap in x forgets more of the past. */
export const SmoothingTimeWeighted: Story = {
  render: () =>
    frame(
      html`<metric-chart
        .source=${sampleSource()}
        metric="train/loss"
        smoothing="twema"
        smoothing-weight="0.9"
        show-original
      ></metric-chart>`,
    ),
};

/** Centred running average over ±10 points. */
export const SmoothingAverage: Story = {
  render: () =>
    frame(
      html`<metric-chart
        .source=${sampleSource()}
        metric="train/loss"
        smoothing="average"
        smoothing-weight="10"
        show-original
      ></metric-chart>`,
    ),
};

const gaussianWithBand = () =>
  frame(
    html`<metric-chart
      .source=${sampleSource()}
      metric="train/loss"
      smoothing="gaussian"
      smoothing-weight="5"
      band
    ></metric-chart>`,
  );
/** Gaussian kernel, σ = 5 points, with the raw min–max band. */
export const SmoothingGaussianWithBand: Story = { render: gaussianWithBand };

/** Learning rate on a log scale. */
export const LogY: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/lr" log-y></metric-chart>`),
};

function signedSource(): MemorySource {
  const n = 400;
  const step = Array.from({ length: n }, (_, i) => i);
  return new MemorySource({
    info: { id: 'signed', state: 'finished' },
    metrics: [
      { key: 'reward', step, value: step.map((i) => (i % 40 === 0 ? 0 : i % 25 === 0 ? -3 : Math.exp(i / 60))) },
    ],
  });
}
/** Log scales with zeros and negatives in the data: left out, and counted in the legend and tooltip. */
export const LogWithZerosAndNegatives: Story = {
  render: () => frame(html`<metric-chart .source=${signedSource()} metric="reward" log-y log-x></metric-chart>`),
};

/** Gradient norm with rare large spikes: the y range follows the 5th–95th percentile; the spikes are still drawn, off the top. */
export const IgnoreOutliers: Story = {
  render: () =>
    frame(html`<metric-chart .source=${sampleSource()} metric="train/grad_norm" ignore-outliers></metric-chart>`),
};

/** Fixed axis ends: y 0–3, x 100–400. */
export const AxisRanges: Story = {
  render: () =>
    frame(
      html`<metric-chart
        .source=${sampleSource()}
        metric="train/loss"
        y-min="0"
        y-max="3"
        x-min="100"
        x-max="400"
      ></metric-chart>`,
    ),
};

/** x = seconds since the run started (ticks in s / min / h). */
export const XRelative: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/loss" x="relative"></metric-chart>`),
};

/** x = process runtime (the source's `runtime` axis). */
export const XProcess: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/loss" x="process"></metric-chart>`),
};

/** x = wall-clock dates and times. */
export const XWallclock: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/loss" x="wallclock"></metric-chart>`),
};

/** x = another metric (`epoch`). */
export const XMetric: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="val/accuracy" x="epoch"></metric-chart>`),
};

/** NaN and +Inf in the raw data: gaps with a marker on the axis, counted in the legend and tooltip. */
export const NonFiniteValues: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/aux_loss"></metric-chart>`),
};

/**
 * Narrow ranges: a learning rate varying in its 8th significant digit and a counter at 1e9 plus a
 * few steps. Tick labels and the tooltip carry the digits that tell the values apart.
 */
export const NarrowRange: Story = {
  render: () => {
    const step = Array.from({ length: 200 }, (_, i) => i);
    const source = new MemorySource({
      info: { id: 'narrow', state: 'finished' },
      metrics: [
        { key: 'lr', step, value: step.map((s) => 0.0001 + Math.round(10 * Math.sin(s / 20)) * 1e-11) },
        { key: 'tokens', step, value: step.map((s) => 1e9 + s) },
      ],
    });
    return frame(
      html`<metric-chart .source=${source} metric="lr"></metric-chart>
        <metric-chart .source=${source} metric="tokens"></metric-chart>`,
    );
  },
};

function resumedSource(): MemorySource {
  const step = [...Array.from({ length: 300 }, (_, i) => i), ...Array.from({ length: 300 }, (_, i) => 200 + i)];
  return new MemorySource({
    info: { id: 'resumed', state: 'finished' },
    metrics: [{ key: 'train/loss', step, value: step.map((s, i) => 2 * Math.exp(-s / 150) + (i >= 300 ? 0.15 : 0)) }],
  });
}
/** A resumed run whose steps go back from 300 to 200: noted above the legend, drawn in step order. */
export const NonMonotonicSteps: Story = { render: () => chart(resumedSource()) };

let large: MemorySource | undefined;
/** 10 metrics × 1,000,000 points each, with single-sample spikes: every spike stays visible at any zoom. */
export const TenMillionPoints: Story = {
  render: () => {
    large ??= new MemorySource({
      info: { id: 'large', state: 'finished' },
      metrics: generateLargeMetrics({ metrics: 10, points: 1_000_000 }),
    });
    return frame(
      html`<metric-chart
        .source=${large}
        .metrics=${Array.from({ length: 10 }, (_, i) => `large/metric_${i}`)}
        label="10 × 1M points"
      ></metric-chart>`,
    );
  },
};

let stopLive: (() => void) | undefined;
/** A running run: points arrive every half second and the view follows the newest step until you zoom. */
export const Live: Story = {
  render: () => {
    stopLive?.();
    const source = new MemorySource(generateSampleRun({ seed: 5, steps: 100, state: 'running', id: 'live' }));
    stopLive = playLiveRun(source, 'live', { intervalMs: 500, end: 'never' });
    return frame(
      html`<metric-chart
        .source=${source}
        .metrics=${['train/loss', 'train/accuracy']}
        smoothing="ema"
        smoothing-weight="0.6"
        show-original
      ></metric-chart>`,
    );
  },
};

let stopPaused: (() => void) | undefined;
/** The same running run with `no-live`: the chart keeps what it first loaded. */
export const LiveOff: Story = {
  render: () => {
    stopPaused?.();
    const source = new MemorySource(generateSampleRun({ seed: 6, steps: 100, state: 'running', id: 'paused' }));
    stopPaused = playLiveRun(source, 'paused', { intervalMs: 500, end: 'never' });
    return frame(html`<metric-chart .source=${source} metric="train/loss" no-live></metric-chart>`);
  },
};

/** Two charts in one `sync` group share the crosshair. */
export const SyncedCursor: Story = {
  render: () =>
    frame(
      html`<metric-chart .source=${sampleSource()} metric="train/loss" sync="story"></metric-chart>
        <metric-chart .source=${sampleSource()} metric="train/accuracy" sync="story"></metric-chart>`,
    ),
};

/** Per-series colours override the theme palette. */
export const CustomColors: Story = {
  render: () =>
    frame(
      html`<metric-chart
        .source=${sampleSource()}
        .metrics=${['train/loss', 'val/loss']}
        .colors=${{ 'train/loss': '#d6336c', 'val/loss': '#0ca678' }}
      ></metric-chart>`,
    ),
};

/** At phone width (390px): the plot, header and legend fit; the toolbar wraps under the label. */
export const PhoneWidth: Story = {
  render: () =>
    html`<div style="width: 390px">
      <metric-chart
        .source=${sampleSource()}
        .metrics=${['train/loss', 'val/loss']}
        label="Training and validation loss"
      ></metric-chart>
    </div>`,
};

/** Labels in Japanese. */
export const Japanese: Story = {
  render: () =>
    html`<div lang="ja" style="max-width: 900px">
      <metric-chart .source=${sampleSource()} metric="train/aux_loss" x="relative" label="補助損失"></metric-chart>
    </div>`,
};

/** The dark theme. */
export const Dark: Story = {
  render: () =>
    frame(
      html`<metric-chart .source=${sampleSource()} .metrics=${['train/loss', 'val/loss']} theme="dark"></metric-chart>`,
    ),
};

function pendingSource(): RunSource {
  return {
    defaultRunId: () => 'pending',
    getRun: async (id) => ({ id, state: 'running' }),
    getSeries: () => new Promise(() => {}),
  };
}
/** The source has not answered yet. */
export const Loading: Story = { render: () => chart(pendingSource()) };

/** The metric exists but has no points yet. */
export const Empty: Story = {
  render: () =>
    chart(
      new MemorySource({
        info: { id: 'empty', state: 'running' },
        metrics: [{ key: 'train/loss', step: [], value: [] }],
      }),
    ),
};

/** The run never logged this metric. */
export const MetricNotFound: Story = {
  render: () => frame(html`<metric-chart .source=${sampleSource()} metric="train/perplexity"></metric-chart>`),
};

/** No metric attribute. */
export const NoMetric: Story = { render: () => frame(html`<metric-chart .source=${sampleSource()}></metric-chart>`) };

/** The source failed with a retryable error (retry fails again here). */
export const Error: Story = { render: () => chart(failingSource()) };

/**
 * The code of the band (loaded by the first chart that draws one) could not be fetched: the chart
 * says so with a Retry. The story fails that load once; Retry loads the real code and draws the
 * smoothed line with its band.
 */
export const BandCodeError: Story = {
  tags: ['!autodocs'], // it changes how the whole page loads the band: not on the page of every story
  beforeEach: () => failingLoad(bandCode),
  render: gaussianWithBand,
};

/**
 * The code that merges the x of series logged at different steps (train/loss at every step,
 * val/loss every few) could not be fetched: the chart says so with a Retry. The story fails that
 * load once; Retry loads the real code and draws both series.
 */
export const MergedXCodeError: Story = {
  tags: ['!autodocs'],
  beforeEach: () => failingLoad(unionCode),
  render: severalMetrics,
};

/**
 * The crosshair's code (loaded when the pointer or focus first comes to the plot) could not be
 * fetched: the tooltip says "Could not load this". The story focuses the plot and fails that load
 * once; the next pointer move over the plot loads the real code and shows the crosshair.
 */
export const CrosshairCodeError: Story = {
  tags: ['!autodocs'],
  beforeEach: () => failingLoad(cursorCode),
  render: () => chart(sampleSource()),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<MetricChart>('metric-chart')!;
    await until(() => el.uplot);
    el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!.focus();
  },
};

/** The source cannot provide series at all. */
export const Unsupported: Story = { render: () => chart(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => chart(malformedSource()) };

/** At a phone's width (390 px): one chart. */
export const Phone: Story = { render: () => atPhoneWidth(chart(sampleSource())) };
