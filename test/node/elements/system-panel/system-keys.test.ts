import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackerKeysCode, describeSystemKey } from '../../../../src/elements/system-panel/system-keys.js';

// MLflow's and Aim's key names load on first use (the panel waits for them before it renders)
await trackerKeysCode.load();

// Every name the three trackers write whole (and a few near misses, inherited property names among
// them), with its full description: the name tables must say exactly what they said as switches.
const NAMED: [string, object][] = [
  ['system.cpu', { tracker: 'wandb', chart: 'proc-cpu-share' }],
  ['system.proc.cpu.threads', { tracker: 'wandb', chart: 'threads' }],
  ['system.memory_percent', { tracker: 'wandb', chart: 'memory' }],
  ['system.memory', { tracker: 'wandb', chart: 'memory' }],
  ['system.proc.memory.percent', { tracker: 'wandb', chart: 'proc-memory' }],
  ['system.proc.memory.rssMB', { tracker: 'wandb', chart: 'proc-memory-bytes', part: 'rss', scale: 1048576 }],
  ['system.proc.memory.availableMB', { tracker: 'wandb', chart: 'memory-bytes', part: 'available', scale: 1048576 }],
  ['system.disk', { tracker: 'wandb', chart: 'disk-percent' }],
  ['system.network.sent', { tracker: 'wandb', chart: 'network', part: 'sent' }],
  ['system.network.recv', { tracker: 'wandb', chart: 'network', part: 'received' }],
  ['system.tpu', { tracker: 'wandb', chart: 'tpu-util', device: 0, deviceKind: 'tpu' }],
  ['system.cpu.ecpu_freq', { tracker: 'wandb', chart: 'cpu-freq', part: 'efficiency' }],
  ['system.cpu.pcpu_freq', { tracker: 'wandb', chart: 'cpu-freq', part: 'performance' }],
  ['system.cpu.ecpu_percent', { tracker: 'wandb', chart: 'cpu-clusters', part: 'efficiency' }],
  ['system.cpu.pcpu_percent', { tracker: 'wandb', chart: 'cpu-clusters', part: 'performance' }],
  ['system.cpu.powerWatts', { tracker: 'wandb', chart: 'cpu-power' }],
  ['system.cpu.avg_temp', { tracker: 'wandb', chart: 'cpu-temp' }],
  ['system.memory.used', { tracker: 'wandb', chart: 'memory-bytes', part: 'used' }],
  ['system.memory.used_percent', { tracker: 'wandb', chart: 'memory' }],
  ['system.swap.used', { tracker: 'wandb', chart: 'swap-bytes', part: 'used' }],
  ['system.swap.used_percent', { tracker: 'wandb', chart: 'swap' }],
  ['system.system.powerWatts', { tracker: 'wandb', chart: 'system-power' }],
  ['system.ane.power', { tracker: 'wandb', chart: 'ane-power' }],
  ['system.constructor', { tracker: 'wandb' }],
  ['system.toString', { tracker: 'wandb' }],
  [
    'system.gpu.0.correctedMemoryErrors',
    { tracker: 'wandb', device: 0, deviceKind: 'gpu', chart: 'gpu-ecc-corrected' },
  ],
  [
    'system.gpu.process.2.uncorrectedMemoryErrors',
    { tracker: 'wandb', device: 2, deviceKind: 'gpu', process: true, chart: 'gpu-ecc-uncorrected' },
  ],
  ['system.tpu.1.memoryUsageBytes', { tracker: 'wandb', device: 1, deviceKind: 'tpu', chart: 'tpu-mem-bytes' }],
  ['system.tpu.1.toString', { tracker: 'wandb', device: 1, deviceKind: 'tpu', field: 'tpu.toString' }],
  ['system.disk./.usageGB', { tracker: 'wandb', chart: 'disk-bytes', name: '/', scale: 1073741824 }],
  ['system.disk.in', { tracker: 'wandb', chart: 'disk-io', part: 'read', scale: 1048576 }],
  ['system.disk.x.other', { tracker: 'wandb' }],
  ['system/cpu_utilization_percentage', { tracker: 'mlflow', chart: 'cpu' }],
  ['system/system_memory_usage_percentage', { tracker: 'mlflow', chart: 'memory' }],
  ['system/system_memory_usage_megabytes', { tracker: 'mlflow', chart: 'memory-bytes', part: 'used', scale: 1000000 }],
  ['system/disk_usage_percentage', { tracker: 'mlflow', chart: 'disk-percent' }],
  ['system/disk_usage_megabytes', { tracker: 'mlflow', chart: 'disk-bytes', part: 'used', scale: 1000000 }],
  ['system/disk_available_megabytes', { tracker: 'mlflow', chart: 'disk-bytes', part: 'available', scale: 1000000 }],
  ['system/network_receive_megabytes', { tracker: 'mlflow', chart: 'network', part: 'received', scale: 1000000 }],
  ['system/network_transmit_megabytes', { tracker: 'mlflow', chart: 'network', part: 'sent', scale: 1000000 }],
  ['system/process_cpu_percentage', { tracker: 'mlflow', chart: 'proc-cpu' }],
  [
    'system/process_memory_rss_megabytes',
    { tracker: 'mlflow', chart: 'proc-memory-bytes', part: 'rss', scale: 1000000 },
  ],
  [
    'system/process_memory_vms_megabytes',
    { tracker: 'mlflow', chart: 'proc-memory-bytes', part: 'virtual', scale: 1000000 },
  ],
  ['system/process_memory_percentage', { tracker: 'mlflow', chart: 'proc-memory' }],
  ['system/process_threads', { tracker: 'mlflow', chart: 'threads' }],
  ['system/process_open_files', { tracker: 'mlflow', chart: 'open-files' }],
  ['system/constructor', { tracker: 'mlflow' }],
  ['system/something', { tracker: 'mlflow' }],
  ['system/gpu_0_utilization_percentage', { tracker: 'mlflow', device: 0, deviceKind: 'gpu', chart: 'gpu-util' }],
  ['system/gpu_1_memory_usage_percentage', { tracker: 'mlflow', device: 1, deviceKind: 'gpu', chart: 'gpu-mem-alloc' }],
  [
    'system/gpu_2_memory_usage_megabytes',
    { tracker: 'mlflow', device: 2, deviceKind: 'gpu', chart: 'gpu-mem-bytes', scale: 1000000 },
  ],
  [
    'system/gpu_3_memory_usage_gigabytes',
    { tracker: 'mlflow', device: 3, deviceKind: 'gpu', chart: 'gpu-mem-bytes', scale: 1000000000 },
  ],
  ['system/gpu_4_power_usage_watts', { tracker: 'mlflow', device: 4, deviceKind: 'gpu', chart: 'gpu-power' }],
  [
    'system/gpu_5_power_usage_percentage',
    { tracker: 'mlflow', device: 5, deviceKind: 'gpu', chart: 'gpu-power-percent' },
  ],
  ['system/gpu_6_fan', { tracker: 'mlflow', device: 6, deviceKind: 'gpu', field: 'gpu_fan' }],
  ['system/gpu_7_constructor', { tracker: 'mlflow', device: 7, deviceKind: 'gpu', field: 'gpu_constructor' }],
  ['system/gpu_99999_fan', { tracker: 'mlflow' }],
  ['__system__memory_percent', { tracker: 'aim', chart: 'memory' }],
  ['__system__disk_percent', { tracker: 'aim', chart: 'disk-percent' }],
  ['__system__cpu{gpu=1}', { tracker: 'aim' }],
  ['__system__fan(gpu=2)', { tracker: 'aim', field: 'fan', device: 2, deviceKind: 'gpu' }],
  ['__system__fan', { tracker: 'aim' }],
  ['__system__constructor', { tracker: 'aim' }],
];

test('every named system key of W&B, MLflow and Aim, described whole', () => {
  for (const [key, description] of NAMED) assert.deepEqual(describeSystemKey(key), description, key);
});
