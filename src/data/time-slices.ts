/**
 * Long work on one thread done in slices of a few milliseconds of run time, with a turn of the
 * event loop between two: a request or a key press that arrives meanwhile waits for one slice, not
 * for the whole work. The server encodes a run's cache file this way; a page searches its logs this
 * way (log-search.ts). The work checks `due()` (or calls `pause()`) after each block of items; a
 * block is far shorter than a slice, and a clock read costs nothing beside it.
 */

/**
 * Resolves on a later turn of the event loop. Browsers clamp nested `setTimeout(0)` to 4 ms, a
 * sixth of a slice lost at every yield: `scheduler.yield()` (or Node's `setImmediate`) is not clamped.
 */
export const nextTurn: () => Promise<void> = (() => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return () => scheduler.yield!();
  const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return () => new Promise<void>((resolve) => void immediate(resolve));
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
})();

/** Run time of one slice (ms) unless told: a request needs a few turns of the event loop to be answered. */
export const DEFAULT_SLICE_MS = 8;

export class TimeSlices {
  private start: number;
  /** Turns of the event loop given so far. */
  turns = 0;

  /** `now` and `turn` are the clock and the yield (tests give fakes). */
  constructor(
    readonly ms = DEFAULT_SLICE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly turn: () => Promise<void> = nextTurn,
  ) {
    this.start = now();
  }

  /** When the current slice has run its time, on the clock `now`. */
  get deadline(): number {
    return this.start + this.ms;
  }

  /** Whether the current slice has run its time. */
  due(): boolean {
    return this.now() - this.start >= this.ms;
  }

  /** Lets other work run (a turn of the event loop), then starts a new slice. */
  async next(): Promise<void> {
    this.turns++;
    await this.turn();
    this.start = this.now();
  }

  /** `next()` when the slice has run its time, else nothing (awaiting undefined costs no turn). */
  pause(): Promise<void> | undefined {
    return this.due() ? this.next() : undefined;
  }
}

/** Items between two clock reads: a few thousand simple array steps, some tens of microseconds. */
export const BLOCK = 16_384;

/** Runs `work(from, to)` over [0, n) a block at a time, pausing between blocks once a slice has run its time. */
export async function inBlocks(
  n: number,
  slices: TimeSlices,
  work: (from: number, to: number) => void,
  block = BLOCK,
): Promise<void> {
  for (let from = 0; from < n; from += block) {
    work(from, Math.min(n, from + block));
    const pause = slices.pause();
    if (pause) await pause;
  }
}

/** Runs a generator that yields between blocks of work (x-order.ts), pausing once a slice has run its time. */
export async function inSlices<T>(steps: Generator<void, T>, slices: TimeSlices): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const pause = slices.pause();
    if (pause) await pause;
  }
}
