/**
 * What the legend, tooltip and screen-reader table say about the visible range, computed once per
 * data or view change (after the canvas is painted), never per cursor move.
 */
import { countUndrawable, sampleIndexes, visibleWindow, type XY } from './chart-data.js';

export interface SummaryColumn {
  id: string;
  /** The drawn line's own columns (not aligned to the shared x). */
  x: Float64Array;
  y: Float64Array;
  /** The raw values when `y` is smoothed (values ≤ 0 are counted on them). */
  raw?: XY;
  /** Whether the source returned every raw point. */
  exact: boolean;
  /** The source's count of non-finite raw values in the fetched range. */
  sourceNonFinite: number;
}

export interface ColumnSummary {
  /** Non-finite raw values in view. */
  nonFinite: number;
  /** Values ≤ 0 in view (left out on a log scale). */
  nonPositive: number;
  /** False when the data is downsampled: `nonPositive` counts the points kept, the raw data may hold more. */
  nonPositiveExact: boolean;
  min: number;
  max: number;
  last: number;
}

export interface ChartSummary {
  /** Index window of the shared (aligned) x in view. */
  window: [number, number];
  /** Indexes of the table rows (at most `maxRows`, spread evenly). */
  rows: number[];
  columns: Map<string, ColumnSummary>;
}

export const EMPTY_SUMMARY: ChartSummary = { window: [0, 0], rows: [], columns: new Map() };

export function summarize(
  sharedX: Float64Array,
  columns: readonly SummaryColumn[],
  view: readonly [number, number],
  maxRows: number,
): ChartSummary {
  const out = new Map<string, ColumnSummary>();
  for (const c of columns) {
    const [i0, i1] = visibleWindow(c.x, view[0], view[1]);
    const counted = countUndrawable(c.y, null, i0, i1);
    let nonPositive = counted.nonPositive;
    if (c.raw) {
      const [r0, r1] = visibleWindow(c.raw.x, view[0], view[1]);
      nonPositive = countUndrawable(c.raw.y, null, r0, r1).nonPositive;
    }
    let min = Infinity;
    let max = -Infinity;
    let last = NaN;
    for (let i = i0; i < i1; i++) {
      const v = c.y[i];
      if (v !== v || v === Infinity || v === -Infinity) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      last = v;
    }
    out.set(c.id, {
      // downsampled data keeps one gap point per pixel column, so the source's count for the
      // fetched range (which is the view) is the true one; exact data is counted here
      nonFinite: c.exact ? counted.nonFinite : Math.max(counted.nonFinite, c.sourceNonFinite),
      nonPositive,
      nonPositiveExact: c.exact,
      min: min <= max ? min : NaN,
      max: min <= max ? max : NaN,
      last,
    });
  }
  const [i0, i1] = visibleWindow(sharedX, view[0], view[1]);
  return { window: [i0, i1], rows: sampleIndexes(i0, i1, maxRows), columns: out };
}
