import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { LogMatches, RunEvent } from '../../data/source.js';
import { RunpageElement } from '../../internal/base-element.js';
import { formatNumber } from '../../internal/format.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { common } from '../../internal/messages.js';
import { renderEmpty, renderError, renderLoading } from '../../internal/states.js';
import { styleProps } from '../../internal/style-props.js';
import { ToolbarOverflowController, toolbarOverflowStyles } from '../../internal/toolbar-overflow.js';
import { VirtualListController, type RowAlign } from '../../internal/virtual-list-controller.js';
import { hasTextSelection, LineSelectionController } from './line-selection.js';
import { isFiltered, LogData, type LoadedLog } from './log-data.js';
import { LogDownloadController, type LogViewerDownloadDetail } from './log-download.js';
import type { LogFilter } from './log-export.js';
import { logActionsCode } from './log-download.js';
import { LogRows } from './log-rows.js';
import { LogSearchController, type SearchScope } from './log-search-controller.js';
import { renderLogToolbar, type LogStreamFilter, type LogToolbarActions } from './log-toolbar.js';
import type { LogWindows } from './log-windows.js';
import { msg } from './log-viewer.messages.js';
import { ROW_HEIGHT, styles } from './log-viewer.styles.js';
import type { LineSelection } from './permalink.js';
import { oneOf, warnDeprecated } from '../../internal/attribute-check.js';

const SEARCH_DEBOUNCE_MS = 180;
const LIVE_SEARCH_DEBOUNCE_MS = 600;
const COPY_LIMIT = 100_000;

export type { LogStreamFilter } from './log-toolbar.js';
export type { LogViewerDownloadDetail } from './log-download.js';
const STREAM_FILTERS: readonly LogStreamFilter[] = ['all', 'stdout', 'stderr'];

/** `detail` of `log-viewer-select`: the selected lines `from`–`to`, or undefined when the selection is cleared. */
export type LogViewerSelectDetail = LineSelection | undefined;

export interface LogViewerCopyDetail {
  text: string;
  lines: number;
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
 * @csspart base - The wrapper of everything below, the states included.
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
  /** `focus()` moves to the search box. */
  protected override focusSelector = 'input[type="search"]';

  static override styles = [RunpageElement.styles, toolbarOverflowStyles, styles];

  static override properties = {
    stream: { reflect: true },
    labelFilter: { attribute: 'label-filter' },
    timestamps: { type: Boolean, reflect: true },
    wrap: { type: Boolean, reflect: true },
    noHash: { type: Boolean, attribute: 'no-hash' },
    noPermalink: { type: Boolean, attribute: 'no-permalink' },
    logFile: { attribute: 'log-file' },
    noLive: { type: Boolean, attribute: 'no-live' },
    onlyMatching: { state: true },
    following: { state: true },
    live: { state: true },
    newLines: { state: true },
    expanded: { state: true },
    message: { state: true },
  };

  /** Which stream to show: `all` (default), `stdout` or `stderr`. */
  stream: LogStreamFilter = 'all';

  /** Show only lines with this label (rank, writer), when the source has labels. Empty: all labels. */
  labelFilter = '';

  /** Show each line's timestamp, when the source has one. */
  timestamps = false;

  /** Wrap long lines instead of scrolling sideways. */
  wrap = false;

  /** Do not read or write the selected lines in the page URL hash (`#L=120-140`). */
  noHash = false;

  /** @deprecated Use `no-hash`; this old name still works and warns once. */
  noPermalink = false;

  /** The element leaves the URL hash alone (`no-hash`, or the old `no-permalink`). */
  get hashOff(): boolean {
    return this.noHash || this.noPermalink;
  }

  /** Path of the log among the run's files; downloads use `source.fileUrl(run, logFile)` when the source has it. */
  logFile = 'output.log';

  /** Do not follow a live run's new lines (`logs-appended` from `source.watch`). */
  noLive = false;

  private onlyMatching = false;
  private following = false;
  private live = false;
  private newLines = 0;
  private expanded: ReadonlySet<number> = new Set();
  private message = '';

