/**
 * Reads the system metric names of W&B, MLflow and Aim into one description: which catalogue chart
 * a key belongs to, which device (GPU, TPU, CPU core) it measures, which line of the chart it is,
 * and the factor that turns its values into the chart's base unit.
 *
 * Names, as the trackers write them:
 * - W&B (prefix `system.`): `cpu` (SDK 0.13.5 and later: the run's process CPU share, its
 *   psutil/gopsutil cpu_percent divided by the CPU count, per W&B's system metrics reference and
 *   wandb-core's system.go; before 0.13.5, sdk/internal/stats.py logged the system-wide
 *   psutil.cpu_percent() under the same name), `cpu.<i>.cpu_percent`, `proc.cpu.threads`, `memory_percent`,
 *   `proc.memory.{availableMB,rssMB,percent}`, `disk.<path>.{usagePercent,usageGB}`,
 *   `disk[.<device>].{in,out}` (MB since start), `network.{sent,recv}` (bytes since start),
 *   `gpu.<i>.<field>` (NVIDIA, AMD and Apple share the field names), `gpu.process.<i>.<field>`,
 *   `tpu.<i>.<field>` and the older single `tpu`; Apple silicon `cpu.{ecpu,pcpu}_{freq,percent}`,
 *   `cpu.powerWatts`, `cpu.avg_temp`, `memory.used[_percent]`, `swap.used[_percent]`,
 *   `system.powerWatts`, `ane.power` (Neural Engine, W) — as the 0.21 writer logs them on an M1. Legacy (about 2020): `cpu`, `memory`, `disk` (percentages).
 * - MLflow (prefix `system/`): `cpu_utilization_percentage`, `system_memory_usage_{megabytes,percentage}`,
 *   `disk_usage_{percentage,megabytes}`, `disk_available_megabytes`, `network_{receive,transmit}_megabytes`
 *   (MB since start; since boot in the first releases), `gpu_<i>_{utilization_percentage,memory_usage_percentage,
 *   memory_usage_megabytes,power_usage_watts,power_usage_percentage}`, AMD (ROCm) `gpu_<i>_memory_usage_gigabytes`,
 *   and per process tree `process_{cpu_percentage,memory_rss_megabytes,memory_vms_megabytes,memory_percentage,
 *   threads,open_files}` (cpu_percentage sums psutil's per-process values: 100 per busy core). MLflow's
 *   megabytes and gigabytes are 10^6 and 10^9 bytes (psutil / 1e6).
 * - Aim (prefix `__system__`, from aim/ext/resource): `cpu` (the process's psutil cpu_percent, which
 *   exceeds 100 on several cores), `memory_percent`, `p_memory_percent`, `disk_percent`, and per GPU
 *   `gpu`, `gpu_memory_percent`, `gpu_temp`, `gpu_power_watts`, logged with the context `{"gpu": i}`.
 *   Aim has no key for the context; we assume a source writes it after the name in braces, brackets
 *   or parentheses (`__system__gpu_temp{"gpu": 1}`, `__system__gpu_temp{gpu=1}`, `…[gpu:1]`, `…(gpu=1)`).
 *   A GPU metric without a context is GPU 0.
 */
import { lazyImport } from '../../internal/lazy-import.js';
import { index, own, type ChartKindId, type Described, type KeyDescription } from './key-description.js';

export type { ChartKindId, KeyDescription, PartId, Tracker } from './key-description.js';

/** What a key alone does not say: the writer's version, where a name changed meaning. */
export interface KeyContext {
  /** The W&B SDK version that wrote the run (`RunInfo.sdk.version`), when known. */
  wandbVersion?: string;
}

/**
 * Whether W&B's `cpu` is the system-wide utilisation of sdk/internal/stats.py, which 0.13.5
 * replaced by the system monitor (changelog: "refactor system metrics monitoring and probing",
 * wandb/wandb#4213). Unknown versions read as the current meaning, as W&B's app does.
 */
export function wandbCpuIsSystemWide(version: string | undefined): boolean {
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim()) : null;
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major === 0 && (minor < 13 || (minor === 13 && patch < 5));
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** MLflow's and Aim's names (tracker-keys.ts): loaded for a run with such keys, most runs are W&B's. */
export const trackerKeysCode = lazyImport(() => import('./tracker-keys.js'));

/** True for a key in MLflow's (`system/`) or Aim's (`__system__`) namespace. */
export function isTrackerKey(key: unknown): boolean {
  return typeof key === 'string' && (key.startsWith('system/') || key.startsWith('__system__'));
}

/**
 * Loads MLflow's and Aim's names when `keys` has one of theirs; rejects with the reason when that
 * code could not load (the panel shows it with a retry).
 */
export async function prepareKeys(keys: readonly unknown[]): Promise<void> {
  if (trackerKeysCode.now || !keys.some(isTrackerKey)) return;
  if (!(await trackerKeysCode.load())) throw trackerKeysCode.failed;
}

/** True for keys in a tracker's system namespace. */
export function isSystemKey(key: string): boolean {
  return key.startsWith('system.') || key.startsWith('system/') || key.startsWith('__system__');
}

/**
 * Describes a system metric key, or returns undefined when the key is not in a system namespace
 * (nor, for MLflow's and Aim's keys, before `trackerKeysCode` is in: see `prepareKeys`).
 * `assumeSystem` reads a key without prefix as a W&B system key (sources that list W&B stats
 * without the `system.` prefix in the group `system`).
 */
export function describeSystemKey(
  key: string,
  assumeSystem = false,
  context: KeyContext = {},
): KeyDescription | undefined {
  if (typeof key !== 'string') return undefined;
  if (isTrackerKey(key)) return trackerKeysCode.now?.describeTrackerKey(key);
  if (key.startsWith('system.')) return describeWandb(key.slice('system.'.length), context);
  if (assumeSystem) return describeWandb(key, context);
  return undefined;
}

