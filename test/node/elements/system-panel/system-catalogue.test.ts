import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTranslation } from '../../../../src/internal/i18n.js';
import { trackerKeysCode, describeSystemKey, isSystemKey } from '../../../../src/elements/system-panel/system-keys.js';
import {
  buildCatalogue,
  gpuIndexes,
  type SystemChart,
} from '../../../../src/elements/system-panel/system-catalogue.js';
import '../../../../src/translations/lazy-languages.js';

// MLflow's and Aim's key names load on first use (the panel waits for them before it renders)
await trackerKeysCode.load();

const sys = (...keys: string[]) => keys.map((key) => ({ key, group: 'system' }));
const chart = (charts: SystemChart[], id: string): SystemChart => {
  const c = charts.find((x) => x.id === id);
  assert.ok(c, `no chart ${id} in ${charts.map((x) => x.id).join(', ')}`);
  return c;
};
const labels = (c: SystemChart) => c.series.map((s) => s.label.en);

// Japanese labels are a lazy chunk, loaded the first time they are shown.
before(() => loadTranslation('ja'));

test('system namespaces of the three trackers', () => {
  assert.equal(isSystemKey('system.cpu'), true);
  assert.equal(isSystemKey('system/cpu_utilization_percentage'), true);
  assert.equal(isSystemKey('__system__cpu'), true);
  assert.equal(isSystemKey('train/loss'), false);
  assert.equal(describeSystemKey('train/loss'), undefined);
});

test('W&B `cpu` is the process CPU share from SDK 0.13.5 on, system-wide CPU before', () => {
  // sdk/internal/stats.py (≤ 0.13.4): psutil.cpu_percent(); the system monitor (0.13.5+) and wandb-core:
  // the process tree's cpu_percent over the CPU count (W&B system metrics reference, "Process CPU Percent")
  assert.deepEqual(describeSystemKey('system.cpu'), { tracker: 'wandb', chart: 'proc-cpu-share' });
  for (const version of ['0.13.5', '0.15.12', '0.21.0', '1.0.0', '0.13.5.dev1'])
    assert.equal(describeSystemKey('system.cpu', false, { wandbVersion: version })?.chart, 'proc-cpu-share', version);
  for (const version of ['0.9.7', '0.12.15', '0.13.4', ' 0.10.33 '])
    assert.equal(describeSystemKey('system.cpu', false, { wandbVersion: version })?.chart, 'cpu', version);
  assert.equal(describeSystemKey('system.cpu', false, { wandbVersion: 'unknown' })?.chart, 'proc-cpu-share');
  // MLflow's cpu_utilization_percentage is psutil.cpu_percent(): the whole machine, whatever W&B's version
  assert.equal(describeSystemKey('system/cpu_utilization_percentage', false, { wandbVersion: '0.21.0' })?.chart, 'cpu');
  const [share] = buildCatalogue(sys('system.cpu'), { wandbVersion: '0.21.0' });
  assert.deepEqual(
    [share.title.en, share.unit, share.yMin, share.yMax],
    ['Process CPU, share of all CPUs', 'percent', 0, undefined],
  );
  const [old] = buildCatalogue(sys('system.cpu'), { wandbVersion: '0.12.15' });
  assert.deepEqual([old.title.en, old.title.ja, old.yMax], ['System CPU utilisation', 'システムの CPU 使用率', 100]);
});

