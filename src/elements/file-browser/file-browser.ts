import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { initialState, TaskStatus } from '@lit/task';
import { classMap } from 'lit/directives/class-map.js';
import { ref } from 'lit/directives/ref.js';
import { styleProps } from '../../internal/style-props.js';
import type { FileEntry } from '../../data/source.js';
import { isAbortError, SourceError } from '../../data/errors.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { SourceTask } from '../../internal/source-task.js';
import { LiveController } from '../../internal/live-controller.js';
import { formatBytes, formatDateTime, formatNumber } from '../../internal/format.js';
import { common } from '../../internal/messages.js';
import { renderEmpty, renderLoading } from '../../internal/states.js';
import { VirtualListController } from '../../internal/virtual-list-controller.js';
import { checkFileBytes, readWhole } from './file-bytes.js';
import { iconKindOf } from './file-kind.js';
import { renderLinkLabel } from './file-link.js';
import { DEFAULT_PREVIEW_LIMITS, FilePreview, type PreviewLimits } from './file-preview.js';
import { styles } from './file-browser.styles.js';
import { msg } from './file-browser.messages.js';
import { readHashLocation, writeHashLocation } from './hash-state.js';
import { renderIcon } from './icons.js';
import { ListingRows } from './listing-rows.js';
import {
  baseName,
  cleanPath,
  crumbsOf,
  type ListingPage,
  parentOf,
  readListingPage,
  SORT_KEYS,
  type SortKey,
  type SortSpec,
} from './listing.js';
import { safeFileName, saveBlob, saveUrl } from './save-file.js';
import type { ZipProgress } from './zip-builder.js';

export type { SortKey, SortSpec } from './listing.js';
export type { PreviewLimits } from './file-preview.js';

/** Detail of `file-browser-open`. */
export interface FileBrowserOpenDetail {
  /** Path from the root, no leading slash ('' is the root folder). */
  path: string;
  kind: 'file' | 'dir';
  /** The listed entry, when the item was opened from the listing. */
  entry?: FileEntry;
}

/** Detail of `file-browser-select`. */
export interface FileBrowserSelectDetail {
  /** Selected paths, in listing order. */
  paths: string[];
}

/** One folder's listing as loaded so far: pages are appended as the user scrolls. */
interface Folder {
  dir: string;
  entries: FileEntry[];
  total?: number;
  next?: string;
}

interface Transfer {
  label: string;
  /** 0..1, or undefined while the size is unknown. */
  fraction?: number;
  controller: AbortController;
}

