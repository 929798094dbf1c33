/**
 * The catalogue of system charts: title (English and Japanese), unit, y-range and derivation of
 * each chart, and how a run's system metric keys (any tracker, see system-keys.ts) become charts
 * with one line per device or per named part. Keys in a system namespace that the catalogue does
 * not know still get a chart, in the "Other" group. Pure: no DOM.
 */
import type { Lang } from '../../internal/i18n.js';
import {
  describeSystemKey,
  isSystemKey,
  type ChartKindId,
  type KeyContext,
  type KeyDescription,
  type PartId,
} from './system-keys.js';

export type GroupId = 'cpu' | 'memory' | 'disk' | 'network' | 'gpu' | 'tpu' | 'other';
export const GROUP_ORDER: readonly GroupId[] = ['cpu', 'memory', 'disk', 'network', 'gpu', 'tpu', 'other'];

/**
 * What a chart's values are: `bytes` and `bytes-rate` are shown in a human unit picked per chart
 * (KB … TB, powers of 1024); `none` for keys the catalogue does not know.
 */
export type UnitKind = 'percent' | 'count' | 'celsius' | 'watt' | 'mhz' | 'bytes' | 'bytes-rate' | 'none';

export type Localized = Readonly<{ en: string; ja: string }>;

/** A catalogue label in `lang`: Japanese for `ja…`, else English (the catalogue has no other languages yet). */
export function localize(label: Localized, lang: Lang): string {
  return lang.toLowerCase().split('-')[0] === 'ja' ? label.ja : label.en;
}

export interface ChartKind {
  group: GroupId;
  title: Localized;
  unit: UnitKind;
  /** Fixed y-axis ends (percentages are 0–100). */
  yMin?: number;
  yMax?: number;
  /** The logged values are cumulative counters; the chart shows their rate per second. */
  derive?: 'rate';
}

const t = (en: string, ja: string): Localized => ({ en, ja });
const PERCENT = { unit: 'percent', yMin: 0, yMax: 100 } as const;

