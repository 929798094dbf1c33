import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { MemorySource, type MemoryMetric } from '../src/data/memory-source.js';
import { generateSampleRun } from '../src/data/sample-run.js';
import type { HardwareInfo, MetricPoint, RunSource } from '../src/data/source.js';
import { failingSource, loadingSource, malformedSource, runOnlySource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/system-panel',
  component: 'system-panel',
};
export default meta;
type Story = StoryObj;

const frame = (content: TemplateResult) => html`<div style="max-width: 1200px">${content}</div>`;
const panel = (source: RunSource, attrs: { xAxis?: string; theme?: string; columns?: string } = {}) =>
  frame(
    html`<system-panel
      .source=${source}
      x-axis=${attrs.xAxis ?? 'relative'}
      theme=${attrs.theme ?? 'auto'}
      columns=${attrs.columns ?? 'auto'}
    ></system-panel>`,
  );

const START = Date.UTC(2024, 4, 1, 9, 0, 0);
const EVERY_S = 15;

/** A smooth, repeatable wobble in [-1, 1] (no randomness: stories look the same every time). */
const wobble = (i: number, seed: number) => Math.sin(i * 0.37 + seed * 1.7) * 0.6 + Math.sin(i * 0.083 + seed) * 0.4;

function metric(
  key: string,
  n: number,
  f: (i: number, t: number) => number,
  group: 'system' | 'history' = 'system',
): MemoryMetric {
  const step: number[] = [];
  const value: number[] = [];
  const time: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i + 1) * EVERY_S;
    step.push(i);
    value.push(f(i, t));
    time.push(START + t * 1000);
  }
  return { key, group, step, value, time };
}

/** A counter growing by about `perSecond` per second, reset at `resetAt` (a resumed process) when given. */
function counter(perSecond: number, seed: number, resetAt?: number): (i: number, t: number) => number {
  let total = 0;
  let last = -1;
  return (i) => {
    if (i === resetAt) total = 0;
    if (i !== last) total += perSecond * EVERY_S * (1 + 0.5 * wobble(i, seed));
    last = i;
    return total;
  };
}

const A100: HardwareInfo = {
  cpu: 'AMD EPYC 7763 64-Core Processor',
  cpuCount: 64,
  cpuCountLogical: 128,
  memoryBytes: 1_081_975_545_856,
  gpus: Array.from({ length: 4 }, () => ({ name: 'NVIDIA A100-SXM4-80GB', memoryBytes: 85_899_345_920 })),
  acceleratorCount: 4,
  accelerator: 'cuda',
  cudaVersion: '12.1',
};

function runOf(
  metrics: MemoryMetric[],
  n: number,
  hardware?: HardwareInfo,
  id = 'system-run',
  sdk?: { name: string; version?: string },
): MemorySource {
  const runtime = n * EVERY_S;
  return new MemorySource({
    info: {
      id,
      state: 'finished',
      startedAt: START,
      endedAt: START + runtime * 1000,
      runtime,
      ...(hardware ? { hardware } : {}),
      ...(sdk ? { sdk } : {}),
    },
    metrics,
  });
}

const gpuUtil = (g: number) => (i: number) => Math.min(100, Math.max(0, 80 + 4 * g + 10 * wobble(i, g)));