const ROW_HEIGHT = 32;
const DEFAULT_SORT: SortSpec = { key: 'name', direction: 'asc' };

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
 * @csspart filter - The name filter input.
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
  static override styles = [RunpageElement.styles, styles];

  /**
   * The folder shown, from the root, `/`-separated ('' is the root). A location for this element
   * in the URL hash (see `hash-key`) wins over it when the element connects.
   */
  @property() path = '';

  /** The file open in the preview pane, from the root; empty for none. */
  @property() file = '';

  /** Key of this element's entry in the URL hash (`#files=/logs/output.log`); give each browser on a page its own. */
  @property({ attribute: 'hash-key' }) hashKey = 'files';

  /** Do not read or write the URL hash. */
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;

  /** Entries requested per `listFiles` page (the source's default when unset). */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /** Do not follow live changes to the run's files (`files-changed` from `source.watch`). */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;

  /** Sizes the preview works within (text chunk per "load more", largest structured and media files). */
  @property({ attribute: false }) previewLimits: PreviewLimits = DEFAULT_PREVIEW_LIMITS;

  @state() private sort: SortSpec = DEFAULT_SORT;
  @state() private filter = '';
  @state() private selected = new Set<string>();
  @state() private pageLoading = false;
  @state() private pageError?: unknown;
  /** Bumped when a page is appended, so the memoised rows are recomputed. */
  @state() private pages = 0;
  @state() private reloads = 0;
  @state() private preview?: FilePreview;
  @state() private transfer?: Transfer;
  @state() private notice = '';

  /** The listing grid: the header row is sticky inside it, so rows get its height less one row. */
  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    headerHeight: ROW_HEIGHT,
    headerRows: 1,
  });
  private pager?: AbortController;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  private readonly listingRows = new ListingRows();
  private focusGridAfterNav = false;
  /** After going up, the folder we came from becomes the active row. */
  private revealPath?: string;

  protected readonly live = new LiveController(
    this,
    () => ({ source: this.dataSource, runId: this.runId, enabled: !this.noLive }),
    (events) => {
      if (events.some((e) => e.type === 'files-changed')) void this.refreshInPlace();
    },
  );

  private listing = new SourceTask(this, {
    args: () => [this.dataSource, this.runId, this.path, this.pageSize, this.reloads] as const,
    task: async ([source, runId, dir, pageSize], { signal }): Promise<Folder> => {
      if (!source || !runId) return initialState as unknown as Folder;
      const clean = cleanPath(dir);
      if (clean === undefined) throw new SourceError('invalid-data', `Refused the folder path ${JSON.stringify(dir)}.`);
      const page = await requireMethod(source, 'listFiles')(runId, clean, pageSize ? { limit: pageSize } : undefined, {
        signal,
      });
      return { dir: clean, ...readListingPage(page) };
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.applyHash();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.pager?.abort();
    this.transfer?.controller.abort();
    this.preview?.dispose();
    this.preview = undefined;
    clearTimeout(this.noticeTimer);
    if (this.idleHandle !== undefined) cancelIdleCallback(this.idleHandle);
    this.idleHandle = undefined;
  }

  /** Paths of the selected entries. */
  get selection(): string[] {
    return [...this.selected];
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

  /**
   * Reads the entries already loaded again without a loading state, keeping scroll, selection
   * and the open preview: what a live `files-changed` event does.
   */
  private async refreshInPlace(): Promise<void> {
    const folder = this.folder();
    const source = this.dataSource;
    const runId = this.runId;
    if (!folder || !source?.listFiles || !runId) return;
    this.pager?.abort();
    const pager = new AbortController();
    this.pager = pager;
    this.pageLoading = true;
    try {
      const list = requireMethod(source, 'listFiles');
      const entries: FileEntry[] = [];
      let cursor: string | undefined;
      let last: ListingPage;
      do {
        const page =
          cursor === undefined
            ? this.pageSize
              ? { limit: this.pageSize }
              : undefined
            : { cursor, ...(this.pageSize ? { limit: this.pageSize } : {}) };
        last = readListingPage(await list(runId, folder.dir, page, { signal: pager.signal }), cursor);
        entries.push(...last.entries);
        cursor = last.next;
      } while (cursor !== undefined && entries.length < folder.entries.length);
      if (pager.signal.aborted || this.folder() !== folder) return;
      folder.entries = entries;
      folder.next = last.next;
      folder.total = last.total;
      this.pages++;
    } catch (e) {
      if (!pager.signal.aborted && !isAbortError(e)) this.pageError = e;
    } finally {
      if (this.pager === pager) this.pageLoading = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const reloaded = (changed as Map<string, unknown>).has('reloads');
    if (
      changed.has('pageSize') &&
      this.pageSize !== undefined &&
      !(Number.isInteger(this.pageSize) && this.pageSize > 0)
    ) {
      console.warn(
        `<${this.localName}>: page-size="${this.pageSize}" is not a positive whole number; using the source's page size.`,
      );
      this.pageSize = undefined;
    }
    if (changed.has('hashKey') && !this.hashKey) {
      console.warn(`<${this.localName}>: hash-key is empty; using "files".`);
      this.hashKey = 'files';
    }
    if (changed.has('path')) {
      const clean = cleanPath(this.path ?? '');
      if (clean === undefined)
        console.warn(`<${this.localName}>: path="${this.path}" climbs out of the run; showing the root.`);
      if (clean !== this.path) this.path = clean ?? '';
    }
    if (changed.has('path') || reloaded) {
      this.pager?.abort();
      this.pageLoading = false;
      this.pageError = undefined;
      this.list.active = 0;
      this.list.scrollToTop();
      if (changed.has('path')) {
        this.filter = '';
        this.selected = new Set();
      }
    }
    // Cheap when nothing changed; also catches a source that arrives later (src, context).
    this.syncPreview();
  }

  private previewStale(): boolean {
    const p = this.preview;
    return !!p && (p.source !== this.dataSource || p.runId !== this.runId || p.limits !== this.previewLimits);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('path') || changed.has('file')) this.writeHash();
    const folder = this.folder();
    if (
      this.revealPath !== undefined &&
      folder &&
      this.listing.status === TaskStatus.COMPLETE &&
      folder.dir === this.path
    ) {
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

  private onHashChange = (): void => this.applyHash();

  private applyHash(): void {
    if (this.noHash || typeof location === 'undefined') return;
    const loc = readHashLocation(location.hash, this.hashKey);
    if (!loc) return;
    if (loc.dir !== this.path) this.path = loc.dir;
    if ((loc.file ?? '') !== this.file) this.file = loc.file ?? '';
  }

  private writeHash(): void {
    if (this.noHash || typeof location === 'undefined' || !this.isConnected) return;
    const current = readHashLocation(location.hash, this.hashKey);
    if (current && current.dir === this.path && (current.file ?? '') === this.file) return;
    if (!current && !this.path && !this.file) return;
    const next = writeHashLocation(location.hash, this.hashKey, { dir: this.path, file: this.file || undefined });
    history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
  }

  // ---- navigation ----

  private navigate(dir: string, file: string, entry?: FileEntry): void {
    const path = file || dir;
    const kind = file ? 'file' : 'dir';
    const detail: FileBrowserOpenDetail = { path, kind, entry };
    const go = this.dispatchEvent(
      new CustomEvent('file-browser-open', { detail, bubbles: true, composed: true, cancelable: true }),
    );
    if (!go) return;
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

  private syncPreview(): void {
    const file = cleanPath(this.file ?? '') ?? '';
    if (this.preview && this.preview.entry.path === file && !this.previewStale()) {
      this.completePreviewEntry();
      return;
    }
    this.entryLookedUpAt = -1;
    this.preview?.dispose();
    this.preview = undefined;
    const source = this.dataSource;
    const runId = this.runId;
    // A preview reads and holds Blob URLs: only a connected element opens one (reconnecting re-syncs).
    if (!file || !source || !runId || !this.isConnected) return;
    const listed = this.folder()?.entries.find((e) => e.path === file);
    const entry: FileEntry = listed ?? { path: file, name: baseName(file), kind: 'file' };
    this.preview = new FilePreview(source, runId, entry, this, this.previewLimits);
  }

  /** Pages count at the last search for the open file's listed entry. */
  private entryLookedUpAt = -1;

  /**
   * A file opened before its folder was listed (from the hash, or `file` set early) has only a
   * path; once the listing has it, the preview gets its size, date and type. Searched once per
   * page load, not per render.
   */
  private completePreviewEntry(): void {
    const p = this.preview;
    const folder = this.folder();
    if (!p || !p.isStub || !folder || this.entryLookedUpAt === this.pages) return;
    this.entryLookedUpAt = this.pages;
    const listed = folder.entries.find((e) => e.path === p.entry.path && e.kind === 'file');
    if (listed) p.completeEntry(listed);
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

  private folder(): Folder | undefined {
    const v = this.listing.value as Folder | undefined;
    return v && typeof v === 'object' && Array.isArray(v.entries) ? v : undefined;
  }

  /** The rows shown: sorted, then filtered (see ListingRows for what is cached). */
  private rows(folder: Folder): FileEntry[] {
    // While every page is being read for a sort or filter, keep the last rows instead of re-sorting per page.
    const hold = !!folder.next && this.needsAllPages();
    const rows = this.listingRows.rows(folder, folder.entries, this.pages, this.sort, this.filter, hold);
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
    const folder = this.folder();
    if (!folder?.next || this.pageLoading || this.pageError || !this.isConnected) return;
    if (this.needsAllPages()) {
      void this.loadNextPage(folder);
      return;
    }
    const rows = this.rows(folder);
    this.list.rowCount = rows.length;
    if (this.list.window().last >= rows.length - 20) void this.loadNextPage(folder);
  }

  private async loadNextPage(folder: Folder): Promise<void> {
    const source = this.dataSource;
    const runId = this.runId;
    if (!source || !runId || !folder.next) return;
    this.pager?.abort();
    const pager = new AbortController();
    this.pager = pager;
    this.pageLoading = true;
    this.pageError = undefined;
    try {
      const raw = await requireMethod(source, 'listFiles')(
        runId,
        folder.dir,
        { cursor: folder.next, ...(this.pageSize ? { limit: this.pageSize } : {}) },
        { signal: pager.signal },
      );
      if (pager.signal.aborted || this.folder() !== folder) return;
      const page = readListingPage(raw, folder.next);
      folder.entries.push(...page.entries);
      folder.next = page.next;
      if (page.total !== undefined) folder.total = page.total;
      this.pages++;
    } catch (e) {
      if (pager.signal.aborted || isAbortError(e)) return;
      this.pageError = e;
    } finally {
      if (this.pager === pager) this.pageLoading = false;
    }
  }

  private retryPage = (): void => {
    this.pageError = undefined;
  };

  // ---- keyboard ----

  private onGridKeydown(e: KeyboardEvent, rows: FileEntry[]): void {
    // Keys on the header's buttons and checkboxes are theirs.
    if (e.target !== e.currentTarget) return;
    const active = Math.min(this.list.active, rows.length - 1);
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && rows.length) {
      if (!this.selected.size) this.anchor = active;
      this.list.handleKey(e);
      this.selectRange(this.list.active, rows);
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
        if (rows[active]) this.toggleSelected(rows[active], active);
        break;
      case 'Escape':
        if (this.selected.size) this.setSelection(new Set());
        else handled = false;
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) this.setSelection(new Set(rows.map((r) => r.path)));
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  // ---- selection ----

  private setSelection(next: Set<string>): void {
    this.selected = next;
    const folder = this.folder();
    const order = folder ? this.rows(folder).map((r) => r.path) : [];
    const paths = order.filter((p) => next.has(p));
    for (const p of next) if (!paths.includes(p)) paths.push(p);
    this.dispatchEvent(
      new CustomEvent<FileBrowserSelectDetail>('file-browser-select', {
        detail: { paths },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Row index of the last entry selected on its own: the anchor of a Shift range. */
  private anchor = 0;

  private toggleSelected(entry: FileEntry, index?: number): void {
    const next = new Set(this.selected);
    if (next.has(entry.path)) next.delete(entry.path);
    else next.add(entry.path);
    if (index !== undefined) this.anchor = index;
    this.setSelection(next);
  }

  /** Shift+click or Shift+arrow: every row from the anchor to `index` is selected. */
  private selectRange(index: number, rows: FileEntry[]): void {
    const next = new Set(this.selected);
    const [from, to] = index < this.anchor ? [index, this.anchor] : [this.anchor, index];
    for (let i = Math.max(0, from); i <= Math.min(rows.length - 1, to); i++) next.add(rows[i].path);
    this.setSelection(next);
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

  private startTransfer(label: string): AbortController {
    this.transfer?.controller.abort();
    const controller = new AbortController();
    this.transfer = { label, controller };
    return controller;
  }

  private cancelTransfer = (): void => {
    this.transfer?.controller.abort();
    this.transfer = undefined;
  };

  private endTransfer(controller: AbortController, error?: unknown, done?: string): void {
    if (this.transfer?.controller !== controller) return;
    this.transfer = undefined;
    if (error && !isAbortError(error))
      this.say(msg(this.locale, 'transferFailed', error instanceof Error ? error.message : String(error)));
    else if (done) this.say(msg(this.locale, 'transferDone', done));
  }

  /** Downloads one file: through its URL when the source has one, otherwise read in ranges. */
  async downloadFile(path: string): Promise<void> {
    const source = this.dataSource;
    const runId = this.runId;
    if (!source || !runId) return;
    const name = safeFileName(baseName(path));
    const url = source.fileUrl?.(runId, path);
    if (url) {
      saveUrl(url, name);
      return;
    }
    const controller = this.startTransfer(name);
    try {
      const read = requireMethod(source, 'readFile');
      const chunk = 1 << 20;
      const whole = await readWhole(
        async (start, end) =>
          checkFileBytes(
            await read(runId, path, { start, end }, { signal: controller.signal }),
            path,
            start,
            end - start,
          ),
        {
          chunk,
          onProgress: (done, size) =>
            this.progress(
              controller,
              size ? done / size : undefined,
              msg(this.locale, 'downloading', formatBytes(done, this.locale), formatBytes(size, this.locale)),
            ),
        },
      );
      if (controller.signal.aborted) return;
      saveBlob(new Blob(whole.parts as BlobPart[], { type: whole.mime ?? 'application/octet-stream' }), name);
      this.endTransfer(controller, undefined, name);
    } catch (e) {
      this.endTransfer(controller, e);
    }
  }

  private progress(controller: AbortController, fraction: number | undefined, label: string): void {
    if (this.transfer?.controller !== controller) return;
    this.transfer = { ...this.transfer, fraction, label };
  }

  /** Zips entries (folders walked whole) in the browser and downloads the zip. */
  async downloadZip(entries: FileEntry[], zipName: string, base = this.path): Promise<void> {
    const source = this.dataSource;
    const runId = this.runId;
    if (!source || !runId || entries.length === 0) return;
    const name = safeFileName(zipName, 'files.zip');
    const controller = this.startTransfer(msg(this.locale, 'collecting'));
    const signal = controller.signal;
    try {
      const list = requireMethod(source, 'listFiles');
      const read = requireMethod(source, 'readFile');
      // fflate and the zip code load only when someone zips.
      const { buildZip, collectZipItems } = await import('./zip-builder.js');
      const items = await collectZipItems(
        entries,
        base,
        (dir, page, s) => list(runId, dir, page, { signal: s }),
        signal,
      );
      const blob = await buildZip(items, (path, range, s) => read(runId, path, range, { signal: s }), {
        signal,
        onProgress: (p: ZipProgress) =>
          this.progress(
            controller,
            p.totalBytes ? p.bytes / p.totalBytes : p.totalFiles ? p.files / p.totalFiles : undefined,
            msg(this.locale, 'zipping', formatBytes(p.bytes, this.locale), formatBytes(p.totalBytes, this.locale)),
          ),
      });
      if (signal.aborted) return;
      saveBlob(blob, name);
      this.endTransfer(controller, undefined, name);
    } catch (e) {
      this.endTransfer(controller, e);
    }
  }

  private downloadFolder = (): void => {
    const folder = this.folder();
    if (!folder) return;
    const zipName = `${this.path ? baseName(this.path) : this.runId || 'files'}.zip`;
    // The folder itself is walked (every page, not only those loaded); a folder's zip keeps the
    // folder's own name as its top level, the root's zip has the root's entries at its top.
    const entries: FileEntry[] = [{ path: this.path, name: baseName(this.path), kind: 'dir' }];
    void this.downloadZip(entries, zipName, this.path ? parentOf(this.path) : '');
  };

  private downloadSelection = (): void => {
    const folder = this.folder();
    if (!folder) return;
    const entries = folder.entries.filter((e) => this.selected.has(e.path));
    void this.downloadZip(entries, `${this.path ? baseName(this.path) : this.runId || 'files'}-selection.zip`);
  };

  // ---- render ----

  protected override render(): TemplateResult {
    const before = this.renderSourceState();
    if (before) return before;
    if (!this.runId) return renderEmpty(common(this.locale, 'noRun'));
    return html`<div class="layout" part="base">
      ${this.renderToolbar()}
      <div class=${classMap({ panes: true, 'with-preview': !!this.preview })}>
        <div class="list-pane" part="listing">
          ${this.renderTask(this.listing, {
            what: msg(this.locale, 'what'),
            complete: (folder) => this.renderFolder(folder),
            empty: (error) => renderEmpty(common(this.locale, 'notFound'), error.message),
            loading: () => renderLoading(this.locale, 8),
          })}
        </div>
        ${this.preview ? this.renderPreview(this.preview) : nothing}
      </div>
      <div class="rp-visually-hidden" role="status" aria-live="polite">${this.notice}</div>
    </div>`;
  }

  private renderToolbar(): TemplateResult {
    const lang = this.locale;
    const crumbs = crumbsOf(this.path);
    const folder = this.folder();
    return html`<div class="toolbar" part="toolbar">
      <nav class="crumbs" part="breadcrumbs" aria-label=${msg(lang, 'breadcrumbs')}>
        <ol>
          <li>
            <button
              type="button"
              class="crumb"
              aria-current=${this.path ? 'false' : 'location'}
              @click=${() => this.navigate('', '')}
            >
              <span class="crumb-name">${msg(lang, 'root')}</span>
            </button>
          </li>
          ${crumbs.map(
            (c, i) =>
              html`<li>
                <span class="sep" aria-hidden="true">/</span
                ><button
                  type="button"
                  class="crumb"
                  aria-current=${i === crumbs.length - 1 ? 'location' : 'false'}
                  title=${c.name}
                  @click=${() => this.navigate(c.path, '')}
                >
                  <span class="crumb-name">${c.name}</span>
                </button>
              </li>`,
          )}
        </ol>
      </nav>
      <div class="tools">
        <input
          class="filter"
          part="filter"
          type="search"
          .value=${this.filter}
          placeholder=${msg(lang, 'filterPlaceholder')}
          aria-label=${msg(lang, 'filter')}
          @input=${(e: Event) => {
            this.filter = (e.target as HTMLInputElement).value;
            this.list.active = 0;
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              this.list.element?.focus();
            }
          }}
        />
        ${
          this.selected.size
            ? html`<button
                type="button"
                class="rp-button"
                ?disabled=${!!this.transfer}
                @click=${this.downloadSelection}
              >
                ${msg(lang, 'downloadSelection')} (${formatNumber(this.selected.size, lang)})
              </button>`
            : html`<button
                type="button"
                class="rp-button"
                ?disabled=${!folder || folder.entries.length === 0 || !!this.transfer}
                @click=${this.downloadFolder}
              >
                ${msg(lang, 'downloadFolder')}
              </button>`
        }
        <button type="button" class="rp-button" @click=${() => this.copyPath(this.path ? `/${this.path}/` : '/')}>
          ${msg(lang, 'copyPath')}
        </button>
      </div>
      ${this.transfer ? this.renderTransfer(this.transfer) : nothing}
    </div>`;
  }

  private renderTransfer(t: Transfer): TemplateResult {
    const lang = this.locale;
    return html`<div class="transfer" part="transfer">
      <span class="transfer-label">${t.label}</span>
      <progress
        part="progress"
        aria-label=${msg(lang, 'progress')}
        max="1"
        .value=${t.fraction ?? 0}
        ?indeterminate=${t.fraction === undefined}
      ></progress>
      <button type="button" class="rp-button" @click=${this.cancelTransfer}>${msg(lang, 'cancel')}</button>
    </div>`;
  }

  private renderFolder(folder: Folder): TemplateResult {
    const lang = this.locale;
    if (folder.entries.length === 0 && !folder.next)
      return renderEmpty(msg(lang, 'emptyFolder'), msg(lang, 'emptyFolderDetail'));
    const rows = this.rows(folder);
    const total = folder.total ?? folder.entries.length;
    const partial = !!folder.next;
    this.list.rowCount = rows.length;
    const win = this.list.window();
    const active = Math.min(this.list.active, Math.max(0, rows.length - 1));
    const activeRendered = active >= win.first && active < win.last && rows.length > 0;
    const allSelected = rows.length > 0 && rows.every((r) => this.selected.has(r.path));
    const sortHeader = (key: SortKey, label: string) => {
      const on = this.sort.key === key;
      return html`<div
        role="columnheader"
        class="cell col-${key}"
        aria-sort=${on ? (this.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          class="sort"
          tabindex="-1"
          title=${msg(lang, 'sortBy', label)}
          @click=${() => this.toggleSort(key)}
        >
          ${label}<span class="sort-mark" aria-hidden="true"
            >${on ? (this.sort.direction === 'asc' ? '▲' : '▼') : ''}</span
          >
        </button>
      </div>`;
    };
    return html`
      <div class="summary">
        <span
          >${this.filter.trim() ? msg(lang, 'entriesShown', formatNumber(rows.length, lang), formatNumber(total, lang)) : msg(lang, 'entriesTotal', formatNumber(total, lang))}</span
        >
        ${
          partial && this.needsAllPages()
            ? html`<span class="muted"
                >${msg(lang, 'loadingEntries', formatNumber(folder.entries.length, lang), formatNumber(total, lang))}</span
              >`
            : nothing
        }
        ${
          this.selected.size
            ? html`<span>${msg(lang, 'selected', formatNumber(this.selected.size, lang))}</span>
                <button type="button" class="link" @click=${() => this.setSelection(new Set())}>
                  ${msg(lang, 'clearSelection')}
                </button>`
            : nothing
        }
      </div>
      <div
        class="grid"
        part="grid"
        role="grid"
        tabindex="0"
        aria-label=${msg(lang, 'listing')}
        aria-rowcount=${(partial ? total : rows.length) + 1}
        aria-multiselectable="true"
        aria-activedescendant=${activeRendered ? `row-${active}` : nothing}
        ${ref(this.list.attach)}
        @keydown=${(e: KeyboardEvent) => this.onGridKeydown(e, rows)}
      >
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <div role="columnheader" class="cell col-select">
              <input
                type="checkbox"
                tabindex="-1"
                aria-label=${msg(lang, 'selectAll')}
                .checked=${allSelected}
                @change=${() => this.setSelection(allSelected ? new Set() : new Set(rows.map((r) => r.path)))}
              />
            </div>
            ${sortHeader('name', msg(lang, 'name'))} ${sortHeader('size', msg(lang, 'size'))}
            ${sortHeader('modified', msg(lang, 'modified'))}
          </div>
        </div>
        <div
          role="rowgroup"
          class="body"
          style=${styleProps({ height: `${win.scrollHeight + (partial ? ROW_HEIGHT : 0)}px` })}
        >
          ${this.renderRows(rows, win.first, win.last, active)}
          ${
            partial || this.pageError
              ? html`<div
                  role="row"
                  class="row more"
                  style=${styleProps({ top: `${this.list.rowTop(rows.length)}px` })}
                >
                  <div role="gridcell" class="cell">
                    ${
                      this.pageError
                        ? html`<span class="error">${msg(lang, 'moreEntriesFailed')}</span>
                            <button type="button" class="rp-button small" tabindex="-1" @click=${this.retryPage}>
                              ${common(lang, 'retry')}
                            </button>`
                        : msg(lang, 'loadingMoreEntries')
                    }
                  </div>
                </div>`
              : nothing
          }
        </div>
      </div>
      ${rows.length === 0 && !partial ? html`<p class="no-matches">${msg(lang, 'noMatches', this.filter)}</p>` : nothing}
    `;
  }

  private renderRows(rows: FileEntry[], first: number, last: number, active: number): TemplateResult[] {
    const lang = this.locale;
    const out: TemplateResult[] = [];
    for (let i = first; i < last; i++) {
      const e = rows[i];
      const selected = this.selected.has(e.path);
      const size =
        e.kind === 'dir'
          ? e.count === undefined
            ? '—'
            : e.count === 1
              ? msg(lang, 'oneItem')
              : msg(lang, 'items', formatNumber(e.count, lang))
          : formatBytes(e.size, lang);
      out.push(
        html`<div
          role="row"
          id="row-${i}"
          part="row"
          class=${classMap({ row: true, active: i === active, selected, open: e.path === this.file, dir: e.kind === 'dir' })}
          aria-rowindex=${this.list.ariaRowIndex(i)}
          aria-selected=${selected ? 'true' : 'false'}
          style=${styleProps({ top: `${this.list.rowTop(i)}px` })}
          @click=${() => {
            this.list.active = i;
            this.requestUpdate();
            this.open(e);
          }}
        >
          <div role="gridcell" class="cell col-select">
            <input
              type="checkbox"
              tabindex="-1"
              aria-label=${msg(lang, 'select', e.name)}
              .checked=${selected}
              @click=${(ev: MouseEvent) => {
                ev.stopPropagation();
                if (ev.shiftKey) {
                  ev.preventDefault();
                  this.selectRange(i, rows);
                }
              }}
              @change=${() => this.toggleSelected(e, i)}
            />
          </div>
          <div role="gridcell" class="cell col-name" title=${e.name}>
            ${renderIcon(iconKindOf(e.name, e.kind, e.mime))}<span class="name">${e.name}</span>${
              e.kind === 'dir' ? html`<span class="rp-visually-hidden">${msg(lang, 'folder')}</span>` : nothing
            }${renderLinkLabel(e, lang)}
          </div>
          <div role="gridcell" class="cell col-size">${size}</div>
          <div role="gridcell" class="cell col-modified">
            ${e.modified === undefined ? '—' : formatDateTime(e.modified, lang)}
          </div>
        </div>`,
      );
    }
    return out;
  }

  private toggleSort(key: SortKey): void {
    if (!SORT_KEYS.includes(key)) return;
    this.sort =
      this.sort.key === key
        ? { key, direction: this.sort.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' };
    this.list.active = 0;
  }

  private renderPreview(p: FilePreview): TemplateResult {
    const lang = this.locale;
    const e = p.entry;
    return html`<section
      class="preview-pane"
      part="preview"
      aria-label=${msg(lang, 'preview')}
      @keydown=${this.onPreviewKeydown}
    >
      <header class="preview-header" part="preview-header">
        <div class="preview-title">
          ${renderIcon(iconKindOf(e.name, 'file', e.mime))}
          <h2 class="preview-name" title=${e.path}>${e.name}</h2>
        </div>
        <div class="preview-meta">
          <span>${formatBytes(p.size, lang)}</span>
          ${e.modified !== undefined ? html`<span>${formatDateTime(e.modified, lang)}</span>` : nothing}
        </div>
        <div class="preview-actions">
          <button
            type="button"
            class="rp-button"
            ?disabled=${!!this.transfer || p.status === 'link'}
            @click=${() => this.downloadFile(e.path)}
          >
            ${msg(lang, 'downloadFile')}
          </button>
          <button type="button" class="rp-button" @click=${() => this.copyPath(`/${e.path}`)}>
            ${msg(lang, 'copyPath')}
          </button>
          <button
            type="button"
            class="rp-button"
            aria-label=${msg(lang, 'closePreview')}
            title=${msg(lang, 'closePreview')}
            @click=${this.closePreview}
          >
            ✕
          </button>
        </div>
      </header>
      <div class="preview-body">${p.render(lang)}</div>
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'file-browser-open': CustomEvent<FileBrowserOpenDetail>;
    'file-browser-select': CustomEvent<FileBrowserSelectDetail>;
  }
}
