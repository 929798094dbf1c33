/**
 * Axis kinds and tick labels that read naturally: 1.2k / 3.4M for counts, s / min / h / d for
 * durations, dates for wall-clock time. Shared by every chart element (metric-chart, system panel).
 */
import type { XAxis } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { formatCompact, formatDateTime, formatDuration, formatNumber } from '../../internal/format.js';

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

function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  let d = 0;
  while (d < 6 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9 * 10 ** d) d++;
  return d;
}

/** A duration tick: the unit follows the tick spacing, so neighbours read alike (`30s`, `1.5min`, `2h`). */
export function formatDurationTick(seconds: number, incr: number): string {
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  let unit: [number, string] = [1, 's'];
  if (incr < 1) unit = [1, 's'];
  else
    for (const u of units)
      if (incr >= u[0]) {
        unit = u;
        break;
      }
  const value = seconds / unit[0];
  const text = value.toFixed(decimalsFor(incr / unit[0]));
  return `${text === '-0' ? '0' : text}${unit[1]}`;
}

const DATE_LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, what: 'day' | 'minute' | 'second' | 'milli'): Intl.DateTimeFormat {
  const key = `${lang}-${what}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      what === 'day'
        ? { month: 'short', day: 'numeric' }
        : what === 'minute'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : what === 'second'
            ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
            : { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(DATE_LOCALES[lang], options);
    dateFormats.set(key, f);
  }
  return f;
}

/**
 * Date ticks (epoch ms) spaced `incrMs` apart: days as dates, finer spacing as times, with the date
 * added on the first tick and wherever the day changes.
 */
export function formatDateTicks(values: readonly number[], incrMs: number, lang: Lang): string[] {
  let previousDay = '';
  const day = dateFormat(lang, 'day');
  const time = dateFormat(lang, incrMs >= 60_000 ? 'minute' : incrMs >= 1000 ? 'second' : 'milli');
  return values.map((v) => {
    if (!Number.isFinite(v)) return '';
    const d = day.format(v);
    if (incrMs >= 86_400_000) return d;
    const t = time.format(v);
    const label = d !== previousDay ? `${t}\n${d}` : t;
    previousDay = d;
    return label;
  });
}

/** A value tick (y axis, step axis): `1.2k`, `3.4M`, `0.25`, `1e-5`. */
export function formatValueTick(value: number, incr: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  if (abs >= 1000) return formatCompact(value, lang);
  if (abs !== 0 && abs < 1e-4) return value.toExponential(1).replace(/\.0e/, 'e');
  const d = Math.min(decimalsFor(Math.abs(incr)), 6);
  return formatNumber(Number(value.toFixed(d)), lang);
}

/** Tick labels for an axis of `kind` (`y` for value axes). */
export function formatTicks(kind: XKind | 'y', values: readonly number[], incr: number, lang: Lang): string[] {
  if (kind === 'wallclock') return formatDateTicks(values, incr, lang);
  if (kind === 'relative' || kind === 'process') return values.map((v) => formatDurationTick(v, incr));
  return values.map((v) => formatValueTick(v, incr, lang));
}

/** One x value in full, for tooltips and tables. */
export function formatXValue(kind: XKind, value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return formatNumber(value, lang);
  if (kind === 'wallclock') return formatDateTime(value, lang);
  if (kind === 'relative' || kind === 'process') return formatDuration(value);
  return formatNumber(value, lang);
}
