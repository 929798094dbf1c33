/**
 * The hardware facts of `wandb-metadata.json`, in the shape every SDK version wrote them:
 *
 * - `memory.total`: SDK ≤ 0.17 (Python system monitor) wrote GiB as a float
 *   (`psutil.virtual_memory().total / 1024**3`); 0.18+ (Go core, protojson) writes bytes as a
 *   decimal string, since protojson spells 64-bit integers as strings.
 * - GPUs: 0.15–0.17 wrote `gpu_devices: [{name, memory_total}]` with bytes as a number; 0.18+
 *   writes `gpu_nvidia: [{name, memoryTotal}]` with bytes as a string (some writers spell it
 *   `memory_total`). Older SDKs wrote only `gpu` (a name) and `gpu_count`.
 * - Apple silicon (0.18+): `apple: {name, memoryGb, ramTotalBytes}`.
 * - CPUs: `cpu_count`, `cpu_count_logical`; 0.19+ also `cpu: {count, countLogical}`.
 */

import type { GpuInfo, HardwareInfo, JsonObject } from '../../data/source.js';
import { isPlainObject } from './values.js';

const GIB = 2 ** 30;
/**
 * Below this a memory size cannot be a byte count of a real machine (1 MiB), and above it cannot be
 * GiB (1 PiB): the unit of a bare number is told by its size.
 */
const BYTES_FROM = 2 ** 20;

/** System memory in bytes from `memory.total` in any writer's shape, or undefined. */
export function memoryTotalBytes(v: unknown): number | undefined {
  const n = numeric(v);
  if (n === undefined || n <= 0) return undefined;
  return n < BYTES_FROM ? Math.round(n * GIB) : Math.round(n);
}

/** GPU memory in bytes (every writer wrote bytes, as a number or a string); sizes too small to be bytes are dropped. */
export function gpuMemoryBytes(v: unknown): number | undefined {
  const n = numeric(v);
  return n !== undefined && n >= BYTES_FROM ? Math.round(n) : undefined;
}

/** A finite number from a number or a decimal string (protojson's 64-bit integers). */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || !/^\s*\d+(\.\d*)?([eE][+-]?\d+)?\s*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function hardwareFromMetadata(m: JsonObject): HardwareInfo | undefined {
  const hw: HardwareInfo = {};
  const cpu = isPlainObject(m.cpu) ? m.cpu : {};
  const cpuCount = count(m.cpu_count) ?? count(cpu.count);
  const cpuCountLogical = count(m.cpu_count_logical) ?? count(cpu.countLogical) ?? count(cpu.count_logical);
  if (cpuCount) hw.cpuCount = cpuCount;
  if (cpuCountLogical) hw.cpuCountLogical = cpuCountLogical;

  const apple = isPlainObject(m.apple) ? m.apple : undefined;
  const memory =
    (isPlainObject(m.memory) ? memoryTotalBytes(m.memory.total) : undefined) ??
    (apple ? (gpuMemoryBytes(apple.ramTotalBytes) ?? memoryTotalBytes(apple.memoryGb)) : undefined);
  if (memory !== undefined) hw.memoryBytes = memory;

  const gpus = gpuList(m.gpu_nvidia) ?? gpuList(m.gpu_devices) ?? [];
  const gpuCount = count(m.gpu_count);
  const gpuName = text(m.gpu);
  if (gpus.length === 0 && gpuName) {
    for (let i = 0; i < Math.max(1, gpuCount ?? 1); i++) gpus.push({ name: gpuName });
  }
  if (gpus.length) hw.gpus = gpus;
  if (gpuCount) hw.acceleratorCount = gpuCount;
  if (gpuName) hw.accelerator = gpuName;
  if (apple && text(apple.name)) {
    hw.cpu = text(apple.name);
    hw.accelerator ??= text(apple.name);
  } else if (text(cpu.name)) hw.cpu = text(cpu.name);
  const cuda = text(m.cudaVersion) ?? text(m.cuda);
  if (cuda) hw.cudaVersion = cuda;
  return Object.keys(hw).length ? hw : undefined;
}

function gpuList(v: unknown): GpuInfo[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const gpus: GpuInfo[] = [];
  for (const g of v) {
    if (!isPlainObject(g) || !text(g.name)) continue;
    const gpu: GpuInfo = { name: text(g.name)! };
    const bytes = gpuMemoryBytes(g.memoryTotal ?? g.memory_total);
    if (bytes !== undefined) gpu.memoryBytes = bytes;
    gpus.push(gpu);
  }
  return gpus.length ? gpus : undefined;
}

function count(v: unknown): number | undefined {
  const n = numeric(v);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
