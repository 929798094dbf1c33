/**
 * The columns of a key scan's keys over the whole file, placed by the segments themselves: each
 * segment's scan (key-scan-segment.ts, in its worker thread) first tells what it found of each
 * key (`partStats`: counts, step range and order, a count of each whole step), then the main
 * thread lays the columns out (`layOut`: where each segment's points go) and each segment places
 * its points there (`placePart`), in parallel and into shared memory, not copied again on the
 * main thread.
 *
 * When the steps are whole numbers over a range not much wider than their count (a run whose
 * steps went back and were logged again), the segments place their points in step order
 * instead, a counting sort cut across them: the metric's step-ordered columns
 * (`MetricFacts.byStep`), the same as `sortByX(step, value)` of the joined columns (stable: equal
 * steps in file order, points without a finite step left out), which the main thread would
 * otherwise sort there for the first chart. The columns in file order are then joined from the
 * pieces the segments hand back only if a query needs them. The metric's listing facts come from
 * the same counts, so its source reads nothing more.
 */
import type { MetricFacts } from '../data/memory-metrics.js';
import type { ScanPart, ScannedPoints, ScanPlan } from '../formats/wandb/key-scan.js';

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

/** One key's columns over the whole file. */
export interface KeyColumns {
  step: Float64Array;
  value: Float64Array;
  time?: Float64Array;
  runtime?: Float64Array;
}

/** Where a segment places one key's points. */
export interface KeyPlacement {
  /** The key's columns, when the segments copy their points there (else `back`). */
  columns?: KeyColumns;
  /** Where this segment's points begin in the key's columns. */
  at: number;
  /** History rows of the segments before (added to the steps of row-numbered points). */
  rowsBefore: number;
  /** Step order: where this segment's first point of each whole step `min + j` goes (`next[j]`). */
  sorted?: { x: Float64Array; y: Float64Array; min: number; next: Uint32Array };
  /** The segment's pieces of the key are handed back (`LaidOut.receive`): its columns are joined from them if ever read. */
  back: boolean;
}

export interface PartPlacement {
  keys: KeyPlacement[];
}

/** One key's points over the whole file. */
export interface LaidKey {
  key: string;
  /** Points. */
  n: number;
  /** The columns: placed by the segments, or joined on first use from the pieces they handed back. */
  columns(): KeyColumns;
  /** Listing facts and the step-ordered points when the segments could tell them (not with row-numbered points). */
  facts?: MetricFacts;
}

