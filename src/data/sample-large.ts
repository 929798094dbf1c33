/**
 * Huge generated data for benchmarks and stories: millions of metric points, a lazy million-line
 * log, a hundred thousand files. Everything is computed from a seed, quickly (10 M points ≈ 0.5 s).
 */
import type { MemoryFile } from './memory-files.js';
import type { MemoryLogLine, MemoryLogs } from './memory-logs.js';
import type { MemoryMetric } from './memory-metrics.js';
import type { MemoryRun } from './memory-source.js';
import { hash32, mulberry32 } from './random.js';
import { generateSampleRun } from './sample-standard.js';

export interface LargeMetricsOptions {
  seed?: number;
  /** Default 10. */
  metrics?: number;
  /** Points per metric. Default 1,000,000. */
  points?: number;
  /** Single-sample spikes per metric. Default 50. */
  spikes?: number;
  /** Epoch ms of step 0. */
  startedAt?: number;
  /** Key prefix. Default `large/`. */
  prefix?: string;
}

const DEFAULT_START = Date.UTC(2024, 4, 1, 9, 0, 0);

/** Metrics `large/metric_0…`, one point per step, each a noisy decaying curve with single-sample spikes. */
export function generateLargeMetrics(options: LargeMetricsOptions = {}): MemoryMetric[] {
  const count = Math.max(0, Math.floor(options.metrics ?? 10));
  const n = Math.max(0, Math.floor(options.points ?? 1_000_000));
  const spikes = Math.max(0, Math.floor(options.spikes ?? 50));
  const start = options.startedAt ?? DEFAULT_START;
  const prefix = options.prefix ?? 'large/';
  const rnd = mulberry32(options.seed ?? 1);
  // Steps and times are shared by every metric (a MemorySource copies what it keeps).
  const step = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    step[i] = i;
    time[i] = start + i * 50;
  }
  const out: MemoryMetric[] = [];
  for (let m = 0; m < count; m++) {
    const value = new Float64Array(n);
    const scale = 0.5 + rnd() * 2;
    const floor = rnd() * 0.5;
    const tau = n * (0.05 + rnd() * 0.3);
    let noise = 0;
    for (let i = 0; i < n; i++) {
      noise = 0.95 * noise + 0.05 * (rnd() - 0.5);
      value[i] = floor + scale * Math.exp(-i / tau) + noise * scale;
    }
    for (let s = 0; s < spikes && n > 0; s++) {
      const at = Math.floor(rnd() * n);
      value[at] += (rnd() < 0.5 ? -1 : 1) * scale * (3 + rnd() * 3);
    }
    out.push({ key: `${prefix}metric_${m}`, group: 'history', step, value, time });
  }
  return out;
}

const RANKS = ['rank0', 'rank1', 'rank2', 'rank3'];

function pad2(v: number): string {
  return v < 10 ? `0${v}` : String(v);
}

/**
 * A lazy log of `count` lines (default 1,000,000, ≈ 100 bytes a line): `line(i)` builds line i on
 * demand from a hash of i, so no line exists until it is asked for. Lines carry rank labels.
 */
export function generateLargeLogs(count = 1_000_000, seed = 1, startedAt = DEFAULT_START): MemoryLogs {
  const total = Math.max(0, Math.floor(count));
  // 50 lines share each second: keep the last formatted stamp.
  let stampSecond = NaN;
  let stamp = '';
  return {
    count: total,
    labels: [...RANKS],
    line(i: number): MemoryLogLine {
      const h = hash32(i, seed);
      const label = RANKS[h & 3];
      const time = startedAt + i * 20;
      const second = Math.floor(time / 1000);
      if (second !== stampSecond) {
        const d = new Date(time);
        stampSecond = second;
        stamp = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
      }
      if (i % 997 === 13) {
        return {
          text: `\x1b[33m${stamp} WARNING\x1b[0m [${label}] slow batch ${i}: data loader waited ${((h >>> 8) % 900) / 10 + 5} ms`,
          stream: 'stderr',
          time,
          label,
        };
      }
      if (i % 500 === 0) {
        const epoch = Math.floor(i / 50_000) + 1;
        const parts: string[] = [];
        for (let p = 0; p <= 100; p += 20)
          parts.push(
            `Epoch ${epoch}: ${String(p).padStart(3)}%|${'█'.repeat(p / 10)}${' '.repeat(10 - p / 10)}| ${p * 5}/500`,
          );
        return { text: parts.join('\r'), stream: 'stdout', time, label };
      }
      const loss = (2.5 * Math.exp(-i / 300_000) + 0.3 + ((h >>> 4) % 1000) / 20_000).toFixed(4);
      return {
        text: `${stamp} INFO [${label}] step ${i} | loss=${loss} | lr=${(3e-4 * (1 - i / (total + 1))).toExponential(2)} | ${300 + ((h >>> 12) % 200)} samples/s`,
        stream: 'stdout',
        time,
        label,
      };
    },
  };
}

/** `count` files (default 100,000) in nested folders, sizes only (listing benchmarks; not readable). */
export function generateLargeFiles(count = 100_000, seed = 1, modified = DEFAULT_START): MemoryFile[] {
  const out: MemoryFile[] = [];
  const n = Math.max(0, Math.floor(count));
  for (let i = 0; i < n; i++) {
    const h = hash32(i, seed);
    const shard = Math.floor(i / 1000);
    const dir = i % 10 === 0 ? 'outputs' : `data/shard_${String(shard).padStart(4, '0')}`;
    out.push({
      path: `${dir}/part_${String(i).padStart(6, '0')}.parquet`,
      size: 1024 + (h % 50_000_000),
      modified: modified + i * 1000,
    });
  }
  return out;
}

export interface LargeRunOptions extends LargeMetricsOptions {
  id?: string;
  /** Log lines (lazy). Default 1,000,000. */
  logLines?: number;
  /** Extra files. Default 100,000. */
  files?: number;
}

/** A full sample run with large metrics added, a lazy million-line log and a hundred thousand files. */
export function generateLargeRun(options: LargeRunOptions = {}): MemoryRun {
  const seed = options.seed ?? 1;
  const run = generateSampleRun({ seed, id: options.id ?? `large-${seed}`, logLines: 0, files: 0 });
  const startedAt = run.info.startedAt;
  run.metrics = [...(run.metrics ?? []), ...generateLargeMetrics({ ...options, startedAt })];
  run.logs = generateLargeLogs(options.logLines ?? 1_000_000, seed, startedAt);
  run.files = [...(run.files ?? []), ...generateLargeFiles(options.files ?? 100_000, seed)];
  return run;
}
