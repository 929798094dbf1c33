/**
 * One folder's listing, read from the source a page at a time: the first page as a task (the
 * element shows its loading and error states), the next pages when the element asks (as the user
 * scrolls, or for a sort or filter that needs them all), and a re-read in place when the run's
 * files change. One page request at a time; a newer one aborts the one before.
 */
import { initialState, TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import { isAbortError, SourceError } from '../../data/errors.js';
import type { FileEntry, RunSource } from '../../data/source.js';
import { requireMethod, type RunpageElement } from '../../internal/base-element.js';
import { SourceTask } from '../../internal/source-task.js';
import { cleanPath, readListingPage, type ListingPage } from './listing.js';

/** One folder's listing as read so far: pages are appended as they come. */
export interface Folder {
  dir: string;
  entries: FileEntry[];
  total?: number;
  next?: string;
}

/** Which folder to list: the element's `path`, `page-size`, and a counter bumped by `refresh()`. */
export interface FolderRequest {
  dir: string;
  pageSize?: number;
  reloads: number;
}

export class FolderListing implements ReactiveController {
  /** Bumped when pages are appended or re-read, so what is derived from the entries is recomputed. */
  pages = 0;
  /** A page is on its way. */
  loading = false;
  /** The last page request failed (until `retry()`). */
  error?: unknown;
  readonly task: SourceTask<
    readonly [RunSource | undefined, string | undefined, string, number | undefined, number],
    Folder
  >;
  private pager?: AbortController;

  constructor(
    private readonly host: RunpageElement,
    private readonly request: () => FolderRequest,
  ) {
    host.addController(this);
    this.task = new SourceTask(host, {
      args: () => {
        const r = request();
        return [host.dataSource, host.runId, r.dir, r.pageSize, r.reloads] as const;
      },
      task: async ([source, runId, dir, pageSize], { signal }): Promise<Folder> => {
        if (!source || !runId) return initialState as unknown as Folder;
        const clean = cleanPath(dir);
        if (clean === undefined)
          throw new SourceError('invalid-data', `Refused the folder path ${JSON.stringify(dir)}.`);
        const page = await requireMethod(source, 'listFiles')(
          runId,
          clean,
          pageSize ? { limit: pageSize } : undefined,
          {
            signal,
          },
        );
        return { dir: clean, ...readListingPage(page) };
      },
    });
  }

  hostDisconnected(): void {
    this.pager?.abort();
  }

  /** The folder as read so far, once its first page is in. */
  folder(): Folder | undefined {
    const v = this.task.value as Folder | undefined;
    return v && typeof v === 'object' && Array.isArray(v.entries) ? v : undefined;
  }

  /** The first page is in (for the folder asked for last). */
  get complete(): boolean {
    return this.task.status === TaskStatus.COMPLETE;
  }

  /** Another folder, or the same read again: drops the page on its way and the last page's error. */
  reset(): void {
    this.pager?.abort();
    this.loading = false;
    this.error = undefined;
  }

  /** Asks for the next page again after a failure. */
  retry(): void {
    this.error = undefined;
    this.host.requestUpdate();
  }

  /** Reads the next page of `folder` and appends it. */
  async loadNextPage(folder: Folder): Promise<void> {
    const source = this.host.dataSource;
    const runId = this.host.runId;
    if (!source || !runId || !folder.next) return;
    const { pageSize } = this.request();
    const pager = this.startPage();
    this.error = undefined;
    try {
      const raw = await requireMethod(source, 'listFiles')(
        runId,
        folder.dir,
        { cursor: folder.next, ...(pageSize ? { limit: pageSize } : {}) },
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
      this.error = e;
    } finally {
      this.endPage(pager);
    }
  }

  /**
   * Reads the entries already loaded again without a loading state, so scroll, selection and the
   * open preview stay: what a live `files-changed` event does.
   */
  async refreshInPlace(): Promise<void> {
    const folder = this.folder();
    const source = this.host.dataSource;
    const runId = this.host.runId;
    if (!folder || !source?.listFiles || !runId) return;
    const { pageSize } = this.request();
    const pager = this.startPage();
    try {
      const list = requireMethod(source, 'listFiles');
      const entries: FileEntry[] = [];
      let cursor: string | undefined;
      let last: ListingPage;
      do {
        const page =
          cursor === undefined
            ? pageSize
              ? { limit: pageSize }
              : undefined
            : { cursor, ...(pageSize ? { limit: pageSize } : {}) };
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
      if (!pager.signal.aborted && !isAbortError(e)) this.error = e;
    } finally {
      this.endPage(pager);
    }
  }

  private startPage(): AbortController {
    this.pager?.abort();
    const pager = new AbortController();
    this.pager = pager;
    this.loading = true;
    this.host.requestUpdate();
    return pager;
  }

  private endPage(pager: AbortController): void {
    if (this.pager === pager) this.loading = false;
    this.host.requestUpdate();
  }
}