/** In display order within each group. */
export const CHART_KINDS: Readonly<Record<ChartKindId, ChartKind>> = {
  // the whole machine: MLflow's cpu_utilization_percentage, W&B's `cpu` before SDK 0.13.5
  cpu: { group: 'cpu', title: t('System CPU utilisation', 'システムの CPU 使用率'), ...PERCENT },
  'proc-cpu-share': {
    group: 'cpu',
    // W&B's `cpu`: the process tree's CPU time over the CPU count. wandb-core divides by the
    // physical core count, so with SMT a busy process passes 100: no fixed top.
    title: t('Process CPU, share of all CPUs', 'プロセスの CPU 使用率（全 CPU に対する割合）'),
    unit: 'percent',
    yMin: 0,
  },
  'proc-cpu': {
    group: 'cpu',
    // psutil's per-process cpu_percent (Aim's `cpu`, MLflow's process_cpu_percentage): 100 per busy core
    title: t('Process CPU, 100 % per core', 'プロセスの CPU（1 コア = 100 %）'),
    unit: 'percent',
    yMin: 0,
  },
  'cpu-cores': { group: 'cpu', title: t('CPU utilisation per core', 'コアごとの CPU 使用率'), ...PERCENT },
  'cpu-clusters': {
    group: 'cpu',
    title: t('CPU cluster utilisation', 'CPU クラスタ使用率'),
    ...PERCENT,
  },
  'cpu-freq': { group: 'cpu', title: t('CPU frequency', 'CPU 周波数'), unit: 'mhz' },
  'cpu-power': { group: 'cpu', title: t('CPU power', 'CPU 電力'), unit: 'watt', yMin: 0 },
  'cpu-temp': { group: 'cpu', title: t('CPU temperature', 'CPU 温度'), unit: 'celsius' },
  'system-power': { group: 'cpu', title: t('System power', 'システム電力'), unit: 'watt', yMin: 0 },
  threads: { group: 'cpu', title: t('Process threads', 'プロセスのスレッド数'), unit: 'count', yMin: 0 },
  'open-files': {
    group: 'other',
    title: t('Process open files', 'プロセスが開いているファイル数'),
    unit: 'count',
    yMin: 0,
  },
  memory: { group: 'memory', title: t('System memory', 'システムメモリ'), ...PERCENT },
  'memory-bytes': { group: 'memory', title: t('System memory', 'システムメモリ'), unit: 'bytes', yMin: 0 },
  'proc-memory': { group: 'memory', title: t('Process memory', 'プロセスのメモリ'), ...PERCENT },
  'proc-memory-bytes': { group: 'memory', title: t('Process memory', 'プロセスのメモリ'), unit: 'bytes', yMin: 0 },
  swap: { group: 'memory', title: t('Swap', 'スワップ'), ...PERCENT },
  'swap-bytes': { group: 'memory', title: t('Swap', 'スワップ'), unit: 'bytes', yMin: 0 },
  'disk-percent': { group: 'disk', title: t('Disk usage', 'ディスク使用率'), ...PERCENT },
  // used (W&B usageGB, MLflow disk_usage_megabytes) and available (MLflow disk_available_megabytes)
  'disk-bytes': { group: 'disk', title: t('Disk space', 'ディスク容量'), unit: 'bytes', yMin: 0 },
  'disk-io': {
    group: 'disk',
    title: t('Disk I/O', 'ディスク I/O'),
    unit: 'bytes-rate',
    yMin: 0,
    derive: 'rate',
  },
  network: {
    group: 'network',
    title: t('Network traffic', 'ネットワーク通信量'),
    unit: 'bytes-rate',
    yMin: 0,
    derive: 'rate',
  },
  'gpu-util': { group: 'gpu', title: t('GPU utilisation', 'GPU 使用率'), ...PERCENT },
  'gpu-temp': { group: 'gpu', title: t('GPU temperature', 'GPU 温度'), unit: 'celsius' },
  'gpu-mem-alloc': { group: 'gpu', title: t('GPU memory allocated', 'GPU メモリ割り当て'), ...PERCENT },
  'gpu-mem-bytes': {
    group: 'gpu',
    title: t('GPU memory allocated', 'GPU メモリ割り当て量'),
    unit: 'bytes',
    yMin: 0,
  },
  'gpu-mem-access': {
    group: 'gpu',
    title: t('GPU time spent accessing memory', 'GPU メモリアクセス時間'),
    ...PERCENT,
  },
  'gpu-mem-activity': {
    group: 'gpu',
    title: t('GPU memory read/write activity', 'GPU メモリ読み書き率'),
    ...PERCENT,
  },
  'gpu-power': { group: 'gpu', title: t('GPU power', 'GPU 電力'), unit: 'watt', yMin: 0 },
  'gpu-power-percent': {
    group: 'gpu',
    title: t('GPU power of its limit', 'GPU 電力（上限比）'),
    ...PERCENT,
  },
  'gpu-power-limit': {
    group: 'gpu',
    title: t('GPU enforced power limit', 'GPU 電力上限'),
    unit: 'watt',
    yMin: 0,
  },
  'gpu-sm-clock': { group: 'gpu', title: t('GPU SM clock', 'GPU SM クロック'), unit: 'mhz' },
  'gpu-mem-clock': { group: 'gpu', title: t('GPU memory clock', 'GPU メモリクロック'), unit: 'mhz' },
  'gpu-graphics-clock': {
    group: 'gpu',
    title: t('GPU graphics clock', 'GPU グラフィックスクロック'),
    unit: 'mhz',
  },
  'gpu-freq': { group: 'gpu', title: t('GPU frequency', 'GPU 周波数'), unit: 'mhz' },
  'gpu-fan': { group: 'gpu', title: t('GPU fan speed', 'GPU ファン速度'), ...PERCENT },
  'gpu-encoder': { group: 'gpu', title: t('GPU encoder utilisation', 'GPU エンコーダ使用率'), ...PERCENT },
  'gpu-decoder': { group: 'gpu', title: t('GPU decoder utilisation', 'GPU デコーダ使用率'), ...PERCENT },
  'gpu-ecc-corrected': {
    group: 'gpu',
    title: t('GPU corrected memory errors', 'GPU 訂正済みメモリエラー'),
    unit: 'count',
    yMin: 0,
  },
  'gpu-ecc-uncorrected': {
    group: 'gpu',
    title: t('GPU uncorrected memory errors', 'GPU 訂正不能メモリエラー'),
    unit: 'count',
    yMin: 0,
  },
  'ane-power': { group: 'gpu', title: t('Neural Engine power', 'Neural Engine 電力'), unit: 'watt', yMin: 0 },
  'tpu-util': { group: 'tpu', title: t('TPU utilisation', 'TPU 使用率'), ...PERCENT },
  'tpu-duty': { group: 'tpu', title: t('TPU duty cycle', 'TPU デューティサイクル'), ...PERCENT },
  'tpu-mem': { group: 'tpu', title: t('TPU memory usage', 'TPU メモリ使用率'), ...PERCENT },
  'tpu-mem-bytes': { group: 'tpu', title: t('TPU memory usage', 'TPU メモリ使用量'), unit: 'bytes', yMin: 0 },
};