test('current W&B keys map to the catalogue with GPU, disk path and counter details', () => {
  assert.deepEqual(describeSystemKey('system.gpu.3.temp'), {
    tracker: 'wandb',
    chart: 'gpu-temp',
    device: 3,
    deviceKind: 'gpu',
  });
  assert.deepEqual(describeSystemKey('system.gpu.process.1.powerWatts'), {
    tracker: 'wandb',
    chart: 'gpu-power',
    device: 1,
    deviceKind: 'gpu',
    process: true,
  });
  assert.deepEqual(describeSystemKey('system.disk./.usagePercent'), {
    tracker: 'wandb',
    chart: 'disk-percent',
    name: '/',
  });
  assert.deepEqual(describeSystemKey('system.disk./mnt/data.v2.usageGB'), {
    tracker: 'wandb',
    chart: 'disk-bytes',
    name: '/mnt/data.v2',
    scale: 1024 ** 3,
  });
  assert.deepEqual(describeSystemKey('system.disk.nvme0n1.in'), {
    tracker: 'wandb',
    chart: 'disk-io',
    part: 'read',
    name: 'nvme0n1',
    scale: 1024 * 1024,
  });
  assert.deepEqual(describeSystemKey('system.disk.out'), {
    tracker: 'wandb',
    chart: 'disk-io',
    part: 'written',
    scale: 1024 * 1024,
  });
  assert.equal(describeSystemKey('system.network.recv')?.part, 'received');
  assert.equal(describeSystemKey('system.cpu.12.cpu_percent')?.chart, 'cpu-cores');
  assert.equal(describeSystemKey('system.cpu.12.cpu_percent')?.device, 12);
  assert.equal(describeSystemKey('system.tpu.0.dutyCycle')?.chart, 'tpu-duty');
  assert.equal(describeSystemKey('system.gpu.0.freq')?.chart, 'gpu-freq');
  assert.equal(describeSystemKey('system.gpu.0.memoryAllocatedBytes')?.chart, 'gpu-mem-bytes');
  assert.equal(describeSystemKey('system.gpu.0.memory')?.chart, 'gpu-mem-access');
  assert.equal(describeSystemKey('system.gpu.1.unCorrectedMemoryErrors')?.chart, 'gpu-ecc-uncorrected');
  // a per-GPU field the catalogue does not know keeps its device for the colour
  assert.deepEqual(describeSystemKey('system.gpu.2.pcieLinkGen'), {
    tracker: 'wandb',
    field: 'gpu.pcieLinkGen',
    device: 2,
    deviceKind: 'gpu',
  });
  assert.deepEqual(describeSystemKey('system.something_new'), { tracker: 'wandb' });
});

test('legacy 2020 W&B keys are percentages of the same charts', () => {
  const charts = buildCatalogue(
    sys('system.cpu', 'system.memory', 'system.disk', 'system.network.sent', 'system.network.recv'),
    { wandbVersion: '0.9.7' },
  );
  assert.deepEqual(
    charts.map((c) => [c.id, c.unit, c.yMin, c.yMax]),
    [
      ['cpu', 'percent', 0, 100],
      ['memory', 'percent', 0, 100],
      ['disk-percent', 'percent', 0, 100],
      ['network', 'bytes-rate', 0, undefined],
    ],
  );
  assert.equal(chart(charts, 'network').derive, 'rate');
  assert.deepEqual(labels(chart(charts, 'network')), ['sent', 'received']);
  assert.deepEqual(
    chart(charts, 'network').series.map((s) => s.label.ja),
    ['送信', '受信'],
  );
});

test('MLflow keys: GPU index from the name, megabytes as 10^6 bytes', () => {
  const d = describeSystemKey('system/gpu_3_memory_usage_megabytes');
  assert.deepEqual(d, { tracker: 'mlflow', chart: 'gpu-mem-bytes', device: 3, deviceKind: 'gpu', scale: 1e6 });
  assert.equal(describeSystemKey('system/network_transmit_megabytes')?.part, 'sent');
  assert.equal(describeSystemKey('system/network_transmit_megabytes')?.scale, 1e6);
  const charts = buildCatalogue(
    sys(
      'system/cpu_utilization_percentage',
      'system/system_memory_usage_megabytes',
      'system/system_memory_usage_percentage',
      'system/disk_usage_percentage',
      'system/disk_usage_megabytes',
      'system/disk_available_megabytes',
      'system/network_receive_megabytes',
      'system/network_transmit_megabytes',
      'system/gpu_0_utilization_percentage',
      'system/gpu_1_utilization_percentage',
      'system/gpu_0_power_usage_watts',
      'system/gpu_0_power_usage_percentage',
      'system/gpu_0_memory_usage_percentage',
    ),
  );
  assert.deepEqual(
    charts.map((c) => c.id),
    [
      'cpu',
      'memory',
      'memory-bytes',
      'disk-percent',
      'disk-bytes',
      'network',
      'gpu-util',
      'gpu-mem-alloc',
      'gpu-power',
      'gpu-power-percent',
    ],
  );
  assert.deepEqual(labels(chart(charts, 'disk-bytes')), ['available', 'used']);
  assert.deepEqual(labels(chart(charts, 'gpu-util')), ['GPU 0', 'GPU 1']);
});

