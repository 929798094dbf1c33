import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, isSourceError } from '../../data/errors.js';
import { compileQuery } from '../../data/search-pattern.js';
import type { LogMatches, LogSearch, LogStream, Req } from '../../data/source.js';

/** Where a search runs: the source's `searchLogs`, the run, and the filter in effect. */
export interface SearchScope {
  search: (q: LogSearch, o?: Req) => Promise<LogMatches>;
  runId: string;
  filter: { streams?: LogStream[]; labels?: string[] };
}

export interface SearchProblem {
  kind: 'invalid-regex' | 'failed';
  reason: string;
}

/**
 * The log search as the user types it: plain text or regex, with or without case, run by the source
 * after a debounce. Each new request aborts the one before, so typing never waits on a search and a
 * slow answer never overwrites a newer one. Keeps the latest answer and a matcher for highlighting.
 */
export class LogSearchController implements ReactiveController {
  query = '';
  regex = false;
  caseSensitive = false;
  /** The latest answer (possibly for an earlier query while `pending`). */
  result?: LogMatches;
  problem?: SearchProblem;
  /** Global matcher of the current query, for highlighting. */
  highlight?: RegExp;
  private resultKey = '';
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scope: () => SearchScope | undefined,
    /** Called with each answer; `rerun` when it answers the same search as the one before (new lines arrived). */
    private readonly onResult: (rerun: boolean) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Whether the answer for the current query and options is still to come. */
  get pending(): boolean {
    return (this.timer !== undefined || this.inFlight !== undefined) && (!this.result || this.resultKey !== this.key());
  }

  /** Searches for the current query and options after `delay` ms, cancelling whatever was waiting. */
  schedule(delay: number): void {
    this.cancel();
    this.problem = undefined;
    this.highlight = undefined;
    if (!this.query) {
      this.forget();
      this.host.requestUpdate();
      return;
    }
    try {
      const re = compileQuery({ query: this.query, regex: this.regex, caseSensitive: this.caseSensitive });
      this.highlight = new RegExp(re.source, re.flags + 'g');
    } catch (e) {
      this.forget();
      this.problem = { kind: 'invalid-regex', reason: reasonOf(e) };
      this.host.requestUpdate();
      return;
    }
    this.timer = setTimeout(() => void this.run(), delay);
    this.host.requestUpdate();
  }

  /** Runs a waiting search now (Enter before the debounce); false when none was waiting. */
  flush(): boolean {
    if (this.timer === undefined) return false;
    clearTimeout(this.timer);
    void this.run();
    return true;
  }

  /** Drops the answer (its positions belong to another filter). */
  forget(): void {
    this.result = undefined;
    this.resultKey = '';
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private key(): string {
    return JSON.stringify([this.query, this.regex, this.caseSensitive, this.scope()?.filter ?? null]);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    const scope = this.scope();
    if (!scope) {
      this.host.requestUpdate();
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    const key = this.key();
    const rerun = this.result !== undefined && this.resultKey === key;
    try {
      const result = await scope.search(
        {
          runId: scope.runId,
          query: this.query,
          regex: this.regex,
          caseSensitive: this.caseSensitive,
          ...scope.filter,
        },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      this.result = result;
      this.resultKey = key;
      this.problem = undefined;
      this.inFlight = undefined;
      this.onResult(rerun);
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return;
      this.inFlight = undefined;
      this.forget();
      const invalid = isSourceError(e) && e.code === 'invalid-data' && this.regex;
      this.problem = { kind: invalid ? 'invalid-regex' : 'failed', reason: reasonOf(e) };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
      this.host.requestUpdate();
    }
  }
}

function reasonOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^The search is not a valid regular expression: /, '');
}