/** W&B today, 2 hours, 4 GPUs: disk counters in MiB, network counters in bytes (reset once by a resume). */
function wandbSource(): MemorySource {
  const n = 480;
  const m: MemoryMetric[] = [
    metric('system.cpu', n, (i) => 35 + 8 * wobble(i, 1)),
    metric('system.proc.cpu.threads', n, (i) => (i < 10 ? 24 : 61)),
    metric('system.memory_percent', n, (i) => 30 + 0.02 * i + wobble(i, 2)),
    metric('system.proc.memory.rssMB', n, (i) => 6000 + 4 * i + 50 * wobble(i, 3)),
    metric('system.proc.memory.availableMB', n, (i) => 700_000 - 30 * i),
    metric('system.proc.memory.percent', n, (i) => 0.6 + 0.0004 * i),
    metric('system.disk./.usagePercent', n, (i) => 61.2 + 0.001 * i),
    metric('system.disk./.usageGB', n, (i) => 512 + 0.01 * i),
    metric('system.disk.in', n, counter(40, 4)),
    metric('system.disk.out', n, counter(6, 5)),
    metric('system.network.sent', n, counter(2.5 * 2 ** 20, 6, 300)),
    metric('system.network.recv', n, counter(11 * 2 ** 20, 7, 300)),
  ];
  for (let g = 0; g < 4; g++) {
    m.push(metric(`system.gpu.${g}.gpu`, n, gpuUtil(g)));
    m.push(metric(`system.gpu.${g}.memory`, n, (i) => 35 + 5 * wobble(i, g + 10)));
    m.push(metric(`system.gpu.${g}.memoryAllocated`, n, (i) => Math.min(95, 20 + i * 0.5) + g));
    m.push(metric(`system.gpu.${g}.memoryAllocatedBytes`, n, (i) => (Math.min(95, 20 + i * 0.5) + g) * 0.8 * 2 ** 30));
    m.push(metric(`system.gpu.${g}.temp`, n, (i) => 55 + 12 * Math.min(1, i / 40) + g + wobble(i, g)));
    m.push(metric(`system.gpu.${g}.powerWatts`, n, (i) => 280 + 40 * wobble(i, g + 20)));
    m.push(metric(`system.gpu.${g}.enforcedPowerLimitWatts`, n, () => 400));
    m.push(metric(`system.gpu.${g}.powerPercent`, n, (i) => (280 + 40 * wobble(i, g + 20)) / 4));
    m.push(metric(`system.gpu.${g}.smClock`, n, (i) => 1410 - 30 * Math.max(0, wobble(i, g + 30))));
    m.push(metric(`system.gpu.${g}.memoryClock`, n, () => 1593));
    m.push(metric(`system.gpu.${g}.fanSpeed`, n, (i) => 40 + 10 * wobble(i, g + 40)));
    m.push(metric(`system.gpu.process.${g}.gpu`, n, gpuUtil(g)));
    m.push(metric(`system.gpu.${g}.pcieLinkGen`, n, () => 4));
  }
  m.push(metric('train/loss', n, (i) => 2 / (1 + i / 50), 'history'));
  return runOf(m, n, A100, 'wandb-run', { name: 'wandb', version: '0.21.0' });
}

/** W&B about 2020 (SDK 0.10): system-wide cpu, memory and disk percentages, network byte counters, one GPU. */
function legacySource(): MemorySource {
  const n = 240;
  return runOf(
    [
      metric('system.cpu', n, (i) => 60 + 15 * wobble(i, 1)),
      metric('system.memory', n, (i) => 22 + 3 * wobble(i, 2)),
      metric('system.disk', n, () => 48.3),
      metric('system.network.sent', n, counter(200 * 1024, 3)),
      metric('system.network.recv', n, counter(900 * 1024, 4)),
      metric('system.gpu.0.gpu', n, gpuUtil(0)),
      metric('system.gpu.0.memory', n, (i) => 40 + 5 * wobble(i, 5)),
      metric('system.gpu.0.memoryAllocated', n, () => 63.5),
      metric('system.gpu.0.temp', n, (i) => 70 + 3 * wobble(i, 6)),
    ],
    n,
    { cpuCount: 8, gpus: [{ name: 'Tesla V100-SXM2-16GB', memoryBytes: 16 * 2 ** 30 }], acceleratorCount: 1 },
    'wandb-2020',
    { name: 'wandb', version: '0.10.20' },
  );
}

/** MLflow: `system/…` names, megabytes of 10^6 bytes, 2 GPUs, sampled every 15 s here. */
function mlflowSource(): MemorySource {
  const n = 360;
  const m: MemoryMetric[] = [
    metric('system/cpu_utilization_percentage', n, (i) => 30 + 10 * wobble(i, 1)),
    metric('system/system_memory_usage_megabytes', n, (i) => 48_000 + 20 * i),
    metric('system/system_memory_usage_percentage', n, (i) => 37 + 0.015 * i),
    metric('system/disk_usage_percentage', n, () => 71.4),
    metric('system/disk_usage_megabytes', n, (i) => 680_000 + i),
    metric('system/disk_available_megabytes', n, (i) => 272_000 - i),
    metric('system/network_receive_megabytes', n, counter(6, 2)),
    metric('system/network_transmit_megabytes', n, counter(1.5, 3)),
  ];
  for (let g = 0; g < 2; g++) {
    m.push(metric(`system/gpu_${g}_utilization_percentage`, n, gpuUtil(g)));
    m.push(metric(`system/gpu_${g}_memory_usage_percentage`, n, () => 55 + g * 10));
    m.push(metric(`system/gpu_${g}_memory_usage_megabytes`, n, () => (55 + g * 10) * 240));
    m.push(metric(`system/gpu_${g}_power_usage_watts`, n, (i) => 220 + 30 * wobble(i, g)));
    m.push(metric(`system/gpu_${g}_power_usage_percentage`, n, (i) => (220 + 30 * wobble(i, g)) / 3));
  }
  return runOf(
    m,
    n,
    { cpuCount: 16, memoryBytes: 128 * 2 ** 30, gpus: [{ name: 'NVIDIA L4' }, { name: 'NVIDIA L4' }] },
    'mlflow-run',
  );
}

