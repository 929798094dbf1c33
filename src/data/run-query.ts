/**
 * Searching, filtering and sorting a listing of runs: the semantics of `<run-table>`'s search box
 * and of `RunSource.queryRuns`, in one place so a page the source answers is exactly what the table
 * would have shown. No DOM here.
 *
 * Search: words separated by spaces, all of which must match. Plain text is a case-insensitive
 * substring, `/…/` (flags after the closing slash) a regular expression, and a leading `-`
 * (or `!`) excludes runs that match (`data/search-query.ts`). They are tested against a run's name, id, tags and every config and
 * summary value (`key=value`), one per line.
 */
import type { JsonValue, Req, RunPage, RunQuery, RunRef, RunState } from './source.js';
import { isLiveState } from './source.js';
import { SourceError, throwIfAborted } from './errors.js';
import type { SearchRunner } from './log-search.js';
import { matchesQuery, parseQuery, type ParsedQuery } from './search-query.js';

/**
 * A run with what a listing derives from it, each part made on first use: a first screen sorted
 * by start time reads neither, so 10,000 runs cost nothing more until a search or a value column asks.
 */
export class RunRow {
  private flat?: Map<string, JsonValue>;
  private haystack?: string;

  constructor(readonly ref: RunRef) {}

  /** `config.<path>` and `summary.<path>` → leaf value. */
  get values(): Map<string, JsonValue> {
    if (!this.flat) {
      const values = new Map<string, JsonValue>();
      const r = this.ref;
      if (r.config && typeof r.config === 'object') flattenInto(values, 'config', r.config, 0);
      if (r.summary && typeof r.summary === 'object') flattenInto(values, 'summary', r.summary, 0);
      this.flat = values;
    }
    return this.flat;
  }

  /** Lower-cased name, id, tags and every config and summary value (`key=value`), one per line. */
  get text(): string {
    if (this.haystack === undefined) {
      const r = this.ref;
      const parts = [typeof r.name === 'string' ? r.name : '', String(r.id), ...strings(r.tags)];
      for (const [k, v] of this.values) parts.push(`${k.slice(k.indexOf('.') + 1)}=${valueText(v)}`);
      this.haystack = parts.join('\n').toLowerCase();
    }
    return this.haystack;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Built-in columns; any other column id is `config.<path>` or `summary.<path>`. */
export const BASE_COLUMNS = ['name', 'project', 'group', 'state', 'started', 'runtime', 'tags'] as const;
export type BaseColumn = (typeof BASE_COLUMNS)[number];
export type ColumnId = BaseColumn | `config.${string}` | `summary.${string}`;

export type SortDir = 'asc' | 'desc';
export interface RunSort {
  column: ColumnId;
  dir: SortDir;
}

export interface RunFilters {
  state?: RunState;
  project?: string;
  tag?: string;
}

export const DEFAULT_SORT: RunSort = { column: 'started', dir: 'desc' };

const MAX_DEPTH = 8;

export function isColumnId(v: string): v is ColumnId {
  return (BASE_COLUMNS as readonly string[]).includes(v) || /^(config|summary)\.[^]+$/.test(v);
}

function flattenInto(out: Map<string, JsonValue>, prefix: string, v: JsonValue | undefined, depth: number): void {
  if (v === undefined) return;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
    // W&B media and tables in a summary are objects with `_type`: one value, not columns
    if (typeof v._type === 'string') return void out.set(prefix, v);
    for (const [k, child] of Object.entries(v)) flattenInto(out, `${prefix}.${k}`, child, depth + 1);
    return;
  }
  out.set(prefix, v);
}

export function valueText(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Seconds the run has run: up to `now` while live, else what the source said or its end minus start. */
export function runtimeOf(ref: RunRef, now: number): number | undefined {
  const start = ref.startedAt;
  if (isLiveState(ref.state) && ref.state === 'running' && typeof start === 'number')
    return Math.max(0, (now - start) / 1000);
  if (typeof ref.runtime === 'number') return ref.runtime;
  const end = ref.endedAt ?? ref.heartbeatAt;
  return typeof start === 'number' && typeof end === 'number' ? Math.max(0, (end - start) / 1000) : undefined;
}

// ---- search ---------------------------------------------------------------------------------

export type ParsedSearch = ParsedQuery;

/** The search language of every list (`data/search-query.ts`), without globs: a run's text is many values on many lines. */
export function parseSearch(query: string): ParsedSearch {
  return parseQuery(String(query ?? ''), { glob: false });
}

export function matchesSearch(row: RunRow, search: ParsedSearch): boolean {
  return matchesQuery(search.terms, row.text);
}

export function matchesFilters(ref: RunRef, f: RunFilters): boolean {
  if (f.state && ref.state !== f.state) return false;
  if (f.project && ref.project !== f.project) return false;
  if (f.tag && !(Array.isArray(ref.tags) && ref.tags.includes(f.tag))) return false;
  return true;
}

// ---- sort -----------------------------------------------------------------------------------

const STATE_ORDER: Record<string, number> = {
  running: 0,
  pending: 1,
  failed: 2,
  crashed: 3,
  killed: 4,
  finished: 5,
  unknown: 6,
};

const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** The value a column sorts by: a number or a string; undefined sorts last whichever the direction. */
export function sortValue(row: RunRow, column: ColumnId, now: number): number | string | undefined {
  const r = row.ref;
  switch (column) {
    case 'name':
      return lower(r.name) ?? String(r.id).toLowerCase();
    case 'project':
      return lower(r.project);
    case 'group':
      return lower(r.group);
    case 'state':
      return r.state === undefined ? undefined : (STATE_ORDER[r.state] ?? 7);
    case 'started':
      return typeof r.startedAt === 'number' ? r.startedAt : undefined;
    case 'runtime':
      return runtimeOf(r, now);
    case 'tags': {
      const tags = strings(r.tags);
      return tags.length ? tags.join(' ').toLowerCase() : undefined;
    }
    default: {
      const v = row.values.get(column);
      if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v === undefined || v === null ? undefined : valueText(v).toLowerCase();
    }
  }
}

export function sortRows(rows: readonly RunRow[], sort: RunSort, now: number): RunRow[] {
  const keyed = rows.map((row, i) => ({ row, i, v: sortValue(row, sort.column, now) }));
  const sign = sort.dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) {
      if (a.v === b.v) return a.i - b.i;
      return a.v === undefined ? 1 : -1;
    }
    // numbers before text when a column mixes them
    if (typeof a.v !== typeof b.v) return (typeof a.v === 'number' ? -1 : 1) * sign;
    const c = typeof a.v === 'number' ? a.v - (b.v as number) : (a.v as string).localeCompare(b.v as string);
    return c === 0 ? a.i - b.i : c * sign;
  });
  return keyed.map((k) => k.row);
}