test('Aim keys: process CPU above 100 %, GPU index from the context, GPU 0 without one', () => {
  assert.deepEqual(describeSystemKey('__system__cpu'), { tracker: 'aim', chart: 'proc-cpu' });
  assert.deepEqual(describeSystemKey('__system__gpu_temp{"gpu": 2}'), {
    tracker: 'aim',
    chart: 'gpu-temp',
    device: 2,
    deviceKind: 'gpu',
  });
  assert.equal(describeSystemKey('__system__gpu{gpu=5}')?.device, 5);
  assert.equal(describeSystemKey('__system__gpu_power_watts[gpu:1]')?.device, 1);
  assert.equal(describeSystemKey('__system__gpu_memory_percent')?.device, 0);
  assert.equal(describeSystemKey('__system__p_memory_percent')?.chart, 'proc-memory');
  const charts = buildCatalogue([
    { key: '__system__cpu', group: 'history' },
    { key: '__system__memory_percent' },
    { key: '__system__disk_percent' },
    { key: '__system__gpu{"gpu": 1}' },
    { key: '__system__gpu{"gpu": 0}' },
  ]);
  const cpu = chart(charts, 'proc-cpu');
  assert.equal(cpu.yMin, 0);
  assert.equal(cpu.yMax, undefined);
  assert.deepEqual(
    chart(charts, 'gpu-util').series.map((s) => [s.label.en, s.color]),
    [
      ['GPU 0', 0],
      ['GPU 1', 1],
    ],
  );
});

test('GPU i gets colour i in every chart, whatever GPUs a chart holds', () => {
  const charts = buildCatalogue(
    sys('system.gpu.2.gpu', 'system.gpu.0.gpu', 'system.gpu.5.temp', 'system.gpu.2.temp', 'system.gpu.process.5.gpu'),
  );
  for (const c of charts) for (const s of c.series) assert.equal(s.color, s.device, `${c.id} ${s.key}`);
  assert.deepEqual(labels(chart(charts, 'gpu-util')), ['GPU 0', 'GPU 2']);
  assert.deepEqual(labels(chart(charts, 'gpu-temp')), ['GPU 2', 'GPU 5']);
  const processChart = chart(charts, 'gpu-util:process');
  assert.equal(processChart.title.en, 'Process GPU utilisation');
  assert.equal(processChart.title.ja, 'プロセスの GPU 使用率');
  assert.deepEqual(gpuIndexes(charts), [0, 2, 5]);
});

test('unknown system keys get their own chart in Other; unknown per-GPU fields share one', () => {
  const charts = buildCatalogue([
    ...sys('system.gpu.0.pcieLinkGen', 'system.gpu.1.pcieLinkGen', 'system.weird_counter'),
    { key: 'system/custom_thing' },
    { key: 'train/loss', group: 'history' },
    { key: 'ipu.0.clock (MHz)', group: 'system' },
  ]);
  assert.ok(charts.every((c) => c.group === 'other'));
  const field = chart(charts, 'field:wandb:gpu.pcieLinkGen');
  assert.deepEqual(labels(field), ['GPU 0', 'GPU 1']);
  assert.equal(field.unit, 'none');
  assert.equal(chart(charts, 'key:system.weird_counter').title.en, 'system.weird_counter');
  assert.equal(chart(charts, 'key:system/custom_thing').series[0].label.en, 'system/custom_thing');
  // a key in the system group without a prefix is read as a W&B stats key
  assert.ok(charts.some((c) => c.series.some((s) => s.key === 'ipu.0.clock (MHz)')));
  assert.ok(!charts.some((c) => c.series.some((s) => s.key === 'train/loss')));
});

test('a group-system key without prefix is read as W&B (stats records carry no prefix)', () => {
  const charts = buildCatalogue(sys('gpu.0.gpu', 'cpu'));
  assert.deepEqual(
    charts.map((c) => c.id),
    ['proc-cpu-share', 'gpu-util'],
  );
});

test('MLflow process-tree and AMD keys: per-core process CPU, RSS and virtual memory in 10^6 bytes', () => {
  const charts = buildCatalogue(
    sys(
      'system/process_cpu_percentage',
      'system/process_memory_rss_megabytes',
      'system/process_memory_vms_megabytes',
      'system/process_memory_percentage',
      'system/process_threads',
      'system/process_open_files',
      'system/gpu_0_memory_usage_gigabytes',
    ),
  );
  assert.deepEqual(
    charts.map((c) => c.id),
    ['proc-cpu', 'threads', 'proc-memory', 'proc-memory-bytes', 'gpu-mem-bytes', 'open-files'],
  );
  assert.equal(chart(charts, 'proc-cpu').yMax, undefined);
  assert.deepEqual(
    chart(charts, 'proc-memory-bytes').series.map((s) => [s.label.en, s.scale]),
    [
      ['RSS', 1e6],
      ['virtual', 1e6],
    ],
  );
  assert.equal(chart(charts, 'gpu-mem-bytes').series[0].scale, 1e9);
  assert.equal(chart(charts, 'open-files').title.en, 'Process open files');
});