  private readonly data = new LogData(this, {
    filter: () => this.filter(),
    onWindows: (loaded, newRun) => this.onWindows(loaded, newRun),
    onGrowth: (before, total) => this.onGrowth(before, total),
  });
  private readonly rows = new LogRows();
  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    initialHeight: ROW_HEIGHT * 20,
    overscan: 6,
    onScroll: (viewport) => this.updateFollowing(viewport),
  });
  private readonly selection = new LineSelectionController(this, {
    onChange: (range) => this.emit('log-viewer-select', range),
    onHashSelect: (range) => {
      if (!this.filtered && !this.onlyMatching) this.scrollToRow(range.from, 'center');
    },
  });
  private readonly downloads = new LogDownloadController(
    this,
    (reason) => (this.message = msg(this.locale, 'downloadFailed', reason)),
  );
  private readonly search = new LogSearchController(this, () => this.searchScope(), {
    onlyMatching: () => this.onlyMatching,
    topRow: () => this.list.topRow(this.windows?.total ?? 0),
    isRowVisible: (row) => this.isRowVisible(row),
    scrollToRow: (row) => this.scrollToRow(row, 'center'),
  });

  constructor() {
    super();
    followLiveRun(this, (events) => this.onLiveEvents(events));
  }

  // ---------------------------------------------------------------- data

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('noPermalink') && this.noPermalink) warnDeprecated(this, 'no-permalink', 'no-hash');
    if (changed.has('stream'))
      this.stream = oneOf(this, 'stream', this.stream, STREAM_FILTERS, 'all', 'showing all streams');
    this.data.sync();
  }

  private get windows(): LogWindows | undefined {
    return this.data.windows;
  }

  private filter(): LogFilter {
    const f: LogFilter = {};
    if (this.stream === 'stdout' || this.stream === 'stderr') f.streams = [this.stream];
    if (this.labelFilter) f.labels = [this.labelFilter];
    return f;
  }

  private get filtered(): boolean {
    return isFiltered(this.filter());
  }

  /** New windows (another run, or another filter): where the view starts, and the search again. */
  private onWindows(loaded: LoadedLog, newRun: boolean): void {
    if (newRun) {
      this.rows.clear();
      this.live = loaded.live;
      this.following = loaded.live;
      this.newLines = 0;
      this.expanded = new Set();
      const fromUrl = this.selection.fromUrl && this.selection.range;
      if (fromUrl && !this.filtered) this.list.scrollToRow(fromUrl.from, 'center');
      else if (loaded.live) this.list.scrollToEnd();
      this.selection.fromUrl = false;
    } else if (this.following) {
      this.list.scrollToEnd();
    } else {
      this.list.scrollToRow(0);
    }
    this.search.forget();
    if (this.search.query) this.search.schedule(0);
  }

  /** New lines in a live log: follow them, or count them for the pill. */
  private onGrowth(before: number, total: number): void {
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
    const grew = this.data.takeLive(events);
    let state: string | undefined;
    for (const e of events) if (e.type === 'run' && e.run.state !== undefined) state = e.run.state;
    // Lines arriving mean the run is live, unless the same batch says it ended.
    if (state !== undefined) this.live = state === 'running';
    else if (grew) this.live = true;
    if (grew) this.requestUpdate();
  }

  private get rowCount(): number | undefined {
    if (this.onlyMatching && this.found) return this.found.lines.length;
    return this.windows?.total;
  }

  /** The position in the (filtered) log shown by a row. */
  private positionOfRow(row: number): number {
    return this.onlyMatching && this.found ? this.found.positions[row] : row;
  }

  // ---------------------------------------------------------------- search

  private get found(): LogMatches | undefined {
    return this.search.result;
  }

  private searchScope(): SearchScope | undefined {
    const loaded = this.data.loaded;
    const search = loaded?.source.searchLogs;
    if (!loaded || typeof search !== 'function') return undefined;
    return { search: search.bind(loaded.source), runId: loaded.runId, filter: this.filter() };
  }

  /** Typed text, or '' when Escape cleared the box: clearing needs no debounce. */
  private onSearchInput(query: string): void {
    this.search.query = query;
    this.search.schedule(query ? SEARCH_DEBOUNCE_MS : 0);
  }

  private onSearchKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter before the debounce ran: search now instead of waiting.
      if (this.search.flush() || !this.found) return;
      this.search.goTo(this.search.current + (e.shiftKey ? -1 : 1));
    }
  }

  private toggleSearchOption(option: 'regex' | 'caseSensitive'): void {
    this.search[option] = !this.search[option];
    this.search.schedule(0);
  }

  private toggleOnlyMatching(): void {
    const m = this.found;
    const current = m && this.search.current >= 0 ? this.search.current : -1;
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
        if (this.selection.range) {
          e.preventDefault();
          this.selection.set(undefined);
        }
        return;
      case '/':
        e.preventDefault();
        this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
        return;
      case 'c':
        if ((e.ctrlKey || e.metaKey) && this.selection.range && !hasTextSelection(this)) {
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

  private extendSelectionByKey(delta: number): void {
    const row = Math.ceil(this.topRow());
    const position = this.positionOfRow(row);
    const line = this.windows?.line(position);
    const focus = this.selection.extend(delta, {
      linear: !this.filtered && !this.onlyMatching,
      top: line && { n: line.n, position },
      total: this.windows?.total ?? 0,
      view: this.data.view,
    });
    if (focus !== undefined && !this.isRowVisible(focus)) this.scrollToRow(focus, 'center');
  }

  // ---------------------------------------------------------------- copy & download

  private async copySelection(): Promise<void> {
    const loaded = this.data.loaded;
    const s = this.selection.range;
    if (!loaded || !s) {
      this.message = msg(this.locale, 'selectFirst');
      return;
    }
    const actions = logActionsCode.now ?? (await logActionsCode.load());
    const p = this.selection.positions;
    const options = {
      matches: this.onlyMatching ? this.found : undefined,
      filter: this.filter(),
      positions: this.filtered && p?.view === this.data.view ? p : undefined,
    };
    this.message = actions
      ? await actions.copyLines(this, this.locale, loaded, s, options, COPY_LIMIT)
      : msg(this.locale, 'copyFailed');
  }

  private download(): void {
    const loaded = this.data.loaded;
    if (loaded) void this.downloads.download(loaded.source, loaded.getLogs, loaded.runId, this.logFile);
  }

  private toggleExpanded(n: number): void {
    const next = new Set(this.expanded);
    if (next.has(n)) next.delete(n);
    else next.add(n);
    this.expanded = next;
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return html`<div class="root" part="base">
      ${this.renderTask(this.data.task, {
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
    return renderLogToolbar(
      {
        lang: this.locale,
        search: this.search,
        canSearch: typeof this.data.loaded?.source.searchLogs === 'function',
        found: this.found,
        currentMatch: this.search.current,
        onlyMatching: this.onlyMatching,
        stream: this.stream,
        labels: this.data.labels,
        labelFilter: this.labelFilter,
        timestamps: this.timestamps,
        wrap: this.wrap,
        live: this.live,
        following: this.following,
        hasSelection: this.selection.range !== undefined,
        downloadProgress: this.downloads.progress,
        overflow: this.toolbarOverflow,
      },
      this.toolbarActions,
    );
  }

  /** Below this width everything but the search folds into a "More" menu. */
  private readonly toolbarOverflow = new ToolbarOverflowController(this, 640);

  private readonly toolbarActions: LogToolbarActions = {
    onSearchInput: (query) => this.onSearchInput(query),
    onSearchKeydown: (e) => this.onSearchKeydown(e),
    toggleSearchOption: (option) => this.toggleSearchOption(option),
    toggleOnlyMatching: () => this.toggleOnlyMatching(),
    goToMatch: (index) => this.search.goTo(index),
    setStream: (stream) => (this.stream = stream),
    setLabelFilter: (label) => (this.labelFilter = label),
    toggleTimestamps: () => (this.timestamps = !this.timestamps),
    toggleWrap: () => (this.wrap = !this.wrap),
    toggleFollow: () => (this.following ? (this.following = false) : this.scrollToEnd()),
    toTop: () => this.scrollToRow(0, 'top'),
    toEnd: () => this.scrollToEnd(),
    copy: () => void this.copySelection(),
    download: () => this.download(),
  };

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
    const found = this.onlyMatching ? this.found : undefined;
    const current = this.search.current >= 0 && this.found ? this.search.current : -1;
    return this.rows.render({
      windows: this.windows,
      rowCount: this.rowCount,
      list: this.list,
      wrap: this.wrap,
      positionOfRow: (row) => this.positionOfRow(row),
      lineNumberOfRow: (row, position) => (found ? found.lines[row] : this.filtered ? undefined : position),
      currentRow: current < 0 ? -1 : found ? current : this.found!.positions[current],
      selection: this.selection.range,
      expanded: this.expanded,
      timestamps: this.timestamps,
      highlight: this.search.highlight,
      lang: this.locale,
      onLineClick: (e, n, position) => this.selection.click(e, n, position, this.data.view),
      onToggleExpanded: (n) => this.toggleExpanded(n),
    });
  }

  private renderStatus(): TemplateResult {
    const l = this.locale;
    const total = this.windows?.total;
    const s = this.selection.range;
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

  private retryWindows = (): void => this.data.retry();
}

declare global {
  interface GlobalEventHandlersEventMap {
    'log-viewer-select': CustomEvent<LogViewerSelectDetail>;
    'log-viewer-copy': CustomEvent<LogViewerCopyDetail>;
    'log-viewer-download': CustomEvent<LogViewerDownloadDetail>;
  }
}
