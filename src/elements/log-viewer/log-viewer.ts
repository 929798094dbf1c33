import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { initialState, TaskStatus } from '@lit/task';
import { isAbortError, SourceError } from '../../data/errors.js';
import type {
  LogChunk,
  LogLine,
  LogMatches,
  LogQuery,
  LogStream,
  Req,
  RunEvent,
  RunSource,
} from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { formatNumber } from '../../internal/format.js';
import { LiveController } from '../../internal/live-controller.js';
import { common } from '../../internal/messages.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty, renderError, renderLoading } from '../../internal/states.js';
import { VirtualListController, type RowAlign } from '../../internal/virtual-list-controller.js';
import { parseTerminalLine, type TerminalLine } from './ansi.js';
import { renderLogLine, renderPlaceholderLine } from './log-line.js';
import { assembleLog, downloadName, logFileUrl, rangeTexts } from './log-export.js';
import { LogSearchController, type SearchScope } from './log-search-controller.js';
import { LogWindows } from './log-windows.js';
import { isRedrawn, REDRAW_LOOKAHEAD } from './redraw.js';
import { msg } from './log-viewer.messages.js';
import { ROW_HEIGHT, styles } from './log-viewer.styles.js';
import { formatLineHash, isLineHash, parseLineHash, type LineSelection } from './permalink.js';

/** Lines per getLogs request. */
const WINDOW = 500;
const PARSED_CACHE = 3000;
const SEARCH_DEBOUNCE_MS = 180;
const LIVE_SEARCH_DEBOUNCE_MS = 600;
const COPY_LIMIT = 100_000;
/** Logs up to this many lines (or matches) are laid out whole (see `flowLayout`). */
const FLOW_LIMIT = 500;

export type LogStreamFilter = 'all' | LogStream;
const STREAM_FILTERS: readonly string[] = ['all', 'stdout', 'stderr'];

interface Loaded {
  source: RunSource;
  runId: string;
  getLogs: (q: LogQuery, o?: Req) => Promise<LogChunk>;
  first: LogChunk;
  live: boolean;
}

export interface LogViewerCopyDetail {
  text: string;
  lines: number;
}

export interface LogViewerDownloadDetail {
  /** The source's URL for the log file, when it has one. */
  url?: string;
  /** The log assembled from windows, when the source has no file URL. */
  blob?: Blob;
  fileName: string;
}

/**
 * Every line of a run's console log, however long: virtualised, coloured from ANSI escapes,
 * `\r` progress bars collapsed as a terminal shows them, searchable (plain or regex, in the source),
 * filterable by stream and label, with permalinks to line ranges and live follow mode.
 *
 * Keyboard: in the log, ↑/↓ scroll a line, Page Up/Down a screen, Home/End jump to the ends,
 * Shift+↑/↓ select lines, Ctrl/⌘+C copies the selected lines, Escape clears the selection and `/`
 * goes to the search box. In the search box, Enter / Shift+Enter go to the next / previous match.
 *
 * @summary Console log viewer for a run: a million lines, ANSI colour, search, live follow.
 *
 * @csspart toolbar - The bar with search, filters and actions.
 * @csspart search - The search box.
 * @csspart lines - The scrolling log area.
 * @csspart gutter - The line-number column of each line.
 * @csspart line - One log line.
 * @csspart new-lines - The "N new lines" button shown when lines arrive while scrolled up.
 * @csspart status - The bar under the log (line count, selection, messages).
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-log-viewer-height - Height of the element (default 480px).
 * @cssprop --runpage-log-viewer-ansi-0 - ANSI black; `-ansi-1` … `-ansi-15` set the other 15 base colours (red, green, yellow, blue, magenta, cyan, white, then their bright variants). Defaults are mid-tone hues mixed with `--runpage-color-fg`, so they follow any light or dark theme.
 *
 * @fires log-viewer-select - The selected lines changed; `detail` is `{ from, to }` (0-based line numbers) or `undefined`.
 * @fires log-viewer-copy - Selected lines were copied; `detail` is `{ text, lines }`.
 * @fires log-viewer-download - A download starts; `detail` is `{ url?, blob?, fileName }`. Cancel it to handle the download yourself.
 */
export class LogViewer extends RunpageElement {
  static override styles = [RunpageElement.styles, styles];

  /** Which stream to show: `all` (default), `stdout` or `stderr`. */
  @property({ reflect: true }) stream: LogStreamFilter = 'all';

  /** Show only lines with this label (rank, writer), when the source has labels. Empty: all labels. */
  @property({ attribute: 'label-filter' }) labelFilter = '';

