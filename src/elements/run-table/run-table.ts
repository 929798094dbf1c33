import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import { initialState } from '@lit/task';
import { isLiveState, type RunRef, type RunSource } from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { ClockController } from '../../internal/clock-controller.js';
import { gridTableStyles } from '../../internal/grid-table.js';
import { createElementOf } from '../../internal/define-element.js';
import { LiveController } from '../../internal/live-controller.js';
import { RunListController } from '../../internal/run-list-controller.js';
import { SourceTask } from '../../internal/source-task.js';
import { stateBadgeStyles } from '../../internal/state-badge.js';
import { ToolbarOverflowController, toolbarOverflowStyles } from '../../internal/toolbar-overflow.js';
import { renderEmpty, renderError, renderLoading } from '../../internal/states.js';
import { lazyElement, lazyImport } from '../../internal/lazy-import.js';
import type { Lang } from '../../internal/i18n.js';
import type { Update, UpdatedTable } from './listing-updates.js';
import { styleProps } from '../../internal/style-props.js';
import { VirtualListController } from '../../internal/virtual-list-controller.js';
import type { RunCompare } from '../run-compare/run-compare.js';
import { gridColumns, gridMinWidth, renderHeader, renderRunRow } from './run-grid.js';
import { loadColumnPicker, renderTableToolbar } from './table-toolbar.js';
import {
  matchesFilters,
  matchesSearch,
  parseSearch,
  sortRows,
  toRow,
  type ColumnId,
  type RunRow,
  type TableItem,
} from './run-rows.js';
import { msg } from './run-table.messages.js';
import { styles } from './run-table.styles.js';
import { defaultState, normalizeState, type TableState } from './table-state.js';

/** The comparison of ticked runs (<run-compare>: its charts, uPlot) loads the first time runs are compared. */
export const compareCode = lazyElement(
  () => import('../run-compare/run-compare.js').then((m) => m.RunCompare),
  () => import('../run-compare/define.js'),
);

/** Later pages, re-listings, listing changes and live run events load with the first of them. */
export const updatesCode = lazyImport(() => import('./listing-updates.js'));

/** Grouping by project or group (headers between the runs) loads the first time a table is grouped. */
export const groupsCode = lazyImport(() => import('./run-groups.js'));

/** The state in the URL hash (`url-state`, table-hash.ts) loads with the first table that keeps it there. */
export const hashCode = lazyImport(() => import('./table-hash.js'));

/**
 * What shows in place of a view whose code loads on first use (the comparison, grouped rows, rows in
 * the URL's state) while it loads, or when it could not be loaded (`failed`: why), with a retry.
 */
export function codeLoading(lang: Lang, failed: unknown, retry: () => void): TemplateResult {
  return failed === undefined ? renderLoading(lang) : renderError(lang, failed, retry);
}

export interface RunTableOpenDetail {
  runId: string;
  run: RunRef;
}

export interface RunTableChangeDetail {
  state: TableState;
}

const ROW_HEIGHT = 44;

/** The lines drawn for one state of the table, and what the header asks of them. */
interface View {
  key: unknown[];
  items: TableItem[];
  shown: number;
  runIds: ReadonlySet<string>;
  /** Added columns holding numbers (right-aligned headers), found once per view. */
  numeric: Map<ColumnId, boolean>;
}
/** Most live runs watched at once (over one shared connection). */
const MAX_WATCHED = 200;
/** Runs in the first page asked of a paging source (`queryRuns`): a screen and plenty to scroll. */
const FIRST_PAGE = 200;

/**
 * Every run of a source in one table: search (words, `/regex/`, `-exclude`) over names, ids, tags,
 * config and summary values; filters by state, project and tag; sort by any column; group by
 * project or group; config and summary values as columns. Only the rows on screen are drawn, so
 * tens of thousands of runs stay smooth. Running runs update live and their runtime ticks. Tick
 * runs (Space) and compare them: their metrics in shared charts, differing config, summaries.
 *
 * @summary A table of runs to search, sort, filter, group and compare.
 *
 * @fires run-table-open - The user opened a run (Enter, or its name); `detail: { runId, run }`. Cancelable: `preventDefault()` stays on the table.
 * @fires run-table-change - Search, filters, sort, columns, ticks or view changed; `detail: { state }`.
 *
 * @csspart toolbar - Search, filters, grouping, columns and compare buttons.
 * @csspart more - The "More" button that holds filters, grouping and columns on a narrow table.
 * @csspart column-picker - The list of config and summary keys to add as columns.
 * @csspart search - The run search field and the column picker’s search field.
 * @csspart table - The grid of runs.
 * @csspart row - Each run's row.
 * @csspart group - Each group's header row.
 * @csspart state-badge - Each run's state.
 * @csspart compare - The comparison of the ticked runs.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-run-table-height - Height of the scrolling rows (default 70vh).
 */
