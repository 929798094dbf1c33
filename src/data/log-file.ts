/**
 * Console lines kept outside memory and read on demand: what a server's disk index of a run's
 * `output.log` gives a MemorySource (src/server/disk-log.ts implements it over a file). The
 * interface has no Node types, so the source and the readers stay usable in a browser.
 */
export interface LogFile {
  /** Lines known now; grows while the file is written (a live run). */
  readonly count: number;
  /** The label every line carries (e.g. `output.log`), if any. */
  readonly label?: string;
  /**
   * The lines written to stderr, as sorted, disjoint `[from, to)` pairs of line indexes flattened
   * (`[3, 9, 20, 21]`: lines 3–8 and 20); every other line is stdout. Kept in memory: reading it
   * reads nothing from the file.
   */
  readonly stderr: readonly number[];
  /**
   * The texts of lines `[from, to)`. May answer fewer lines than asked (never none for a
   * non-empty range) when they hold more text than one answer may; a line longer than the file's
   * line limit comes cut, ending with a note saying so.
   */
  read(from: number, to: number, signal?: AbortSignal): Promise<string[]>;
  /** The texts of lines `[from, to)` in order, in batches of bounded size (what a search scans). */
  batches(from: number, to: number, signal?: AbortSignal): AsyncIterable<string[]>;
}

export function isLogFile(v: unknown): v is LogFile {
  const f = v as Partial<LogFile> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.count === 'number' &&
    Array.isArray(f.stderr) &&
    typeof f.read === 'function' &&
    typeof f.batches === 'function'
  );
}

/** Whether line `i` lies in one of the flattened `[from, to)` pairs of `ranges` (binary search). */
export function inRanges(ranges: readonly number[], i: number): boolean {
  let lo = 0;
  let hi = ranges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length >> 1 && ranges[2 * lo]! <= i;
}