const KIND_ORDER = Object.keys(CHART_KINDS) as ChartKindId[];

export const PART_LABELS: Readonly<Record<PartId, Localized>> = {
  sent: t('sent', '送信'),
  received: t('received', '受信'),
  read: t('read', '読み込み'),
  written: t('written', '書き込み'),
  rss: t('RSS', 'RSS'),
  virtual: t('virtual', '仮想'),
  available: t('available', '空き'),
  used: t('used', '使用中'),
  efficiency: t('efficiency cores', '高効率コア'),
  performance: t('performance cores', '高性能コア'),
};
const PART_ORDER = Object.keys(PART_LABELS);

/** One line of a chart. */
export interface SystemSeries {
  /** The metric key the source knows. */
  key: string;
  label: Localized;
  /** Series colour index: the device index for per-device lines (GPU i is colour i in every chart). */
  color: number;
  /** GPU / TPU / core index. */
  device?: number;
  deviceKind?: 'gpu' | 'tpu' | 'core';
  part?: PartId;
  /** Factor from the logged value to the chart's base unit (bytes for byte charts). */
  scale: number;
}

export interface SystemChart extends ChartKind {
  /** Unique within a panel: the kind (plus `:process`), `field:<tracker>:<name>` or `key:<key>`. */
  id: string;
  kind?: ChartKindId;
  /** W&B's `gpu.process.<i>.*`: the GPUs this process uses. */
  process?: boolean;
  series: SystemSeries[];
}

/** What the catalogue needs of a listed metric. */
export interface CatalogueInput {
  key: string;
  group?: string;
}

const DEVICE_LABELS: Record<'gpu' | 'tpu' | 'core', Localized> = {
  gpu: t('GPU', 'GPU'),
  tpu: t('TPU', 'TPU'),
  core: t('CPU', 'CPU'),
};

function seriesLabel(key: string, d: KeyDescription): Localized {
  const parts: Localized[] = [];
  if (d.device !== undefined && d.deviceKind) {
    const kind = DEVICE_LABELS[d.deviceKind];
    parts.push(t(`${kind.en} ${d.device}`, `${kind.ja} ${d.device}`));
  }
  if (d.name !== undefined) parts.push(t(d.name, d.name));
  if (d.part) parts.push(PART_LABELS[d.part]);
  if (parts.length === 0) return t(key, key);
  return t(parts.map((p) => p.en).join(' '), parts.map((p) => p.ja).join(' '));
}

function processTitle(title: Localized): Localized {
  return t(`Process ${title.en}`, `プロセスの ${title.ja}`);
}

/** Whether a listed metric belongs on the system panel. */
export function isSystemMetric(m: CatalogueInput): boolean {
  return m.group === 'system' || isSystemKey(m.key);
}

