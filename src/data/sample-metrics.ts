/** Metric curves of a generated training run: history metrics per step and W&B-style system metrics. */
import type { MemoryMetric } from './memory-metrics.js';
import type { Random } from './random.js';

export interface SampleClock {
  startedAt: number;
  /** Simulated seconds per training step. */
  secondsPerStep: number;
  steps: number;
}

/** Epoch ms at which `step` was logged (small jitter keeps it realistic but monotonic). */
export function stepTime(clock: SampleClock, step: number, jitter = 0): number {
  return clock.startedAt + Math.round((step * clock.secondsPerStep + 4 + jitter) * 1000);
}

/** Learning rate: linear warmup over the first 5 % of steps, then cosine decay to 10 % of the peak. */
export function learningRate(step: number, steps: number, peak = 3e-4): number {
  const warmup = Math.max(1, Math.round(steps * 0.05));
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const p = Math.min(1, (step - warmup) / Math.max(1, steps - warmup));
  return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * p)));
}

/** Training loss without noise: a decaying exponential toward a floor. */
export function lossCurve(step: number, steps: number): number {
  return 0.35 + 2.1 * Math.exp(-step / (steps * 0.18)) + 0.25 * Math.exp(-step / (steps * 0.6));
}

interface Columns {
  step: number[];
  value: number[];
  time: number[];
  runtime: number[];
}

function columns(): Columns {
  return { step: [], value: [], time: [], runtime: [] };
}

function push(c: Columns, clock: SampleClock, step: number, value: number, jitter: number): void {
  const time = stepTime(clock, step, jitter);
  c.step.push(step);
  c.value.push(value);
  c.time.push(time);
  c.runtime.push((time - clock.startedAt) / 1000);
}

function metric(key: string, c: Columns): MemoryMetric {
  return { key, group: 'history', step: c.step, value: c.value, time: c.time, runtime: c.runtime };
}

const EXTRA_SECTIONS = ['layers', 'eval', 'optim', 'data', 'custom'];

export function historyMetrics(rnd: Random, clock: SampleClock, extraMetrics: number): MemoryMetric[] {
  const { steps } = clock;
  const loss = columns();
  const acc = columns();
  const lr = columns();
  const grad = columns();
  const aux = columns();
  const epoch = columns();
  const valLoss = columns();
  const valAcc = columns();
  const spikes = new Set<number>();
  const spikeCount = Math.max(1, Math.round(steps / 500));
  while (spikes.size < Math.min(spikeCount, steps)) spikes.add(rnd.int(Math.floor(steps * 0.1), steps - 1));
  const valEvery = Math.max(1, Math.round(steps / 20));
  const stepsPerEpoch = Math.max(1, Math.round(steps / 10));
  let lossNoise = 0;
  for (let s = 0; s < steps; s++) {
    const jitter = rnd.next() * 0.05;
    lossNoise = 0.7 * lossNoise + 0.3 * rnd.normal();
    const l = lossCurve(s, steps) * (1 + 0.06 * lossNoise) + 0.01 * rnd.normal();
    push(loss, clock, s, l, jitter);
    push(acc, clock, s, Math.min(1, Math.max(0, 1 - l / 2.8 + 0.01 * rnd.normal())), jitter);
    push(lr, clock, s, learningRate(s, steps), jitter);
    const g = 0.8 + 1.5 * Math.exp(-s / (steps * 0.1)) + 0.08 * Math.abs(rnd.normal());
    push(grad, clock, s, spikes.has(s) ? g * (8 + 4 * rnd.next()) : g, jitter);
    // A mixed-precision auxiliary loss that overflows now and then: NaN (and one +Inf) in the raw data.
    const overflow = rnd.next() < 0.004;
    push(aux, clock, s, overflow ? (rnd.next() < 0.2 ? Infinity : NaN) : 0.1 * l + 0.005 * rnd.normal(), jitter);
    push(epoch, clock, s, s / stepsPerEpoch, jitter);
    if ((s + 1) % valEvery === 0 || s === steps - 1) {
      const vl = lossCurve(s, steps) * 1.08 + 0.03 + 0.015 * rnd.normal();
      push(valLoss, clock, s, vl, jitter + 0.2);
      push(valAcc, clock, s, Math.min(1, Math.max(0, 1 - vl / 2.7 + 0.008 * rnd.normal())), jitter + 0.2);
    }
  }
  const out = [
    metric('train/loss', loss),
    metric('train/accuracy', acc),
    metric('train/lr', lr),
    metric('train/grad_norm', grad),
    metric('train/aux_loss', aux),
    metric('epoch', epoch),
    metric('val/loss', valLoss),
    metric('val/accuracy', valAcc),
  ];
  for (let i = 0; i < extraMetrics; i++) {
    const section = EXTRA_SECTIONS[i % EXTRA_SECTIONS.length];
    const key = `${section}/${section === 'layers' ? `block_${Math.floor(i / EXTRA_SECTIONS.length)}/weight_norm` : `metric_${i}`}`;
    const c = columns();
    const every = 1 + (i % 4) * 5;
    const base = 0.5 + rnd.next() * 5;
    const rate = 0.2 + rnd.next();
    const sign = rnd.next() < 0.5 ? -1 : 1;
    for (let s = 0; s < steps; s += every) {
      const v = base * (1 + sign * 0.5 * (1 - Math.exp(((-rate * s) / steps) * 5))) + 0.02 * base * rnd.normal();
      push(c, clock, s, v, rnd.next() * 0.05);
    }
    out.push(metric(key, c));
  }
  return out;
}

