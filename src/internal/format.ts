import type { Lang } from './i18n.js';

/**
 * The `Intl` locale of a language: the tag itself (`de-CH`, `fr`, `pt-BR`), so numbers and dates
 * read as that language writes them whether or not it has labels; one Intl knows nothing of reads as English.
 */
export function intlLocale(lang: Lang): string {
  return lang === 'en' ? 'en-US' : lang === 'ja' ? 'ja-JP' : lang;
}
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/**
 * A number as people read it in a table: up to `significant` digits (6 unless said), integers below
 * 1e15 in full, exponent for tiny or huge values.
 */
export function formatNumber(value: number, lang: Lang = 'en', significant = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return cached(`int-${lang}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0 })).format(
      value,
    );
  }
  const abs = Math.abs(value);
  const digits = Math.min(21, Math.max(1, Math.round(significant)));
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return trimExponent(value.toExponential(digits - 1));
  return cached(
    `num-${lang}-${digits}`,
    () => new Intl.NumberFormat(intlLocale(lang), { maximumSignificantDigits: digits }),
  ).format(value);
}

/** `1.2500e-5` → `1.25e-5`, `1.0e+20` → `1e20`. */
function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** A number with at most `decimals` fraction digits (up to 20), trailing zeros dropped: `1,234.5`. */
export function formatFixed(value: number, decimals: number, lang: Lang = 'en'): string {
  const d = Math.min(20, Math.max(0, Math.round(decimals)));
  return cached(
    `fixed-${lang}-${d}`,
    () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: d }),
  ).format(value);
}

/**
 * A number as a table of facts shows it, losing nothing: integers in full with the language's
 * grouping (`1,714,550,412`), other values with the shortest digits that read back as the same
 * number (`Number.prototype.toString`: `0.00010000001`, not `0.0001`), exponent form below 1e-4 and
 * beyond the integers a double holds exactly (`3e-5`, `1.152921504606847e18`), and `NaN`,
 * `Infinity`, `-Infinity` by name. `String(value)` is the exact value to copy.
 */
export function formatExactNumber(value: number, lang: Lang = 'en'): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs > Number.MAX_SAFE_INTEGER)) return value.toExponential().replace('e+', 'e');
  // In this range String() writes plain decimal digits: group the integer part, keep the fraction.
  const [whole, fraction] = String(abs).split('.');
  const grouped = cached(`int-${lang}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0 }));
  const point = decimalSeparator(lang);
  return `${value < 0 ? '-' : ''}${grouped.format(Number(whole))}${fraction ? point + fraction : ''}`;
}

function decimalSeparator(lang: Lang): string {
  const f = cached(`num-${lang}-6`, () => new Intl.NumberFormat(intlLocale(lang), { maximumSignificantDigits: 6 }));
  return f.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** 1.2k, 3.4M, 5.6B — for axes and parameter counts. */
export function formatCompact(value: number, lang: Lang = 'en'): string {
  if (!Number.isFinite(value)) return formatNumber(value, lang);
  const abs = Math.abs(value);
  if (abs < 1000) return formatNumber(Number(value.toPrecision(4)), lang);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${trimZeros((value / size).toFixed(abs / size >= 100 ? 0 : 1))}${suffix}`;
  }
  return String(value);
}

function trimZeros(s: string): string {
  return s.replace(/\.0$/, '');
}

/** 1.5 KB, 3.2 GB (powers of 1024, as file browsers show). */
export function formatBytes(bytes: number | undefined, lang: Lang = 'en'): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  const n = cached(
    `bytes-${lang}-${digits}`,
    () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  );
  return `${bytes < 0 ? '-' : ''}${n.format(v)} ${units[i]}`;
}

/** 3h 4m 5s; 12.3s under a minute. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, seconds);
  if (s < 60) return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)}s`;
  const total = Math.round(s);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const parts = d ? [`${d}d`, `${h}h`, `${m}m`] : h ? [`${h}h`, `${m}m`, `${sec}s`] : [`${m}m`, `${sec}s`];
  return parts.join(' ');
}

export function formatDateTime(ms: number | undefined, lang: Lang = 'en'): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return cached(
    `dt-${lang}`,
    () => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'medium' }),
  ).format(ms);
}

/** "3 minutes ago" / "3 分前". */
export function formatRelativeTime(ms: number | undefined, now: number, lang: Lang = 'en'): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const rtf = cached(`rt-${lang}`, () => new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' }));
  const diff = (ms - now) / 1000;
  const abs = Math.abs(diff);
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [3600, 'minute'],
    [86400, 'hour'],
    [86400 * 30, 'day'],
    [86400 * 365, 'month'],
  ];
  let unit: Intl.RelativeTimeFormatUnit = 'year';
  let size = 86400 * 365;
  let previous = 1;
  for (const [limit, u] of steps) {
    if (abs < limit) {
      unit = u;
      size = previous;
      break;
    }
    previous = limit;
  }
  return rtf.format(Math.round(diff / size), unit);
}
