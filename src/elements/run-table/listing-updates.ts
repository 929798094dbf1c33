/**
 * What changes the table's rows after the first listing, loaded with the first such change: later
 * pages of a paging source, a search over the runs not loaded yet, a full re-listing, listing
 * changes (`watchRuns`) and live run events. A table that only shows its first listing never
 * loads it.
 */
import { isLiveState, type RunQuery, type RunRef, type RunSource } from '../../data/source.js';
import type { LiveEvent } from '../../internal/live-controller.js';
import { applyRunEvents } from './live-listing.js';
import { toRow, type RunRow } from './run-rows.js';

import type { ListingMerge } from './listing-changes.js';

export { mergeListing } from './listing-changes.js';

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