  /** Show each line's timestamp, when the source has one. */
  @property({ type: Boolean, reflect: true }) timestamps = false;

  /** Wrap long lines instead of scrolling sideways. */
  @property({ type: Boolean, reflect: true }) wrap = false;

  /** Do not read or write the selected lines in the page URL (`#L120-L140`). */
  @property({ type: Boolean, attribute: 'no-permalink' }) noPermalink = false;

  /** Path of the log among the run's files; downloads use `source.fileUrl(run, logFile)` when the source has it. */
  @property({ attribute: 'log-file' }) logFile = 'output.log';

  @state() private onlyMatching = false;
  @state() private currentMatch = -1;
  @state() private selection?: LineSelection;
  @state() private following = false;
  @state() private live = false;
  @state() private newLines = 0;
  @state() private expanded: ReadonlySet<number> = new Set();
  @state() private message = '';
  @state() private downloadProgress?: number;

  private windows?: LogWindows;
  private loaded?: Loaded;
  private windowsKey = '';
  private labels: string[] = [];
  private lastTotal?: number;
  private parsed = new Map<number, TerminalLine>();
  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    initialHeight: ROW_HEIGHT * 20,
    overscan: 6,
    onScroll: (viewport) => this.updateFollowing(viewport),
  });
  private restoreSelection = false;
  private hashBeforeSelection = '';
  private selectionAnchor?: number;
  private selectionFocus?: number;
  /**
   * Where the selection sits in the filtered log it was made in (positions, and which filter), so
   * copying a selection made under a stream or label filter copies the lines that were shown.
   */
  private anchorPosition?: number;
  private selectedPositions?: { from: number; to: number; view: string };
  private downloadAbort?: AbortController;

  private task = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }): Promise<Loaded | typeof initialState> => {
      if (!source || !runId) return initialState;
      const getLogs = requireMethod(source, 'getLogs');
      const [first, run] = await Promise.all([
        getLogs({ runId, start: 0, count: WINDOW }, { signal }),
        Promise.resolve()
          .then(() => source.getRun(runId, { signal }))
          .catch(() => undefined),
      ]);
      if (!first || typeof first !== 'object' || !Array.isArray(first.lines)) {
        throw new SourceError('invalid-data', 'The source answered the log request without a list of lines.');
      }
      return { source, runId, getLogs, first, live: run?.state === 'running' };
    },
  });

  private search = new LogSearchController(
    this,
    () => this.searchScope(),
    (rerun) => this.onSearchResult(rerun),
  );

  constructor() {
    super();
    new LiveController(
      this,
      () => ({ source: this.dataSource, runId: this.runId }),
      (events) => this.onLiveEvents(events),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    if (!this.noPermalink) this.readHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.downloadAbort?.abort();
  }

  // ---------------------------------------------------------------- data

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('stream') && !STREAM_FILTERS.includes(this.stream)) {
      console.warn(`<log-viewer>: stream="${this.stream}" is not all, stdout or stderr; showing all streams.`);
      this.stream = 'all';
    }
    this.syncWindows();
    this.trackGrowth();
  }

  private filter(): { streams?: LogStream[]; labels?: string[] } {
    const f: { streams?: LogStream[]; labels?: string[] } = {};
    if (this.stream === 'stdout' || this.stream === 'stderr') f.streams = [this.stream];
    if (this.labelFilter) f.labels = [this.labelFilter];
    return f;
  }

  private get filtered(): boolean {
    const f = this.filter();
    return f.streams !== undefined || f.labels !== undefined;
  }

  /** Makes the window cache match the loaded run and the filters. */
  private syncWindows(): void {
    const value =
      this.task.status === TaskStatus.COMPLETE ? (this.task.value as Loaded | typeof initialState) : undefined;
    if (!value || value === initialState) return;
    const key = JSON.stringify(this.filter());
    if (value === this.loaded && key === this.windowsKey) return;
    const newRun = value !== this.loaded;
    this.windows?.dispose();
    this.loaded = value;
    this.windowsKey = key;
    const filter = this.filter();
    const { getLogs, runId } = value;
    this.windows = new LogWindows((start, count, signal) => getLogs({ runId, start, count, ...filter }, { signal }), {
      windowSize: WINDOW,
      onChange: () => this.requestUpdate(),
    });
    if (!this.filtered) this.windows.seed(value.first);
    else this.windows.ensureRange(0, WINDOW);
    this.lastTotal = this.windows.total;
    if (newRun) {
      this.parsed.clear();
      this.labels = value.first.labels ?? [];
      this.live = value.live;
      this.following = value.live;
      this.newLines = 0;
      this.expanded = new Set();
      if (this.restoreSelection && this.selection && !this.filtered) {
        this.list.scrollToRow(this.selection.from, 'center');
      } else if (value.live) {
        this.list.scrollToEnd();
      }
      this.restoreSelection = false;
    } else if (this.following) {
      this.list.scrollToEnd();
    } else {
      this.list.scrollToRow(0);
    }
    this.search.forget();
    this.currentMatch = -1;
    if (this.search.query) this.search.schedule(0);
  }

  /** New lines in a live log: follow them, or count them for the pill. */
  private trackGrowth(): void {
    const total = this.windows?.total;
    if (total === undefined) return;
    const before = this.lastTotal;
    this.lastTotal = total;
    if (before === undefined || total <= before) return;
    if (this.following) {
      this.list.scrollToEnd();
    } else {
      this.newLines += total - before;
      // With scroll compression the same scrollTop means another line once the log grows: keep the top line.
      if (!this.onlyMatching && !this.list.pendingScroll) this.list.scrollToRow(this.list.topRow(before));
    }
    if (this.search.query) this.search.schedule(LIVE_SEARCH_DEBOUNCE_MS);
  }

  private onLiveEvents(events: RunEvent[]): void {
    let grew = false;
    let state: string | undefined;
    for (const e of events) {
      if (e.type === 'logs') {
        grew = true;
        if (!this.filtered && Number.isFinite(e.total)) this.windows?.grow(e.total);
        for (const line of e.lines ?? []) {
          if (line.label !== undefined && !this.labels.includes(line.label))
            this.labels = [...this.labels, line.label].sort();
        }
      } else if (e.type === 'run' && e.run.state !== undefined) {
        state = e.run.state;
      }
    }
    // Lines arriving mean the run is live, unless the same batch says it ended.
    if (state !== undefined) this.live = state === 'running';
    else if (grew) this.live = true;
    if (!grew) return;
    if (this.filtered) this.windows?.refreshTail();
    this.requestUpdate();
  }

  private get rowCount(): number | undefined {
    if (this.onlyMatching && this.found) return this.found.lines.length;
    return this.windows?.total;
  }

  /** The position in the (filtered) log shown by a row. */
  private positionOfRow(row: number): number {
    return this.onlyMatching && this.found ? this.found.positions[row] : row;
  }

  private parsedLine(line: LogLine): TerminalLine {
    let p = this.parsed.get(line.n);
    if (p) return p;
    p = parseTerminalLine(line.text);
    if (this.parsed.size >= PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value as number);
    this.parsed.set(line.n, p);
    return p;
  }

  // ---------------------------------------------------------------- search

  private get found(): LogMatches | undefined {
    return this.search.result;
  }

  private searchScope(): SearchScope | undefined {
    const loaded = this.loaded;
    const search = loaded?.source.searchLogs;
    if (!loaded || typeof search !== 'function') return undefined;
    return { search: search.bind(loaded.source), runId: loaded.runId, filter: this.filter() };
  }

  private onSearchResult(rerun: boolean): void {
    const m = this.found;
    if (rerun && m && this.currentMatch >= 0) this.currentMatch = Math.min(this.currentMatch, m.lines.length - 1);
    else this.selectFirstMatch();
  }

  private onSearchInput(e: Event): void {
    this.search.query = (e.target as HTMLInputElement).value;
    if (!this.search.query) this.currentMatch = -1;
    this.search.schedule(SEARCH_DEBOUNCE_MS);
  }

  private searchMessage(): string {
    const p = this.search.problem;
    if (!p) return '';
    return p.kind === 'invalid-regex'
      ? msg(this.locale, 'invalidRegex', p.reason)
      : msg(this.locale, 'searchFailed', p.reason);
  }

  /** The first match at or below the top of the view, scrolled to when it is off screen. */
  private selectFirstMatch(): void {
    const m = this.found;
    if (!m || m.lines.length === 0) {
      this.currentMatch = -1;
      return;
    }
    if (this.onlyMatching) {
      this.goToMatch(0);
      return;
    }
    const top = Math.floor(this.list.topRow(this.windows?.total ?? 0));
    const i = m.positions.findIndex((p) => p >= top);
    this.goToMatch(i < 0 ? 0 : i, true);
  }

  private goToMatch(index: number, onlyIfHidden = false): void {
    const m = this.found;
    if (!m || m.lines.length === 0) return;
    const k = ((index % m.lines.length) + m.lines.length) % m.lines.length;
    this.currentMatch = k;
    const row = this.onlyMatching ? k : m.positions[k];
    if (onlyIfHidden && this.isRowVisible(row)) return;
    this.scrollToRow(row, 'center');
  }

  private onSearchKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter before the debounce ran: search now instead of waiting.
      if (this.search.flush() || !this.found) return;
      this.goToMatch(this.currentMatch + (e.shiftKey ? -1 : 1));
    } else if (e.key === 'Escape' && this.search.query) {
      e.preventDefault();
      this.search.query = '';
      this.currentMatch = -1;
      this.search.schedule(0);
    }
  }

  private toggleSearchOption(option: 'regex' | 'caseSensitive'): void {
    this.search[option] = !this.search[option];
    this.search.schedule(0);
  }

  private toggleOnlyMatching(): void {
    const m = this.found;
    const current = m && this.currentMatch >= 0 ? this.currentMatch : -1;
    this.onlyMatching = !this.onlyMatching;
    if (current >= 0 && m) {
      this.scrollToRow(this.onlyMatching ? current : m.positions[current], 'center');
    } else {
      this.scrollToRow(0, 'top');
    }
  }

  // ---------------------------------------------------------------- scrolling

  private scrollToRow(row: number, align: RowAlign): void {
    this.following = false;
    this.list.scrollToRow(row, align);
  }

  private scrollToEnd(): void {
    this.following = true;
    this.newLines = 0;
    this.list.scrollToEnd();
  }

  private topRow(): number {
    return this.list.topRow(this.rowCount ?? 0);
  }

  /** Whether a row is on screen, a row short of the bottom (where the new-lines pill sits). */
  private isRowVisible(row: number): boolean {
    const top = this.topRow();
    return row >= Math.ceil(top) && row < top + this.list.fullRows - 1;
  }

  private updateFollowing(vp: HTMLElement): void {
    const atBottom = vp.scrollTop + vp.clientHeight >= vp.scrollHeight - 2;
    if (atBottom) {
      if (!this.following) this.following = true;
      if (this.newLines) this.newLines = 0;
    } else if (this.following && this.list.pendingScroll !== 'end') {
      this.following = false;
    }
  }

  /** The keys scroll the log (it has no active row): ↑/↓ a line, Page Up/Down a screen, Home/End the ends. */
  private onViewportKeydown(e: KeyboardEvent): void {
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      this.extendSelectionByKey(e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    switch (e.key) {
      case 'End':
        e.preventDefault();
        this.scrollToEnd();
        return;
      case 'Escape':
        if (this.selection) {
          e.preventDefault();
          this.setSelection(undefined);
        }
        return;
      case '/':
        e.preventDefault();
        this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
        return;
      case 'c':
        if ((e.ctrlKey || e.metaKey) && this.selection && !hasTextSelection(this)) {
          e.preventDefault();
          void this.copySelection();
        }
        return;
    }
    const target = this.list.keyTarget(e.key, Math.round(this.topRow()));
    if (target === undefined) return;
    e.preventDefault();
    this.scrollToRow(target, 'top');
  }

  // ---------------------------------------------------------------- selection

  private onLineClick(e: MouseEvent, n: number, pos: number): void {
    const target = e.target as HTMLElement;
    if (target.closest('a, button')) return;
    if (hasTextSelection(this) && !target.closest('.gutter')) return;
    if (e.shiftKey && this.selectionAnchor !== undefined) {
      e.preventDefault();
      this.selectionFocus = n;
      const anchor = this.anchorPosition ?? pos;
      this.selectedPositions = { from: Math.min(anchor, pos), to: Math.max(anchor, pos), view: this.windowsKey };
      this.setSelection({ from: Math.min(this.selectionAnchor, n), to: Math.max(this.selectionAnchor, n) });
      window.getSelection()?.removeAllRanges();
    } else {
      this.selectionAnchor = n;
      this.selectionFocus = n;
      this.anchorPosition = pos;
      this.selectedPositions = { from: pos, to: pos, view: this.windowsKey };
      this.setSelection({ from: n, to: n });
    }
  }

  private extendSelectionByKey(delta: number): void {
    if (this.selectionFocus === undefined || this.selectionAnchor === undefined || this.filtered || this.onlyMatching) {
      // Line numbers equal rows only in the unfiltered log; elsewhere start from the top line shown.
      const row = Math.ceil(this.topRow());
      const line = this.windows?.line(this.positionOfRow(row));
      if (!line) return;
      this.selectionAnchor = this.selectionFocus = line.n;
      this.anchorPosition = this.positionOfRow(row);
      this.selectedPositions = { from: this.anchorPosition, to: this.anchorPosition, view: this.windowsKey };
      this.setSelection({ from: line.n, to: line.n });
      return;
    }
    const total = this.windows?.total ?? 0;
    const focus = Math.max(0, Math.min(total - 1, this.selectionFocus + delta));
    this.selectionFocus = focus;
    this.selectedPositions = undefined; // unfiltered: positions are line numbers
    this.setSelection({ from: Math.min(this.selectionAnchor, focus), to: Math.max(this.selectionAnchor, focus) });
    if (!this.isRowVisible(focus)) this.scrollToRow(focus, 'center');
  }

  private setSelection(s: LineSelection | undefined): void {
    this.selection = s;
    if (!s) this.selectionAnchor = this.selectionFocus = this.anchorPosition = this.selectedPositions = undefined;
    this.writeHash();
    this.dispatchEvent(new CustomEvent('log-viewer-select', { detail: s, bubbles: true, composed: true }));
  }

  private readHash(): void {
    const s = parseLineHash(location.hash);
    if (!s) return;
    this.selectedPositions = this.anchorPosition = undefined;
    this.selection = s;
    this.selectionAnchor = s.from;
    this.selectionFocus = s.to;
    this.restoreSelection = true;
  }

  private onHashChange = (): void => {
    if (this.noPermalink) return;
    const s = parseLineHash(location.hash);
    if (!s) return;
    this.selectedPositions = this.anchorPosition = undefined;
    this.selection = s;
    this.selectionAnchor = s.from;
    this.selectionFocus = s.to;
    if (!this.filtered && !this.onlyMatching) this.scrollToRow(s.from, 'center');
  };

  private writeHash(): void {
    if (this.noPermalink || !isLineHash(location.hash)) return;
    // A hash that was there before the first selection (`#logs`) comes back when the selection is cleared.
    if (parseLineHash(location.hash) === undefined) this.hashBeforeSelection = location.hash;
    const url = new URL(location.href);
    url.hash = this.selection ? formatLineHash(this.selection) : this.hashBeforeSelection;
    history.replaceState(history.state, '', url);
  }

  // ---------------------------------------------------------------- copy & download

  private async copySelection(): Promise<void> {
    const loaded = this.loaded;
    const s = this.selection;
    if (!loaded || !s) {
      this.message = msg(this.locale, 'selectFirst');
      return;
    }
    try {
      const lines = await this.selectedTexts(loaded, s);
      const text = lines.join('\n');
      const event = new CustomEvent<LogViewerCopyDetail>('log-viewer-copy', {
        detail: { text, lines: lines.length },
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      if (this.dispatchEvent(event)) await navigator.clipboard.writeText(text);
      this.message = msg(this.locale, 'copied', formatNumber(lines.length, this.locale));
    } catch (e) {
      console.warn('<log-viewer>: could not copy', e);
      this.message = msg(this.locale, 'copyFailed');
    }
  }

  /**
   * The text (as shown: escapes applied) of the selected lines that the view shows: only the
   * matching ones in "only matching lines" mode, only the filtered ones under a filter.
   */
  private async selectedTexts(loaded: Loaded, s: LineSelection): Promise<string[]> {
    const found = this.found;
    if (this.onlyMatching && found) {
      const positions = found.positions.filter((_, i) => found.lines[i] >= s.from && found.lines[i] <= s.to);
      if (positions.length === 0) return [];
      const keep = new Set(positions);
      const all = await rangeTexts(
        loaded.getLogs,
        loaded.runId,
        positions[0],
        positions[positions.length - 1],
        this.filter(),
        COPY_LIMIT,
      );
      return all.filter((_, i) => keep.has(positions[0] + i));
    }
    const p = this.selectedPositions;
    if (this.filtered && p && p.view === this.windowsKey)
      return rangeTexts(loaded.getLogs, loaded.runId, p.from, p.to, this.filter(), COPY_LIMIT);
    return rangeTexts(loaded.getLogs, loaded.runId, s.from, s.to, {}, COPY_LIMIT);
  }

  private async download(): Promise<void> {
    const loaded = this.loaded;
    if (!loaded || this.downloadProgress !== undefined) return;
    const fileName = downloadName(loaded.runId, this.logFile);
    const url = logFileUrl(loaded.source, loaded.runId, this.logFile);
    if (url) {
      this.startDownload({ url, fileName });
      return;
    }
    const controller = new AbortController();
    this.downloadAbort = controller;
    this.downloadProgress = 0;
    try {
      const blob = await assembleLog(
        loaded.getLogs,
        loaded.runId,
        (p) => (this.downloadProgress = p),
        controller.signal,
      );
      this.startDownload({ blob, fileName });
    } catch (e) {
      if (!isAbortError(e)) this.message = msg(this.locale, 'downloadFailed', errorReason(e));
    } finally {
      this.downloadProgress = undefined;
      this.downloadAbort = undefined;
    }
  }

  private startDownload(detail: LogViewerDownloadDetail): void {
    const event = new CustomEvent<LogViewerDownloadDetail>('log-viewer-download', {
      detail,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (!this.dispatchEvent(event)) return;
    const href = detail.url ?? URL.createObjectURL(detail.blob!);
    const a = document.createElement('a');
    a.href = href;
    a.download = detail.fileName;
    a.rel = 'noopener';
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    if (!detail.url) setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  private toggleExpanded(n: number): void {
    const next = new Set(this.expanded);
    if (next.has(n)) next.delete(n);
    else next.add(n);
    this.expanded = next;
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return html`<div class="root">
      ${this.renderTask(this.task, {
        what: msg(this.locale, 'what'),
        complete: () => this.renderViewer(),
      })}
    </div>`;
  }

  private renderViewer(): TemplateResult {
    const total = this.windows?.total;
    return html`${this.renderToolbar()}
      <div class="body">
        <div
          class="viewport ${this.wrap ? 'wrap' : ''}"
          part="lines"
          role="region"
          aria-label=${msg(this.locale, 'region')}
          aria-describedby="status"
          tabindex="0"
          style=${styleProps({ '--_digits': String(String(Math.max(total ?? 0, 1)).length) })}
          ${ref(this.list.attach)}
          @keydown=${this.onViewportKeydown}
        >
          ${this.renderLines()}
        </div>
        ${this.renderBodyState()}
        ${
          this.newLines > 0 && !this.following
            ? html`<button class="pill" part="new-lines" type="button" @click=${this.scrollToEnd}>
                ${this.newLines === 1 ? msg(this.locale, 'newLine') : msg(this.locale, 'newLines', formatNumber(this.newLines, this.locale))}
                ↓
              </button>`
            : nothing
        }
      </div>
      ${this.renderStatus()}`;
  }

  private renderToolbar(): TemplateResult {
    const l = this.locale;
    const canSearch = typeof this.loaded?.source.searchLogs === 'function';
    const m = this.found;
    const noMatches = !m || m.lines.length === 0;
    return html`<div class="toolbar" part="toolbar" role="group" aria-label=${msg(l, 'toolbar')}>
      <div class="group search" role="search">
        <div class="search-row">
          <input
            type="search"
            part="search"
            .value=${this.search.query}
            placeholder=${canSearch ? msg(l, 'searchPlaceholder') : msg(l, 'searchUnavailable')}
            aria-label=${msg(l, 'searchLabel')}
            aria-invalid=${this.search.problem ? 'true' : 'false'}
            aria-describedby="search-state"
            ?disabled=${!canSearch}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKeydown}
          />
          ${tool('Aa', () => this.toggleSearchOption('caseSensitive'), { pressed: this.search.caseSensitive, hint: msg(l, 'matchCase'), disabled: !canSearch, mono: true })}
          ${tool('.*', () => this.toggleSearchOption('regex'), { pressed: this.search.regex, hint: msg(l, 'regex'), disabled: !canSearch, mono: true })}
          ${tool(msg(l, 'onlyMatching'), () => this.toggleOnlyMatching(), { pressed: this.onlyMatching, disabled: !m })}
          <span class="count" id="search-state" aria-live="polite">${this.renderMatchCount()}</span>
          ${tool('↑', () => this.goToMatch(this.currentMatch - 1), { hint: msg(l, 'previousMatch'), disabled: noMatches })}
          ${tool('↓', () => this.goToMatch(this.currentMatch + 1), { hint: msg(l, 'nextMatch'), disabled: noMatches })}
        </div>
        ${this.search.problem ? html`<span class="search-error" role="alert">${this.searchMessage()}</span>` : nothing}
      </div>
      <div class="group">
        ${select(
          msg(l, 'stream'),
          this.stream,
          [
            ['all', msg(l, 'allStreams')],
            ['stdout', msg(l, 'stdout')],
            ['stderr', msg(l, 'stderr')],
          ],
          (v) => (this.stream = v as LogStreamFilter),
        )}
        ${
          this.labels.length > 0 || this.labelFilter
            ? select(
                msg(l, 'label'),
                this.labelFilter,
                [
                  ['', msg(l, 'allLabels')],
                  // A label set from outside that the log does not have stays visible, so it can be cleared.
                  ...[...new Set([...this.labels, ...(this.labelFilter ? [this.labelFilter] : [])])].map(
                    (label): [string, string] => [label, label],
                  ),
                ],
                (v) => (this.labelFilter = v),
              )
            : nothing
        }
      </div>
      <div class="group">
        ${tool(msg(l, 'timestamps'), () => (this.timestamps = !this.timestamps), { pressed: this.timestamps })}
        ${tool(msg(l, 'wrap'), () => (this.wrap = !this.wrap), { pressed: this.wrap })}
        ${
          this.live
            ? tool(msg(l, 'follow'), () => (this.following ? (this.following = false) : this.scrollToEnd()), {
                pressed: this.following,
                title: msg(l, 'followHint'),
              })
            : nothing
        }
        ${tool(msg(l, 'top'), () => this.scrollToRow(0, 'top'))} ${tool(msg(l, 'end'), () => this.scrollToEnd())}
      </div>
      <div class="group">
        ${tool(msg(l, 'copyLines'), () => void this.copySelection(), {
          title: this.selection ? msg(l, 'copyLines') : msg(l, 'selectFirst'),
        })}
        ${tool(
          this.downloadProgress !== undefined ? msg(l, 'preparing', String(this.downloadProgress)) : msg(l, 'download'),
          () => void this.download(),
          { title: msg(l, 'downloadHint'), disabled: this.downloadProgress !== undefined },
        )}
      </div>
    </div>`;
  }

  private renderMatchCount(): string {
    const l = this.locale;
    if (!this.search.query || this.search.problem) return '';
    if (this.search.pending) return msg(l, 'searching');
    const m = this.found;
    if (!m) return '';
    if (m.total === 0) return msg(l, 'noMatches');
    const current = formatNumber(this.currentMatch + 1, l);
    const total = formatNumber(m.total, l);
    return m.truncated
      ? msg(l, 'matchCountTruncated', current, total, formatNumber(m.lines.length, l))
      : msg(l, 'matchCount', current, total);
  }

  private renderBodyState(): TemplateResult | typeof nothing {
    const l = this.locale;
    const total = this.windows?.total;
    if (total === undefined) {
      // A filter was changed and its first lines are on their way, or did not come.
      const error = this.windows?.error;
      return html`<div class="body-state">${error ? renderError(l, error, this.retryWindows) : renderLoading(l)}</div>`;
    }
    if (this.onlyMatching && this.found && this.found.lines.length === 0) {
      return html`<div class="body-state">${renderEmpty(msg(l, 'noMatches'))}</div>`;
    }
    if (total > 0) return nothing;
    if (this.filtered) return html`<div class="body-state">${renderEmpty(msg(l, 'noFilteredLines'))}</div>`;
    return html`<div class="body-state">${renderEmpty(msg(l, 'emptyTitle'), msg(l, 'emptyDetail'))}</div>`;
  }

  private renderLines(): TemplateResult | typeof nothing {
    const windows = this.windows;
    const count = this.rowCount;
    this.list.rowCount = count ?? 0;
    this.list.flow = this.flowLayout;
    this.list.overscan = this.wrap ? 0 : 6;
    if (!windows || count === undefined || count === 0) return nothing;
    if (this.flowLayout) return html`<div class="rows flow">${this.renderRows(0, count)}</div>`;
    const vh = this.list.viewportHeight;
    const scrollTop = this.list.scrollTop;
    const win = this.list.window();
    let { first, last, top } = win;
    // At the end, lay the rows out from the bottom: a line taller than a row (wrapped, or drawn on
    // several terminal rows) then pushes earlier lines up instead of pushing the last one out of view.
    const bottom = scrollTop + vh >= win.scrollHeight - 2;
    if (bottom) {
      first = Math.max(0, count - Math.ceil(vh / ROW_HEIGHT) - 2);
      last = count;
    } else if (this.wrap) {
      // Wrapped lines are taller than a row: lay them out from the top line on.
      const exact = this.list.topRow();
      first = Math.floor(exact);
      last = Math.min(count, first + Math.ceil(vh / ROW_HEIGHT) + 2);
      top = scrollTop - (exact - first) * ROW_HEIGHT;
    }
    return html`<div class="spacer" style=${styleProps({ height: `${win.scrollHeight}px` })}>
      <div
        class="rows ${bottom ? 'bottom' : ''}"
        style=${styleProps(bottom ? {} : { transform: `translateY(${top}px)` })}
      >
        ${this.renderRows(first, last)}
      </div>
    </div>`;
  }

  /**
   * Short logs are laid out whole, in normal flow: rows may have any height (wrapped lines, lines
   * drawn on several terminal rows) and scrolling is exact. Longer ones are virtualised.
   */
  private get flowLayout(): boolean {
    return (this.rowCount ?? 0) <= FLOW_LIMIT;
  }

  private renderRows(first: number, last: number): TemplateResult[] {
    const windows = this.windows!;
    const positions: number[] = [];
    for (let r = first; r < last; r++) positions.push(this.positionOfRow(r));
    windows.ensurePositions(positions);
    const currentRow =
      this.currentMatch >= 0 && this.found
        ? this.onlyMatching
          ? this.currentMatch
          : this.found.positions[this.currentMatch]
        : -1;
    const rows: TemplateResult[] = [];
    for (let r = first; r < last; r++) rows.push(this.renderLine(r, positions[r - first], r === currentRow));
    return rows;
  }

  private renderLine(row: number, pos: number, current: boolean): TemplateResult {
    const line = this.windows?.line(pos);
    if (!line) {
      const n = this.onlyMatching && this.found ? this.found.lines[row] : this.filtered ? undefined : pos;
      return renderPlaceholderLine(row, n, this.windows?.error !== undefined);
    }
    const n = line.n;
    const parsed = this.parsedLine(line);
    return renderLogLine(line, parsed, {
      row,
      selected: this.selection !== undefined && n >= this.selection.from && n <= this.selection.to,
      current,
      redrawn: this.isRedrawnAt(pos, line, parsed),
      expanded: this.expanded.has(n),
      timestamps: this.timestamps,
      highlight: this.search.highlight,
      lang: this.locale,
      onClick: (e) => this.onLineClick(e, n, pos),
      onToggleExpanded: () => this.toggleExpanded(n),
    });
  }

  /** Whether a later line redraws this one (cursor-up), judged from the adjacent lines in memory. */
  private isRedrawnAt(pos: number, line: LogLine, parsed: TerminalLine): boolean {
    const following: TerminalLine[] = [];
    let n = line.n;
    for (let p = pos + 1; p <= pos + REDRAW_LOOKAHEAD; p++) {
      const next = this.windows?.line(p);
      if (!next || next.n !== n + 1) break;
      following.push(this.parsedLine(next));
      n = next.n;
    }
    return isRedrawn(parsed, following);
  }

  private renderStatus(): TemplateResult {
    const l = this.locale;
    const total = this.windows?.total;
    const s = this.selection;
    return html`<div class="status" part="status" id="status">
      <span>${total === undefined ? '' : msg(l, 'lineCount', formatNumber(total, l))}</span>
      ${s ? html`<span>${msg(l, 'selection', formatNumber(s.from + 1, l), formatNumber(s.to + 1, l))}</span>` : nothing}
      <span role="status">${this.message}</span>
      ${
        this.windows?.error && total !== undefined
          ? html`<span class="error" role="alert">${msg(l, 'linesFailed')}</span>
              <button class="rp-button" type="button" @click=${this.retryWindows}>${common(l, 'retry')}</button>`
          : nothing
      }
    </div>`;
  }

  private retryWindows = (): void => {
    this.windows?.retry();
    if (this.windows?.total === undefined) this.windows?.ensureRange(0, WINDOW);
    this.requestUpdate();
  };
}

interface ToolOptions {
  /** Toggle state (`aria-pressed`). */
  pressed?: boolean;
  /** Accessible name and tooltip, for buttons whose text is a symbol. */
  hint?: string;
  /** Tooltip only. */
  title?: string;
  disabled?: boolean;
  mono?: boolean;
}

/** A toolbar button. */
function tool(text: string, onClick: () => void, o: ToolOptions = {}): TemplateResult {
  return html`<button
    class="rp-button tb${o.mono ? ' mono' : ''}"
    type="button"
    aria-pressed=${o.pressed === undefined ? nothing : String(o.pressed)}
    title=${o.hint ?? o.title ?? nothing}
    aria-label=${o.hint ?? nothing}
    ?disabled=${o.disabled}
    @click=${onClick}
  >
    ${text}
  </button>`;
}

/** A labelled select of `[value, text]` options. */
function select(
  label: string,
  value: string,
  options: [string, string][],
  onChange: (value: string) => void,
): TemplateResult {
  return html`<select aria-label=${label} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
    ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
  </select>`;
}

function errorReason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function hasTextSelection(host: LogViewer): boolean {
  const root = host.shadowRoot as (ShadowRoot & { getSelection?: () => Selection | null }) | null;
  const sel = root?.getSelection?.() ?? window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().length > 0;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'log-viewer-select': CustomEvent<LineSelection | undefined>;
    'log-viewer-copy': CustomEvent<LogViewerCopyDetail>;
    'log-viewer-download': CustomEvent<LogViewerDownloadDetail>;
  }
}
