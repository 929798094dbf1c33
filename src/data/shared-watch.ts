/**
 * One upstream subscription per run, shared by every watcher of that run.
 *
 * A page shows one run through many elements (overview, charts, logs…) and each of them calls
 * `source.watch`. A source that talks to a server must not open a connection per call: browsers
 * allow six HTTP/1.1 connections per host, and streams that never end starve every other request.
 * A source keeps one SharedWatch; `watch` adds a listener, and the source is told (once per
 * microtask, however many watchers came and went) which runs are wanted: watched and not ended.
 * The source delivers upstream events with `deliver` and calls `end` when a run can no longer
 * change, which drops it from the wanted runs for good (no reconnecting to a finished run).
 */
import type { RunEvent } from './source.js';
import { stopOnce } from './stop-once.js';

export type WatchListener = (e: RunEvent) => void;

export class SharedWatch {
  private readonly listeners = new Map<string, Set<WatchListener>>();
  private readonly ended = new Set<string>();
  private scheduled = false;
  private lastWanted = '';

  /** `sync` is called with the runs to keep an upstream subscription for, whenever that set changes. */
  constructor(private readonly sync: (runIds: readonly string[]) => void) {}

  /** Adds a listener for one run; the returned function (or `signal` aborting) removes it. */
  watch(runId: string, on: WatchListener, signal?: AbortSignal): () => void {
    if (signal?.aborted || typeof on !== 'function') return () => {};
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    // The same function may watch twice: wrap it so each call has its own entry.
    const entry: WatchListener = (e) => on(e);
    set.add(entry);
    this.schedule();
    return stopOnce(signal, () => {
      const current = this.listeners.get(runId);
      current?.delete(entry);
      if (current?.size === 0) this.listeners.delete(runId);
      this.schedule();
    });
  }

  /** Hands an upstream event to every listener of its run; a throwing listener does not stop the others. */
  deliver(runId: string, e: RunEvent): void {
    for (const listener of [...(this.listeners.get(runId) ?? [])]) {
      try {
        listener(e);
      } catch (err) {
        console.error('runpage: a watch listener threw', err);
      }
    }
  }

  /** The run can no longer change: stop wanting it (its listeners stay, silent). */
  end(runId: string): void {
    if (this.ended.has(runId)) return;
    this.ended.add(runId);
    this.schedule();
  }

  /** The run is live again (a fresh answer said so): want it again if someone watches. */
  resume(runId: string): void {
    if (!this.ended.delete(runId)) return;
    this.schedule();
  }

  /** True when `end` was called for the run (and not undone by `resume`). */
  hasEnded(runId: string): boolean {
    return this.ended.has(runId);
  }

  /** Runs that are watched and have not ended, in first-watched order. */
  get wanted(): string[] {
    return [...this.listeners.keys()].filter((id) => !this.ended.has(id));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const wanted = this.wanted;
      const key = wanted.join('\u0000');
      if (key === this.lastWanted) return;
      this.lastWanted = key;
      this.sync(wanted);
    });
  }
}
