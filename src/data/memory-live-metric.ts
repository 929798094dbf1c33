/**
 * The metrics of a MemorySource (LiveMetricStore): besides what a MetricStore does, points are
 * appended to them live, and a metric made with `lazyMetric`, or handed over with `facts` (a run
 * opened from a disk cache), produces neither its columns nor its index until a query needs them,
 * so a source over thousands of such metrics is ready at once. A source that is only read (a
 * bundle opened by URL) does not carry this code.
 */
import type { MetricGroup, XAxis } from './source.js';
import { GrowableColumn } from './growable.js';
import {
  type AppendedPoint,
  type Columns,
  type MemoryMetric,
  isFiniteNumber,
  type MetricColumns,
  type MetricFacts,
  MetricStore,
  type PagedPoints,
  type Sort,
  type XColumns,
} from './memory-metrics.js';

/** Metrics made by `lazyMetric`. */
const lazy = new WeakSet<MemoryMetric>();

/**
 * A metric whose columns `load` produces the first time they are needed (a MemorySource calls it
 * when the metric is first queried, listed or appended to; anything else that reads `step`,
 * `value`, `time` or `runtime` calls it too). `load` runs at most once when it succeeds; when it
 * throws, the request that needed the columns fails with that error and the next one calls it
 * again. Length and step warnings of such a metric join the run's warnings when it is loaded.
 */
export function lazyMetric(key: string, group: MetricGroup | undefined, load: () => MetricColumns): MemoryMetric {
  let columns: MetricColumns | undefined;
  const get = () => (columns ??= load());
  const m: MemoryMetric = {
    key,
    get step() {
      return get().step;
    },
    get value() {
      return get().value;
    },
    get time() {
      return get().time;
    },
    get runtime() {
      return get().runtime;
    },
  };
  if (group !== undefined) m.group = group;
  lazy.add(m);
  return m;
}

/** A metric that live points are appended to, and whose columns may be read on first use. */
export class LiveMetricStore extends MetricStore {
  // Declared only: `defer` sets them from MetricStore's constructor, before field initializers would run.
  /** The metric as handed over while its columns are not read yet (a `lazyMetric`, or one with `facts`). */
  declare private pending: MemoryMetric | undefined;
  /** The point count its `facts` told, while its columns are unread; then its facts stand for its columns' stats. */
  declare private factsCount: number | undefined;

  protected override defer(m: MemoryMetric): boolean {
    if (m.facts && typeof m.facts === 'object') this.takeFacts(m.facts);
    else if (!lazy.has(m)) return false;
    this.pending = m;
    return true;
  }

  override get knownCount(): number | undefined {
    return this.loaded ? this.loaded.value.length : this.factsCount;
  }

  override get count(): number {
    return this.loaded || this.factsCount === undefined ? super.count : this.factsCount;
  }

  override get firstTime(): number {
    return this.factsCount === undefined ? super.firstTime : this.earliest;
  }

  protected override columnsRead(): Columns {
    if (this.loaded) return this.loaded;
    // a metric listed from its facts told its bad steps then
    const columns = this.load(this.pending!, this.factsCount !== undefined);
    this.pending = undefined;
    return columns;
  }

  /** Listing facts of a metric whose columns are read when a query first needs them. */
  private takeFacts(facts: MetricFacts): void {
    const count = Math.floor(Number(facts.count));
    this.factsCount = Number.isFinite(count) && count > 0 ? count : 0;
    const steps = facts.steps;
    if (Array.isArray(steps) && isFiniteNumber(steps[0]) && isFiniteNumber(steps[1]) && steps[0] <= steps[1])
      [this.firstStep, this.lastStep] = steps;
    if (typeof facts.last === 'number' && isFiniteNumber(facts.last)) this.lastFinite = facts.last;
    if (typeof facts.firstTime === 'number' && isFiniteNumber(facts.firstTime)) this.earliest = facts.firstTime;
    const badSteps = Number(facts.badSteps);
    if (badSteps > 0) this.warnBadSteps(badSteps);
  }

  /** A step chart of a metric not read yet asks its facts first: points read in pieces, or in step order. */
  protected override xColumns(x: XAxis, startedAt: number | undefined, sort: Sort | undefined): XColumns | undefined {
    const facts = x === 'step' && !this.loaded ? this.pending?.facts : undefined;
    const paged = facts?.byStepPaged?.();
    if (paged) return pagedColumns(paged);
    const byStep = facts?.byStep?.();
    if (
      byStep &&
      byStep.x instanceof Float64Array &&
      byStep.y instanceof Float64Array &&
      byStep.x.length === byStep.y.length
    )
      return { x: byStep.x, y: byStep.y, nonMonotonic: byStep.nonMonotonic === true };
    return super.xColumns(x, startedAt, sort);
  }

  append(p: AppendedPoint): void {
    const c = this.columnsRead();
    const n = c.value.length;
    const step = Number(p.step);
    const value = typeof p.value === 'number' ? p.value : Number(p.value);
    if (!Number.isFinite(step) || (n > 0 && step < c.step.get(n - 1))) this.stepSorted = false;
    this.stepSpacing.add(step);
    c.step.push(step);
    c.value.push(value);
    if (p.time !== undefined) c.time ??= new GrowableColumn(new Float64Array(n).fill(NaN));
    const time = p.time === undefined ? NaN : Number(p.time);
    c.time?.push(time);
    if (time < this.earliest && Number.isFinite(time)) this.earliest = time;
    if (p.runtime !== undefined) c.runtime ??= new GrowableColumn(new Float64Array(n).fill(NaN));
    c.runtime?.push(p.runtime === undefined ? NaN : Number(p.runtime));
    if (Number.isFinite(step)) {
      if (step < this.firstStep) this.firstStep = step;
      if (step > this.lastStep) this.lastStep = step;
    }
    if (Number.isFinite(value)) this.lastFinite = value;
  }
}

function pagedColumns(p: PagedPoints): XColumns {
  return {
    get x() {
      return p.x.all();
    },
    get y() {
      return p.y.all();
    },
    nonMonotonic: p.nonMonotonic,
    index: p.index,
    downsample: p.downsample,
  };
}
