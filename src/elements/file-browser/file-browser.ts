import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { FileEntry, RunSource } from '../../data/source.js';
import { RunpageElement } from '../../internal/base-element.js';
import { controlStyles } from '../../internal/control-styles.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { common } from '../../internal/messages.js';
import { renderEmpty, renderLoading } from '../../internal/states.js';
import { VirtualListController } from '../../internal/virtual-list-controller.js';
import { EntrySelection, type FileBrowserSelectDetail } from './entry-selection.js';
import { DEFAULT_PREVIEW_LIMITS, type PreviewLimits } from './preview-limits.js';
import { styles } from './file-browser.styles.js';
import { msg } from './file-browser.messages.js';
import { renderFileToolbar, type FileToolbarActions } from './file-toolbar.js';
import { FolderListing, type Folder } from './folder-listing.js';
import { hashLocationValue, readHashLocation } from './hash-state.js';
import { UrlHashController } from '../../internal/url-hash.js';
import { renderListingGrid, ROW_HEIGHT, type ListingGridActions } from './listing-grid.js';
import { ListingRows } from './listing-rows.js';
import { cleanPath, parentOf, SORT_KEYS, type SortKey, type SortSpec } from './listing.js';
import { OpenFileController } from './open-file.js';
import type { PreviewPaneActions } from './preview-pane.js';
import type { TransferController } from './transfers.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { describeFailure } from '../../data/errors.js';
import { warnAttribute } from '../../internal/attribute-check.js';

export type { SortKey, SortSpec } from './listing.js';
export type { PreviewLimits } from './preview-limits.js';

/** Detail of `file-browser-open`. */
export interface FileBrowserOpenDetail {
  /** Path from the root, no leading slash ('' is the root folder). */
  path: string;
  kind: 'file' | 'dir';
  /** The listed entry, when the item was opened from the listing. */
  entry?: FileEntry;
}

export type { FileBrowserSelectDetail } from './entry-selection.js';

const DEFAULT_SORT: SortSpec = { key: 'name', direction: 'asc' };

/** Downloads (reading in ranges, zipping, progress) load with the first one. */
export const transfersCode = lazyImport(() => import('./transfers.js'));

/**
 * Browses, previews and downloads a run's files: folders with breadcrumbs, sorting and filtering,
 * a virtualised listing paged from the source as you scroll (100,000 entries stay smooth), and a
 * preview pane for text and code (highlighted), JSON, YAML, notebooks, Markdown, diffs, CSV/TSV,
 * images, audio, video and a hex view of anything else.
 *
 * Works with any source that has `listFiles` (plus `readFile` for previews and zips, `fileUrl` for
 * media and direct downloads): `<artifact-list>` hands it an adapter over an artifact's files.
 * `getRun` is never called.
 *
 * Keyboard: in the listing (`role="grid"`), ↑/↓/PageUp/PageDown/Home/End move, Enter opens,
 * Backspace goes up a folder, Space selects, Shift+↑/↓ (or Shift+click on a checkbox) selects a
 * range, Ctrl/⌘+A selects all, Escape clears the selection (or closes the preview when in it).
 *
 * @summary A run's files: browse, preview, download.
 *
 * @fires file-browser-open - A folder or a file is opened by the user. `detail: FileBrowserOpenDetail`. Cancelable: `preventDefault()` keeps the browser where it is.
 * @fires file-browser-select - The selection changed. `detail: FileBrowserSelectDetail`.
 *
 * @csspart base - The whole layout.
 * @csspart toolbar - Breadcrumbs, filter and actions.
 * @csspart breadcrumbs - The folder path.
 * @csspart filter - The name filter input (substrings, globs such as `*.py`, `/regex/`, `-exclusions`).
 * @csspart listing - The listing pane.
 * @csspart grid - The scrolling grid of entries.
 * @csspart row - One entry row.
 * @csspart icon - The icon of an entry.
 * @csspart preview - The preview pane.
 * @csspart preview-header - Name, size, type and actions of the open file.
 * @csspart transfer - The download / zip bar: label, progress and cancel.
 * @csspart progress - The download / zip progress bar.
 * @csspart code - Text and code previews.
 * @csspart json - The JSON tree.
 * @csspart diff - The diff view.
 * @csspart csv - The CSV/TSV table.
 * @csspart markdown - Rendered Markdown.
 * @csspart notebook - Notebook cells.
 * @csspart media - Image, audio and video.
 * @csspart hex - The hex dump.
 * @csspart load-more - The "load more" bar of a partly read file.
 * @csspart state - Loading, empty, error and unsupported states (with `loading`, `empty`, `error`, `unsupported`).
 *
 * @cssprop --runpage-file-browser-height - Height of the element (default 560px).
 * @cssprop --runpage-file-browser-preview-width - Width of the preview pane beside the listing (default 55%).
 * @cssprop --runpage-file-browser-added - Background of added diff lines.
 * @cssprop --runpage-file-browser-removed - Background of removed diff lines.
 */