export interface LaidOut {
  keys: LaidKey[];
  historyRows: number;
  /** Each segment's placement, in file order. */
  parts: PartPlacement[];
  /** Takes segment `p`'s scan back once it placed its points: the pieces its placement hands back. */
  receive(p: number, part: ScanPart): void;
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
 * column (shared memory when worker threads fill it). A key whose points the segments place in
 * step order is not copied in file order too: a step chart needs only the order, and fresh memory
 * is costly to touch (first writes to 100 MB took 0.8–1.9 s in the busy VM this was measured
 * in); the columns are joined from the segments' pieces if another query needs them.
 */
export function layOut(
  stats: readonly PartStats[],
  plan: Pick<ScanPlan, 'keys' | 'time' | 'runtime'>,
  alloc: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): LaidOut {
  const column = (n: number) => new Float64Array(alloc(8 * n));
  const parts: PartPlacement[] = stats.map(() => ({ keys: [] }));
  /** The pieces handed back, by key and part. */
  const pieces: ScannedPoints[][][] = plan.keys.map(() => []);
  const keys = plan.keys.map((key, i): LaidKey => {
    const of = stats.map((s) => s.keys[i]!);
    const n = of.reduce((sum, k) => sum + k.n, 0);
    const whole = of.every((k) => k.rowIndexed === 0) ? wholeStats(of) : undefined;
    // step order placed by the segments: for a chart against steps (other x axes read the columns)
    const counted = whole && !plan.time && !plan.runtime ? countedOrder(of, whole, n, column) : undefined;
    let columns: KeyColumns | undefined;
    if (!counted) {
      columns = { step: column(n), value: column(n) };
      if (plan.time) columns.time = column(n);
      if (plan.runtime) columns.runtime = column(n);
    }
    let at = 0;
    let rowsBefore = 0;
    stats.forEach((s, p) => {
      const placement: KeyPlacement = { at, rowsBefore, back: counted !== undefined };
      if (columns) placement.columns = columns;
      if (counted) placement.sorted = { x: counted.x, y: counted.y, min: of[p]!.min, next: counted.next[p]! };
      parts[p]!.keys.push(placement);
      at += of[p]!.n;
      rowsBefore += s.historyRows;
    });
    const joined = () => (columns ??= joinPieces(pieces[i]!, stats.length, n));
    const laid: LaidKey = { key, n, columns: joined };
    if (whole) {
      const facts = factsOf(whole, n);
      if (counted) facts.byStep = () => ({ x: counted.x, y: counted.y, nonMonotonic: !whole.ordered });
      else if (whole.finite === n && whole.ordered)
        facts.byStep = () => ({ x: joined().step, y: joined().value, nonMonotonic: false });
      laid.facts = facts;
    }
    return laid;
  });
  const receive = (p: number, part: ScanPart) => {
    part.keys.forEach((k, i) => {
      if (parts[p]!.keys[i]!.back) pieces[i]![p] = k.pieces;
    });
  };
  return { keys, historyRows: stats.reduce((sum, s) => sum + s.historyRows, 0), parts, receive };
}

/** What the parts found of one key, together. */
interface WholeStats {
  finite: number;
  min: number;
  max: number;
  integers: boolean;
  ordered: boolean;
  lastValue: number;
  earliest: number;
}

function wholeStats(of: readonly KeyStats[]): WholeStats {
  const w: WholeStats = {
    finite: 0,
    min: Infinity,
    max: -Infinity,
    integers: true,
    ordered: true,
    lastValue: NaN,
    earliest: Infinity,
  };
  let prev = -Infinity;
  for (const k of of) {
    if (k.finite > 0) {
      if (!k.ordered || k.first < prev) w.ordered = false;
      prev = k.last;
      w.finite += k.finite;
      w.min = Math.min(w.min, k.min);
      w.max = Math.max(w.max, k.max);
      w.integers &&= k.integers;
    }
    if (isFiniteNumber(k.lastValue)) w.lastValue = k.lastValue;
    w.earliest = Math.min(w.earliest, k.earliest);
  }
  return w;
}

/** The listing facts of a key of `n` points, as a source reading its columns finds them. */
function factsOf(w: WholeStats, n: number): MetricFacts {
  const facts: MetricFacts = { count: n };
  if (w.finite > 0) facts.steps = [w.min, w.max];
  if (isFiniteNumber(w.lastValue)) facts.last = w.lastValue;
  if (isFiniteNumber(w.earliest)) facts.firstTime = w.earliest;
  if (w.finite < n) facts.badSteps = n - w.finite;
  return facts;
}

/**
 * The step order of a key the parts can count (whole steps over a narrow range, not already in
 * order with every step finite): the sorted columns and, for each part, the first slot of each of
 * its steps. A counting sort cut across the parts: the first slot of each step, then each part's
 * share of it in file order.
 */
function countedOrder(
  of: readonly KeyStats[],
  w: WholeStats,
  n: number,
  column: (n: number) => Float64Array,
): { x: Float64Array; y: Float64Array; next: (Uint32Array | undefined)[] } | undefined {
  if (w.finite === n && w.ordered) return undefined;
  if (w.finite === 0 || !w.integers || !spreadOk(w.max - w.min, w.finite)) return undefined;
  if (of.some((k) => k.finite > 0 && !k.counts)) return undefined;
  const slots = new Uint32Array(w.max - w.min + 1);
  for (const k of of) {
    const counts = k.counts;
    if (counts) for (let j = 0, from = k.min - w.min; j < counts.length; j++) slots[from + j]! += counts[j]!;
  }
  let sum = 0;
  for (let j = 0; j < slots.length; j++) {
    const c = slots[j]!;
    slots[j] = sum;
    sum += c;
  }
  const next = of.map((k) => {
    if (!k.counts) return undefined;
    const from = k.min - w.min;
    const mine = slots.slice(from, from + k.counts.length);
    for (let j = 0; j < k.counts.length; j++) slots[from + j]! += k.counts[j]!;
    return mine;
  });
  return { x: column(w.finite), y: column(w.finite), next };
}

/**
 * Copies the points of `pieces` into the columns `into` from `at` on (the time and runtime only
 * where both have them); returns where they end.
 */
function copyPieces(pieces: readonly ScannedPoints[], into: KeyColumns, at: number): number {
  for (const piece of pieces) {
    into.step.set(piece.step, at);
    into.value.set(piece.value, at);
    if (into.time && piece.time) into.time.set(piece.time, at);
    if (into.runtime && piece.runtime) into.runtime.set(piece.runtime, at);
    at += piece.step.length;
  }
  return at;
}

/** A key's columns joined from its parts' pieces (every part handed its pieces back). */
function joinPieces(byPart: readonly ScannedPoints[][], parts: number, n: number): KeyColumns {
  const first = byPart.find((p) => p && p.length > 0)?.[0];
  const out: KeyColumns = { step: new Float64Array(n), value: new Float64Array(n) };
  if (first?.time) out.time = new Float64Array(n);
  if (first?.runtime) out.runtime = new Float64Array(n);
  let at = 0;
  for (let p = 0; p < parts; p++) {
    const pieces = byPart[p];
    if (!pieces) throw new Error(`the key scan's part ${p} was not handed back`);
    at = copyPieces(pieces, out, at);
  }
  return out;
}

/** Places a segment's points where `layOut` said (in the segment's thread). */
export function placePart(part: ScanPart, placement: PartPlacement): void {
  part.keys.forEach((k, i) => {
    const to = placement.keys[i]!;
    const columns = to.columns;
    if (columns) {
      copyPieces(k.pieces, columns, to.at);
      for (let j = 0; j < k.rowIndexed.length; j++) columns.step[to.at + k.rowIndexed[j]!]! += to.rowsBefore;
    }
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

/**
 * What a segment hands back after placing its points: the pieces its placement wants back (the
 * other keys' left out), and their buffers to transfer, not copy. Undefined when it wants none.
 */
export function handedBack(
  part: ScanPart,
  placement: PartPlacement,
): { part: ScanPart; buffers: ArrayBuffer[] } | undefined {
  const buffers = new Set<ArrayBuffer>();
  const keys = part.keys.map((k, i) => {
    if (!placement.keys[i]!.back) return { key: k.key, pieces: [], rowIndexed: new Int32Array(0) };
    for (const p of k.pieces)
      for (const a of [p.step, p.value, p.time, p.runtime]) if (a) buffers.add(a.buffer as ArrayBuffer);
    return k;
  });
  if (!placement.keys.some((k) => k.back)) return undefined;
  return { part: { keys, historyRows: part.historyRows }, buffers: [...buffers] };
}