/** Aim: `__system__…` names, the GPU index in the context after the name, process CPU above 100 %. */
function aimSource(): MemorySource {
  const n = 360;
  const m: MemoryMetric[] = [
    metric('__system__cpu', n, (i) => 240 + 60 * wobble(i, 1), 'history'),
    metric('__system__memory_percent', n, (i) => 28 + 2 * wobble(i, 2), 'history'),
    metric('__system__p_memory_percent', n, (i) => 3.5 + 0.002 * i, 'history'),
    metric('__system__disk_percent', n, () => 66, 'history'),
  ];
  for (let g = 0; g < 3; g++) {
    m.push(metric(`__system__gpu{"gpu": ${g}}`, n, gpuUtil(g), 'history'));
    m.push(metric(`__system__gpu_memory_percent{"gpu": ${g}}`, n, () => 40 + 8 * g, 'history'));
    m.push(metric(`__system__gpu_temp{"gpu": ${g}}`, n, (i) => 60 + g * 2 + wobble(i, g), 'history'));
    m.push(metric(`__system__gpu_power_watts{"gpu": ${g}}`, n, (i) => 180 + 20 * wobble(i, g), 'history'));
  }
  return runOf(m, n, undefined, 'aim-run');
}

/** A TPU VM (W&B `tpu.<i>.*`) beside an AMD GPU host's names (`memoryReadWriteActivity`). */
function acceleratorSource(): MemorySource {
  const n = 240;
  const m: MemoryMetric[] = [metric('system.cpu', n, (i) => 20 + 5 * wobble(i, 1))];
  for (let d = 0; d < 4; d++) {
    m.push(metric(`system.tpu.${d}.dutyCycle`, n, (i) => 70 + 8 * d + 6 * wobble(i, d)));
    m.push(metric(`system.tpu.${d}.memoryUsage`, n, () => 40 + 5 * d));
    m.push(metric(`system.tpu.${d}.memoryUsageBytes`, n, () => (40 + 5 * d) * 0.16 * 2 ** 30));
  }
  for (let g = 0; g < 2; g++) {
    m.push(metric(`system.gpu.${g}.gpu`, n, gpuUtil(g)));
    m.push(metric(`system.gpu.${g}.memoryReadWriteActivity`, n, (i) => 30 + 10 * wobble(i, g + 5)));
    m.push(metric(`system.gpu.${g}.temp`, n, (i) => 58 + 2 * wobble(i, g)));
  }
  return runOf(
    m,
    n,
    { cpuCount: 96, acceleratorCount: 6, accelerator: 'TPU v4 + AMD Instinct MI250X' },
    'accelerators',
  );
}

const sources = new Map<string, MemorySource>();
const once = (name: string, make: () => MemorySource) => {
  let s = sources.get(name);
  if (!s) sources.set(name, (s = make()));
  return s;
};

/** W&B's current names: every catalogue chart, process GPU charts, an unknown per-GPU field under Other. */
export const Data: Story = { render: () => panel(once('wandb', wandbSource)) };

/** `columns="2"`: at most two charts side by side however wide the panel is (the toolbar's Columns menu sets it too). */
export const TwoColumns: Story = { render: () => panel(once('wandb', wandbSource), { columns: '2' }) };

/**
 * A W&B run from about 2020: `system.cpu` (system-wide before SDK 0.13.5, the process's share of all
 * CPUs after), `system.memory`, `system.disk` and network counters.
 */
export const WandbLegacy2020: Story = { render: () => panel(once('legacy', legacySource)) };

/** MLflow's `system/…` metrics: megabytes converted, network megabyte counters drawn as a rate. */
export const MLflow: Story = { render: () => panel(once('mlflow', mlflowSource)) };

/** Aim's `__system__…` metrics with the GPU in the context; process CPU is not clipped at 100 %. */
export const Aim: Story = { render: () => panel(once('aim', aimSource)) };

