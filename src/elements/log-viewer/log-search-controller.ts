import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogMatches } from '../../data/source.js';
import { lazyImport } from '../../internal/lazy-import.js';
import type { MatchView, SearchEngine, SearchProblem, SearchScope, SearchState } from './log-search-engine.js';

export type { MatchView, SearchProblem, SearchScope } from './log-search-engine.js';

/** Compiling and running searches (log-search-engine.ts) load with the first search. */
export const searchCode = lazyImport(() => import('./log-search-engine.js'));

/**
 * The log search as the user types it: plain text or regex, with or without case, run by the source
 * after a debounce (log-search-engine.ts, loaded with the first search). Keeps the latest answer,
 * a matcher for highlighting and the current match; going from match to match runs in the engine's
 * code too, as there are no matches before it is in.
 */
export class LogSearchController implements ReactiveController, SearchState {
  query = '';
  regex = false;
  caseSensitive = false;
  /** The latest answer (possibly for an earlier query while `pending`). */
  result?: LogMatches;
  problem?: SearchProblem;
  /** Global matcher of the current query, for highlighting. */
  highlight?: RegExp;
  current = -1;
  private engine?: SearchEngine;
  /** A search asked for while the engine's code loads: the debounce it asked for. */
  private waiting?: number;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scope: () => SearchScope | undefined,
    /** Where the current match is shown. */
    private readonly view: MatchView,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Whether the answer for the current query and options is still to come. */
  get pending(): boolean {
    return this.waiting !== undefined || !!this.engine?.pending;
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
    const code = searchCode.now;
    if (code) return this.engineOf(code).schedule(delay);
    // The first search: the engine loads (within the typing debounce, as a rule), then searches.
    this.waiting = delay;
    this.host.requestUpdate();
    void searchCode.load().then((loaded) => {
      const wanted = this.waiting;
      this.waiting = undefined;
      if (wanted === undefined) return;
      if (loaded) return this.engineOf(loaded).schedule(wanted);
      // said like a failed search; the next keystroke, option or Enter tries again
      this.problem = { kind: 'failed', reason: String(searchCode.failed) };
      this.host.requestUpdate();
    });
  }

  /** Runs a waiting search now (Enter before the debounce); false when none was waiting. */
  flush(): boolean {
    if (this.waiting !== undefined) {
      this.waiting = 0;
      return true;
    }
    return !!this.engine?.flush();
  }

  /** Makes match `index` (wrapped around) current and scrolls to it. */
  goTo(index: number): void {
    this.engine?.goTo(index);
  }

  /** Drops the answer (its positions belong to another filter). */
  forget(): void {
    this.result = undefined;
    this.current = -1;
    this.engine?.forget();
  }

  cancel(): void {
    this.waiting = undefined;
    this.engine?.cancel();
  }

  private engineOf(code: typeof import('./log-search-engine.js')): SearchEngine {
    this.engine ??= new code.SearchEngine(this, this.scope, this.view, () => this.host.requestUpdate());
    return this.engine;
  }
}