export class FileBrowser extends RunpageElement {
  /** `focus()` moves to the name filter. */
  protected override focusSelector = 'input[type="search"]';

  static override styles = [RunpageElement.styles, controlStyles, styles];

  static override properties = {
    path: {},
    file: {},
    hashKey: { attribute: 'hash-key' },
    noHash: { type: Boolean, attribute: 'no-hash' },
    pageSize: { type: Number, attribute: 'page-size' },
    noLive: { type: Boolean, attribute: 'no-live' },
    previewLimits: { attribute: false },
    sort: { state: true },
    filter: { state: true },
    reloads: { state: true },
    notice: { state: true },
  };

  /**
   * The folder shown, from the root, `/`-separated ('' is the root). A location for this element
   * in the URL hash (see `hash-key`) wins over it when the element connects.
   */
  path = '';

  /** The file open in the preview pane, from the root; empty for none. */
  file = '';

  /** Key of this element's entry in the URL hash (`#files=/logs/output.log`); give each browser on a page its own. */
  hashKey = 'files';

  /** Do not read or write the URL hash. */
  noHash = false;

  /** Entries requested per `listFiles` page (the source's default when unset). */
  declare pageSize?: number;

  /** Do not follow live changes to the run's files (`files-changed` from `source.watch`). */
  noLive = false;

  /** Sizes the preview works within (text chunk per "load more", largest structured and media files). */
  previewLimits: PreviewLimits = DEFAULT_PREVIEW_LIMITS;

  private sort: SortSpec = DEFAULT_SORT;
  private filter = '';
  private reloads = 0;
  private notice = '';

