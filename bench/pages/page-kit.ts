/** What every benchmark page shares: waiting for frames and tasks, timing, heap readings. */

/** A macrotask that is not throttled like setTimeout(0) (which clamps to 4 ms after nesting). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * Resolves once the frame after the current work has been produced: a requestAnimationFrame
 * callback runs just before the browser renders, and a task posted from it runs after that
 * rendering step, so the time read then includes style, layout and paint of what changed.
 */
export async function afterNextPaint(): Promise<number> {
  await nextFrame();
  await nextTask();
  return performance.now();
}

/** Polls `ready` after every task until it is true; rejects after `timeoutMs`. */
export async function until(ready: () => boolean, timeoutMs = 60_000, what = 'condition'): Promise<number> {
  const start = performance.now();
  while (!ready()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await nextTask();
  }
  return performance.now();
}

declare global {
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

/** Used JS heap in bytes after a full garbage collection (needs --expose-gc and --enable-precise-memory-info). */
export async function heapAfterGc(): Promise<number | undefined> {
  // exposed by --js-flags=--expose-gc
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    if (typeof gc === 'function') gc();
    await nextTask();
  }
  return performance.memory?.usedJSHeapSize;
}

export const MB = 1024 * 1024;

/**
 * Records requestAnimationFrame deltas while `drive` runs one step per frame; returns the deltas (ms).
 * `drive(i)` is called in frame i and returns false when it has nothing left to do.
 */
export async function frameDeltas(drive: (i: number) => boolean | Promise<boolean>): Promise<number[]> {
  const deltas: number[] = [];
  let last = await nextFrame();
  for (let i = 0; ; i++) {
    const more = await drive(i);
    const now = await nextFrame();
    deltas.push(now - last);
    last = now;
    if (!more) break;
  }
  // one more frame so the last step's work is counted
  const end = await nextFrame();
  deltas.push(end - last);
  return deltas;
}

/** Longest main-thread task (ms) seen while `fn` runs, from the Long Tasks API (tasks ≥ 50 ms). */
export async function longestTask<T>(fn: () => Promise<T>): Promise<{ value: T; longestMs: number }> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // Long Tasks API unavailable: report 0 and say so in the output
  }
  const value = await fn();
  await nextTask();
  for (const e of observer.takeRecords()) longest = Math.max(longest, e.duration);
  observer.disconnect();
  return { value, longestMs: longest };
}

/** Log lines from a page go to the console, which the runner forwards. */
export function note(message: string): void {
  console.log(`[bench] ${message}`);
}

/** A fixed-size box for one element under test. */
export function stage(width = 1000, height = 400): HTMLDivElement {
  const box = document.createElement('div');
  box.style.cssText = `width:${width}px;height:${height}px;position:relative;overflow:hidden`;
  document.body.append(box);
  return box;
}
