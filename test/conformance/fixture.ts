/**
 * The run every source is checked against: `generateSampleRun({ seed: 1 })` plus a 1,000,000-point
 * metric with 50 single-sample spikes. A source under test (memory, HTTP server over the same data…)
 * must serve exactly this run.
 */
import type { MemoryRun } from '../../src/data/memory-source.js';
import { generateSampleRun } from '../../src/data/sample-run.js';
import { mulberry32 } from '../../src/data/random.js';

export const SPIKY_KEY = 'bench/spiky';
export const SPIKY_POINTS = 1_000_000;
export const SPIKE_COUNT = 50;

export interface Spike {
  /** Index in the metric = its step. */
  step: number;
  value: number;
}

export interface ConformanceFixture {
  run: MemoryRun;
  spikes: Spike[];
}

/**
 * A noisy curve in [0, 1] over steps 0…999,999 with 50 spikes of exactly one sample each:
 * 25 up to 5…6, 25 down to −5…−4, none closer than 1,000 steps to another.
 */
export function spikyMetric(seed = 7): {
  step: Float64Array;
  value: Float64Array;
  time: Float64Array;
  spikes: Spike[];
} {
  const rnd = mulberry32(seed);
  const n = SPIKY_POINTS;
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  const start = Date.UTC(2024, 4, 1, 9, 0, 0);
  for (let i = 0; i < n; i++) {
    step[i] = i;
    time[i] = start + i * 10;
    value[i] = 0.5 + 0.3 * Math.sin(i / 20_000) + 0.1 * (rnd() - 0.5);
  }
  const spikes: Spike[] = [];
  const taken: number[] = [];
  while (spikes.length < SPIKE_COUNT) {
    const at = 1 + Math.floor(rnd() * (n - 2));
    if (taken.some((t) => Math.abs(t - at) < 1000)) continue;
    taken.push(at);
    const up = spikes.length % 2 === 0;
    value[at] = up ? 5 + rnd() : -5 + rnd();
    spikes.push({ step: at, value: value[at] });
  }
  spikes.sort((a, b) => a.step - b.step);
  return { step, value, time, spikes };
}

let cached: ConformanceFixture | undefined;

/** Built once per process (it holds a million points); treat it as read-only. */
export function buildConformanceFixture(): ConformanceFixture {
  if (cached) return cached;
  const run = generateSampleRun({ seed: 1, files: 30 });
  const spiky = spikyMetric();
  run.metrics!.push({ key: SPIKY_KEY, group: 'history', step: spiky.step, value: spiky.value, time: spiky.time });
  cached = { run, spikes: spiky.spikes };
  return cached;
}
