/**
 * Long work on the server's thread (encoding a run's cache file) done in slices of a few
 * milliseconds of run time, with a turn of the event loop between two: a request that arrives
 * meanwhile waits for one slice, not for the whole work. The work checks `due()` (or calls
 * `pause()`) after each block of a few thousand items; a block is far shorter than a slice, and a
 * clock read costs nothing beside it.
 */
import { nextTurn } from '../data/log-search.js';

/** Run time of one slice (ms): a request needs a few turns of the event loop to be answered. */
export const SLICE_MS = 8;

export class TimeSlices {
  private start: number;
  /** Turns of the event loop given so far. */
  turns = 0;

  /** `now` and `turn` are the clock and the yield (tests give fakes). */
  constructor(
    readonly ms = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly turn: () => Promise<void> = nextTurn,
  ) {
    this.start = now();
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