/** System metrics with W&B's keys, sampled every 15 s of simulated time. */
export function systemMetrics(rnd: Random, clock: SampleClock, gpus: number): MemoryMetric[] {
  const duration = clock.steps * clock.secondsPerStep + 8;
  const samples = Math.max(1, Math.floor(duration / 15));
  const series = new Map<string, number[]>();
  const put = (key: string, v: number): void => {
    let list = series.get(key);
    if (!list) series.set(key, (list = []));
    list.push(v);
  };
  const time: number[] = [];
  const runtime: number[] = [];
  let sent = 0;
  let recv = 0;
  const gpuBase = Array.from({ length: gpus }, () => 85 + rnd.next() * 10);
  for (let i = 0; i < samples; i++) {
    const t = 15 * (i + 1);
    const warm = Math.min(1, t / 60);
    time.push(clock.startedAt + t * 1000);
    runtime.push(t);
    put('system.cpu', 20 + 40 * warm + 8 * rnd.next());
    put('system.memory_percent', 18 + 22 * warm + 0.002 * t + rnd.next());
    put('system.proc.memory.rssMB', 2400 + 5200 * warm + 0.8 * t + 40 * rnd.next());
    put('system.disk./.usagePercent', 61.2 + 0.0004 * t);
    sent += 2e6 + 5e5 * rnd.next();
    recv += 9e6 + 3e6 * rnd.next();
    put('system.network.sent', Math.round(sent));
    put('system.network.recv', Math.round(recv));
    for (let g = 0; g < gpus; g++) {
      const util = Math.min(100, Math.max(0, gpuBase[g] * warm + 4 * rnd.normal()));
      put(`system.gpu.${g}.gpu`, util);
      put(`system.gpu.${g}.memory`, Math.min(100, util * 0.45 + rnd.next() * 3));
      put(`system.gpu.${g}.memoryAllocated`, 10 + 62 * warm + rnd.next());
      put(`system.gpu.${g}.temp`, 38 + 34 * warm + 2 * rnd.next() + g * 0.3);
      const watts = 90 + 260 * (util / 100) + 10 * rnd.next();
      put(`system.gpu.${g}.powerWatts`, watts);
      put(`system.gpu.${g}.powerPercent`, (watts / 400) * 100);
    }
  }
  const steps = Array.from({ length: samples }, (_, i) => i);
  return [...series].map(([key, value]) => ({ key, group: 'system', step: steps, value, time, runtime }));
}
