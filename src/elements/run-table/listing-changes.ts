/**
 * Listing changes (`watchRuns`) merged into the table's rows: a run added is appended (the view
 * sorts and filters it like any other), a changed run replaces its row, a removed run goes. What
 * happened is counted for the screen-reader announcement.
 */
import { isLiveState, type RunListEvent, type RunRef } from '../../data/source.js';
import { toRow, type RunRow } from './run-rows.js';

export interface ListingMerge {
  /** The new rows; `rows` itself when nothing changed. */
  rows: RunRow[];
  /** Runs that were not listed before. */
  added: number;
  /** Runs that were live and are not any more. */
  ended: number;
  removed: number;
  /** The source may have missed changes: list every run again. */
  resync: boolean;
}

export function mergeListing(rows: RunRow[], events: readonly RunListEvent[]): ListingMerge {
  const out: ListingMerge = { rows, added: 0, ended: 0, removed: 0, resync: false };
  const index = new Map<string, number>();
  let next: (RunRow | undefined)[] | undefined;
  const edit = (): (RunRow | undefined)[] => {
    if (!next) {
      next = [...rows];
      next.forEach((r, i) => index.set(r!.ref.id, i));
    }
    return next;
  };
  const put = (ref: RunRef): void => {
    const list = edit();
    const at = index.get(ref.id);
    const before = at === undefined ? undefined : list[at];
    if (before === undefined) {
      index.set(ref.id, list.length);
      list.push(toRow(ref));
      out.added++;
      return;
    }
    if (isLiveState(before.ref.state) && ref.state !== undefined && !isLiveState(ref.state)) out.ended++;
    list[at!] = toRow(ref);
  };
  for (const e of events) {
    if (e.type === 'resync') out.resync = true;
    else if (e.type === 'run-added' || e.type === 'run-changed') put(e.run);
    else if (e.type === 'run-removed') {
      const list = edit();
      const at = index.get(e.runId);
      if (at !== undefined && list[at]) {
        list[at] = undefined;
        index.delete(e.runId);
        out.removed++;
      }
    }
  }
  if (next) out.rows = next.filter((r): r is RunRow => r !== undefined);
  return out;
}