/** W&B names that say all of their description (`cpu` also depends on the writer: describeWandb). */
const WANDB_NAMES: Record<string, Described> = {
  'proc.cpu.threads': { chart: 'threads' },
  memory_percent: { chart: 'memory' },
  memory: { chart: 'memory' }, // legacy name of the same percentage
  'proc.memory.percent': { chart: 'proc-memory' },
  'proc.memory.rssMB': { chart: 'proc-memory-bytes', part: 'rss', scale: MIB },
  'proc.memory.availableMB': { chart: 'memory-bytes', part: 'available', scale: MIB },
  disk: { chart: 'disk-percent' }, // legacy: percentage of the disk in use
  'network.sent': { chart: 'network', part: 'sent' },
  'network.recv': { chart: 'network', part: 'received' },
  tpu: { chart: 'tpu-util', device: 0, deviceKind: 'tpu' },
  'cpu.ecpu_freq': { chart: 'cpu-freq', part: 'efficiency' },
  'cpu.pcpu_freq': { chart: 'cpu-freq', part: 'performance' },
  'cpu.ecpu_percent': { chart: 'cpu-clusters', part: 'efficiency' },
  'cpu.pcpu_percent': { chart: 'cpu-clusters', part: 'performance' },
  'cpu.powerWatts': { chart: 'cpu-power' },
  'cpu.avg_temp': { chart: 'cpu-temp' },
  // Apple silicon: bytes and percentages of memory and swap, system and Neural Engine power
  'memory.used': { chart: 'memory-bytes', part: 'used' },
  'memory.used_percent': { chart: 'memory' },
  'swap.used': { chart: 'swap-bytes', part: 'used' },
  'swap.used_percent': { chart: 'swap' },
  'system.powerWatts': { chart: 'system-power' },
  'ane.power': { chart: 'ane-power' },
};

const GPU_FIELDS: Record<string, ChartKindId> = {
  gpu: 'gpu-util',
  temp: 'gpu-temp',
  memoryAllocated: 'gpu-mem-alloc',
  memoryAllocatedBytes: 'gpu-mem-bytes',
  memory: 'gpu-mem-access',
  memoryReadWriteActivity: 'gpu-mem-activity',
  powerWatts: 'gpu-power',
  powerPercent: 'gpu-power-percent',
  enforcedPowerLimitWatts: 'gpu-power-limit',
  smClock: 'gpu-sm-clock',
  memoryClock: 'gpu-mem-clock',
  graphicsClock: 'gpu-graphics-clock',
  freq: 'gpu-freq',
  fanSpeed: 'gpu-fan',
  encoderUtilization: 'gpu-encoder',
  decoderUtilization: 'gpu-decoder',
  correctedMemoryErrors: 'gpu-ecc-corrected',
  unCorrectedMemoryErrors: 'gpu-ecc-uncorrected',
  uncorrectedMemoryErrors: 'gpu-ecc-uncorrected',
};

const TPU_FIELDS: Record<string, ChartKindId> = {
  dutyCycle: 'tpu-duty',
  memoryUsage: 'tpu-mem',
  memoryUsageBytes: 'tpu-mem-bytes',
  utilization: 'tpu-util',
};

function describeWandb(rest: string, context: KeyContext): KeyDescription {
  const d = (extra: Described): KeyDescription => ({ tracker: 'wandb', ...extra });
  if (rest === 'cpu') return d({ chart: wandbCpuIsSystemWide(context.wandbVersion) ? 'cpu' : 'proc-cpu-share' });
  const named = own(WANDB_NAMES, rest);
  if (named) return d(named);
  const core = /^cpu\.(\d+)\.cpu_percent$/.exec(rest);
  if (core && index(core[1]) !== undefined)
    return d({ chart: 'cpu-cores', device: index(core[1]), deviceKind: 'core' });

  const gpu = /^gpu\.(process\.)?(\d+)\.(.+)$/.exec(rest);
  if (gpu && index(gpu[2]) !== undefined) {
    const field = gpu[3];
    const base = { device: index(gpu[2]), deviceKind: 'gpu' as const, ...(gpu[1] ? { process: true } : {}) };
    const chart = own(GPU_FIELDS, field);
    return chart ? d({ ...base, chart }) : d({ ...base, field: `gpu.${field}` });
  }

  const tpu = /^tpu\.(\d+)\.(.+)$/.exec(rest);
  if (tpu && index(tpu[1]) !== undefined) {
    const field = tpu[2];
    const chart = own(TPU_FIELDS, field);
    const base = { device: index(tpu[1]), deviceKind: 'tpu' as const };
    return chart ? d({ ...base, chart }) : d({ ...base, field: `tpu.${field}` });
  }

  // disk.<path>.usagePercent / usageGB and disk[.<device>].in / out; a path may hold dots
  if (rest.startsWith('disk.')) {
    const inner = rest.slice('disk.'.length);
    const dot = inner.lastIndexOf('.');
    const where = dot > 0 ? inner.slice(0, dot) : '';
    const field = dot >= 0 ? inner.slice(dot + 1) : inner;
    const name = where ? { name: where } : {};
    if (field === 'usagePercent' && where) return d({ chart: 'disk-percent', ...name });
    if (field === 'usageGB' && where) return d({ chart: 'disk-bytes', ...name, scale: GIB });
    if (field === 'in' || field === 'out') {
      // W&B counts MiB (bytes / 1024 / 1024)
      return d({ chart: 'disk-io', part: field === 'in' ? 'read' : 'written', ...name, scale: MIB });
    }
  }
  return d({});
}
