/**
 * The source one system chart reads: it names each line by its label (the chart's legend shows the
 * series key), converts values to the chart's unit, and derives rates from cumulative counters.
 * Derived series keep M4's promise: the rate is computed on every raw point, then downsampled with
 * the same M4 as every source (`data/downsample.ts`), so no spike of the rate is lost at any zoom.
 * M4 loads with the first line too long to draw whole (`data/memory-m4.ts`, the chunk a MemorySource
 * loads for its first big series): a panel of a short run never needs it.
 *
 * It fetches a line's raw points once per x axis and keeps them until live points for its keys
 * arrive, which also lets the panel compute exact min / mean / max / last of any range.
 */
import { describeFailure, SourceError, throwIfAborted, toSourceError } from '../../data/errors.js';
import { LazyModule } from '../../data/source.js';
import { wholeSeries } from '../../data/memory-answers.js';
import type { ChartLine, LiveLines } from './chart-line.js';
import type { Req, RunEvent, RunInfo, RunSource, Series, SeriesQuery } from '../../data/source.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { rangeStats, rateOf, scaled, secondsPerXUnit, type Columns, type RangeStats } from './derived-series.js';

/** The live part of a chart's source (chart-live.ts), loaded with the first live event. */
export const chartLiveCode = lazyImport(() => import('./chart-live.js'));

interface Line extends Columns {
  /** The counter itself (base unit) for rate lines. */
  counter?: Columns;
  nonMonotonic: boolean;
}

interface RawCache {
  version: number;
  lines: Map<string, Line>;
}

type M4 = typeof import('../../data/memory-m4.js');
const M4_CODE = new LazyModule<M4>(
  () => import('../../data/memory-m4.js'),
  (e) =>
    new SourceError('unavailable', `The downsampling code could not be loaded: ${describeFailure(e)}`, { cause: e }),
);

export class ChartSource implements RunSource, LiveLines {
  /** M4, loaded with the first line too long to draw whole; a failed load is retried by the next request. */
  protected readonly m4: LazyModule<M4> = M4_CODE;
  private readonly byAlias: Map<string, ChartLine>;
  readonly keys: Set<string>;
  private readonly cache = new Map<string, RawCache>();
  /** Each counter's last raw point (epoch ms, raw value) by run and key. */
  readonly bases = new Map<string, { time: number; value: number }>();
  private readonly pending = new Map<string, { version: number; promise: Promise<Map<string, Line>> }>();
  private version = 0;

  constructor(
    readonly inner: RunSource,
    readonly lines: readonly ChartLine[],
  ) {
    this.byAlias = new Map(lines.map((l) => [l.alias, l]));
    this.keys = new Set(lines.map((l) => l.key));
  }

  getRun(runId: string, o?: Req): Promise<RunInfo> {
    return this.inner.getRun(runId, o);
  }

  defaultRunId(): string | undefined {
    return this.inner.defaultRunId?.();
  }

