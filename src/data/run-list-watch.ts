/**
 * Listing changes found by comparing two listings: what a source with no push (an MLflow tracking
 * server, an older runpage server) and the runpage server's folder watcher turn into `watchRuns`
 * events. One mechanism: list, compare with the last listing, tell what was added, changed or removed.
 */
import type { RunListEvent, RunRef } from './source.js';
import { stopOnce } from './stop-once.js';

/** The listing entries of `before` by id, with a key that changes whenever an entry does. */
export type ListingSnapshot = Map<string, { key: string; ref: RunRef }>;

export function snapshotOf(refs: readonly RunRef[]): ListingSnapshot {
  const out: ListingSnapshot = new Map();
  for (const ref of refs) {
    if (!ref || typeof ref.id !== 'string' || out.has(ref.id)) continue;
    out.set(ref.id, { key: keyOf(ref), ref });
  }
  return out;
}

/** The events that turn `before` into `after`: added and changed in `after`'s order, then removed. */
export function diffListings(before: ListingSnapshot, after: ListingSnapshot): RunListEvent[] {
  const events: RunListEvent[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) events.push({ type: 'run-added', run: now.ref });
    else if (was.key !== now.key) events.push({ type: 'run-changed', run: now.ref });
  }
  for (const id of before.keys()) if (!after.has(id)) events.push({ type: 'run-removed', runId: id });
  return events;
}

function keyOf(ref: RunRef): string {
  try {
    return JSON.stringify(ref);
  } catch {
    return String(Math.random()); // a listing that cannot be compared counts as changed
  }
}

export interface ListingPollOptions {
  /** Lists every run (a source's `listRuns`). */
  list: (signal: AbortSignal) => Promise<RunRef[]>;
  /** Between the end of one listing and the start of the next, in ms. */
  intervalMs: number;
  /** The events of each listing that differed from the one before. */
  on: (events: RunListEvent[]) => void;
  /** Told when a listing failed; the poll goes on. */
  onError?: (e: unknown) => void;
  /** The listing to compare the first one with; default: the first listing only sets the baseline. */
  baseline?: readonly RunRef[];
}

/**
 * Lists every `intervalMs` and reports the differences; the returned function stops it. The first
 * listing is the baseline (nothing is reported for it) unless one is given.
 */
export function pollListing(o: ListingPollOptions): () => void {
  const controller = new AbortController();
  let last: ListingSnapshot | undefined = o.baseline ? snapshotOf(o.baseline) : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async (): Promise<void> => {
    timer = undefined;
    try {
      const refs = await o.list(controller.signal);
      if (controller.signal.aborted) return;
      const next = snapshotOf(Array.isArray(refs) ? refs : []);
      const events = last ? diffListings(last, next) : [];
      last = next;
      if (events.length) o.on(events);
    } catch (e) {
      if (controller.signal.aborted) return;
      o.onError?.(e);
    }
    if (!controller.signal.aborted) timer = setTimeout(() => void round(), o.intervalMs);
  };
  void round();
  return () => {
    controller.abort();
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * The `watchRuns` listeners of one source, which share whatever finds the changes (a stream, a
 * poll): `onWatched(true)` when the first listener comes, `onWatched(false)` when the last goes.
 */
export class ListingWatchers {
  private readonly listeners = new Set<(e: RunListEvent) => void>();

  constructor(private readonly onWatched: (watched: boolean) => void) {}

  get watched(): boolean {
    return this.listeners.size > 0;
  }

  /** Adds `on` until the returned function is called or `o.signal` aborts. */
  add(on: (e: RunListEvent) => void, o?: { signal?: AbortSignal }): () => void {
    if (typeof on !== 'function' || o?.signal?.aborted) return () => {};
    const listener = (e: RunListEvent): void => on(e);
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onWatched(true);
    return stopOnce(o?.signal, () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.onWatched(false);
    });
  }

  /** Tells every listener; one that throws does not keep the change from the others. */
  deliver(e: RunListEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch (err) {
        console.error('runpage: a watchRuns listener threw', err);
      }
    }
  }
}
