/**
 * A folder's later pages and its re-read in place (folder-listing.ts): loaded with the first folder
 * that has more than one page, or the first live `files-changed` event. One page request at a time;
 * a newer one aborts the one before.
 */
import { isAbortError } from '../../data/errors.js';
import type { FileEntry } from '../../data/source.js';
import { requireMethod, type RunpageElement } from '../../internal/base-element.js';
import { readListingPage, type Folder, type ListingPage } from './listing.js';

/** What these functions read and set of a folder's listing (FolderListing, folder-listing.ts). */
export interface PagedListing {
  readonly host: RunpageElement;
  readonly request: () => { pageSize?: number };
  folder(): Folder | undefined;
  pages: number;
  loading: boolean;
  error?: unknown;
  pager?: AbortController;
}

/** Reads the next page of `folder` and appends it. */
export async function loadNextPage(listing: PagedListing, folder: Folder): Promise<void> {
  const source = listing.host.dataSource;
  const runId = listing.host.runId;
  // another folder may have opened while this code loaded
  if (!source || !runId || !folder.next || listing.folder() !== folder) return;
  const { pageSize } = listing.request();
  const pager = startPage(listing);
  listing.error = undefined;
  try {
    const raw = await requireMethod(source, 'listFiles')(
      runId,
      folder.dir,
      { cursor: folder.next, ...(pageSize ? { limit: pageSize } : {}) },
      { signal: pager.signal },
    );
    if (pager.signal.aborted || listing.folder() !== folder) return;
    const page = readListingPage(raw, folder.next);
    folder.entries.push(...page.entries);
    folder.next = page.next;
    if (page.total !== undefined) folder.total = page.total;
    listing.pages++;
  } catch (e) {
    if (pager.signal.aborted || isAbortError(e)) return;
    listing.error = e;
  } finally {
    endPage(listing, pager);
  }
}

/** Reads the entries already loaded again, page by page, and swaps them in at once. */
export async function refreshInPlace(listing: PagedListing): Promise<void> {
  const folder = listing.folder();
  const source = listing.host.dataSource;
  const runId = listing.host.runId;
  if (!folder || !source?.listFiles || !runId) return;
  const { pageSize } = listing.request();
  const pager = startPage(listing);
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
    if (pager.signal.aborted || listing.folder() !== folder) return;
    folder.entries = entries;
    folder.next = last.next;
    folder.total = last.total;
    listing.pages++;
  } catch (e) {
    if (!pager.signal.aborted && !isAbortError(e)) listing.error = e;
  } finally {
    endPage(listing, pager);
  }
}

function startPage(listing: PagedListing): AbortController {
  listing.pager?.abort();
  const pager = new AbortController();
  listing.pager = pager;
  listing.loading = true;
  listing.host.requestUpdate();
  return pager;
}

function endPage(listing: PagedListing, pager: AbortController): void {
  if (listing.pager === pager) listing.loading = false;
  listing.host.requestUpdate();
}
