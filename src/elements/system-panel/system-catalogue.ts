/**
 * The catalogue of system charts: title (system-charts.messages.ts), unit, y-range and derivation of
 * each chart, and how a run's system metric keys (any tracker, see system-keys.ts) become charts
 * with one line per device or per named part. Keys in a system namespace that the catalogue does
 * not know still get a chart, in the "Other" group. Pure: no DOM.
 */
import type { Lang } from '../../internal/i18n.js';
import { chartText } from './system-charts.messages.js';
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

/** A label: English and Japanese at hand (for sorting and tests; Japanese once loaded), any language through `in`. */
export interface Localized {
  readonly en: string;
  readonly ja: string;
  /** The label in `lang`, registered translations included (`lang="de"`). */
  readonly in: (lang: Lang) => string;
}

/** A catalogue label in `lang`. */
export function localize(label: Localized, lang: Lang): string {
  return label.in(lang);
}

const label = (text: (lang: Lang) => string): Localized => ({
  en: text('en'),
  get ja() {
    return text('ja');
  },
  in: text,
});
/** Text that is the same in every language (a key, a device name). */
const verbatim = (text: string): Localized => label(() => text);
const title = (key: Exclude<keyof typeof chartText.en, 'process'>): Localized => label((lang) => chartText(lang, key));

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

const PERCENT = { unit: 'percent', yMin: 0, yMax: 100 } as const;

/** In display order within each group. */
export const CHART_KINDS: Readonly<Record<ChartKindId, ChartKind>> = {
  // the whole machine: MLflow's cpu_utilization_percentage, W&B's `cpu` before SDK 0.13.5
  cpu: { group: 'cpu', title: title('cpu'), ...PERCENT },
  'proc-cpu-share': {
    group: 'cpu',
    // W&B's `cpu`: the process tree's CPU time over the CPU count. wandb-core divides by the
    // physical core count, so with SMT a busy process passes 100: no fixed top.
    title: title('proc-cpu-share'),
    unit: 'percent',
    yMin: 0,
  },
  'proc-cpu': {
    group: 'cpu',
    // psutil's per-process cpu_percent (Aim's `cpu`, MLflow's process_cpu_percentage): 100 per busy core
    title: title('proc-cpu'),
    unit: 'percent',
    yMin: 0,
  },
  'cpu-cores': { group: 'cpu', title: title('cpu-cores'), ...PERCENT },
  'cpu-clusters': {
    group: 'cpu',
    title: title('cpu-clusters'),
    ...PERCENT,
  },
  'cpu-freq': { group: 'cpu', title: title('cpu-freq'), unit: 'mhz' },
  'cpu-power': { group: 'cpu', title: title('cpu-power'), unit: 'watt', yMin: 0 },
  'cpu-temp': { group: 'cpu', title: title('cpu-temp'), unit: 'celsius' },
  'system-power': { group: 'cpu', title: title('system-power'), unit: 'watt', yMin: 0 },
  threads: { group: 'cpu', title: title('threads'), unit: 'count', yMin: 0 },
  'open-files': {
    group: 'other',
    title: title('open-files'),
    unit: 'count',
    yMin: 0,
  },
  memory: { group: 'memory', title: title('memory'), ...PERCENT },
  'memory-bytes': { group: 'memory', title: title('memory-bytes'), unit: 'bytes', yMin: 0 },
  'proc-memory': { group: 'memory', title: title('proc-memory'), ...PERCENT },
  'proc-memory-bytes': { group: 'memory', title: title('proc-memory-bytes'), unit: 'bytes', yMin: 0 },
  swap: { group: 'memory', title: title('swap'), ...PERCENT },
  'swap-bytes': { group: 'memory', title: title('swap-bytes'), unit: 'bytes', yMin: 0 },
  'disk-percent': { group: 'disk', title: title('disk-percent'), ...PERCENT },
  // used (W&B usageGB, MLflow disk_usage_megabytes) and available (MLflow disk_available_megabytes)
  'disk-bytes': { group: 'disk', title: title('disk-bytes'), unit: 'bytes', yMin: 0 },
  'disk-io': {
    group: 'disk',
    title: title('disk-io'),
    unit: 'bytes-rate',
    yMin: 0,
    derive: 'rate',
  },
  network: {
    group: 'network',
    title: title('network'),
    unit: 'bytes-rate',
    yMin: 0,
    derive: 'rate',
  },
  'gpu-util': { group: 'gpu', title: title('gpu-util'), ...PERCENT },
  'gpu-temp': { group: 'gpu', title: title('gpu-temp'), unit: 'celsius' },
  'gpu-mem-alloc': { group: 'gpu', title: title('gpu-mem-alloc'), ...PERCENT },
  'gpu-mem-bytes': {
    group: 'gpu',
    title: title('gpu-mem-bytes'),
    unit: 'bytes',
    yMin: 0,
  },
  'gpu-mem-access': {
    group: 'gpu',
    title: title('gpu-mem-access'),
    ...PERCENT,
  },
  'gpu-mem-activity': {
    group: 'gpu',
    title: title('gpu-mem-activity'),
    ...PERCENT,
  },
  'gpu-power': { group: 'gpu', title: title('gpu-power'), unit: 'watt', yMin: 0 },
  'gpu-power-percent': {
    group: 'gpu',
    title: title('gpu-power-percent'),
    ...PERCENT,
  },
  'gpu-power-limit': {
    group: 'gpu',
    title: title('gpu-power-limit'),
    unit: 'watt',
    yMin: 0,
  },
  'gpu-sm-clock': { group: 'gpu', title: title('gpu-sm-clock'), unit: 'mhz' },
  'gpu-mem-clock': { group: 'gpu', title: title('gpu-mem-clock'), unit: 'mhz' },
  'gpu-graphics-clock': {
    group: 'gpu',
    title: title('gpu-graphics-clock'),
    unit: 'mhz',
  },
  'gpu-freq': { group: 'gpu', title: title('gpu-freq'), unit: 'mhz' },
  'gpu-fan': { group: 'gpu', title: title('gpu-fan'), ...PERCENT },
  'gpu-encoder': { group: 'gpu', title: title('gpu-encoder'), ...PERCENT },
  'gpu-decoder': { group: 'gpu', title: title('gpu-decoder'), ...PERCENT },
  'gpu-ecc-corrected': {
    group: 'gpu',
    title: title('gpu-ecc-corrected'),
    unit: 'count',
    yMin: 0,
  },
  'gpu-ecc-uncorrected': {
    group: 'gpu',
    title: title('gpu-ecc-uncorrected'),
    unit: 'count',
    yMin: 0,
  },
  'ane-power': { group: 'gpu', title: title('ane-power'), unit: 'watt', yMin: 0 },
  'tpu-util': { group: 'tpu', title: title('tpu-util'), ...PERCENT },
  'tpu-duty': { group: 'tpu', title: title('tpu-duty'), ...PERCENT },
  'tpu-mem': { group: 'tpu', title: title('tpu-mem'), ...PERCENT },
  'tpu-mem-bytes': { group: 'tpu', title: title('tpu-mem-bytes'), unit: 'bytes', yMin: 0 },
};

