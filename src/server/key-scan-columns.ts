/**
 * The columns of a key scan's keys over the whole file, placed by the segments themselves: each
 * segment's scan (key-scan-segment.ts, in its worker thread) first tells what it found of each
 * key (`partStats`: counts, step range and order, a count of each whole step), then the main
 * thread lays the columns out (`layOut`: where each segment's points go) and each segment copies
 * its points there (`placePart`), in parallel and into shared memory, not copied again on the
 * main thread.
 *
 * When the steps are whole numbers over a range not much wider than their count (a run whose
 * steps went back and were logged again), the segments also place their points in step order,
 * a counting sort cut across them: the metric's step-ordered columns (`MetricFacts.byStep`), the
 * same as `sortByX(step, value)` of the merged columns (stable: equal steps in file order, points
 * without a finite step left out), which the main thread would otherwise sort there for the first
 * chart. The metric's listing facts come from the same counts, so its source reads nothing more.
 */
import type { MetricFacts } from '../data/memory-metrics.js';
import type { ScanPart, ScanPlan } from '../formats/wandb/key-scan.js';

/** What a segment found of one key, before its points are placed. */
export interface KeyStats {
  /** Points. */
  n: number;
  /** Points with a finite step. */
  finite: number;
  /** Least and greatest finite step (±Infinity when none). */
  min: number;
  max: number;
  /** Every finite step is a whole number. */
  integers: boolean;
  /** No finite step is less than the one before. */
  ordered: boolean;
  /** First and last finite step (NaN when none). */
  first: number;
  last: number;
  /** The last finite value (NaN when none). */
  lastValue: number;
  /** Earliest finite time (Infinity when none). */
  earliest: number;
  /** Points numbered by their row (see `ScannedKey.rowIndexed`): their steps change when the parts meet. */
  rowIndexed: number;
  /** Points of each whole step from `min` on, when the steps are whole and not spread too wide. */
  counts?: Uint32Array;
}

/** What a segment found, before its points are placed. */
export interface PartStats {
  keys: KeyStats[];
  historyRows: number;
}

/** Where a segment places one key's points. */
export interface KeyPlacement {
  /** The key's columns over the whole file, and where this segment's points begin in them. */
  step: Float64Array;
  value: Float64Array;
  time?: Float64Array;
  runtime?: Float64Array;
  at: number;
  /** History rows of the segments before (added to the steps of row-numbered points). */
  rowsBefore: number;
  /** Step order: where this segment's first point of each whole step `min + j` goes (`next[j]`). */
  sorted?: { x: Float64Array; y: Float64Array; min: number; next: Uint32Array };
}

export interface PartPlacement {
  keys: KeyPlacement[];
}

/** One key's points over the whole file, once every segment placed its own. */
export interface LaidKey {
  key: string;
  step: Float64Array;
  value: Float64Array;
  time?: Float64Array;
  runtime?: Float64Array;
  /** Listing facts and, when the segments sorted them, the step-ordered points (absent with row-numbered points). */
  facts?: MetricFacts;
}

export interface LaidOut {
  keys: LaidKey[];
  historyRows: number;
  /** Each segment's placement, in file order. */
  parts: PartPlacement[];
}

const isFiniteNumber = (v: number) => v === v && v !== Infinity && v !== -Infinity;

/** Steps spread over more than this many slots per point are not counted (`x-order.ts` sorts such steps by comparing). */
const spreadOk = (range: number, points: number) => range <= 4 * points + 1024;

/** What a segment's scan found, told before placing it (in the segment's thread). */
export function partStats(part: ScanPart): PartStats {
  return { keys: part.keys.map((k) => keyStats(k.pieces, k.rowIndexed.length)), historyRows: part.historyRows };
}

function keyStats(pieces: ScanPart['keys'][number]['pieces'], rowIndexed: number): KeyStats {
  let n = 0;
  let finite = 0;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let ordered = true;
  let first = NaN;
  let prev = -Infinity;
  let lastValue = NaN;
  let earliest = Infinity;
  for (const piece of pieces) {
    const { step, value, time } = piece;
    n += step.length;
    for (let i = 0; i < step.length; i++) {
      const s = step[i]!;
      if (isFiniteNumber(s)) {
        if (finite++ === 0) first = s;
        if (s < prev) ordered = false;
        prev = s;
        if (s < min) min = s;
        if (s > max) max = s;
        if (integers && Math.floor(s) !== s) integers = false;
      }
      const v = value[i]!;
      if (isFiniteNumber(v)) lastValue = v;
    }
    if (time)
      for (let i = 0; i < time.length; i++) {
        const t = time[i]!;
        if (t < earliest && isFiniteNumber(t)) earliest = t;
      }
  }
  const stats: KeyStats = {
    n,
    finite,
    min,
    max,
    integers,
    ordered,
    first,
    last: finite > 0 ? prev : NaN,
    lastValue,
    earliest,
    rowIndexed,
  };
  if (rowIndexed === 0 && finite > 0 && integers && spreadOk(max - min, finite)) {
    const counts = new Uint32Array(max - min + 1);
    for (const { step } of pieces)
      for (let i = 0; i < step.length; i++) {
        const s = step[i]!;
        if (isFiniteNumber(s)) counts[s - min]!++;
      }
    stats.counts = counts;
  }
  return stats;
}