export class RunTable extends RunpageElement {
  static override styles = [RunpageElement.styles, toolbarOverflowStyles, stateBadgeStyles, gridTableStyles, styles];

  static override properties = {
    urlState: { type: Boolean, attribute: 'url-state' },
    runHref: { attribute: 'run-href' },
    refreshInterval: { type: Number, attribute: 'refresh-interval' },
    tableState: { attribute: false },
    rows: { state: true },
    pickerOpen: { state: true },
    pickerQuery: { state: true },
    collapsed: { state: true },
    activeId: { state: true },
    announcement: { state: true },
    searchingAll: { state: true },
    updatesFailed: { state: true },
  };

  /** Keeps search, filters, sort, columns, ticked runs and the comparison in the page's URL hash, so a view can be shared. */
  urlState = false;

  /** Link of a run's name, with `{id}` for the run id (URL-encoded): `runs/{id}`. No link when empty. */
  runHref = '';

  /**
   * Seconds between re-listing the runs to find new ones (0: never), for a source that cannot tell
   * listing changes (`watchRuns`); with one, runs appear, change and go as they do.
   */
  refreshInterval = 30;

  /** Search, filters, sort, added columns, grouping, ticked runs, view and compared metrics. */
  tableState: TableState = defaultState();

  declare private rows?: RunRow[];
  private pickerOpen = false;
  private pickerQuery = '';
  private collapsed: ReadonlySet<string> = new Set();
  declare private activeId?: string;
  /** What the last listing changes were, said politely to screen readers. */
  private announcement = '';
  /** Set while a search asks the source for the runs that are not loaded yet. */
  private searchingAll = false;

  private view?: View;
  private choices?: { rows: RunRow[]; projects: string[]; tags: string[] };
  private compareEl?: RunCompare;
  private refreshTimer?: ReturnType<typeof setInterval>;
  /** The source `rows` came from. */
  private rowsSource?: RunSource;
  /** Set while later pages of a paging source are still loading (a refresh waits for them). */
  private paging?: Promise<void>;
  /** Listing changes and live events not applied yet: their rows or their code (`updatesCode`) are on their way. */
  private readonly pendingUpdates: Update[] = [];
  /** The code of the updates could not be loaded (the next update, or Retry, tries again). */
  private updatesFailed = false;

