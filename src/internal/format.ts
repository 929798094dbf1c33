import type { Lang } from './i18n.js';

/**
 * The `Intl` locale of a language: the tag itself (`de-CH`, `fr`, `pt-BR`), so numbers and dates
 * read as that language writes them whether or not it has labels; one Intl knows nothing of reads as English.
 */
export function intlLocale(lang: Lang): string {
  return lang === 'en' ? 'en-US' : lang === 'ja' ? 'ja-JP' : lang;
}
const cache = new Map<string, unknown>();

/** The `Kind` formatter of `lang` with `options`, made once: ICU's set-up of each one is slow. */
function intl<O, T>(Kind: new (locale: string, options: O) => T, lang: Lang, options: O): T {
  const key = `${Kind.name} ${lang} ${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = new Kind(intlLocale(lang), options)));
  return f;
}

/**
 * Numbers in `en` (en-US) are written without Intl. The first NumberFormat of a page (ICU's set-up)
 * took ~20 ms of a chart's first paint, and the chart's screen-reader table made one more for each
 * digit count. What Intl
 * does is short to write out: it takes the shortest decimal digits that read back as the double
 * (the digits `String` writes, so 1.005 is 1.005, not the 1.00499… it holds), rounds them to the
 * digits asked for (a 5 or more first digit dropped rounds away from zero), drops the trailing
 * zeros of the fraction, and en-US writes the rest with a "." and groups of three with ",";
 * test/node/internal/format.test.ts compares the two on many values. Other languages keep Intl.
 */
const plainEnglish = (lang: Lang): boolean => lang === 'en';

/**
 * |value| (finite) as en-US writes it, rounded to `fractionDigits` digits after the point or, when
 * that is undefined, to `significant` digits; with the sign of a negative value (of −0 too, as
 * Intl shows it).
 */
function english(value: number, fractionDigits: number | undefined, significant = 21): string {
  // the shortest digits of |value| and where the point goes: value = 0.digits × 10^point
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(text.slice(e + 1)));
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48 /* 0 */) lead++;
  digits = digits.slice(lead);
  point -= lead;
  // how many of those digits are kept, then rounded half away from zero
  const keep = fractionDigits === undefined ? significant : point + fractionDigits;
  if (keep < digits.length) {
    const up = keep >= 0 && digits.charCodeAt(keep) >= 53; /* 5 */
    digits = keep > 0 ? digits.slice(0, keep) : '';
    if (up) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') i--;
      if (i < 0) {
        digits = '1' + '0'.repeat(digits.length);
        point++;
      } else digits = digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
    }
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction =
    end === 0 ? '' : point < 0 ? '0'.repeat(-point) + digits.slice(0, end) : digits.slice(Math.max(0, point), end);
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += ',' + whole.slice(i, i + 3);
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${grouped}${fraction ? '.' + fraction : ''}`;
}

/** Intl's `maximumFractionDigits: d` formatting of `value` (d ≤ 20). */
function withFractionDigits(value: number, d: number, lang: Lang): string {
  if (plainEnglish(lang) && Number.isFinite(value)) return english(value, d);
  return intl(Intl.NumberFormat, lang, { maximumFractionDigits: d }).format(value);
}

/**
 * A number as people read it in a table: up to `significant` digits (6 unless said), integers below
 * 1e15 in full, exponent for tiny or huge values.
 */
export function formatNumber(value: number, lang: Lang = 'en', significant = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return withFractionDigits(value, 0, lang);
  const abs = Math.abs(value);
  const digits = Math.min(21, Math.max(1, Math.round(significant)));
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return trimExponent(value.toExponential(digits - 1));
  if (plainEnglish(lang)) return english(value, undefined, digits);
  return intl(Intl.NumberFormat, lang, { maximumSignificantDigits: digits }).format(value);
}

/** `1.2500e-5` → `1.25e-5`, `1.0e+20` → `1e20`. */
function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** A number with at most `decimals` fraction digits (up to 20), trailing zeros dropped: `1,234.5`. */
export function formatFixed(value: number, decimals: number, lang: Lang = 'en'): string {
  return withFractionDigits(value, Math.min(20, Math.max(0, Math.round(decimals))), lang);
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
  // In this range the shortest digits (at most 17, from 1e-4 on) end within 20 fraction digits, and
  // both Intl and english() start from those digits: rounding to 20 fraction digits keeps them all.
  return withFractionDigits(value, 20, lang);
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
  return `${bytes < 0 ? '-' : ''}${withFractionDigits(v, i === 0 || v >= 100 ? 0 : 1, lang)} ${units[i]}`;
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
  return intl(Intl.DateTimeFormat, lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

/** "3 minutes ago" / "3 分前". */
export function formatRelativeTime(ms: number | undefined, now: number, lang: Lang = 'en'): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const rtf = intl(Intl.RelativeTimeFormat, lang, { numeric: 'auto' });
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