test('lines with the same label stay apart', () => {
  const charts = buildCatalogue([{ key: '__system__gpu' }, { key: '__system__gpu{"gpu": 0}' }]);
  const c = chart(charts, 'gpu-util');
  assert.equal(new Set(labels(c)).size, 2);
  assert.ok(labels(c).includes('GPU 0'));
});

test('bad input is skipped, never thrown', () => {
  assert.deepEqual(buildCatalogue([null as never, { key: 5 as never }, { key: '' }]), []);
  assert.equal(describeSystemKey(undefined as never), undefined);
  assert.deepEqual(describeSystemKey('__system__gpu{{'), { tracker: 'aim' });
  assert.deepEqual(describeSystemKey('system.gpu.99999.gpu'), { tracker: 'wandb' });
});

test('Apple silicon keys (W&B 0.21 on an M1): CPU clusters, memory and swap in bytes, power', () => {
  const charts = buildCatalogue(
    sys(
      'system.cpu.ecpu_freq',
      'system.cpu.pcpu_freq',
      'system.cpu.ecpu_percent',
      'system.cpu.pcpu_percent',
      'system.cpu.powerWatts',
      'system.cpu.avg_temp',
      'system.system.powerWatts',
      'system.memory.used',
      'system.memory.used_percent',
      'system.swap.used',
      'system.swap.used_percent',
      'system.gpu.0.freq',
      'system.gpu.0.gpu',
      'system.ane.power',
    ),
  );
  assert.deepEqual(
    charts.map((c) => c.id),
    [
      'cpu-clusters',
      'cpu-freq',
      'cpu-power',
      'cpu-temp',
      'system-power',
      'memory',
      'memory-bytes',
      'swap',
      'swap-bytes',
      'gpu-util',
      'gpu-freq',
      'ane-power',
    ],
  );
  assert.deepEqual(labels(chart(charts, 'cpu-freq')), ['efficiency cores', 'performance cores']);
  assert.equal(chart(charts, 'cpu-freq').unit, 'mhz');
  assert.equal(chart(charts, 'memory-bytes').series[0].scale, 1);
  assert.equal(chart(charts, 'ane-power').title.en, 'Neural Engine power');
});

test('AMD (same names as NVIDIA, plus memory activity) and TPU keys, current and older', () => {
  const charts = buildCatalogue(
    sys(
      'system.gpu.0.gpu',
      'system.gpu.0.memoryAllocated',
      'system.gpu.0.memoryReadWriteActivity',
      'system.gpu.0.temp',
      'system.gpu.0.powerWatts',
      'system.gpu.0.powerPercent',
      'system.tpu',
      'system.tpu.0.dutyCycle',
      'system.tpu.1.dutyCycle',
      'system.tpu.0.memoryUsage',
      'system.tpu.0.memoryUsageBytes',
      'system.tpu.0.hbmBandwidth',
    ),
  );
  assert.deepEqual(
    charts.map((c) => [c.id, c.group]),
    [
      ['gpu-util', 'gpu'],
      ['gpu-temp', 'gpu'],
      ['gpu-mem-alloc', 'gpu'],
      ['gpu-mem-activity', 'gpu'],
      ['gpu-power', 'gpu'],
      ['gpu-power-percent', 'gpu'],
      ['tpu-util', 'tpu'],
      ['tpu-duty', 'tpu'],
      ['tpu-mem', 'tpu'],
      ['tpu-mem-bytes', 'tpu'],
      ['field:wandb:tpu.hbmBandwidth', 'other'],
    ],
  );
  assert.deepEqual(labels(chart(charts, 'tpu-duty')), ['TPU 0', 'TPU 1']);
  assert.deepEqual(
    chart(charts, 'tpu-duty').series.map((s) => s.color),
    [0, 1],
  );
  assert.equal(chart(charts, 'tpu-mem-bytes').unit, 'bytes');
});