  /** Filters, grouping and the column picker go into "More" below this toolbar width. */
  private readonly toolbarOverflow = new ToolbarOverflowController(this, 720);

  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    initialHeight: 560,
    headerRows: 1,
    onActiveChange: (i) => {
      const item = this.view?.items[i];
      this.activeId = item ? (item.kind === 'run' ? item.row.ref.id : `group:${item.key}`) : undefined;
    },
  });

  private readonly clock = new ClockController(this, () => !!this.rows?.some((r) => r.ref.state === 'running'));

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource] as const,
    task: async ([source], { signal }) => {
      if (!source) return initialState as never;
      // another source's runs are not shown while this one's load
      if (this.rowsSource !== source) {
        this.rows = undefined;
        this.pendingUpdates.length = 0;
      }
      if (typeof source.queryRuns !== 'function') {
        const refs = await requireMethod(source, 'listRuns')({ signal });
        // a late answer of a source no longer shown is dropped
        if (source !== this.dataSource) return initialState as never;
        this.rows = refs.map(toRow);
        this.rowsSource = source;
        this.applyUpdates();
        return refs.length;
      }
      // A paging source: the first screen from the first page, the other pages in the background.
      const first = await source.queryRuns({ limit: FIRST_PAGE }, { signal });
      if (source !== this.dataSource) return initialState as never;
      this.rows = first.runs.map(toRow);
      this.rowsSource = source;
      this.applyUpdates();
      if (first.next) {
        this.paging = this.loadPages(source, first.next, signal);
        void this.withUpdates((code) => code.completeSearch(this.paged));
      }
      return first.total;
    },
  });

  /**
   * Runs `use` with the code of every later update: at once when it is in, else once it loads (on
   * first use). A failed load is said, with Retry.
   */
  private async withUpdates(use: (code: typeof import('./listing-updates.js')) => unknown): Promise<void> {
    const code = updatesCode.now ?? (await updatesCode.load());
    this.updatesFailed = !code;
    if (code) await use(code);
  }

  /** Loads the later pages of `source`; then every run is here, and the table's own search is complete. */
  private async loadPages(source: RunSource, cursor: string, signal: AbortSignal): Promise<void> {
    await this.withUpdates((code) => code.loadPages(this.paged, source, cursor, signal));
    if (this.rowsSource === source) {
      this.paging = undefined;
      this.paged.searchAbort?.abort();
      this.searchingAll = false;
    }
  }

  /** The table as its later pages, searches, re-listings and updates (listing-updates.ts) see it. */
  private readonly paged: UpdatedTable = {
    source: () => this.dataSource,
    rowsOf: (source) => (source === this.dataSource && this.rowsSource === source ? this.rows : undefined),
    setRows: (rows) => (this.rows = rows),
    query: () => this.tableState.query.trim(),
    paging: () => !!this.paging,
    searching: (on) => (this.searchingAll = on),
    pending: this.pendingUpdates,
    lang: () => this.locale,
    scroller: () => this.list.element,
    items: () => this.view?.items,
    rowHeight: ROW_HEIGHT,
    announce: (text) => (this.announcement = text),
    rendered: () => this.updateComplete,
  };

  constructor() {
    super();
    new LiveController(
      this,
      () => ({
        source: this.dataSource,
        // A source that tells listing changes tells ends and summaries too: no stream per live run,
        // and the page's one connection is never reopened for a new set of runs.
        enabled: !RunListController.supports(this.dataSource),
        runIds: (this.rows ?? [])
          .filter((r) => isLiveState(r.ref.state))
          .slice(0, MAX_WATCHED)
          .map((r) => r.ref.id),
      }),
      (events) => this.queueUpdate({ live: events }),
    );
    new RunListController(
      this,
      () => ({ source: this.dataSource, enabled: this.isConnected }),
      (events) => this.queueUpdate({ listing: events }),
    );
  }

  protected override get needsRun(): boolean {
    return false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    document.addEventListener('pointerdown', this.onPointerDown);
    if (this.urlState) this.readUrlState();
    this.startRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    document.removeEventListener('pointerdown', this.onPointerDown);
    clearInterval(this.refreshTimer);
    this.paged.searchAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('refreshInterval') && this.isConnected) this.startRefresh();
    if (changed.has('urlState') && this.urlState && changed.get('urlState') !== undefined) this.readUrlState();
    if (changed.has('tableState')) {
      const clean = normalizeState(this.tableState);
      if (JSON.stringify(clean) !== JSON.stringify(this.tableState)) this.tableState = clean;
    }
  }

  private startRefresh(): void {
    clearInterval(this.refreshTimer);
    const seconds = Number(this.refreshInterval);
    if (!(seconds > 0)) return;
    this.refreshTimer = setInterval(() => void this.refresh(), Math.max(1, seconds) * 1000);
  }

  /** Lists the runs again without a loading state: new runs appear, gone runs go. */
  private async refresh(): Promise<void> {
    const source = this.dataSource;
    if (!source || !(source.listRuns || source.queryRuns) || !this.rows || this.paging) return;
    // a source that tells listing changes keeps the rows current without re-listing
    if (RunListController.supports(source)) return;
    await this.withUpdates((code) => code.relist(this.paged, source));
  }

  /** Listing changes that come before the rows are applied to them unannounced; live events then are dropped. */
  private queueUpdate(update: Update): void {
    const before = !this.rows || this.rowsSource !== this.dataSource;
    if (before && 'live' in update) return;
    this.pendingUpdates.push({ ...update, quiet: before });
    this.applyUpdates();
  }

  /** Applies the waiting updates once the rows they apply to are in (their code loads with the first). */
  private applyUpdates(): void {
    if (this.pendingUpdates.length && this.rows && this.rowsSource === this.dataSource)
      void this.withUpdates((code) => code.applyPending(this.paged));
  }

  /** A press anywhere outside the column picker closes it. */
  private onPointerDown = (e: PointerEvent): void => {
    if (!this.pickerOpen) return;
    const anchor = this.renderRoot.querySelector('.picker-anchor');
    if (anchor && !e.composedPath().includes(anchor)) this.pickerOpen = false;
  };

  private onHashChange = (): void => {
    // replaceState (writeUrl) fires no hashchange: this is the page's or the user's own change
    if (this.urlState) this.readUrlState();
  };

  /** Takes the state from the URL hash; the rows wait for the hash's code the first time (see `renderLoaded`). */
  private readUrlState(): void {
    const code = hashCode.now;
    if (code) this.tableState = code.readHash(location.hash);
    else
      void hashCode.load(this).then((loaded) => {
        if (loaded && this.urlState && this.isConnected) this.tableState = loaded.readHash(location.hash);
      });
  }

  private setTableState(patch: Partial<TableState>): void {
    this.tableState = { ...this.tableState, ...patch };
    if (this.urlState) hashCode.now?.writeUrl(this.tableState);
    this.emit<RunTableChangeDetail>('run-table-change', { state: this.tableState });
  }

  /** The table lines for the current rows and state, recomputed only when one of them changed. */
  private items(rows: RunRow[]): View {
    const s = this.tableState;
    const byRuntime = s.sort.column === 'runtime';
    const groups = groupsCode.now;
    const key = [rows, s.query, s.filters, s.sort, s.groupBy, this.collapsed, byRuntime ? this.clock.now : 0, groups];
    if (this.view && this.view.key.every((k, i) => k === key[i])) return this.view;
    const search = parseSearch(s.query);
    const matching = rows.filter((r) => matchesFilters(r.ref, s.filters) && matchesSearch(r, search));
    const sorted = sortRows(matching, s.sort, this.clock.now);
    const items: TableItem[] =
      s.groupBy === 'none' || !groups
        ? sorted.map((row) => ({ kind: 'run', row }))
        : groups.groupRows(sorted, s.groupBy, this.collapsed, msg(this.locale, 'noGroup'));
    const runIds = items.flatMap((i) => (i.kind === 'run' ? [i.row.ref.id] : []));
    this.view = { key, items, shown: matching.length, runIds: new Set(runIds), numeric: new Map() };
    return this.view;
  }

  /** The projects and tags of the filter menus, once per listing. */
  private filterChoices(rows: RunRow[]): { projects: string[]; tags: string[] } {
    if (this.choices?.rows === rows) return this.choices;
    const projects = [...new Set(rows.map((r) => r.ref.project).filter((p): p is string => !!p))].sort();
    const tags = [...new Set(rows.flatMap((r) => (Array.isArray(r.ref.tags) ? r.ref.tags : [])))].sort();
    this.choices = { rows, projects, tags };
    return this.choices;
  }

  protected override render(): TemplateResult {
    const lang = this.locale;
    const none = () => renderEmpty(msg(lang, 'none'), msg(lang, 'noneDetail'));
    const before = this.renderSourceState();
    if (before) return before;
    if (this.rows && this.task.value !== undefined)
      return this.rows.length === 0 ? none() : this.renderLoaded(this.rows);
    return this.renderTask(this.task, { what: msg(lang, 'what'), empty: none, complete: () => none() });
  }

  private renderLoaded(rows: RunRow[]): TemplateResult {
    // the rows in the state the URL names, never a flash of them in another
    if (this.urlState && !hashCode.now) return codeLoading(this.locale, hashCode.failed, () => this.readUrlState());
    if (this.tableState.view === 'compare' && this.tableState.ticked.length) return this.renderCompare(rows);
    const view = this.items(rows);
    // a grouped table waits for the grouping's code rather than flash its runs ungrouped
    const grouping = this.tableState.groupBy !== 'none' && !groupsCode.now;
    if (grouping && groupsCode.failed === undefined) void groupsCode.load(this);
    return html`${this.renderToolbar(rows, view.shown)}
    ${
      grouping
        ? codeLoading(this.locale, groupsCode.failed, () => {
            void groupsCode.load(this);
            this.requestUpdate();
          })
        : this.renderGrid(view)
    }`;
  }

  private renderToolbar(rows: RunRow[], shown: number): TemplateResult {
    return renderTableToolbar({
      lang: this.locale,
      overflow: this.toolbarOverflow,
      state: this.tableState,
      rows,
      shown,
      choices: this.filterChoices(rows),
      pickerOpen: this.pickerOpen,
      pickerQuery: this.pickerQuery,
      searchingAll: this.searchingAll,
      announcement: this.announcement,
      updatesFailed: this.updatesFailed,
      onRetryUpdates: () => void this.withUpdates((code) => code.retry(this.paged)),
      setState: (patch) => this.setTableState(patch),
      onSearch: (query) => {
        this.setTableState({ query });
        this.list.scrollToTop();
        if (this.paging) void this.withUpdates((code) => code.completeSearch(this.paged));
      },
      onPickerOpen: (open) => {
        this.pickerOpen = open;
        if (open) void loadColumnPicker(this);
      },
      onPickerQuery: (q) => (this.pickerQuery = q),
      onToggleColumn: (k) => this.toggleColumn(k),
      onCompare: this.openCompare,
    });
  }

  private renderGrid(view: View): TemplateResult {
    const { items, runIds } = view;
    const lang = this.locale;
    const s = this.tableState;
    const ticked = new Set(s.ticked);
    const active = this.activeIndex(items);
    this.list.rowCount = items.length;
    this.list.active = active;
    const win = this.list.window();
    const activeDrawn = active >= win.first && active < win.last;
    const tickedShown = s.ticked.filter((id) => runIds.has(id)).length;
    const columns = { '--_columns': gridColumns(s.columns), '--_min-width': gridMinWidth(s.columns) };
    const numeric = (col: ColumnId): boolean => {
      let known = view.numeric.get(col);
      if (known === undefined) {
        known = items.some((i) => i.kind === 'run' && typeof i.row.values.get(col) === 'number');
        view.numeric.set(col, known);
      }
      return known;
    };
    return html`<div
      class="grid"
      part="table"
      role="grid"
      aria-label=${msg(lang, 'label')}
      aria-multiselectable="true"
      aria-rowcount=${items.length + 1}
      style=${styleProps(columns)}
      @keydown=${(e: KeyboardEvent) => this.onKeydown(e, items)}
    >
      <div role="rowgroup">
        ${renderHeader({
          lang,
          added: s.columns,
          sort: s.sort,
          numeric,
          allTicked: tickedShown === 0 ? false : tickedShown === runIds.size ? true : 'mixed',
          onSort: (c) => this.toggleSort(c),
          onRemove: (c) => this.toggleColumn(c),
          onTickAll: () => this.tickAll([...runIds], tickedShown < runIds.size),
        })}
      </div>
      ${
        items.length === 0
          ? html`<div class="no-matches" role="status">${msg(lang, 'noMatches')}</div>`
          : html`<div
              class="scroller"
              role="rowgroup"
              tabindex=${activeDrawn ? -1 : 0}
              ${ref(this.list.attach)}
              @focus=${this.onScrollerFocus}
            >
              <div class="spacer" style=${styleProps({ height: `${win.scrollHeight}px` })}>
                ${repeat(
                  items.slice(win.first, win.last),
                  (item) => (item.kind === 'run' ? item.row.ref.id : `group:${item.key}`),
                  (item, k) => this.renderItem(item, win.first + k, active, ticked),
                )}
              </div>
            </div>`
      }
    </div>`;
  }

  private renderItem(item: TableItem, index: number, active: number, ticked: ReadonlySet<string>): TemplateResult {
    const common = {
      lang: this.locale,
      index,
      top: this.list.rowTop(index),
      active: index === active,
      ariaRowIndex: this.list.ariaRowIndex(index),
    };
    // group lines are only made once the grouping's code is in
    if (item.kind === 'group')
      return groupsCode.now!.renderGroupRow(item.label, item.count, this.collapsed.has(item.key), {
        ...common,
        onToggle: () => this.toggleGroup(item.key, index),
      });
    return renderRunRow(item.row, {
      ...common,
      added: this.tableState.columns,
      now: this.clock.now,
      href: (r) => this.hrefOf(r),
      ticked,
      onTick: (id) => this.toggleTick(id),
      onOpen: (r, e) => {
        if (!this.announceOpen(r)) e.preventDefault();
      },
      onActivate: (i) => this.list.setActive(i, { focus: true }),
    });
  }

  private renderCompare(rows: RunRow[]): TemplateResult {
    const lang = this.locale;
    const byId = new Map(rows.map((r) => [r.ref.id, r.ref]));
    const ids = this.tableState.ticked;
    const code = compareCode.now;
    if (!code && !compareCode.failed) void compareCode.load(this);
    if (code) this.compareEl ??= createElementOf(code);
    const el = this.compareEl;
    if (el) {
      el.source = this.dataSource;
      el.runs = ids;
      el.refs = ids.map((id) => byId.get(id) ?? { id });
      el.metrics = this.tableState.metrics;
      if (this.theme) el.theme = this.theme;
    }
    return html`<div class="compare-view" part="compare">
      <div class="toolbar">
        <button class="rp-button back" type="button" @click=${() => this.setTableState({ view: 'table' })}>
          ← ${msg(lang, 'backToTable')}
        </button>
      </div>
      <div
        @run-compare-metrics-change=${(e: CustomEvent<{ metrics: string[] }>) =>
          this.setTableState({ metrics: e.detail.metrics })}
      >
        ${el ?? (code ? nothing : codeLoading(lang, compareCode.failed, () => void compareCode.load(this)))}
      </div>
    </div>`;
  }

  private hrefOf(r: RunRef): string | undefined {
    return this.runHref ? this.runHref.replaceAll('{id}', encodeURIComponent(r.id)) : undefined;
  }

  /** Tells the page; false when it said to stay. */
  private announceOpen(r: RunRef): boolean {
    return this.emit<RunTableOpenDetail>('run-table-open', { runId: r.id, run: r }, { cancelable: true });
  }

  private open(r: RunRef): void {
    if (!this.announceOpen(r)) return;
    const href = this.hrefOf(r);
    if (href) location.assign(new URL(href, document.baseURI).href);
  }

  private openCompare = (): void => {
    this.setTableState({ view: 'compare' });
  };

  private activeIndex(items: TableItem[]): number {
    if (!items.length) return -1;
    const id = this.activeId;
    if (id !== undefined) {
      const i = items.findIndex((it) => (it.kind === 'run' ? it.row.ref.id : `group:${it.key}`) === id);
      if (i >= 0) return i;
    }
    return Math.min(this.list.active, items.length - 1);
  }

  private onScrollerFocus = (e: FocusEvent): void => {
    if (e.target !== this.list.element || !this.view) return;
    this.list.setActive(this.activeIndex(this.view.items), { focus: true });
  };

  private onKeydown(e: KeyboardEvent, items: TableItem[]): void {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('row') && target !== this.list.element) return;
    if (!items.length || this.list.handleKey(e, { focus: true })) return;
    const item = items[this.activeIndex(items)];
    if (!item || (e.key !== ' ' && e.key !== 'Enter')) return;
    e.preventDefault();
    if (item.kind === 'group') this.toggleGroup(item.key, this.activeIndex(items));
    else if (e.key === ' ') this.toggleTick(item.row.ref.id);
    else this.open(item.row.ref);
  }

  private toggleSort(column: ColumnId): void {
    const cur = this.tableState.sort;
    const textual = column === 'name' || column === 'project' || column === 'group' || column === 'tags';
    const dir = cur.column === column ? (cur.dir === 'asc' ? 'desc' : 'asc') : textual ? 'asc' : 'desc';
    this.setTableState({ sort: { column, dir } });
  }

  private toggleColumn(key: ColumnId): void {
    const cols = this.tableState.columns;
    this.setTableState({ columns: cols.includes(key) ? cols.filter((c) => c !== key) : [...cols, key] });
  }

  private toggleTick(id: string): void {
    const t = this.tableState.ticked;
    this.setTableState({ ticked: t.includes(id) ? t.filter((x) => x !== id) : [...t, id] });
  }

  private tickAll(ids: string[], tick: boolean): void {
    const set = new Set(this.tableState.ticked);
    for (const id of ids)
      if (tick) set.add(id);
      else set.delete(id);
    this.setTableState({ ticked: [...set] });
  }

  private toggleGroup(key: string, index: number): void {
    const next = new Set(this.collapsed);
    if (!next.delete(key)) next.add(key);
    this.collapsed = next;
    this.list.setActive(index, { focus: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-table-open': CustomEvent<RunTableOpenDetail>;
    'run-table-change': CustomEvent<RunTableChangeDetail>;
  }
}
