/**
 * Axis kinds and tick labels that read naturally: 1.2k / 3.4M for counts, s / min / h / d for
 * durations, dates for wall-clock time (date-ticks.ts, loaded with the first chart that shows them).
 * Shared by every chart element (metric-chart, system panel).
 */
import type { XAxis } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import {
  formatDateTime,
  formatDuration,
  formatExactNumber,
  formatFixed,
  formatNumber,
  intlLocale,
} from '../../internal/format.js';
import { dateCode } from './plot-parts.js';

/** What an x value means: a step count, seconds, epoch ms, or another metric's value. */
export type XKind = 'step' | 'relative' | 'process' | 'wallclock' | 'metric';

const X_KINDS: readonly string[] = ['step', 'relative', 'process', 'wallclock'];

/** The kind of an element's `x` attribute value (any other non-empty string names a metric). */
export function xKindOf(x: string): XKind {
  return X_KINDS.includes(x) ? (x as XKind) : 'metric';
}

/** The axis name the source understands: `process` is the source's `runtime`. */
export function sourceXAxis(x: string): XAxis {
  return x === 'process' ? 'runtime' : x;
}

/** Tick increments for duration axes, in seconds. */
export const DURATION_INCRS: readonly number[] = [
  0.001,
  0.002,
  0.005,
  0.01,
  0.02,
  0.05,
  0.1,
  0.2,
  0.5,
  1,
  2,
  5,
  10,
  15,
  30,
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
  2 * 86400,
  7 * 86400,
  14 * 86400,
  30 * 86400,
  90 * 86400,
  365 * 86400,
];

/** Fraction digits needed to write `step` (0.25 → 2, 1e-11 → 11, 500 → 0), at most 20. */
function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d < 20; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(Math.round(scaled) - scaled) <= scaled * 1e-9) return d;
  }
  return 20;
}

/** The units of duration ticks, largest first: a tick spacing below a second is written in seconds. */
const DURATION_UNITS: readonly [number, string][] = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
];

/** A duration tick: the unit follows the tick spacing, so neighbours read alike (`30s`, `1.5min`, `2h`). */
export function formatDurationTick(seconds: number, incr: number): string {
  const [size, suffix] = DURATION_UNITS.find(([s]) => incr >= s) ?? [1, 's'];
  const text = (seconds / size).toFixed(decimalsFor(incr / size));
  return `${text === '-0' ? '0' : text}${suffix}`;
}

const COMPACT: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Value ticks (y axis, step axis) `incr` apart, with the digits needed to tell them apart:
 * `1.2k` / `3.4M` where the spacing allows, `1,000,000,001` where it does not, `0.00010000001`
 * on a narrow range, `1.5e-5` and `1e20` for tiny and huge magnitudes. On a log axis each tick is
 * written to the precision of its own decade. Labels are never equal for different values: if the
 * spacing is irregular, every tick is written in full.
 */
export function formatValueTicks(values: readonly number[], incr: number, lang: Lang, log = false): string[] {
  const spacing = Math.abs(incr) > 0 && Number.isFinite(incr) ? Math.abs(incr) : smallestGap(values);
  const labels = values.map((v) => valueTick(v, log ? decade(v) : spacing, lang));
  if (allDistinct(values, labels)) return labels;
  return values.map((v) => (Number.isFinite(v) ? formatExactNumber(v, lang) : ''));
}

/** One value tick among ticks `spacing` apart. */
export function formatValueTick(value: number, spacing: number, lang: Lang): string {
  return formatValueTicks([value], spacing, lang)[0];
}

function valueTick(v: number, spacing: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '';
  const abs = Math.abs(v);
  // splits summed in floating point land a hair off zero (1e-17)
  if (abs === 0 || (spacing > 0 && abs < spacing * 1e-6)) return '0';
  if (abs < 1e-4 || abs >= 1e15) {
    const exponent = Number(v.toExponential().split('e')[1]);
    const text = v.toExponential(Math.min(16, decimalsFor(spacing / 10 ** exponent)));
    return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
  }
  if (abs >= 1000) {
    const [size, suffix] = COMPACT.find(([s]) => abs >= s)!;
    const d = decimalsFor(spacing / size);
    if (d <= 2) return `${formatFixed(v / size, d, lang)}${suffix}`;
  }
  return formatFixed(v, decimalsFor(spacing), lang);
}

/** 10^⌊log10 |v|⌋: the spacing of ticks within v's decade on a log axis. */
function decade(v: number): number {
  return Number.isFinite(v) && v !== 0 ? 10 ** Math.floor(Math.log10(Math.abs(v))) : 0;
}

function smallestGap(values: readonly number[]): number {
  let gap = Infinity;
  for (let i = 1; i < values.length; i++) {
    const d = Math.abs(values[i] - values[i - 1]);
    if (d > 0 && d < gap) gap = d;
  }
  return Number.isFinite(gap) ? gap : 0;
}

function allDistinct(values: readonly number[], labels: readonly string[]): boolean {
  const seen = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const other = seen.get(labels[i]);
    if (other !== undefined && other !== values[i]) return false;
    seen.set(labels[i], values[i]);
  }
  return true;
}

/** Tick labels for an axis of `kind` (`y` for value axes); `log` for a log-scaled axis. */
export function formatTicks(
  kind: XKind | 'y',
  values: readonly number[],
  incr: number,
  lang: Lang,
  log = false,
): string[] {
  if (kind === 'wallclock') {
    const dates = dateCode.now;
    return dates ? dates.formatDateTicks(values, incr, intlLocale(lang)) : values.map((v) => formatDateTime(v, lang));
  }
  if (kind === 'relative' || kind === 'process') return values.map((v) => formatDurationTick(v, incr));
  return formatValueTicks(values, incr, lang, log);
}

/**
 * Significant digits that tell a value from its neighbours on an axis spanning `span`: three more
 * than the span's own leading digit reaches (a learning rate of 1.0000001e-4 on a range of 1e-10
 * needs 10), never fewer than 6, at most 17 (all a double has).
 */
export function digitsWithin(value: number, span: number | undefined): number {
  if (!(span! > 0) || !Number.isFinite(span) || !Number.isFinite(value) || value === 0) return 6;
  const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(span!)) + 3;
  return Math.min(17, Math.max(6, digits));
}

/** A value shown on a chart whose visible range spans `span`: with `digitsWithin` significant digits. */
export function formatValueWithin(value: number, span: number | undefined, lang: Lang): string {
  return formatNumber(value, lang, digitsWithin(value, span));
}

/**
 * One x value in full, for tooltips and tables. `span` is the visible x range: on a narrow one,
 * values carry the digits that tell neighbours apart (milliseconds of a date, fractions of a second).
 */
export function formatXValue(kind: XKind, value: number, lang: Lang, span?: number): string {
  if (!Number.isFinite(value)) return formatNumber(value, lang);
  const narrow = span !== undefined && span > 0;
  if (kind === 'wallclock') {
    const dates = dateCode.now;
    return narrow && span < 10_000 && dates
      ? dates.formatDateMilli(value, intlLocale(lang))
      : formatDateTime(value, lang);
  }
  if (kind === 'relative' || kind === 'process') {
    if (!narrow || span >= 10) return formatDuration(value);
    return `${formatFixed(value, Math.min(9, Math.max(1, 2 - Math.floor(Math.log10(span)))), lang)}s`;
  }
  return formatValueWithin(value, span, lang);
}
