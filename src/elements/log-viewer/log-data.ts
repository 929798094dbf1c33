/**
 * Where the log viewer's lines come from: the run's first window (asked for with the run, to know
 * whether it is live), then a window cache (log-windows.ts) over the source for the stream and
 * label filter in effect, new for each run and each filter, grown by live events. It tells the
 * element when the windows are new and when the log grew; what the view does then is the element's.
 */
import { initialState, TaskStatus } from '@lit/task';
import { SourceError } from '../../data/errors.js';
import type { LogChunk, RunEvent, RunSource } from '../../data/source.js';
import { requireMethod, type RunpageElement } from '../../internal/base-element.js';
import { SourceTask } from '../../internal/source-task.js';
import type { GetLogs, LogFilter } from './log-export.js';
import { LogWindows } from './log-windows.js';

/** Lines per getLogs request. */
export const WINDOW = 500;

export interface LoadedLog {
  source: RunSource;
  runId: string;
  getLogs: GetLogs;
  first: LogChunk;
  /** The run was running when the log was opened. */
  live: boolean;
}

export interface LogDataOptions {
  filter(): LogFilter;
  /** New windows: for another run (`newRun`), or for another filter over the same run. */
  onWindows(loaded: LoadedLog, newRun: boolean): void;
  /** The log grew from `before` to `total` lines. */
  onGrowth(before: number, total: number): void;
}

export function isFiltered(f: LogFilter): boolean {
  return f.streams !== undefined || f.labels !== undefined;
}

export class LogData {
  windows?: LogWindows;
  loaded?: LoadedLog;
  /** Which filter the windows are for (a key that changes with it). */
  view = '';
  /** Labels seen in the log (ranks, writers), sorted. */
  labels: string[] = [];
  readonly task: SourceTask<readonly [RunSource | undefined, string | undefined], LoadedLog | typeof initialState>;
  private lastTotal?: number;

  constructor(
    private readonly host: RunpageElement,
    private readonly options: LogDataOptions,
  ) {
    this.task = new SourceTask(host, {
      args: () => [host.dataSource, host.runId] as const,
      task: async ([source, runId], { signal }): Promise<LoadedLog | typeof initialState> => {
        if (!source || !runId) return initialState;
        const getLogs = requireMethod(source, 'getLogs');
        const [first, run] = await Promise.all([
          getLogs({ runId, start: 0, count: WINDOW }, { signal }),
          Promise.resolve()
            .then(() => source.getRun(runId, { signal }))
            .catch(() => undefined),
        ]);
        if (!first || typeof first !== 'object' || !Array.isArray(first.lines)) {
          throw new SourceError('invalid-data', 'The source answered the log request without a list of lines.');
        }
        return { source, runId, getLogs, first, live: run?.state === 'running' };
      },
    });
  }

  /** Call from `willUpdate`: new windows for a new run or filter, then the growth of a live log. */
  sync(): void {
    this.syncWindows();
    this.trackGrowth();
  }

  /** Takes live events' lines (the total, new labels); true when lines arrived. */
  takeLive(events: RunEvent[]): boolean {
    let grew = false;
    const filtered = isFiltered(this.options.filter());
    for (const e of events) {
      if (e.type !== 'logs') continue;
      grew = true;
      if (!filtered && Number.isFinite(e.total)) this.windows?.grow(e.total);
      for (const line of e.lines ?? []) {
        if (line.label !== undefined && !this.labels.includes(line.label))
          this.labels = [...this.labels, line.label].sort();
      }
    }
    // A filtered log's total is not in the event: ask for its tail again.
    if (grew && filtered) this.windows?.refreshTail();
    return grew;
  }

  /** Asks again for the windows that failed (or the first one of a filter). */
  retry(): void {
    this.windows?.retry();
    if (this.windows?.total === undefined) this.windows?.ensureRange(0, WINDOW);
    this.host.requestUpdate();
  }

  private syncWindows(): void {
    const value =
      this.task.status === TaskStatus.COMPLETE ? (this.task.value as LoadedLog | typeof initialState) : undefined;
    if (!value || value === initialState) return;
    const filter = this.options.filter();
    const key = JSON.stringify(filter);
    if (value === this.loaded && key === this.view) return;
    const newRun = value !== this.loaded;
    this.windows?.dispose();
    this.loaded = value;
    this.view = key;
    const { getLogs, runId } = value;
    this.windows = new LogWindows((start, count, signal) => getLogs({ runId, start, count, ...filter }, { signal }), {
      windowSize: WINDOW,
      onChange: () => this.host.requestUpdate(),
    });
    if (!isFiltered(filter)) this.windows.seed(value.first);
    else this.windows.ensureRange(0, WINDOW);
    this.lastTotal = this.windows.total;
    if (newRun) this.labels = value.first.labels ?? [];
    this.options.onWindows(value, newRun);
  }

  private trackGrowth(): void {
    const total = this.windows?.total;
    if (total === undefined) return;
    const before = this.lastTotal;
    this.lastTotal = total;
    if (before !== undefined && total > before) this.options.onGrowth(before, total);
  }
}
