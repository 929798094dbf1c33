/**
 * Units of system charts: the label shown in a chart's title and the factor its values are divided
 * by. Byte charts pick a human unit (KB … PB, powers of 1024, as file sizes read) from the size of
 * their values, so a network rate reads 12.5 MB/s rather than 13107200.
 */
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import type { SystemChart, UnitKind } from './system-catalogue.js';

export interface DisplayUnit {
  /** Values in the chart's base unit are divided by this before drawing. */
  divisor: number;
  /** `%`, `°C`, `W`, `MHz`, `GB`, `MB/s`, or empty. */
  label: string;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

const FIXED: Record<Exclude<UnitKind, 'bytes' | 'bytes-rate'>, string> = {
  percent: '%',
  count: '',
  celsius: '°C',
  watt: 'W',
  mhz: 'MHz',
  none: '',
};

/** The unit for a chart whose largest value (in its base unit) is about `magnitude`. */
export function displayUnit(unit: UnitKind, magnitude: number): DisplayUnit {
  if (unit !== 'bytes' && unit !== 'bytes-rate') return { divisor: 1, label: FIXED[unit] ?? '' };
  let i = 0;
  let v = Math.abs(magnitude);
  if (Number.isFinite(v)) {
    while (v >= 1024 && i < BYTE_UNITS.length - 1) {
      v /= 1024;
      i++;
    }
  }
  return { divisor: 1024 ** i, label: unit === 'bytes-rate' ? `${BYTE_UNITS[i]}/s` : BYTE_UNITS[i] };
}

/**
 * About how large a chart's values are, from what `listMetrics` says (each key's last value) without
 * fetching: the largest last value, or for rates the largest average rate (last counter value over
 * the run's duration in seconds).
 */
export function chartMagnitude(
  chart: SystemChart,
  lastOf: (key: string) => number | undefined,
  durationSeconds: number | undefined,
): number {
  let max = 0;
  for (const s of chart.series) {
    const last = lastOf(s.key);
    if (last === undefined || !Number.isFinite(last)) continue;
    let v = Math.abs(last * s.scale);
    if (chart.derive === 'rate') v /= durationSeconds && durationSeconds > 0 ? durationSeconds : 1;
    if (v > max) max = v;
  }
  return max;
}

/** A value already divided by the unit's divisor, with the unit: `42.5 %`, `1.25 GB/s`, `17`. */
export function formatWithUnit(value: number | undefined, unit: DisplayUnit, lang: Lang): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  // four significant digits, whole numbers from 1000 on (1,410 MHz, 280.6 W, 66.56 GB)
  const rounded =
    !Number.isFinite(value) || abs < 0.01 ? value : abs >= 1000 ? Math.round(value) : Number(value.toPrecision(4));
  const text = formatNumber(rounded, lang);
  return unit.label ? `${text} ${unit.label}` : text;
}

/** Bytes in a human unit for a counter's total (`3.2 GB`). */
export function formatByteTotal(bytes: number, lang: Lang): string {
  const unit = displayUnit('bytes', bytes);
  return formatWithUnit(bytes / unit.divisor, unit, lang);
}
