/**
 * What changes the table's rows after the first listing, loaded with the first such change: later
 * pages of a paging source, a search over the runs not loaded yet, a full re-listing, listing
 * changes (`watchRuns`) and live run events. A table that only shows its first listing never
 * loads it.
 */
import { isLiveState, type RunListEvent, type RunQuery, type RunRef, type RunSource } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import type { LiveEvent } from '../../internal/live-controller.js';
import { applyRunEvents } from './live-listing.js';
import { mergeListing, type ListingMerge } from './listing-changes.js';
import { toRow, type RunRow, type TableItem } from './run-rows.js';
import { umsg } from './listing-updates.messages.js';

export { mergeListing } from './listing-changes.js';

/** Listing changes or live events, and whether they came before the rows (then they are not announced). */
export type Update = ({ listing: RunListEvent[] } | { live: LiveEvent[] }) & { quiet?: boolean };

/**
 * `updates` applied to `rows` in the order they came: the new rows (`rows` itself when none
 * changed), whether to list every run again, and what changed in the updates that are not quiet.
 */
export function mergeUpdates(rows: RunRow[], updates: readonly Update[]): ListingMerge {
  const out: ListingMerge = { rows, added: 0, ended: 0, removed: 0, resync: false };
  for (const u of updates) {
    const merged = 'listing' in u ? mergeListing(out.rows, u.listing) : applyLiveEvents(out.rows, u.live);
    out.rows = merged.rows;
    out.resync ||= merged.resync;
    if (u.quiet) continue;
    out.added += merged.added;
    out.ended += merged.ended;
    out.removed += merged.removed;
  }
  return out;
}

/** What changed, in one polite sentence (never one announcement per row); undefined when nothing did. */
export function announcement(
  lang: Lang,
  changes: Pick<ListingMerge, 'added' | 'ended' | 'removed'>,
): string | undefined {
  const parts: string[] = [];
  if (changes.added) parts.push(umsg(lang, 'runsAdded', changes.added));
  if (changes.ended) parts.push(umsg(lang, 'runsEnded', changes.ended));
  if (changes.removed) parts.push(umsg(lang, 'runsRemoved', changes.removed));
  return parts.length ? parts.join(umsg(lang, 'listSeparator')) : undefined;
}

/**
 * When the rows of `scroller` are scrolled, the run at their top: the returned function, called
 * with the new items, moves the scroll by as many rows as runs were inserted or removed above it,
 * so the rows seen stay put.
 */
export function keepScrolledRun(
  scroller: HTMLElement | undefined,
  items: readonly TableItem[] | undefined,
  rowHeight: number,
): ((now: readonly TableItem[] | undefined) => void) | undefined {
  if (!scroller || !items || scroller.scrollTop <= 0) return undefined;
  const index = Math.floor(scroller.scrollTop / rowHeight);
  const item = items[index];
  if (item?.kind !== 'run') return undefined;
  const id = item.row.ref.id;
  return (now) => {
    const at = now?.findIndex((i) => i.kind === 'run' && i.row.ref.id === id) ?? -1;
    if (at >= 0 && at !== index) scroller.scrollTop += (at - index) * rowHeight;
  };
}

/** Runs in each page asked for after the first. */
const LATER_PAGE = 2000;

/** Live events applied to the rows: the new rows (`rows` itself when none changed) and how many runs ended. */
export function applyLiveEvents(rows: RunRow[], events: readonly LiveEvent[]): ListingMerge {
  const byRun = new Map<string, LiveEvent[]>();
  for (const e of events) byRun.set(e.runId, [...(byRun.get(e.runId) ?? []), e]);
  let changed = false;
  let ended = 0;
  const next = rows.map((row) => {
    const mine = byRun.get(row.ref.id);
    if (!mine) return row;
    const updated = applyRunEvents(row.ref, mine);
    if (updated === row.ref) return row;
    changed = true;
    if (isLiveState(row.ref.state) && updated.state !== undefined && !isLiveState(updated.state)) ended++;
    return toRow(updated);
  });
  return { rows: changed ? next : rows, added: 0, ended, removed: 0, resync: false };
}

/**
 * Asks a paging source for each page of `query` from `cursor` on (the first page when undefined) and
 * hands the runs of each to `take`, until the last page, an abort, or `take` returning false.
 */
export async function eachPage(
  source: RunSource,
  query: Pick<RunQuery, 'search'>,
  cursor: string | undefined,
  signal: AbortSignal | undefined,
  take: (runs: RunRef[]) => boolean,
): Promise<void> {
  do {
    if (signal?.aborted) return;
    const page = await source.queryRuns!({ ...query, limit: LATER_PAGE, cursor }, { signal });
    if (signal?.aborted || !take(page.runs)) return;
    cursor = page.next;
  } while (cursor);
}

/**
 * The table as its later pages, its search over the runs not loaded yet and its re-listings see
 * it. `searchAbort` is the search under way, kept here for the table to stop on disconnect.
 */
