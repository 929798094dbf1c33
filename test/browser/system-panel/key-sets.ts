/** Small runs with the system metric keys of each tracker, sampled every 15 s for `minutes`. */
import { MemorySource, type MemoryMetric } from '../../../src/data/memory-source.js';
import type { HardwareInfo } from '../../../src/data/source.js';

export const START = Date.UTC(2026, 0, 1, 9, 0, 0);
export const EVERY_S = 15;

export type ValueOf = (i: number, t: number) => number;

export function series(key: string, n: number, f: ValueOf, group: 'system' | 'history' = 'system'): MemoryMetric {
  const step = new Float64Array(n);
  const value = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i + 1) * EVERY_S;
    step[i] = i;
    value[i] = f(i, t);
    time[i] = START + t * 1000;
  }
  return { key, group, step, value, time };
}

export interface KeySetOptions {
  minutes?: number;
  gpus?: number;
  hardware?: HardwareInfo;
  id?: string;
  /** The writer, where the meaning of a key depends on its version (W&B's `cpu`). */
  sdk?: { name: string; version?: string };
}

function runOf(metrics: MemoryMetric[], o: KeySetOptions, state: 'finished' | 'running' = 'finished'): MemorySource {
  const n = Math.round(((o.minutes ?? 120) * 60) / EVERY_S);
  const runtime = n * EVERY_S;
  return new MemorySource({
    info: {
      id: o.id ?? 'run-1',
      state,
      startedAt: START,
      runtime,
      ...(state === 'finished' ? { endedAt: START + runtime * 1000 } : {}),
      ...(o.hardware ? { hardware: o.hardware } : {}),
      ...(o.sdk ? { sdk: o.sdk } : {}),
    },
    metrics,
  });
}

/** GPU utilisation that tells GPUs apart: GPU g sits at 10·(g+1) %. */
export const gpuUtil = (g: number) => () => 10 * (g + 1);

/**
 * W&B today (SDK 0.21): `cpu` is the process's share of all CPUs, network counters in bytes
 * (1 MiB/s sent, 4 MiB/s received), disk counters in MiB.
 */
export function wandbRun(o: KeySetOptions = {}): MemorySource {
  o = { sdk: { name: 'wandb', version: '0.21.0' }, ...o };
  const n = Math.round(((o.minutes ?? 120) * 60) / EVERY_S);
  const gpus = o.gpus ?? 2;
  const m: MemoryMetric[] = [
    series('system.cpu', n, (i) => 40 + (i % 5)),
    series('system.proc.cpu.threads', n, () => 57),
    series('system.memory_percent', n, () => 35),
    series('system.proc.memory.rssMB', n, () => 6144),
    series('system.proc.memory.availableMB', n, () => 900_000),
    series('system.proc.memory.percent', n, () => 0.6),
    series('system.disk./.usagePercent', n, () => 61.2),
    series('system.disk./.usageGB', n, () => 512),
    series('system.disk.in', n, (_, t) => 2 * t),
    series('system.disk.out', n, (_, t) => 0.5 * t),
    series('system.network.sent', n, (_, t) => t * 1024 * 1024),
    series('system.network.recv', n, (_, t) => 4 * t * 1024 * 1024),
  ];
  for (let g = 0; g < gpus; g++) {
    m.push(series(`system.gpu.${g}.gpu`, n, gpuUtil(g)));
    m.push(series(`system.gpu.${g}.memory`, n, () => 30 + g));
    m.push(series(`system.gpu.${g}.memoryAllocated`, n, () => 70 + g));
    m.push(series(`system.gpu.${g}.memoryAllocatedBytes`, n, () => 60 * 1024 ** 3));
    m.push(series(`system.gpu.${g}.temp`, n, () => 60 + g));
    m.push(series(`system.gpu.${g}.powerWatts`, n, () => 300 + g));
    m.push(series(`system.gpu.${g}.enforcedPowerLimitWatts`, n, () => 400));
    m.push(series(`system.gpu.${g}.powerPercent`, n, () => 75));
    m.push(series(`system.gpu.${g}.smClock`, n, () => 1410));
    m.push(series(`system.gpu.${g}.fanSpeed`, n, () => 40));
  }
  m.push(series('train/loss', n, (i) => 1 / (i + 1), 'history'));
  return runOf(m, o);
}