/**
 * Lays out the keys' columns over the parts' stats (in file order). `alloc` gives the memory of a
 * column (shared memory when worker threads fill it).
 */
export function layOut(
  stats: readonly PartStats[],
  plan: Pick<ScanPlan, 'keys' | 'time' | 'runtime'>,
  alloc: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): LaidOut {
  const column = (n: number) => new Float64Array(alloc(8 * n));
  const parts: PartPlacement[] = stats.map(() => ({ keys: [] }));
  const keys = plan.keys.map((key, i): LaidKey => {
    const of = stats.map((s) => s.keys[i]!);
    const n = of.reduce((sum, k) => sum + k.n, 0);
    const laid: LaidKey = { key, step: column(n), value: column(n) };
    if (plan.time) laid.time = column(n);
    if (plan.runtime) laid.runtime = column(n);
    let at = 0;
    let rowsBefore = 0;
    stats.forEach((s, p) => {
      const placement: KeyPlacement = { step: laid.step, value: laid.value, at, rowsBefore };
      if (laid.time) placement.time = laid.time;
      if (laid.runtime) placement.runtime = laid.runtime;
      parts[p]!.keys.push(placement);
      at += of[p]!.n;
      rowsBefore += s.historyRows;
    });
    if (of.every((k) => k.rowIndexed === 0)) laid.facts = factsOf(of, laid, column, parts, i);
    return laid;
  });
  return { keys, historyRows: stats.reduce((sum, s) => sum + s.historyRows, 0), parts };
}

/** The listing facts of one key (index `i`) from its parts' stats; its step order placed by the parts when they can. */
function factsOf(
  of: readonly KeyStats[],
  laid: LaidKey,
  column: (n: number) => Float64Array,
  parts: PartPlacement[],
  i: number,
): MetricFacts {
  let finite = 0;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let ordered = true;
  let prev = -Infinity;
  let lastValue = NaN;
  let earliest = Infinity;
  for (const k of of) {
    if (k.finite > 0) {
      if (!k.ordered || k.first < prev) ordered = false;
      prev = k.last;
      finite += k.finite;
      min = Math.min(min, k.min);
      max = Math.max(max, k.max);
      integers &&= k.integers;
    }
    if (isFiniteNumber(k.lastValue)) lastValue = k.lastValue;
    earliest = Math.min(earliest, k.earliest);
  }
  const n = laid.step.length;
  const facts: MetricFacts = { count: n };
  if (finite > 0) facts.steps = [min, max];
  if (isFiniteNumber(lastValue)) facts.last = lastValue;
  if (isFiniteNumber(earliest)) facts.firstTime = earliest;
  if (finite < n) facts.badSteps = n - finite;
  if (finite === n && ordered) {
    // in step order already, every step finite: the columns are their own order
    facts.byStep = () => ({ x: laid.step, y: laid.value, nonMonotonic: false });
    return facts;
  }
  if (finite === 0 || !integers || !spreadOk(max - min, finite) || of.some((k) => k.finite > 0 && !k.counts))
    return facts;
  // a counting sort across the parts: the first slot of each step, then each part's share of it in file order
  const next = new Uint32Array(max - min + 1);
  for (const k of of) {
    const counts = k.counts;
    if (counts) for (let j = 0, from = k.min - min; j < counts.length; j++) next[from + j]! += counts[j]!;
  }
  let sum = 0;
  for (let j = 0; j < next.length; j++) {
    const c = next[j]!;
    next[j] = sum;
    sum += c;
  }
  const x = column(finite);
  const y = column(finite);
  of.forEach((k, p) => {
    if (!k.counts) return;
    const from = k.min - min;
    const mine = next.slice(from, from + k.counts.length);
    for (let j = 0; j < k.counts.length; j++) next[from + j]! += k.counts[j]!;
    parts[p]!.keys[i]!.sorted = { x, y, min: k.min, next: mine };
  });
  facts.byStep = () => ({ x, y, nonMonotonic: !ordered });
  return facts;
}

/** Places a segment's points where `layOut` said (in the segment's thread). */
export function placePart(part: ScanPart, placement: PartPlacement): void {
  part.keys.forEach((k, i) => {
    const to = placement.keys[i]!;
    let at = to.at;
    for (const piece of k.pieces) {
      to.step.set(piece.step, at);
      to.value.set(piece.value, at);
      if (to.time && piece.time) to.time.set(piece.time, at);
      if (to.runtime && piece.runtime) to.runtime.set(piece.runtime, at);
      at += piece.step.length;
    }
    for (let j = 0; j < k.rowIndexed.length; j++) to.step[to.at + k.rowIndexed[j]!]! += to.rowsBefore;
    const sorted = to.sorted;
    if (!sorted) return;
    const { x, y, min, next } = sorted;
    for (const { step, value } of k.pieces)
      for (let j = 0; j < step.length; j++) {
        const s = step[j]!;
        if (!isFiniteNumber(s)) continue;
        const slot = next[s - min]!++;
        x[slot] = s;
        y[slot] = value[j]!;
      }
  });
}