export interface PagedTable {
  /** The source shown now. */
  source(): RunSource | undefined;
  /** The rows while `source` is the one shown and they are its rows; undefined otherwise. */
  rowsOf(source: RunSource): RunRow[] | undefined;
  setRows(rows: RunRow[]): void;
  /** The search typed in the table, trimmed. */
  query(): string;
  /** Whether later pages are still loading. */
  paging(): boolean;
  /** A search over the runs not loaded yet started (true) or ended. */
  searching(on: boolean): void;
  searchAbort?: AbortController;
}

/**
 * The table as applying its waiting updates sees it: `pending` holds the listing changes and live
 * events not applied yet, in the order they came.
 */
export interface UpdatedTable extends PagedTable {
  pending: Update[];
  lang(): Lang;
  /** The scrolling rows, the lines drawn in them and their height: the run at their top stays put. */
  scroller(): HTMLElement | undefined;
  items(): readonly TableItem[] | undefined;
  rowHeight: number;
  announce(text: string): void;
  /** Settles once the table has rendered its new rows. */
  rendered(): Promise<unknown>;
}

/**
 * Applies the waiting updates in the order they came, once the rows they apply to are in: listing
 * changes wait for them; live events for runs not listed yet are dropped, as the next listing has
 * them. A listing that lost track of its changes is listed again.
 */
export function applyPending(table: UpdatedTable): void {
  const source = table.source();
  const rows = source && table.rowsOf(source);
  if (!rows || !table.pending.length) return;
  const merged = mergeUpdates(rows, table.pending.splice(0));
  if (merged.resync && !table.paging()) void relist(table, source);
  if (merged.rows !== rows) {
    const keep = keepScrolledRun(table.scroller(), table.items(), table.rowHeight);
    table.setRows(merged.rows);
    if (keep) void table.rendered().then(() => keep(table.items()));
  }
  const said = announcement(table.lang(), merged);
  if (said) table.announce(said);
}

/**
 * After the code of the updates could not be loaded: applies what waited, and lists a paging
 * source's runs again (its later pages did not load).
 */
export async function retry(table: UpdatedTable): Promise<void> {
  applyPending(table);
  const source = table.source();
  if (typeof source?.queryRuns === 'function' && !table.paging()) await relist(table, source);
}

/** Appends the pages of `source` from `cursor` on to the table's rows, one page at a time, while it is shown. */
export async function loadPages(
  table: PagedTable,
  source: RunSource,
  cursor: string,
  signal: AbortSignal,
): Promise<void> {
  try {
    await appendPages(table, source, {}, cursor, signal);
  } catch {
    // the table keeps the runs it has; the next refresh lists them all again
  }
}

/**
 * While later pages are still loading, a search covers only the runs loaded so far: asks the
 * source for every run that matches, so the table shows them all at once.
 */
export async function completeSearch(table: PagedTable): Promise<void> {
  table.searchAbort?.abort();
  table.searchAbort = undefined;
  const source = table.source();
  const search = table.query();
  if (!search || !table.paging() || !source || typeof source.queryRuns !== 'function') {
    table.searching(false);
    return;
  }
  const controller = (table.searchAbort = new AbortController());
  table.searching(true);
  try {
    await appendPages(table, source, { search }, undefined, controller.signal);
  } catch {
    // the search covers the runs loaded; the rest arrive with their pages
  } finally {
    if (table.searchAbort === controller) {
      table.searchAbort = undefined;
      table.searching(false);
    }
  }
}

/** Lists every run of `source` again, replacing the table's rows while it is shown. */
export async function relist(table: PagedTable, source: RunSource): Promise<void> {
  try {
    const refs = await allRuns(source);
    if (table.rowsOf(source)) table.setRows(refs.map(toRow));
  } catch {
    // the next refresh tries again; the table keeps what it has
  }
}

/**
 * Adds the runs of each page of `query` to the rows while the source is still shown. A run added
 * meanwhile shifts the pages by one, and a search or a listing change may have brought a run
 * already: a run is never listed twice.
 */
async function appendPages(
  table: PagedTable,
  source: RunSource,
  query: Pick<RunQuery, 'search'>,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<void> {
  await eachPage(source, query, cursor, signal, (runs) => {
    const rows = table.rowsOf(source);
    if (rows) table.setRows(withNewRuns(rows, runs));
    return !!rows;
  });
}

/** `rows` and those of `runs` they do not have yet: a run is never listed twice. */
export function withNewRuns(rows: RunRow[], runs: readonly RunRef[]): RunRow[] {
  const seen = new Set(rows.map((r) => r.ref.id));
  const fresh = runs.filter((r) => !seen.has(r.id));
  return fresh.length ? [...rows, ...fresh.map(toRow)] : rows;
}

/** Every run of the source, page after page where it pages. */
export async function allRuns(source: RunSource): Promise<RunRef[]> {
  if (typeof source.queryRuns !== 'function') return source.listRuns ? source.listRuns() : [];
  const out = new Map<string, RunRef>();
  await eachPage(source, {}, undefined, undefined, (runs) => {
    for (const r of runs) if (!out.has(r.id)) out.set(r.id, r);
    return true;
  });
  return [...out.values()];
}