// ---- pages ----------------------------------------------------------------------------------

/** Runs in a page when the query names no limit, and the most a page may hold. */
export const RUN_PAGE_SIZE = 500;
export const MAX_RUN_PAGE = 5000;

export interface QueryRunsOptions extends Req {
  /** The clock (epoch ms) that a running run's runtime counts to. */
  now?: number;
  /**
   * Runs the `/regex/` terms over the runs' text (a server passes one whose slices are bounded
   * in time, src/server/guarded-search.ts); default: in place, yielding between slices.
   */
  runner?: SearchRunner;
}

/** `query.sort` when it names a column, else the default (newest first). */
export function sortOf(q: RunQuery | undefined): RunSort {
  const s = q?.sort;
  return s && typeof s.column === 'string' && isColumnId(s.column) && (s.dir === 'asc' || s.dir === 'desc')
    ? { column: s.column, dir: s.dir }
    : DEFAULT_SORT;
}

/**
 * One page of `refs` under `q`: search, filters, sort, then `limit` runs from the cursor (an
 * offset into the matching runs). `total` counts every matching run; `next` is absent on the last page.
 */
export async function queryRunList(
  refs: readonly RunRef[],
  q: RunQuery = {},
  o: QueryRunsOptions = {},
): Promise<RunPage> {
  throwIfAborted(o.signal);
  const offset = pageCursor(q.cursor);
  const limitRaw = q.limit === undefined ? RUN_PAGE_SIZE : Math.floor(Number(q.limit));
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, MAX_RUN_PAGE) : RUN_PAGE_SIZE;
  const filters: RunFilters = {};
  const f = q.filters && typeof q.filters === 'object' ? q.filters : {};
  if (typeof f.state === 'string' && f.state) filters.state = f.state;
  if (typeof f.project === 'string' && f.project) filters.project = f.project;
  if (typeof f.tag === 'string' && f.tag) filters.tag = f.tag;
  const search = parseSearch(typeof q.search === 'string' ? q.search : '');
  let rows = refs.filter((r) => r && typeof r === 'object' && matchesFilters(r, filters)).map((r) => new RunRow(r));
  for (const t of search.terms) {
    if (t.kind === 'regex') {
      const { regexHits } = await import('./run-regex.js');
      const hits = await regexHits(
        t.re,
        rows.map((r) => r.text),
        o,
      );
      rows = rows.filter((_, i) => hits.has(i) !== t.exclude);
    } else rows = rows.filter((r) => t.re.test(r.text) !== t.exclude);
  }
  const sorted = sortRows(rows, sortOf(q), o.now ?? Date.now());
  const page: RunPage = { runs: sorted.slice(offset, offset + limit).map((r) => r.ref), total: sorted.length };
  if (offset + limit < sorted.length) page.next = String(offset + limit);
  if (search.invalid) page.invalid = search.invalid;
  return page;
}

function pageCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  if (!/^\d+$/.test(String(cursor)))
    throw new SourceError('invalid-data', `Unknown page cursor ${JSON.stringify(cursor)}.`);
  return Number(cursor);
}
