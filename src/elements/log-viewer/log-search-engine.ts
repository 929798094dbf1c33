/**
 * Compiling and running a log search, loaded with the first search (`searchCode` in
 * log-search-controller.ts): after a debounce the source runs it; each new request aborts the one
 * before, so typing never waits on a search and a slow answer never overwrites a newer one.
 */
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

/** The search as the user typed it, and where its answer goes (LogSearchController). */
export interface SearchState {
  readonly query: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  result?: LogMatches;
  problem?: SearchProblem;
  highlight?: RegExp;
  /** The match shown as current (-1: none). */
  current: number;
  /** Drops the answer and the matcher. */
  forget(): void;
}

/** The log as going from match to match sees it (LogViewer). */
export interface MatchView {
  /** Whether only the matching lines are shown: then row k shows match k. */
  onlyMatching(): boolean;
  /** The row of the whole log at the top of the view. */
  topRow(): number;
  isRowVisible(row: number): boolean;
  /** Scrolls a row to the view's middle third. */
  scrollToRow(row: number): void;
}

export class SearchEngine {
  private resultKey = '';
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight?: AbortController;

  constructor(
    /** The search's state: query, options, and where the answer, its problem and its matcher go. */
    private readonly state: SearchState,
    private readonly scope: () => SearchScope | undefined,
    private readonly view: MatchView,
    private readonly requestUpdate: () => void,
  ) {}

  /** Makes match `index` (wrapped around) current, scrolled to unless `onlyIfHidden` and on screen. */
  goTo(index: number, onlyIfHidden = false): void {
    const s = this.state;
    const n = s.result?.lines.length;
    if (!n) return;
    s.current = ((index % n) + n) % n;
    const row = this.view.onlyMatching() ? s.current : s.result!.positions[s.current];
    if (!onlyIfHidden || !this.view.isRowVisible(row)) this.view.scrollToRow(row);
    this.requestUpdate();
  }

  /** After an answer: the same match on a rerun (new lines), else the first at or below the top of the view. */
  private selectMatch(rerun: boolean): void {
    const s = this.state;
    const m = s.result!;
    if (rerun && s.current >= 0) s.current = Math.min(s.current, m.lines.length - 1);
    else if (!m.lines.length) s.current = -1;
    else if (this.view.onlyMatching()) this.goTo(0);
    else {
      const top = Math.floor(this.view.topRow());
      const i = m.positions.findIndex((p) => p >= top);
      this.goTo(i < 0 ? 0 : i, true);
    }
  }

  /** Whether the answer for the current query and options is still to come. */
  get pending(): boolean {
    return (
      (this.timer !== undefined || this.inFlight !== undefined) && (!this.state.result || this.resultKey !== this.key())
    );
  }

  /** Searches for the current (non-empty) query after `delay` ms; an invalid regex is a problem at once. */
  schedule(delay: number): void {
    const s = this.state;
    try {
      const re = compileQuery({ query: s.query, regex: s.regex, caseSensitive: s.caseSensitive });
      s.highlight = new RegExp(re.source, re.flags + 'g');
    } catch (e) {
      s.forget();
      s.problem = { kind: 'invalid-regex', reason: reasonOf(e) };
      this.requestUpdate();
      return;
    }
    this.timer = setTimeout(() => void this.run(), delay);
    this.requestUpdate();
  }

  /** Runs a waiting search now; false when none was waiting. */
  flush(): boolean {
    if (this.timer === undefined) return false;
    clearTimeout(this.timer);
    void this.run();
    return true;
  }

  forget(): void {
    this.resultKey = '';
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private key(): string {
    const s = this.state;
    return JSON.stringify([s.query, s.regex, s.caseSensitive, this.scope()?.filter ?? null]);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    const scope = this.scope();
    if (!scope) {
      this.requestUpdate();
      return;
    }
    const s = this.state;
    const controller = new AbortController();
    this.inFlight = controller;
    const key = this.key();
    const rerun = s.result !== undefined && this.resultKey === key;
    try {
      const result = await scope.search(
        { runId: scope.runId, query: s.query, regex: s.regex, caseSensitive: s.caseSensitive, ...scope.filter },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      s.result = result;
      this.resultKey = key;
      s.problem = undefined;
      this.inFlight = undefined;
      this.selectMatch(rerun);
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return;
      this.inFlight = undefined;
      s.forget();
      const invalid = isSourceError(e) && e.code === 'invalid-data' && s.regex;
      s.problem = { kind: invalid ? 'invalid-regex' : 'failed', reason: reasonOf(e) };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
      this.requestUpdate();
    }
  }
}

export function reasonOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^The search is not a valid regular expression: /, '');
}