  async getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    try {
      return await this.series(q, o);
    } catch (e) {
      throw toSourceError(e);
    }
  }

  private async series(q: SeriesQuery, o?: Req): Promise<Series[]> {
    throwIfAborted(o?.signal);
    if (!q || !Array.isArray(q.keys) || !Array.isArray(q.runIds)) {
      throw new SourceError('invalid-data', 'A series query needs runIds and keys arrays.');
    }
    const x = typeof q.x === 'string' && q.x ? q.x : 'step';
    const out: Series[] = [];
    for (const alias of q.keys) {
      if (!this.byAlias.has(alias))
        throw new SourceError('not-found', `No line ${JSON.stringify(alias)} in this chart.`);
    }
    for (const alias of q.keys) {
      for (const runId of q.runIds) {
        const lines = await this.raw(runId, x, o);
        const line = lines.get(alias);
        if (!line) continue;
        const options = { range: q.range, points: q.points };
        const d = wholeSeries(line.x, line.y, options) ?? (await this.m4.get()).downsample(line.x, line.y, options);
        const series: Series = {
          runId,
          key: alias,
          x: d.x,
          y: d.y,
          total: d.total,
          exact: d.exact,
          nonFinite: d.nonFinite,
          smoothed: false,
        };
        if (line.nonMonotonic) series.nonMonotonic = true;
        out.push(series);
      }
    }
    return out;
  }

  /**
   * Passes the run's events on, with this chart's lines renamed and converted (chart-live.ts). That
   * code loads with the first event; events wait for it in order, and a failed load is tried again
   * with the next event.
   */
  watch(runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    if (typeof this.inner.watch !== 'function') return () => {};
    const waiting: RunEvent[] = [];
    let stopped = false;
    let loading = false;
    const flush = () => {
      const code = chartLiveCode.now;
      if (code) {
        for (const e of waiting.splice(0)) {
          const out = stopped ? undefined : code.chartEvent(this, runId, e);
          if (out) on(out);
        }
      } else if (!loading) {
        loading = true;
        void chartLiveCode.load().then((loaded) => {
          loading = false;
          if (loaded) flush();
        });
      }
    };
    const stop = this.inner.watch(
      runId,
      (e) => {
        waiting.push(e);
        flush();
      },
      o,
    );
    return () => {
      stopped = true;
      stop();
    };
  }

  /** Drops what was fetched: a live point changed the data. */
  invalidate(): void {
    this.version++;
  }

  /** Remembers each counter's last raw point (epoch ms) from a fetch, for the next live rate. */
  private seedBases(runId: string, list: readonly Series[], x: string, origin: number | undefined): void {
    const toTime =
      x === 'wallclock' || x === 'timestamp'
        ? (v: number) => v
        : x === 'relative' && origin !== undefined
          ? (v: number) => origin + v * 1000
          : undefined;
    if (!toTime) return;
    for (const s of list) {
      if (!s || !this.lines.some((l) => l.key === s.key && l.derive === 'rate')) continue;
      let i = Math.min(s.x.length, s.y.length) - 1;
      while (i >= 0 && !Number.isFinite(s.y[i])) i--;
      if (i < 0) continue;
      const id = `${runId}\u0000${s.key}`;
      const time = toTime(s.x[i]);
      const known = this.bases.get(id);
      if (Number.isFinite(time) && (!known || known.time < time)) this.bases.set(id, { time, value: s.y[i] });
    }
  }

  /** Exact min / mean / max / last of each line (in the drawn unit) for x inside `range` (all when absent). */
  async stats(
    runId: string,
    x: string,
    range: [number, number] | undefined,
    o?: Req,
  ): Promise<Map<string, RangeStats>> {
    const lines = await this.raw(runId, x, o).catch((e: unknown) => {
      throw toSourceError(e);
    });
    const out = new Map<string, RangeStats>();
    for (const [alias, line] of lines) out.set(alias, rangeStats(line, range));
    return out;
  }

  /** Each rate line's counter (base unit) at the last raw point at or before `at`, from what was fetched. */
  counters(runId: string, x: string): Map<string, Columns> {
    const out = new Map<string, Columns>();
    const cache = this.cache.get(`${runId}\u0000${x}`);
    if (!cache || cache.version !== this.version) return out;
    for (const [alias, line] of cache.lines) if (line.counter) out.set(alias, line.counter);
    return out;
  }

  /** The lines' raw columns on axis `x`: cached, and one request shared by concurrent callers. */
  private raw(runId: string, x: string, o?: Req): Promise<Map<string, Line>> {
    throwIfAborted(o?.signal);
    const id = `${runId}\u0000${x}`;
    const hit = this.cache.get(id);
    if (hit && hit.version === this.version) return Promise.resolve(hit.lines);
    let pending = this.pending.get(id);
    if (!pending || pending.version !== this.version) {
      const version = this.version;
      const entry = { version, promise: this.fetchRaw(runId, x, id, version) };
      const forget = () => {
        if (this.pending.get(id) === entry) this.pending.delete(id);
      };
      entry.promise.then(forget, forget);
      this.pending.set(id, entry);
      pending = entry;
    }
    return untilAborted(pending.promise, o?.signal);
  }

  /** Where the source's `relative` x starts for the run: its start time, when the run info has one. */
  private async runStart(runId: string): Promise<number | undefined> {
    try {
      const started = (await this.inner.getRun(runId))?.startedAt;
      return typeof started === 'number' && Number.isFinite(started) ? started : undefined;
    } catch {
      return undefined;
    }
  }

  private async fetchRaw(runId: string, x: string, id: string, version: number): Promise<Map<string, Line>> {
    const getSeries = this.inner.getSeries;
    if (typeof getSeries !== 'function') throw new SourceError('unsupported', 'This source has no getSeries().');
    // not cancelled by one caller's signal: others may share it
    const hasRates = this.lines.some((l) => l.derive === 'rate');
    const [list, origin] = await Promise.all([
      getSeries.call(this.inner, { runIds: [runId], keys: [...this.keys], x }),
      hasRates && x === 'relative' ? this.runStart(runId) : undefined,
    ]);
    const lines = new Map<string, Line>();
    const perX = secondsPerXUnit(x);
    for (const line of this.lines) {
      const s = (Array.isArray(list) ? list : []).find((r) => r && r.runId === runId && r.key === line.key);
      if (!s || !(s.x instanceof Float64Array) || !(s.y instanceof Float64Array)) continue;
      const factor = line.scale / line.divisor;
      const nonMonotonic = s.nonMonotonic === true;
      if (line.derive === 'rate') {
        const rate = rateOf(s.x, s.y, perX);
        lines.set(line.alias, {
          x: rate.x,
          y: scaled(rate.y, factor),
          counter: { x: s.x, y: scaled(s.y, line.scale) },
          nonMonotonic,
        });
      } else {
        lines.set(line.alias, { x: s.x, y: scaled(s.y, factor), nonMonotonic });
      }
    }
    if (version === this.version) {
      this.cache.set(id, { version, lines });
      if (hasRates && Array.isArray(list)) this.seedBases(runId, list, x, origin);
    }
    return lines;
  }
}

/** `promise`, or a rejection with `aborted` as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SourceError('aborted', 'The request was cancelled.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(toSourceError(e));
      },
    );
  });
}
