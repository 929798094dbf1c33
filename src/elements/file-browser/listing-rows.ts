/**
 * The rows of a listing as shown: sorted, then filtered, with what it takes to keep a filter
 * keystroke over 100,000 entries cheap cached between calls (pure; no DOM).
 */
import type { FileEntry } from '../../data/source.js';
import { isPlainQuery } from '../../data/search-query.js';
import { nameMatcher, sortByName, sortEntries, type SortSpec } from './listing.js';

export class ListingRows {
  private owner?: object;
  private version = -1;
  private byName: FileEntry[] = [];
  private sort?: SortSpec;
  private sorted: FileEntry[] = [];
  /** Lower-cased names, parallel to `sorted` (made on the first filter). */
  private lower?: string[];
  private filter = '';
  /** Positions in `sorted` of the rows that match `filter` (undefined: no filter). */
  private rowIndexes?: number[];
  private result: FileEntry[] = [];

  /** Lower-cased names of the sorted rows, made once per order. */
  private lowerNames(): string[] {
    return (this.lower ??= this.sorted.map((e) => String(e.name).toLowerCase()));
  }

  /** Makes the first filter keystroke as cheap as the next ones (call when idle). */
  prepareFilter(): void {
    if (this.sort) this.lowerNames();
  }

  /**
   * Rows of `entries` (belonging to `owner`, at `version`: bump it when entries are appended).
   * The name order is computed once per version and other orders from it; a filter change only
   * filters, narrowing the last result when the new text extends the old. With `hold`, a new
   * version of the same owner, order and filter returns the last rows unchanged (used while every
   * page is still being read, so a sort is not redone per page).
   */
  rows(
    owner: object,
    entries: readonly FileEntry[],
    version: number,
    sort: SortSpec,
    filter: string,
    hold = false,
  ): FileEntry[] {
    const fresh = this.owner !== owner || this.version !== version;
    if (fresh && hold && this.owner === owner && this.sort === sort && this.filter === filter) return this.result;
    if (fresh) {
      this.owner = owner;
      this.version = version;
      this.byName = sortByName(entries);
      this.sort = undefined;
    }
    if (this.sort !== sort) {
      this.sort = sort;
      this.sorted =
        sort.key === 'name' && sort.direction === 'asc' ? this.byName : sortEntries(entries, sort, this.byName);
      this.lower = undefined;
      this.filter = '';
      this.rowIndexes = undefined;
      this.result = this.sorted;
    }
    if (this.filter !== filter) {
      const query = filter.trim();
      const previous = this.filter.trim();
      const narrowing =
        previous !== '' &&
        this.rowIndexes !== undefined &&
        isPlainQuery(query) &&
        isPlainQuery(previous) &&
        query.toLowerCase().includes(previous.toLowerCase());
      const sorted = this.sorted;
      if (!query) this.rowIndexes = undefined;
      else {
        let test: (i: number) => boolean;
        if (!isPlainQuery(query)) {
          const match = nameMatcher(query);
          test = (i) => match(sorted[i].name);
        } else {
          const needle = query.toLowerCase();
          const lower = this.lowerNames();
          test = (i) => lower[i].includes(needle);
        }
        const matches: number[] = [];
        if (narrowing) {
          for (const i of this.rowIndexes!) if (test(i)) matches.push(i);
        } else {
          for (let i = 0; i < sorted.length; i++) if (test(i)) matches.push(i);
        }
        this.rowIndexes = matches;
      }
      this.result = this.rowIndexes ? this.rowIndexes.map((i) => sorted[i]) : sorted;
      this.filter = filter;
    }
    return this.result;
  }
}
