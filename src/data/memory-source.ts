/**
 * MemorySource: a RunSource over plain objects (what a test, a story or a server's run loads
 * into): MemoryRuns (memory-runs.ts), which answers every method of the contract, plus the live
 * side: runs added and removed, and live appends delivered to `watch` and `watchRuns` listeners.
 */
import type { ArtifactDetail, MediaItem, MetricGroup, MetricPoint, RunEvent, RunInfo } from './source.js';
import { type AppendedPoint, type MemoryMetric, defaultGroup } from './memory-metrics.js';
import { LiveMetricStore } from './memory-live-metric.js';
import { normalizeLogLine, type MemoryLogLine } from './memory-logs.js';
import type { MemoryFile } from './memory-files.js';
import { isLogFile, type LogFile } from './log-file.js';
import { clone } from './memory-answers.js';
import { isMediaItem, type RunParts, runParts } from './memory-parts.js';
import { MemoryRuns, type MemoryRun, type StoredRun } from './memory-runs.js';
import * as later from './memory-runs-later.js';

export { MemoryRuns, type MemoryRun, type MemorySourceOptions } from './memory-runs.js';
export type { MemoryMetric, MetricColumns, AppendedPoint } from './memory-metrics.js';
export { lazyMetric, LiveMetricStore } from './memory-live-metric.js';
export type { MemoryLogLine, MemoryLogs } from './memory-logs.js';
export type { LogFile } from './log-file.js';
export type { MemoryFile } from './memory-files.js';

export interface MemoryAppend {
  points?: AppendedPoint[];
  logs?: MemoryLogLine[];
  /**
   * A log file that continues the console after every line so far, or the one that already does,
   * after it grew: its new lines are announced with a `logs` event whose `lines` are `recent`
   * (the newest of them; a burst is not sent whole) and whose `total` counts them all.
   */
  logFile?: { file: LogFile; recent?: MemoryLogLine[] };
  run?: Partial<RunInfo>;
  /** New files, or new versions of files at the same path (a growing log). Emits `files-changed`. */
  files?: MemoryFile[];
  /** New media items. Emits `media-changed` with their keys. */
  media?: MediaItem[];
  /** New artifacts, or new details for an artifact with the same id. Emits `artifacts-changed`. */
  artifacts?: ArtifactDetail[];
}

export class MemorySource extends MemoryRuns {
  /** Every metric's store takes appends. */
  protected override storeOf(m: MemoryMetric, order: number, warn: (message: string) => void): LiveMetricStore {
    return new LiveMetricStore(m, order, warn);
  }

  /** A run's parts are built with it: appends add to them. */
  protected override partsOf(run: StoredRun): RunParts {
    return super.partsOf(run, runParts)!;
  }

  /** Listing entries and crash checks are told at once as runs are added and changed. */
  protected override laterCode(): typeof later {
    return later;
  }

  /** Adds runs (a run started); returns their ids (renamed when taken) and tells `watchRuns` listeners. */
  add(runs: MemoryRun | MemoryRun[]): string[] {
    const list = Array.isArray(runs) ? runs : [runs];
    const ids = list.map((run) => this.addRun(run, this.order.length));
    for (const id of ids) later.emitListing(this.inside(), { type: 'run-added', run: later.refOf(this.inside(), id) });
    return ids;
  }

  /** Removes a run (its folder was deleted) and tells `watchRuns` listeners; false when there was none. */
  remove(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    if (run.crashTimer !== undefined) clearTimeout(run.crashTimer);
    this.runs.delete(runId);
    this.order.splice(this.order.indexOf(runId), 1);
    later.emitListing(this.inside(), { type: 'run-removed', runId });
    return true;
  }

  /**
   * Adds live data to a run and tells its watchers: run changes (`run`), new keys (`metrics-added`),
   * points per group (`metrics`), log lines (`logs`, with the new total), `files-changed`,
   * `media-changed` and `artifacts-changed`.
   * Throws SourceError('not-found') for an unknown run.
   */
  append(runId: string, data: MemoryAppend): void {
    const run = this.run(runId);
    const parts = this.partsOf(run);
    const events: RunEvent[] = [];
    if (!data || typeof data !== 'object') return;
    if (data.run && typeof data.run === 'object') {
      const { id: _ignored, ...patch } = data.run;
      void _ignored;
      Object.assign(run.info, patch);
      if (run.toldCrashed && later.effectiveState(this.inside(), run.info) !== 'crashed') run.toldCrashed = false;
      events.push({ type: 'run', run: clone(patch) });
    }
    if (Array.isArray(data.points) && data.points.length > 0) {
      const added: LiveMetricStore[] = [];
      const byGroup = new Map<MetricGroup, MetricPoint[]>();
      for (const p of data.points) {
        if (!p || typeof p.key !== 'string') continue;
        // every store of a MemorySource is a live one (`storeOf`)
        let store = run.metrics.get(p.key) as LiveMetricStore | undefined;
        if (!store) {
          const group = p.group === 'system' || p.group === 'history' ? p.group : defaultGroup(p.key);
          store = new LiveMetricStore({ key: p.key, group, step: [], value: [] }, run.metrics.size, () => undefined);
          run.metrics.set(p.key, store);
          added.push(store);
        }
        store.append(p);
        const point: MetricPoint = { key: p.key, step: p.step, time: p.time, value: p.value };
        if (p.runtime !== undefined) point.runtime = p.runtime;
        let list = byGroup.get(store.group);
        if (!list) byGroup.set(store.group, (list = []));
        list.push(point);
      }
      if (added.length > 0) events.push({ type: 'metrics-added', metrics: added.map((s) => s.info()) });
      for (const [group, points] of byGroup) events.push({ type: 'metrics', group, points });
    }
    if (Array.isArray(data.logs) && data.logs.length > 0) {
      const lines = parts.logs.append(data.logs);
      events.push({ type: 'logs', lines, total: parts.logs.total });
    }
    if (data.logFile && isLogFile(data.logFile.file)) {
      const { from, to } = parts.logs.appendFile(data.logFile.file);
      if (to > from) {
        const recent = Array.isArray(data.logFile.recent) ? data.logFile.recent.slice(-(to - from)) : [];
        const lines = recent.map((l, i) => normalizeLogLine(l, to - recent.length + i));
        events.push({ type: 'logs', lines, total: parts.logs.total });
      }
    }
    if (Array.isArray(data.files) && data.files.length > 0 && parts.files.update(data.files)) {
      events.push({ type: 'files-changed' });
    }
    if (Array.isArray(data.media) && data.media.length > 0) {
      const items = data.media.filter(isMediaItem);
      parts.media.push(...items);
      if (items.length > 0) events.push({ type: 'media-changed', keys: [...new Set(items.map((m) => m.key))] });
    }
    if (Array.isArray(data.artifacts) && data.artifacts.length > 0) {
      for (const a of data.artifacts) {
        if (!a || typeof a.id !== 'string') continue;
        const at = parts.artifacts.findIndex((x) => x.id === a.id);
        if (at >= 0) parts.artifacts[at] = a;
        else parts.artifacts.push(a);
        parts.artifactTrees.delete(a.id);
      }
      events.push({ type: 'artifacts-changed' });
    }
    for (const e of events) later.emit(run, e);
    if (events.some((e) => e.type === 'run') && this.runs.get(runId) === run)
      later.emitListing(this.inside(), { type: 'run-changed', run: later.refOf(this.inside(), runId) });
    this.scheduleCrashCheck(run);
  }
}
