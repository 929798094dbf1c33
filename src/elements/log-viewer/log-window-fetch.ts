/**
 * Asking the source for the windows of a log (log-windows.ts) that are not in memory, and for a
 * live log's new tail. Loaded the first time a window is missing. Pure: no DOM.
 */
import { isAbortError } from '../../data/errors.js';
import type { LogChunk } from '../../data/source.js';

/** What the fetcher reads and sets of a LogWindows (log-windows.ts). */
export interface WindowsToFill {
  readonly windowSize: number;
  readonly windows: Map<number, unknown>;
  readonly pending: Map<number, AbortController>;
  readonly failed: Set<number>;
  readonly abort: AbortController;
  readonly options: { onChange?: () => void };
  tailRefresh?: Promise<void>;
  tailAgain: boolean;
  total: number | undefined;
  error: unknown;
  fetchWindow(start: number, count: number, signal: AbortSignal): Promise<LogChunk>;
  missing(w: number): boolean;
  track(p: Promise<void>): void;
  accept(chunk: LogChunk, requested: number): void;
}

/** Asks for each window of `keep` that is missing; stops asking for the ones not in it. */
export function fetchWindows(win: WindowsToFill, keep: Set<number>): void {
  // The screen moved on (a fast drag of the scrollbar): stop asking for windows no longer shown.
  for (const [w, controller] of win.pending) if (!keep.has(w)) controller.abort();
  for (const w of keep) if (win.missing(w)) win.track(load(win, w));
}

async function load(win: WindowsToFill, w: number): Promise<void> {
  const controller = new AbortController();
  win.pending.set(w, controller);
  try {
    await fetchInto(win, w, controller);
  } catch (e) {
    win.failed.add(w);
    win.error = e;
  } finally {
    if (win.pending.get(w) === controller) win.pending.delete(w);
  }
  if (!controller.signal.aborted) win.options.onChange?.();
}

/**
 * Asks for window `w` (stopped by `controller`, or by `dispose`) and stores the answer. Rejects
 * with a failure (a malformed answer too), never with an abort.
 */
async function fetchInto(win: WindowsToFill, w: number, controller: AbortController): Promise<void> {
  const stop = () => controller.abort();
  win.abort.signal.addEventListener('abort', stop);
  try {
    const chunk = await win.fetchWindow(w * win.windowSize, win.windowSize, controller.signal);
    if (!controller.signal.aborted) win.accept(chunk, w * win.windowSize);
  } catch (e) {
    if (!controller.signal.aborted && !isAbortError(e)) throw e;
  } finally {
    win.abort.signal.removeEventListener('abort', stop);
  }
}

/**
 * The log grew (a live run): drop the partial last window and ask for the tail again, which
 * also brings the new total. Calls made while a refresh is in flight coalesce into one more.
 */
export function refreshTail(win: WindowsToFill): void {
  if (win.tailRefresh) {
    win.tailAgain = true;
    return;
  }
  const w = Math.floor((win.total ?? 0) / win.windowSize);
  win.windows.delete(w);
  win.pending.get(w)?.abort();
  win.pending.delete(w);
  const controller = new AbortController();
  const refresh = fetchInto(win, w, controller)
    .catch((e: unknown) => {
      win.error = e;
    })
    .finally(() => {
      win.tailRefresh = undefined;
      if (controller.signal.aborted) return;
      win.options.onChange?.();
      if (win.tailAgain) {
        win.tailAgain = false;
        refreshTail(win);
      }
    });
  win.tailRefresh = refresh;
  win.track(refresh);
}
