/**
 * The metrics of one in-memory run: growable columns per key, and the x-sorted columns each
 * query needs, cached per x axis with, once a query needs M4, a min/max index of their y, so zoom
 * and pan only binary-search and read the index (O(pixels · log n), not a scan of the range).
 *
 * The index is built by the source's M4 module (memory-m4.ts), which it loads with the first big
 * series: a page whose series are drawn whole never loads it. The sort (`Sort`) is handed in by the
 * source, loaded with the first x that go back: columns already in order never need it. Big columns
 * handed over get their index with the source, as soon as that code is there, so a first chart pays
 * only for its query. A MetricStore reads its columns when it is made; LiveMetricStore
 * (memory-live-metric.ts, MemorySource's) also takes metrics read on first use and live appends.
 */
import type { MetricGroup, MetricInfo, MetricPoint, XAxis } from './source.js';
import { GrowableColumn, toFloat64 } from './growable.js';
import type { DownsampleOptions, Downsampled } from './downsample.js';
import { EvenSpacingCheck, type EvenSpacing } from './even-spacing.js';
import { isSortedFinite } from './source.js';
import type { sortByX } from './x-order.js';
import type { PagedColumn } from './paged-downsample.js';
import type { MinMaxIndex } from './minmax-index.js';

/** The sort by x (x-order.ts), loaded by the source with the first columns whose x go back. */
export type Sort = typeof sortByX;

/**
 * One metric as columns. Float64Array columns are kept as given (not copied), so do not change them
 * after handing them over; other array-likes are converted (numeric strings parse, junk becomes NaN).
 */
export interface MemoryMetric {
  key: string;
  /** `history` unless given, or `system` for keys starting with `system.` / `system/`. */
  group?: MetricGroup;
  step: ArrayLike<number>;
  value: ArrayLike<number>;
  /** Epoch ms */
  time?: ArrayLike<number>;
  /** Process runtime seconds */
  runtime?: ArrayLike<number>;
  /**
   * Given when the columns above are getters that read them on first use (a server's disk cache):
   * the metric is listed from these, and its columns are not touched until a query needs them.
   */
  facts?: MetricFacts;
}

/** What a metric whose columns are read on first use tells about them up front. */
export interface MetricFacts {
  /** Points in each column. */
  count: number;
  /** First and last finite step. */
  steps?: [number, number];
  /** The last finite value. */
  last?: number;
  /** Earliest finite time (epoch ms). */
  firstTime?: number;
  /** Points without a finite step. */
  badSteps?: number;
  /**
   * The points in step order, as `sortByX(step, value)` gives them, read when first asked: a step
   * chart needs neither the other columns nor a sort.
   */
  byStep?: () => { x: Float64Array; y: Float64Array; nonMonotonic: boolean };
  /**
   * The same points read in pieces, with the min/max index of their y, for a big metric: a chart
   * reads only the points M4 needs (paged-downsample.ts). Undefined when they cannot be used (then
   * `byStep` is).
   */
  byStepPaged?: () => PagedPoints | undefined;
}

/** Step-ordered points read in pieces (see `MetricFacts.byStepPaged`). */
export interface PagedPoints {
  x: PagedColumn;
  y: PagedColumn;
  index: MinMaxIndex;
  nonMonotonic: boolean;
  /** M4 from the index and pieces of x and y (`downsamplePaged`; given by the reader, so pages that never read a cache do not load it). */
  downsample: NonNullable<XColumns['downsample']>;
}

/** Smoothed y of cached columns for one setting (`smoothedY`, smoothing.ts). */
export interface SmoothedY {
  kind: string;
  weight: number;
  y: Float64Array;
  index?: MinMaxIndex;
}

export type MetricColumns = Pick<MemoryMetric, 'step' | 'value' | 'time' | 'runtime'>;

/** A metric point appended live; `group` names the group of a new key. */
export type AppendedPoint = MetricPoint & { group?: MetricGroup };

