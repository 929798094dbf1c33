/**
 * Log searches that cannot stall the server. A regular expression can backtrack for minutes on
 * one line (`(a+)+$` over a long line of `a`s), and a match cannot yield part way; run on the
 * event loop as it is, one search froze every other request.
 *
 * So each slice of a search runs in a `node:vm` context with a timeout: V8 interrupts a running
 * match when the timeout fires (ERR_SCRIPT_EXECUTION_TIMEOUT), and the search ends with a clear
 * error naming the line. Slices are short (10 ms) and the searches in progress take turns, one
 * slice per turn of the event loop, so requests that arrive meanwhile are answered between two
 * slices. A search also has a budget of matching time in all, stops as soon as its request is
 * aborted (the client left), and too many waiting searches are refused as busy.
 *
 * Why a vm timeout rather than a worker thread (measured ad hoc on the shared, loaded 2-core
 * machine; bench/node/soak.ts measures the outcome): with slices in a vm, a concurrent `GET /api`
 * waits at most one slice plus twice the line limit (a line that trips the timeout is tried once
 * more alone, since a garbage collection pause trips it too), and a vm call costs ~0.2 ms, so a
 * search over 1M in-memory lines costs about what a bare loop does. A worker keeps the match off
 * the event loop, but the lines must reach it: copying 1M lines of a datastore's console to a
 * worker took 280–530 ms of main-thread time per search (more than the search itself), starting a
 * worker ~360 ms and ending a stuck one ~300 ms; keeping each run's console resident in a worker
 * would hold it twice.
 */
import vm from 'node:vm';
import { SourceError, throwIfAborted } from '../data/errors.js';
import type { SearchRunner } from '../data/log-search.js';

export interface SearchGuardOptions {
  /** Matching time of one slice before it yields (ms). Default 10. */
  sliceMs?: number;
  /** Most time one line's match may take before the search is stopped (ms). Default 200. */
  lineMs?: number;
  /** Most matching time one search may take in all (ms). Default 20,000. */
  budgetMs?: number;
  /** Searches waiting for a turn at most; more are refused as busy. Default 256. */
  maxWaiting?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** The script each slice runs: tests lines until done or past the deadline, noting where it is. */
const SLICE_SCRIPT = new vm.Script(
  `(function (job) {
    const re = job.re, texts = job.texts, hits = job.hits, deadline = job.deadline, from = job.next;
    let i = from;
    for (; i < texts.length; i++) {
      job.next = i;
      if ((i - from) % 16 === 15 && Date.now() > deadline) break;
      if (re.test(texts[i])) hits.push(i);
    }
    job.next = i;
  })(job)`,
  { filename: 'runpage-log-search-slice.js' },
);

export class SearchGuard {
  private readonly sliceMs: number;
  private readonly lineMs: number;
  private readonly budgetMs: number;
  private readonly maxWaiting: number;
  private readonly context: vm.Context;
  private readonly ContextRegExp: RegExpConstructor;
  private readonly newJob: () => Record<string, unknown>;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(o: SearchGuardOptions = {}) {
    this.sliceMs = o.sliceMs ?? 10;
    this.lineMs = o.lineMs ?? 200;
    this.budgetMs = o.budgetMs ?? 20_000;
    this.maxWaiting = o.maxWaiting ?? 256;
    this.context = vm.createContext({});
    // Objects written on every line live in the context's own realm (a write across realms is slow).
    this.ContextRegExp = vm.runInContext('RegExp', this.context) as RegExpConstructor;
    this.newJob = vm.runInContext('() => ({ hits: [] })', this.context) as () => Record<string, unknown>;
  }

  /** Searches waiting for their turn now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** A runner for one search (MemorySource's `searchRunner`). */
  runner = (signal?: AbortSignal): SearchRunner => {
    let spent = 0;
    let compiled: { from: RegExp; re: RegExp } | undefined;
    return {
      turn: (s) => this.turn(s ?? signal),
      slice: (re, texts, from, firstLine) => {
        if (compiled?.from !== re) compiled = { from: re, re: new this.ContextRegExp(re.source, re.flags) };
        const started = Date.now();
        let result: { hits: number[]; next: number };
        try {
          result = this.runSlice(compiled.re, texts, from, firstLine);
        } finally {
          spent += Date.now() - started;
        }
        if (spent > this.budgetMs) {
          throw new SourceError(
            'unavailable',
            `The search took too long and was stopped after ${Math.round(this.budgetMs / 1000)} s of matching. ` +
              'Narrow it with a stream or label filter, or use a simpler pattern.',
            { retryable: false },
          );
        }
        return result;
      },
    };
  };

  private runSlice(re: RegExp, texts: readonly string[], from: number, firstLine: number) {
    const job = this.run(re, texts, from);
    if (!job.timedOut) return { hits: job.hits, next: job.next };
    // A pause of the whole process (garbage collection, a busy machine) also trips the timeout:
    // only a line that trips it again, alone, is the pattern's doing.
    const again = this.run(re, [texts[job.next]!], 0);
    if (again.timedOut) {
      const line = firstLine + job.next + 1;
      throw new SourceError(
        'unavailable',
        `The search took too long and was stopped: the pattern ran for over ${this.lineMs} ms on line ` +
          `${line.toLocaleString('en-US')} alone. Patterns with nested repetition, such as (a+)+, can run ` +
          'for hours on a long line; simplify the pattern or search for plain text.',
        { retryable: false },
      );
    }
    if (again.hits.length > 0) job.hits.push(job.next);
    return { hits: job.hits, next: job.next + 1 };
  }

  /** One run of the slice script: the lines that matched, where it stopped, and whether the timeout stopped it. */
  private run(re: RegExp, texts: readonly string[], from: number) {
    const job = this.newJob();
    job.re = re;
    job.texts = texts;
    job.next = from;
    job.deadline = Date.now() + this.sliceMs;
    this.context.job = job;
    let timedOut = false;
    try {
      SLICE_SCRIPT.runInContext(this.context, { timeout: this.lineMs + this.sliceMs });
    } catch (e) {
      if ((e as { code?: string })?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
      timedOut = true;
    } finally {
      this.context.job = undefined;
    }
    return { hits: [...(job.hits as number[])], next: Number(job.next), timedOut };
  }

  /** Resolves at this search's next turn: one waiting search goes on per turn of the event loop. */
  private turn(signal?: AbortSignal): Promise<void> {
    try {
      throwIfAborted(signal);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.queue.length >= this.maxWaiting) {
      return Promise.reject(
        new SourceError('unavailable', 'The server is busy with other log searches; try again in a moment.'),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const at = this.queue.indexOf(w);
          if (at >= 0) this.queue.splice(at, 1);
          reject(new SourceError('aborted', 'The request was cancelled.'));
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping || this.queue.length === 0) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      const w = this.queue.shift();
      if (w) {
        if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
        // Its slice runs in the microtasks right after this: before the next turn, after any I/O.
        w.resolve();
      }
      this.pump();
    });
  }
}