/** TPU and AMD GPU metrics: a TPU group, one colour per TPU, AMD's memory activity. */
export const TpuAndAmd: Story = { render: () => panel(once('accelerators', acceleratorSource)) };

/** The generated sample run (8 GPUs): the GPU selector appears. */
export const EightGpus: Story = {
  render: () => panel(once('sample', () => new MemorySource(generateSampleRun({ seed: 1, steps: 1000, gpus: 8 })))),
};

/** Sixteen GPUs: GPU i keeps colour i in every chart (the palette repeats after ten). */
export const SixteenGpus: Story = {
  render: () => panel(once('sixteen', () => new MemorySource(generateSampleRun({ seed: 2, steps: 600, gpus: 16 })))),
};

/** The x-axis in wall-clock time. */
export const WallClock: Story = { render: () => panel(once('wandb', wandbSource), { xAxis: 'wallclock' }) };

/** Japanese labels. */
export const Japanese: Story = {
  render: () => html`<div lang="ja">${panel(once('mlflow', mlflowSource))}</div>`,
};

/** The dark theme. */
export const Dark: Story = {
  render: () =>
    html`<div style="background:#14161b;padding:8px">${panel(once('wandb', wandbSource), { theme: 'dark' })}</div>`,
};

let stopLive: (() => void) | undefined;
/** A running run: W&B system samples every second, network counters as rates, GPU 2 joins after 5 s. */
export const Live: Story = {
  render: () => {
    stopLive?.();
    const startedAt = Date.now() - 60_000;
    const n = 4;
    const keys = ['system.cpu', 'system.gpu.0.gpu', 'system.gpu.1.gpu', 'system.network.sent', 'system.network.recv'];
    const metrics = keys.map((key) => ({
      key,
      group: 'system' as const,
      step: [] as number[],
      value: [] as number[],
      time: [] as number[],
    }));
    let sent = 0;
    let recv = 0;
    let step = 0;
    const sample = (now: number): MetricPoint[] => {
      sent += 2 ** 20 * (1 + 0.5 * wobble(step, 1));
      recv += 4 * 2 ** 20 * (1 + 0.5 * wobble(step, 2));
      const values: Record<string, number> = {
        'system.cpu': 40 + 10 * wobble(step, 3),
        'system.gpu.0.gpu': gpuUtil(0)(step),
        'system.gpu.1.gpu': gpuUtil(1)(step),
        'system.network.sent': sent,
        'system.network.recv': recv,
      };
      if (step >= n + 5) values['system.gpu.2.gpu'] = gpuUtil(2)(step);
      const points = Object.entries(values).map(([key, value]) => ({ key, step, time: now, value }));
      step++;
      return points;
    };
    for (let i = 0; i < n; i++) {
      for (const p of sample(startedAt + (i + 1) * 15_000)) {
        const m = metrics.find((x) => x.key === p.key)!;
        m.step.push(p.step);
        m.value.push(p.value);
        m.time.push(p.time);
      }
    }
    const source = new MemorySource({
      info: { id: 'live', state: 'running', startedAt, heartbeatAt: Date.now(), runtime: 60, hardware: A100 },
      metrics,
    });
    const timer = setInterval(() => {
      const now = Date.now();
      source.append('live', {
        points: sample(now).map((p) => ({ ...p, group: 'system' as const })),
        run: { heartbeatAt: now },
      });
    }, 1000);
    stopLive = () => clearInterval(timer);
    return panel(source);
  },
};

/** Waiting for the source. */
export const Loading: Story = {
  render: () =>
    panel({ ...loadingSource(), listMetrics: () => new Promise(() => {}), getSeries: () => new Promise(() => {}) }),
};

/** A run that logged no system metrics. */
export const Empty: Story = {
  render: () =>
    panel(
      once('empty', () => runOf([metric('train/loss', 50, (i) => 1 / (i + 1), 'history')], 50, undefined, 'no-system')),
    ),
};

/** The source fails with a retryable error (retry fails again here). */
export const Error: Story = { render: () => panel(failingSource()) };

/** A source without metric listing: "not available from this source". */
export const Unsupported: Story = { render: () => panel(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => panel(malformedSource()) };

/** At a phone's width (390 px): the System tab: one column of full-width charts, columns and GPUs in a "More" menu. */
export const Phone: Story = { render: () => atPhoneWidth(panel(once('wandb', wandbSource))) };