/** Sorted, x-filtered columns ready for range queries; never handed out. */
export interface XColumns {
  x: Float64Array;
  y: Float64Array;
  nonMonotonic: boolean;
  /** `x` is evenly spaced (steps logged one by one): M4 computes x instead of reading it. */
  even?: EvenSpacing;
  /** Min/max index of `y`, built when M4 first needs it (`MetricStore.indexOf`). */
  index?: MinMaxIndex;
  /** `y` is the value column as it is (the step order): its index is the metric's own, which appends extend. */
  valueOrder?: boolean;
  /** Smoothed y for one setting, computed on first use, and its index, built when M4 first needs it. */
  smoothed?: SmoothedY;
  /** M4 of x and y without reading them whole (columns read in pieces); x and y read them whole. */
  downsample?: (options: Pick<DownsampleOptions, 'range' | 'points'>) => Downsampled;
}

/** W&B (`system.`), MLflow (`system/`) and Aim (`__system__`) name system metrics this way. */
export function defaultGroup(key: string): MetricGroup {
  return /^(?:system[./]|__system__)/.test(key) ? 'system' : 'history';
}

export function isFiniteNumber(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

/** A metric's growable columns, once read. */
export interface Columns {
  step: GrowableColumn;
  value: GrowableColumn;
  time: GrowableColumn | undefined;
  runtime: GrowableColumn | undefined;
}

export class MetricStore {
  readonly key: string;
  readonly group: MetricGroup;
  readonly order: number;
  protected readonly warn: (message: string) => void;
  /** The growable columns, once read (at once here; see `defer`). */
  protected loaded: Columns | undefined;
  protected lastFinite: number | undefined;
  /** Every step is finite and none goes backwards: the step column is its own sorted x. */
  protected stepSorted = true;
  /** Whether the step column is evenly spaced (`EvenSpacing`), told as it is read and appended to. */
  protected readonly stepSpacing = new EvenSpacingCheck();
  /**
   * Index of the value column in its own order, built with the source for big columns handed over,
   * else by the first query that needs M4 (both by memory-m4.ts), and extended as points are
   * appended; shared by every x axis that keeps that order.
   */
  valueIndex: MinMaxIndex | undefined;
  protected firstStep = Infinity;
  protected lastStep = -Infinity;
  /** Earliest finite time (epoch ms), Infinity when the metric has none. */
  protected earliest = Infinity;
  private readonly cache = new Map<string, { length: number; columns: XColumns }>();

  /** `warn` takes the metric's warnings: at once, or for a metric read later when it is read. */
  constructor(m: MemoryMetric, order: number, warn: (message: string) => void) {
    this.key = m.key;
    this.group = m.group === 'system' || m.group === 'history' ? m.group : defaultGroup(m.key);
    this.order = order;
    this.warn = warn;
    if (!this.defer(m)) this.load(m);
  }

  /** Whether the columns of `m` are read when first needed rather than now: never here (LiveMetricStore). */
  protected defer(_m: MemoryMetric): boolean {
    return false;
  }

  /** Points held, without reading columns not read yet: undefined for a metric still unread (LiveMetricStore). */
  get knownCount(): number | undefined {
    return this.loaded?.value.length;
  }

  /** The value column in its own order, undefined while it is not read (see `knownCount`); do not change it. */
  values(): Float64Array | undefined {
    return this.loaded?.value.view();
  }

  /** Earliest finite time (epoch ms), Infinity when the metric has none. */
  get firstTime(): number {
    this.columnsRead();
    return this.earliest;
  }

  /** The growable columns (LiveMetricStore reads them here, on first use, when they were deferred). */
  protected columnsRead(): Columns {
    return this.loaded!;
  }

  /** Reads the columns of `m` and their stats; `badStepsTold`: its bad steps were told already. */
  protected load(m: MemoryMetric, badStepsTold = false): Columns {
    const step = toFloat64(m.step ?? []);
    const value = toFloat64(m.value ?? []);
    const time = m.time ? toFloat64(m.time) : undefined;
    const runtime = m.runtime ? toFloat64(m.runtime) : undefined;
    const lengths = [step.length, value.length, time?.length ?? Infinity, runtime?.length ?? Infinity];
    const n = Math.min(...lengths);
    if (lengths.some((l) => l !== Infinity && l !== n)) {
      this.warn(
        `Metric ${m.key}: columns have different lengths (${lengths.filter((l) => l !== Infinity).join(', ')}); kept the first ${n} points`,
      );
    }
    // toFloat64 copies anything that is not already a Float64Array; those are adopted (see GrowableColumn).
    const cut = (c: Float64Array): GrowableColumn => new GrowableColumn(c.subarray(0, n));
    const columns: Columns = {
      step: cut(step),
      value: cut(value),
      time: time && cut(time),
      runtime: runtime && cut(runtime),
    };
    let badSteps = 0;
    let prevStep = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = step[i];
      if (!isFiniteNumber(s) || s < prevStep) this.stepSorted = false;
      prevStep = s;
      this.stepSpacing.add(s);
      if (isFiniteNumber(s)) {
        if (s < this.firstStep) this.firstStep = s;
        if (s > this.lastStep) this.lastStep = s;
      } else badSteps++;
      if (isFiniteNumber(value[i])) this.lastFinite = value[i];
      if (time && time[i] < this.earliest && isFiniteNumber(time[i])) this.earliest = time[i];
    }
    if (badSteps > 0 && !badStepsTold) this.warnBadSteps(badSteps);
    this.loaded = columns;
    return columns;
  }

  protected warnBadSteps(n: number): void {
    this.warn(`Metric ${this.key}: ${n} points have no usable step and are left out of step charts`);
  }

  get count(): number {
    return this.columnsRead().value.length;
  }

  info(): MetricInfo {
    const info: MetricInfo = { key: this.key, group: this.group, count: this.count, order: this.order };
    if (this.firstStep <= this.lastStep) info.steps = [this.firstStep, this.lastStep];
    if (this.lastFinite !== undefined) info.last = this.lastFinite;
    return info;
  }

  /**
   * Columns sorted by `x` (a built-in axis), cached until points are appended; undefined when they
   * must be sorted and `sort` is not given.
   * `startedAt` anchors `relative` (the run's start, or its earliest logged time); without it the
   * metric's own first time is used.
   */
  columns(x: XAxis, startedAt: number | undefined, sort: Sort | undefined): XColumns | undefined {
    return this.cached(x === 'relative' || x === 'runtime' ? `${x}:${startedAt}` : x, () =>
      this.xColumns(x, startedAt, sort),
    );
  }

  /** `columns` before the cache (LiveMetricStore first asks the facts of a metric not read yet). */
  protected xColumns(x: XAxis, startedAt: number | undefined, sort: Sort | undefined): XColumns | undefined {
    const raw = this.rawX(x, startedAt);
    // Append-only columns never change below their length, so sorted ones are used without a copy.
    const value = this.columnsRead().value;
    if (x === 'step' ? this.stepSorted : isSortedFinite(raw)) {
      const y = value.view();
      this.valueIndex?.extend(y);
      const even = x === 'step' ? this.stepSpacing.spacing : undefined;
      return { x: raw, y, nonMonotonic: false, index: this.valueIndex, valueOrder: true, even };
    }
    // the sorted columns as they are (their other fields are not read)
    return sort?.(raw, value.view());
  }

  /**
   * Columns cached under `key` until points are appended, built with `build` on a miss (the join
   * of this metric to another one's values as x, step-join.ts, is cached here too).
   */
  cached(key: string, build: () => XColumns | undefined): XColumns | undefined {
    const hit = this.cache.get(key);
    if (hit && hit.length === this.count) return hit.columns;
    const columns = build();
    if (columns) this.cache.set(key, { length: this.count, columns });
    return columns;
  }

  private rawX(x: XAxis, startedAt: number | undefined): Float64Array {
    const c = this.columnsRead();
    const n = c.value.length;
    if (x === 'step') return c.step.view();
    if (x === 'runtime' && c.runtime && hasFinite(c.runtime.view())) return c.runtime.view();
    if (!c.time) return new Float64Array(n).fill(NaN);
    const t = c.time.view();
    if (x === 'wallclock' || x === 'timestamp') return t;
    // relative, and runtime for metrics that have no runtime column: wall seconds since the start.
    const out = new Float64Array(n);
    let origin = startedAt;
    if (origin === undefined || !Number.isFinite(origin)) {
      origin = Infinity;
      for (let i = 0; i < n; i++) if (t[i] < origin) origin = t[i];
    }
    for (let i = 0; i < n; i++) out[i] = (t[i] - origin) / 1000;
    return out;
  }
}

function hasFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (isFiniteNumber(a[i])) return true;
  return false;
}