/** W&B about 2020 (SDK 0.9, sdk/internal/stats.py): system-wide cpu, memory and disk percentages and network byte counters. */
export function legacyWandbRun(o: KeySetOptions = {}): MemorySource {
  o = { sdk: { name: 'wandb', version: '0.9.7' }, ...o };
  const n = Math.round(((o.minutes ?? 120) * 60) / EVERY_S);
  return runOf(
    [
      series('system.cpu', n, () => 55),
      series('system.memory', n, () => 22),
      series('system.disk', n, () => 48),
      series('system.network.sent', n, (_, t) => 2048 * t),
      series('system.network.recv', n, (_, t) => 8192 * t),
      series('system.gpu.0.gpu', n, gpuUtil(0)),
      series('system.gpu.0.temp', n, () => 70),
      series('system.gpu.0.memoryAllocated', n, () => 50),
    ],
    o,
  );
}

/** MLflow: `system/…` names, megabytes of 10^6 bytes, network counters in MB since start. */
export function mlflowRun(o: KeySetOptions = {}): MemorySource {
  const n = Math.round(((o.minutes ?? 120) * 60) / EVERY_S);
  const gpus = o.gpus ?? 2;
  const m: MemoryMetric[] = [
    series('system/cpu_utilization_percentage', n, () => 42),
    series('system/system_memory_usage_megabytes', n, () => 32_000),
    series('system/system_memory_usage_percentage', n, () => 25),
    series('system/disk_usage_percentage', n, () => 70),
    series('system/disk_usage_megabytes', n, () => 700_000),
    series('system/disk_available_megabytes', n, () => 300_000),
    // 3 MB/s received, 1 MB/s sent (decimal megabytes)
    series('system/network_receive_megabytes', n, (_, t) => 3 * t),
    series('system/network_transmit_megabytes', n, (_, t) => t),
  ];
  for (let g = 0; g < gpus; g++) {
    m.push(series(`system/gpu_${g}_utilization_percentage`, n, gpuUtil(g)));
    m.push(series(`system/gpu_${g}_memory_usage_percentage`, n, () => 50));
    m.push(series(`system/gpu_${g}_memory_usage_megabytes`, n, () => 40_000));
    m.push(series(`system/gpu_${g}_power_usage_watts`, n, () => 250));
    m.push(series(`system/gpu_${g}_power_usage_percentage`, n, () => 62.5));
  }
  return runOf(m, o);
}

/** Aim: `__system__…` names, GPU index in the context written after the name. */
export function aimRun(o: KeySetOptions = {}): MemorySource {
  const n = Math.round(((o.minutes ?? 120) * 60) / EVERY_S);
  const gpus = o.gpus ?? 2;
  const m: MemoryMetric[] = [
    series('__system__cpu', n, () => 180, 'history'),
    series('__system__memory_percent', n, () => 30, 'history'),
    series('__system__p_memory_percent', n, () => 4, 'history'),
    series('__system__disk_percent', n, () => 66, 'history'),
  ];
  for (let g = 0; g < gpus; g++) {
    m.push(series(`__system__gpu{"gpu": ${g}}`, n, gpuUtil(g), 'history'));
    m.push(series(`__system__gpu_memory_percent{"gpu": ${g}}`, n, () => 45, 'history'));
    m.push(series(`__system__gpu_temp{"gpu": ${g}}`, n, () => 65, 'history'));
    m.push(series(`__system__gpu_power_watts{"gpu": ${g}}`, n, () => 200, 'history'));
  }
  return runOf(m, o);
}
