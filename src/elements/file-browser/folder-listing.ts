/**
 * One folder's listing, read from the source a page at a time: the first page as a task (the
 * element shows its loading and error states), the next pages when the element asks (as the user
 * scrolls, or for a sort or filter that needs them all), and a re-read in place when the run's
 * files change. One page request at a time; a newer one aborts the one before.
 */
import { initialState, TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import { SourceError } from '../../data/errors.js';
import type { RunSource } from '../../data/source.js';
import { requireMethod, type RunpageElement } from '../../internal/base-element.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { SourceTask } from '../../internal/source-task.js';
import { cleanPath, readListingPage, type Folder } from './listing.js';

export type { Folder } from './listing.js';

/** Which folder to list: the element's `path`, `page-size`, and a counter bumped by `refresh()`. */
export interface FolderRequest {
  dir: string;
  pageSize?: number;
  reloads: number;
}

/** Later pages and re-reads load their code with the first of them: most folders fit in one page. */
export const pagesCode = lazyImport(() => import('./folder-pages.js'));

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
  /** The page request on its way (folder-pages.ts): a newer one aborts it. */
  pager?: AbortController;

  constructor(
    readonly host: RunpageElement,
    readonly request: () => FolderRequest,
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

  /** Reads the next page of `folder` and appends it (folder-pages.ts). */
  loadNextPage(folder: Folder): Promise<void> {
    return this.paged((m) => m.loadNextPage(this, folder));
  }

  /**
   * Reads the entries already loaded again without a loading state, so scroll, selection and the
   * open preview stay: what a live `files-changed` event does (folder-pages.ts).
   */
  refreshInPlace(): Promise<void> {
    return this.paged((m) => m.refreshInPlace(this));
  }

  /**
   * Runs `read` once the paging code is in (`loading` meanwhile, so the element asks once); a failure
   * to load it is the page's error, with its retry.
   */
  private async paged(read: (m: typeof import('./folder-pages.js')) => Promise<void>): Promise<void> {
    if (!pagesCode.now) {
      this.loading = true;
      await pagesCode.load();
      this.loading = false;
    }
    if (pagesCode.now) return read(pagesCode.now);
    this.error = pagesCode.failed;
    this.host.requestUpdate();
  }
}
