/**
 * Wall-clock axes: date tick labels, and dates to the millisecond for the crosshair on a narrow
 * range. Loaded with the first chart whose x is wall-clock time (the series store fetches it beside
 * that chart's points): most charts plot steps. It imports nothing (the caller gives the Intl
 * locale), so no module of the page's entry is split out of it into a chunk of its own.
 */

const H23: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const MILLI: Intl.DateTimeFormatOptions = { ...H23, second: '2-digit', fractionalSecondDigits: 3 };

/** The date formats of ticks and of the crosshair, by what they show. */
const DATE_FORMATS = {
  day: { month: 'short', day: 'numeric' },
  minute: H23,
  second: { ...H23, second: '2-digit' },
  milli: MILLI,
  'full-milli': { year: 'numeric', month: 'short', day: 'numeric', ...MILLI },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, what: keyof typeof DATE_FORMATS): Intl.DateTimeFormat {
  const key = `${locale}-${what}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, DATE_FORMATS[what])));
  return f;
}

/**
 * Date ticks (epoch ms) spaced `incrMs` apart: days as dates, finer spacing as times, with the date
 * added on the first tick and wherever the day changes.
 */
export function formatDateTicks(values: readonly number[], incrMs: number, locale: string): string[] {
  let previousDay = '';
  const day = dateFormat(locale, 'day');
  const time = dateFormat(locale, incrMs >= 60_000 ? 'minute' : incrMs >= 1000 ? 'second' : 'milli');
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

/** A date and time to the millisecond (epoch ms). */
export function formatDateMilli(value: number, locale: string): string {
  return dateFormat(locale, 'full-milli').format(value);
}
