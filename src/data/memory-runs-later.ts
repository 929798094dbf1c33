/**
 * What a MemoryRuns (memory-runs.ts) does that a page of charts never asks: a run's info (`getRun`),
 * its list of metrics, listing entries and their events, the crash rule, and the timers that tell
 * watchers a running run stopped sending heartbeats. Loaded with the first call that needs it
 * (`LATER` in memory-runs.ts); MemorySource, whose live side needs it at once, imports it.
 */
import type { MetricInfo, Req, RunContents, RunEvent, RunInfo, RunListEvent, RunRef, RunSource } from './source.js';
import { describeFailure, throwIfAborted } from './errors.js';
import { clone } from './memory-answers.js';
import { listingOf } from './run-listing.js';
import type { RunParts } from './memory-parts.js';
import type { SearchRunner } from './log-search.js';

/** A run as a MemoryRuns keeps it (StoredRun in memory-runs.ts), as far as this module reads it. */
export interface HeldRun {
  info: RunInfo;
  metrics: Map<string, { readonly group: string; info(): MetricInfo }>;
  /** Its logs, files, artifacts, model and media once built (`partsOf`). */
  parts?: RunParts;
  /** What was handed over of them, until `parts` are built from it; undefined when nothing was. */
  given?: unknown;
  listeners: Set<(e: RunEvent) => void>;
  crashTimer?: ReturnType<typeof setTimeout>;
  /** Whether the last `run` event told listeners the run crashed. */
  toldCrashed: boolean;
}

/**
 * A MemoryRuns as this module and memory-reads.ts answer for it: the members they read, protected
 * in the class.
 */
export interface RunsInside {
  readonly runs: Map<string, HeldRun>;
  readonly order: string[];
  readonly pageSize: number;
  readonly threshold: number;
  readonly now: () => number;
  readonly searchRunner?: (signal?: AbortSignal) => SearchRunner;
  readonly listWatchers: Set<(e: RunListEvent) => void>;
  run(runId: string): HeldRun;
  /** The run's parts once built (with `build` when given, else with the reads module when it is in). */
  partsOf(run: HeldRun, build?: unknown): RunParts | undefined;
  /** The reads module, with the parts of `runs` built; a failure to load it is a SourceError. */
  readsFor(o: Req | undefined, runs: Iterable<HeldRun>): Promise<unknown>;
}

/** The methods of a MemoryRuns that this module answers. */
export type RunLater = 'getRun' | 'listMetrics';

/** Each method of `RunLater` with the source it answers for first; memory-runs.ts runs each as a request (`guard`). */
export const answers: {
  [K in RunLater]: (
    s: RunsInside,
    ...args: Parameters<RunSource[K] & {}>
  ) => Awaited<ReturnType<RunSource[K] & {}>> | ReturnType<RunSource[K] & {}>;
} = {
  async getRun(s, runId, o) {
    // the parts' warnings and contents belong in the answer
    const given = s.runs.get(runId);
    if (given?.given) {
      await s.readsFor(o, [given]);
      throwIfAborted(o?.signal);
    }
    const run = s.run(runId);
    const info = clone(run.info);
    info.state = effectiveState(s, run.info);
    info.has = { ...contentsOf(run), ...info.has };
    return info;
  },
  listMetrics: (s, runId) => metricsOf(s.run(runId)),
};

function metricsOf(run: HeldRun): MetricInfo[] {
  return [...run.metrics.values()].map((m) => m.info());
}

/** Applies the crash rule: running, no exit, heartbeat older than the threshold. */
export function effectiveState(s: RunsInside, info: RunInfo): RunInfo['state'] {
  if (
    info.state === 'running' &&
    info.exitCode === undefined &&
    typeof info.heartbeatAt === 'number' &&
    s.now() - info.heartbeatAt > s.threshold
  ) {
    return 'crashed';
  }
  return info.state;
}

/** The listing entry of run `id` (its parts' warnings counted once they are built). */
export function refOf(s: RunsInside, id: string): RunRef {
  const run = s.runs.get(id)!;
  return listingOf(id, run.info, effectiveState(s, run.info), metricsOf(run));
}

/** Tells every `watchRuns` listener of `e`; a listener that throws is logged, not fatal. */
export function emitListing(s: RunsInside, e: RunListEvent): void {
  tell(s.listWatchers, e, 'watchRuns');
}

/** Tells every `watch` listener of `run` of `e`; a listener that throws is logged, not fatal. */
export function emit(run: HeldRun, e: RunEvent): void {
  tell(run.listeners, e, 'watch');
}

function tell<E>(listeners: Set<(e: E) => void>, e: E, what: string): void {
  for (const listener of [...listeners]) {
    try {
      listener(e);
    } catch (err) {
      console.error(`runpage: a ${what} listener threw`, err);
    }
  }
}

/** While someone watches a running run, tell them when its heartbeat goes stale. */
export function scheduleCrashCheck(s: RunsInside, run: HeldRun): void {
  if (run.crashTimer !== undefined) clearTimeout(run.crashTimer);
  run.crashTimer = undefined;
  const info = run.info;
  const watched = run.listeners.size > 0 || s.listWatchers.size > 0;
  if (!watched || info.state !== 'running' || info.exitCode !== undefined) return;
  if (typeof info.heartbeatAt !== 'number') return;
  if (effectiveState(s, info) === 'crashed') {
    if (!run.toldCrashed) {
      run.toldCrashed = true;
      emit(run, { type: 'run', run: { state: 'crashed' } });
      // the listing entry counts the warnings of the run's parts, which may have to be built first
      const tellListing = (): void => {
        if (s.runs.get(info.id) === run) emitListing(s, { type: 'run-changed', run: refOf(s, info.id) });
      };
      if (!run.given || s.partsOf(run)) tellListing();
      else
        s.readsFor(undefined, [run]).then(tellListing, (e: unknown) =>
          console.warn(`runpage: could not tell watchRuns that ${info.id} crashed: ${describeFailure(e)}`),
        );
    }
    return;
  }
  const wait = Math.max(0, info.heartbeatAt + s.threshold - s.now()) + 1;
  run.crashTimer = setTimeout(() => {
    run.crashTimer = undefined;
    scheduleCrashCheck(s, run);
  }, wait);
  (run.crashTimer as { unref?: () => void }).unref?.();
}

/** What a stored run holds, by kind (RunInfo.has); a `has` given with the run's info wins. */
function contentsOf(run: HeldRun): RunContents {
  const parts = run.parts;
  let metrics = false;
  let system = false;
  for (const m of run.metrics.values()) {
    if (m.group === 'system') system = true;
    else metrics = true;
  }
  return {
    metrics,
    system,
    logs: (parts?.logs.total ?? 0) > 0,
    files: parts ? !parts.files.empty : false,
    artifacts: (parts?.artifacts.length ?? 0) > 0,
    model: parts?.model !== undefined,
    media: (parts?.media.length ?? 0) > 0,
  };
}