  /** The listing grid: the header row is sticky inside it, so rows get its height less one row. */
  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    headerHeight: ROW_HEIGHT,
    headerRows: 1,
  });
  private readonly listing = new FolderListing(this, () => ({
    dir: this.path,
    pageSize: this.pageSize,
    reloads: this.reloads,
  }));
  private readonly selected = new EntrySelection(this, () => {
    const folder = this.listing.folder();
    return folder ? this.rows(folder) : [];
  });
  private readonly opened = new OpenFileController(this);
  /** Downloads and their progress, set up on the first download (their code loads then). */
  private transfers?: TransferController;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  private readonly listingRows = new ListingRows();
  private focusGridAfterNav = false;
  /** After going up, the folder we came from becomes the active row. */
  private revealPath?: string;

  protected readonly live = followLiveRun(this, (events) => {
    if (events.some((e) => e.type === 'files-changed')) void this.listing.refreshInPlace();
  });

  private readonly hash = new UrlHashController(this, {
    enabled: () => !this.noHash,
    onChange: (hash) => this.applyHash(hash),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.noticeTimer);
    if (this.idleHandle !== undefined) cancelIdleCallback(this.idleHandle);
    this.idleHandle = undefined;
  }

  /** Paths of the selected entries. */
  get selection(): string[] {
    return [...this.selected.paths];
  }

  /** Opens a folder (as if the user had). */
  openFolder(dir: string): void {
    this.navigate(dir, '');
  }

  /** Opens a file in the preview pane, showing its folder. */
  openFile(path: string): void {
    const clean = cleanPath(path);
    if (clean) this.navigate(parentOf(clean), clean);
  }

  /** Reads the listing again (showing the loading state). */
  refresh(): void {
    this.reloads++;
  }

  /** Downloads one file: through its URL when the source has one, otherwise read in ranges. */
  async downloadFile(path: string): Promise<void> {
    await this.transfer((t, source, runId) => t.downloadFile(source, runId, path));
  }

  /** Zips entries (folders walked whole) in the browser and downloads the zip. */
  async downloadZip(entries: FileEntry[], zipName: string, base = this.path): Promise<void> {
    await this.transfer((t, source, runId) => t.downloadZip(source, runId, entries, zipName, base));
  }

  /** Runs a download once the transfers' code is in, with the source and run it is for. */
  private async transfer(
    run: (t: TransferController, source: RunSource, runId: string) => Promise<void>,
  ): Promise<void> {
    const source = this.dataSource;
    const runId = this.runId;
    const transfers = await this.transferController();
    // the transfers' code could not load: said, and the next download loads it again
    if (!transfers) return this.say(msg(this.locale, 'downloadFailed', describeFailure(transfersCode.failed)));
    if (source && runId) await run(transfers, source, runId);
  }

  private async transferController(): Promise<TransferController | undefined> {
    const code = await transfersCode.load(this);
    if (code && !this.transfers)
      this.transfers = new code.TransferController(this, { lang: () => this.locale, say: (text) => this.say(text) });
    return this.transfers;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const reloaded = (changed as Map<string, unknown>).has('reloads');
    if (
      changed.has('pageSize') &&
      this.pageSize !== undefined &&
      !(Number.isInteger(this.pageSize) && this.pageSize > 0)
    ) {
      warnAttribute(this, 'page-size', this.pageSize, 'a positive whole number', "using the source's page size");
      this.pageSize = undefined;
    }
    if (changed.has('hashKey') && !this.hashKey) {
      warnAttribute(this, 'hash-key', this.hashKey, 'a key', 'using "files"');
      this.hashKey = 'files';
    }
    if (changed.has('path')) {
      const clean = cleanPath(this.path ?? '');
      if (clean === undefined) warnAttribute(this, 'path', this.path, 'inside the run', 'showing the root');
      if (clean !== this.path) this.path = clean ?? '';
    }
    if (changed.has('path') || reloaded) {
      this.listing.reset();
      this.list.active = 0;
      this.list.scrollToTop();
      if (changed.has('path')) {
        this.filter = '';
        this.selected.forget();
      }
    }
    this.opened.sync({
      file: this.file,
      limits: this.previewLimits,
      folder: this.listing.folder(),
      pages: this.listing.pages,
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('path') || changed.has('file')) this.writeHash();
    const folder = this.listing.folder();
    if (this.revealPath !== undefined && folder && this.listing.complete && folder.dir === this.path) {
      const rows = this.rows(folder);
      const at = rows.findIndex((r) => r.path === this.revealPath);
      this.revealPath = undefined;
      if (at >= 0) void Promise.resolve().then(() => this.list.setActive(at));
    }
    const grid = this.list.element;
    if (this.focusGridAfterNav && grid) {
      this.focusGridAfterNav = false;
      grid.focus({ preventScroll: true });
    }
    // After this update, not inside it: loading sets state.
    void Promise.resolve().then(() => this.maybeLoadMore());
  }

  // ---- URL hash ----

  private applyHash(hash: string): void {
    const loc = readHashLocation(hash, this.hashKey);
    if (!loc) return;
    if (loc.dir !== this.path) this.path = loc.dir;
    if ((loc.file ?? '') !== this.file) this.file = loc.file ?? '';
  }

  private writeHash(): void {
    if (!this.isConnected) return;
    const current = readHashLocation(this.hash.hash, this.hashKey);
    if (current && current.dir === this.path && (current.file ?? '') === this.file) return;
    if (!current && !this.path && !this.file) return;
    this.hash.write(this.hashKey, hashLocationValue({ dir: this.path, file: this.file || undefined }));
  }

  // ---- navigation ----

  private navigate(dir: string, file: string, entry?: FileEntry): void {
    const path = file || dir;
    const kind = file ? 'file' : 'dir';
    const detail: FileBrowserOpenDetail = { path, kind, entry };
    if (!this.emit('file-browser-open', detail, { cancelable: true })) return;
    this.path = dir;
    this.file = file;
  }

  private open(entry: FileEntry): void {
    if (entry.kind === 'dir') {
      this.focusGridAfterNav = true;
      this.navigate(entry.path, '', entry);
    } else this.navigate(parentOf(entry.path), entry.path, entry);
  }

  private goUp(): void {
    if (!this.path) return;
    this.focusGridAfterNav = true;
    this.revealPath = this.path;
    this.navigate(parentOf(this.path), '');
  }

  private closePreview = (): void => {
    this.file = '';
  };

  /** Escape in the preview closes it and puts focus back in the listing. */
  private onPreviewKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    this.focusGridAfterNav = true;
    this.closePreview();
  };

  // ---- listing, paging ----

  /** The rows shown: sorted, then filtered (see ListingRows for what is cached). */
  private rows(folder: Folder): FileEntry[] {
    // While every page is being read for a sort or filter, keep the last rows instead of re-sorting per page.
    const hold = !!folder.next && this.needsAllPages();
    const rows = this.listingRows.rows(folder, folder.entries, this.listing.pages, this.sort, this.filter, hold);
    this.prepareFilterWhenIdle();
    return rows;
  }

  private idleHandle?: number;

  /** Lower-cases the names for filtering while the page is idle, so the first keystroke is cheap too. */
  private prepareFilterWhenIdle(): void {
    if (this.idleHandle !== undefined || typeof requestIdleCallback !== 'function') return;
    this.idleHandle = requestIdleCallback(() => {
      this.idleHandle = undefined;
      this.listingRows.prepareFilter();
    });
  }

  /** Whether every page must be read now: a filter or a non-default order over a partial listing would mislead. */
  private needsAllPages(): boolean {
    return !!this.filter.trim() || this.sort.key !== 'name' || this.sort.direction !== 'asc';
  }

  private maybeLoadMore(): void {
    const folder = this.listing.folder();
    if (!folder?.next || this.listing.loading || this.listing.error || !this.isConnected) return;
    if (this.needsAllPages()) {
      void this.listing.loadNextPage(folder);
      return;
    }
    const rows = this.rows(folder);
    this.list.rowCount = rows.length;
    if (this.list.window().last >= rows.length - 20) void this.listing.loadNextPage(folder);
  }

  private toggleSort(key: SortKey): void {
    if (!SORT_KEYS.includes(key)) return;
    this.sort =
      this.sort.key === key
        ? { key, direction: this.sort.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' };
    this.list.active = 0;
  }

  // ---- keyboard ----

  private onGridKeydown(e: KeyboardEvent, rows: FileEntry[]): void {
    // Keys on the header's buttons and checkboxes are theirs.
    if (e.target !== e.currentTarget) return;
    const active = Math.min(this.list.active, rows.length - 1);
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && rows.length) {
      if (!this.selected.size) this.selected.anchor = active;
      this.list.handleKey(e);
      this.selected.selectRange(this.list.active);
      return;
    }
    if (this.list.handleKey(e)) return;
    let handled = true;
    switch (e.key) {
      case 'Enter':
        if (rows[active]) this.open(rows[active]);
        break;
      case 'Backspace':
        this.goUp();
        break;
      case ' ':
        if (rows[active]) this.selected.toggle(rows[active], active);
        break;
      case 'Escape':
        if (this.selected.size) this.selected.set(new Set());
        else handled = false;
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) this.selected.selectAll();
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  // ---- actions ----

  private say(text: string): void {
    this.notice = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = ''), 4000);
  }

  private async copyPath(path: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(path);
      this.say(msg(this.locale, 'copied'));
    } catch {
      this.say(msg(this.locale, 'copyFailed'));
    }
  }

  /**
   * Why the folder (or the selection) cannot be zipped, when it cannot: the source reads no file
   * contents, or every file shown is listed without contents and there is no folder to look into.
   */
  private zipBlocked(entries: readonly FileEntry[]): string | undefined {
    const source = this.dataSource;
    if (!source) return undefined;
    if (typeof source.readFile !== 'function') return msg(this.locale, 'noReader');
    // A render per scroll frame must not walk 100,000 entries: the answer only changes with the
    // listing (replaced, or grown by a page) or the selection (replaced, never changed in place).
    let memo = this.zipMemo;
    if (memo?.entries !== entries || memo.length !== entries.length || memo.selected !== this.selected.paths) {
      const shown = this.selected.size ? entries.filter((e) => this.selected.has(e.path)) : entries;
      const blocked = shown.length > 0 && shown.every((e) => e.kind === 'file' && e.contents === false);
      memo = this.zipMemo = { entries, length: entries.length, selected: this.selected.paths, blocked };
    }
    return memo.blocked ? msg(this.locale, 'noContents') : undefined;
  }

  private zipMemo?: {
    entries: readonly FileEntry[];
    length: number;
    selected: ReadonlySet<string>;
    blocked: boolean;
  };

  private fileUrlOf(path: string): string | undefined {
    const source = this.dataSource;
    return source && this.runId ? source.fileUrl?.(this.runId, path) : undefined;
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const before = this.renderSourceState();
    if (before) return before;
    const lang = this.locale;
    if (!this.runId) return renderEmpty(common(lang, 'noRun'));
    const folder = this.listing.folder();
    const preview = this.opened.renderPane(lang, this.previewActions, !!this.transfers?.current, (e) =>
      e.contents === false && !this.fileUrlOf(e.path) ? msg(lang, 'noFileContents') : undefined,
    );
    return html`<div class="layout" part="base">
      ${renderFileToolbar(
        {
          lang,
          path: this.path,
          filter: this.filter,
          selectedCount: this.selected.size,
          hasEntries: !!folder && folder.entries.length > 0,
          zipBlocked: this.zipBlocked(folder?.entries ?? []),
          transfer: this.transfers?.renderBar(),
        },
        this.toolbarActions,
      )}
      <div class=${classMap({ panes: true, 'with-preview': preview !== nothing })}>
        <div class="list-pane" part="listing">
          ${this.renderTask(this.listing.task, {
            what: msg(lang, 'what'),
            complete: (f) => this.renderGrid(f),
            empty: (error) => renderEmpty(common(lang, 'notFound'), error.message),
            loading: () => renderLoading(lang, 8),
          })}
        </div>
        ${preview}
      </div>
      <div class="rp-visually-hidden" role="status" aria-live="polite">${this.notice}</div>
    </div>`;
  }

  private renderGrid(folder: Folder): TemplateResult {
    const rows = this.rows(folder);
    return renderListingGrid(
      {
        lang: this.locale,
        folder,
        rows,
        list: this.list,
        sort: this.sort,
        filter: this.filter,
        selected: this.selected.paths,
        openPath: this.file,
        readingAll: this.needsAllPages(),
        pageError: this.listing.error,
      },
      {
        onKeydown: (e) => this.onGridKeydown(e, rows),
        open: (row, entry) => {
          this.list.active = row;
          this.requestUpdate();
          this.open(entry);
        },
        toggleSort: (key) => this.toggleSort(key),
        setSelection: (paths) => this.selected.set(paths),
        toggleSelected: (entry, row) => this.selected.toggle(entry, row),
        selectRange: (row) => this.selected.selectRange(row),
        retryPage: () => this.listing.retry(),
      } satisfies ListingGridActions,
    );
  }

  private readonly toolbarActions: FileToolbarActions = {
    openFolder: (dir) => this.navigate(dir, ''),
    setFilter: (filter) => {
      this.filter = filter;
      this.list.active = 0;
    },
    focusListing: () => this.list.element?.focus(),
    downloadFolder: () => {
      if (this.listing.folder()) void this.transfer((t, source, runId) => t.downloadFolder(source, runId, this.path));
    },
    downloadSelection: () => {
      const entries = this.listing.folder()?.entries.filter((e) => this.selected.has(e.path));
      if (entries) void this.transfer((t, source, runId) => t.downloadSelection(source, runId, this.path, entries));
    },
    copyPath: (path) => void this.copyPath(path),
  };

  private readonly previewActions: PreviewPaneActions = {
    download: (path) => void this.downloadFile(path),
    copyPath: (path) => void this.copyPath(path),
    close: () => this.closePreview(),
    onKeydown: (e) => this.onPreviewKeydown(e),
  };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'file-browser-open': CustomEvent<FileBrowserOpenDetail>;
    'file-browser-select': CustomEvent<FileBrowserSelectDetail>;
  }
}