const KIND_ORDER = Object.keys(CHART_KINDS) as ChartKindId[];

export const PART_LABELS: Readonly<Record<PartId, Localized>> = {
  sent: title('part_sent'),
  received: title('part_received'),
  read: title('part_read'),
  written: title('part_written'),
  rss: title('part_rss'),
  virtual: title('part_virtual'),
  available: title('part_available'),
  used: title('part_used'),
  efficiency: title('part_efficiency'),
  performance: title('part_performance'),
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
  gpu: verbatim('GPU'),
  tpu: verbatim('TPU'),
  core: verbatim('CPU'),
};

function seriesLabel(key: string, d: KeyDescription): Localized {
  const parts: Localized[] = [];
  if (d.device !== undefined && d.deviceKind) {
    const kind = DEVICE_LABELS[d.deviceKind];
    parts.push(label((lang) => `${kind.in(lang)} ${d.device}`));
  }
  if (d.name !== undefined) parts.push(verbatim(d.name));
  if (d.part) parts.push(PART_LABELS[d.part]);
  if (parts.length === 0) return verbatim(key);
  return label((lang) => parts.map((p) => p.in(lang)).join(' '));
}

function processTitle(kindTitle: Localized): Localized {
  return label((lang) => chartText(lang, 'process', kindTitle.in(lang)));
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
    make = () => ({ id, group: 'other', title: verbatim(field), unit: 'none', series: [] });
  } else {
    id = `key:${key}`;
    make = () => ({ id, group: 'other', title: verbatim(key), unit: 'none', series: [] });
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
    const plain = s.label;
    if (seen.has(plain.en)) s.label = label((lang) => `${plain.in(lang)} (${s.key})`);
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
