/**
 * MLflow's and Aim's system metric names (see system-keys.ts for how each tracker writes them):
 * loaded for a run that has such keys, since most runs shown are W&B's.
 */
import {
  GB_DECIMAL,
  index,
  MB_DECIMAL,
  own,
  type ChartKindId,
  type Described,
  type KeyDescription,
} from './key-description.js';

const MLFLOW_NAMES: Record<string, Described> = {
  cpu_utilization_percentage: { chart: 'cpu' },
  system_memory_usage_percentage: { chart: 'memory' },
  system_memory_usage_megabytes: { chart: 'memory-bytes', part: 'used', scale: MB_DECIMAL },
  disk_usage_percentage: { chart: 'disk-percent' },
  disk_usage_megabytes: { chart: 'disk-bytes', part: 'used', scale: MB_DECIMAL },
  disk_available_megabytes: { chart: 'disk-bytes', part: 'available', scale: MB_DECIMAL },
  network_receive_megabytes: { chart: 'network', part: 'received', scale: MB_DECIMAL },
  network_transmit_megabytes: { chart: 'network', part: 'sent', scale: MB_DECIMAL },
  // the process tree (ProcessMonitor)
  process_cpu_percentage: { chart: 'proc-cpu' },
  process_memory_rss_megabytes: { chart: 'proc-memory-bytes', part: 'rss', scale: MB_DECIMAL },
  process_memory_vms_megabytes: { chart: 'proc-memory-bytes', part: 'virtual', scale: MB_DECIMAL },
  process_memory_percentage: { chart: 'proc-memory' },
  process_threads: { chart: 'threads' },
  process_open_files: { chart: 'open-files' },
};

/** MLflow's per-GPU fields, `gpu_<i>_<field>`. */
const MLFLOW_GPU_FIELDS: Record<string, Described> = {
  utilization_percentage: { chart: 'gpu-util' },
  memory_usage_percentage: { chart: 'gpu-mem-alloc' },
  memory_usage_megabytes: { chart: 'gpu-mem-bytes', scale: MB_DECIMAL },
  memory_usage_gigabytes: { chart: 'gpu-mem-bytes', scale: GB_DECIMAL }, // AMD GPUs (ROCMMonitor)
  power_usage_watts: { chart: 'gpu-power' },
  power_usage_percentage: { chart: 'gpu-power-percent' },
};

function describeMlflow(rest: string): KeyDescription {
  const d = (extra: Described): KeyDescription => ({ tracker: 'mlflow', ...extra });
  const named = own(MLFLOW_NAMES, rest);
  if (named) return d(named);
  const gpu = /^gpu_(\d+)_(.+)$/.exec(rest);
  if (gpu && index(gpu[1]) !== undefined) {
    const base = { device: index(gpu[1]), deviceKind: 'gpu' as const };
    return d({ ...base, ...(own(MLFLOW_GPU_FIELDS, gpu[2]) ?? { field: `gpu_${gpu[2]}` }) });
  }
  return d({});
}

const AIM_NAMES: Record<string, { chart: ChartKindId; gpu?: boolean }> = {
  cpu: { chart: 'proc-cpu' },
  memory_percent: { chart: 'memory' },
  p_memory_percent: { chart: 'proc-memory' },
  disk_percent: { chart: 'disk-percent' },
  gpu: { chart: 'gpu-util', gpu: true },
  gpu_memory_percent: { chart: 'gpu-mem-alloc', gpu: true },
  gpu_temp: { chart: 'gpu-temp', gpu: true },
  gpu_power_watts: { chart: 'gpu-power', gpu: true },
};

const AIM_CONTEXT = /^([A-Za-z0-9_]+?)\s*(?:[{[(]\s*["']?gpu["']?\s*[:=]\s*(\d{1,4})\s*[}\])])?$/;

function describeAim(rest: string): KeyDescription {
  const m = AIM_CONTEXT.exec(rest);
  if (!m) return { tracker: 'aim' };
  const known = own(AIM_NAMES, m[1]);
  const gpuIndex = m[2] !== undefined ? Number(m[2]) : undefined;
  if (!known) {
    return gpuIndex === undefined
      ? { tracker: 'aim' }
      : { tracker: 'aim', field: m[1], device: gpuIndex, deviceKind: 'gpu' };
  }
  if (!known.gpu) return gpuIndex === undefined ? { tracker: 'aim', chart: known.chart } : { tracker: 'aim' };
  return { tracker: 'aim', chart: known.chart, device: gpuIndex ?? 0, deviceKind: 'gpu' };
}

/** Describes a key with MLflow's prefix `system/` or Aim's `__system__`. */
export function describeTrackerKey(key: string): KeyDescription {
  return key.startsWith('system/')
    ? describeMlflow(key.slice('system/'.length))
    : describeAim(key.slice('__system__'.length));
}