/**
 * The charts for a run's metrics, in display order (group, then catalogue order; process GPU charts
 * after their GPU counterparts; "Other" charts by title). Metrics outside the system namespace
 * (and not in the group `system`) are ignored. `context` says what the keys alone do not (the W&B
 * SDK version, which decides what `cpu` measures).
 */
export function buildCatalogue(metrics: readonly CatalogueInput[], context: KeyContext = {}): SystemChart[] {
  const charts = new Map<string, SystemChart>();
  for (const m of metrics) {
    if (!m || typeof m.key !== 'string' || !isSystemMetric(m)) continue;
    const d = describeSystemKey(m.key, m.group === 'system', context);
    if (!d) continue;
    const chart = chartFor(charts, m.key, d);
    chart.series.push({
      key: m.key,
      label: seriesLabel(m.key, d),
      color: 0,
      ...(d.device !== undefined ? { device: d.device } : {}),
      ...(d.deviceKind ? { deviceKind: d.deviceKind } : {}),
      ...(d.part ? { part: d.part } : {}),
      scale: d.scale ?? 1,
    });
  }
  const list = [...charts.values()];
  for (const c of list) finishSeries(c);
  return list.sort(compareCharts);
}

function chartFor(charts: Map<string, SystemChart>, key: string, d: KeyDescription): SystemChart {
  let id: string;
  let make: () => SystemChart;
  if (d.chart) {
    const kind = CHART_KINDS[d.chart];
    id = d.process ? `${d.chart}:process` : d.chart;
    make = () => ({
      id,
      kind: d.chart,
      group: kind.group,
      title: d.process ? processTitle(kind.title) : kind.title,
      unit: kind.unit,
      ...(kind.yMin !== undefined ? { yMin: kind.yMin } : {}),
      ...(kind.yMax !== undefined ? { yMax: kind.yMax } : {}),
      ...(kind.derive ? { derive: kind.derive } : {}),
      ...(d.process ? { process: true } : {}),
      series: [],
    });
  } else if (d.field !== undefined) {
    const field = d.process ? `process.${d.field}` : d.field;
    id = `field:${d.tracker}:${field}`;
    make = () => ({ id, group: 'other', title: t(field, field), unit: 'none', series: [] });
  } else {
    id = `key:${key}`;
    make = () => ({ id, group: 'other', title: t(key, key), unit: 'none', series: [] });
  }
  let chart = charts.get(id);
  if (!chart) charts.set(id, (chart = make()));
  return chart;
}

/** Orders a chart's lines (device, then part), gives colours and makes labels unique. */
function finishSeries(c: SystemChart): void {
  const rank = (s: SystemSeries): [number, number, string] => {
    const part = s.part ? PART_ORDER.indexOf(s.part) : -1;
    return [s.device ?? -1, part, s.key];
  };
  c.series.sort((a, b) => {
    const [da, pa, ka] = rank(a);
    const [db, pb, kb] = rank(b);
    return da - db || pa - pb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  const seen = new Set<string>();
  c.series.forEach((s, i) => {
    s.color = s.device ?? i;
    if (seen.has(s.label.en)) s.label = t(`${s.label.en} (${s.key})`, `${s.label.ja} (${s.key})`);
    seen.add(s.label.en);
  });
}

function compareCharts(a: SystemChart, b: SystemChart): number {
  const g = GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group);
  if (g !== 0) return g;
  const ka = a.kind ? KIND_ORDER.indexOf(a.kind) : Infinity;
  const kb = b.kind ? KIND_ORDER.indexOf(b.kind) : Infinity;
  if (ka !== kb) return ka - kb;
  if (!!a.process !== !!b.process) return a.process ? 1 : -1;
  return a.title.en < b.title.en ? -1 : a.title.en > b.title.en ? 1 : 0;
}

/** Every GPU index that appears in the charts, ascending. */
export function gpuIndexes(charts: readonly SystemChart[]): number[] {
  const set = new Set<number>();
  for (const c of charts)
    for (const s of c.series) if (s.deviceKind === 'gpu' && s.device !== undefined) set.add(s.device);
  return [...set].sort((a, b) => a - b);
}
