/**
 * The common answer to `getSeries`, checked without the readers: every series already what the
 * contract wants (Float64Array columns of one length, finite x, fields of their types, no time or
 * original columns), as an in-memory source gives them. The checked source (checked-source.ts)
 * takes such an answer as it is, so a chart of a well-behaved source never loads the metric
 * readers (metrics.ts, which repair anything else and give the same series for this one).
 */
import type { Series, SeriesQuery } from '../source.js';

const count = (v: unknown): boolean => v === undefined || (Number.isInteger(v) && (v as number) >= 0);
const flag = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

/** The series of `answer` when none needs reading; undefined when one does (or x is wall-clock time). */
export function seriesAsIs(answer: unknown, q: SeriesQuery | undefined): Series[] | undefined {
  if (!Array.isArray(answer) || q?.x === 'wallclock') return undefined;
  const out: Series[] = [];
  for (const s of answer as Partial<Series>[]) {
    const { x, y } = s ?? {};
    if (
      !(x instanceof Float64Array && y instanceof Float64Array && x.length === y.length) ||
      typeof s.key !== 'string' ||
      typeof s.runId !== 'string' ||
      !count(s.total) ||
      !count(s.nonFinite) ||
      !flag(s.exact) ||
      !flag(s.smoothed) ||
      !flag(s.nonMonotonic) ||
      s.time != null ||
      s.original != null
    )
      return undefined;
    for (let i = 0; i < x.length; i++) if (x[i]! - x[i]! !== 0) return undefined;
    const series: Series = {
      runId: s.runId,
      key: s.key,
      x,
      y,
      total: s.total ?? x.length,
      exact: s.exact ?? false,
      nonFinite: s.nonFinite ?? 0,
      smoothed: s.smoothed ?? false,
    };
    if (s.nonMonotonic !== undefined) series.nonMonotonic = s.nonMonotonic;
    out.push(series);
  }
  return out;
}
