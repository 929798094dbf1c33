/**
 * The table's model of the runs it lists: each run with its config and summary flattened to
 * `config.<path>` / `summary.<path>` columns and the text a search looks through, built once per
 * listing; runtime, search, filters, sorting and grouping over it. No DOM here.
 */
import type { JsonValue, RunRef, RunState } from '../../data/source.js';
import { isLiveState } from '../../data/source.js';
import { matchesQuery, parseQuery, type ParsedQuery } from '../../internal/search-query.js';

/**
 * A run with what the table derives from it, each part made on first use: a first screen sorted
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
      const parts = [r.name ?? '', r.id, ...(Array.isArray(r.tags) ? r.tags : [])];
      for (const [k, v] of this.values) parts.push(`${k.slice(k.indexOf('.') + 1)}=${valueText(v)}`);
      this.haystack = parts.join('\n').toLowerCase();
    }
    return this.haystack;
  }
}

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

export type GroupBy = 'none' | 'project' | 'group';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'project', 'group'];

/** A line of the table: a group's header or a run. */
export type TableItem = { kind: 'group'; key: string; label: string; count: number } | { kind: 'run'; row: RunRow };

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

export function toRow(ref: RunRef): RunRow {
  return new RunRow(ref);
}

/** Every config and summary column the runs have, sorted (config first). */
export function valueColumns(rows: readonly RunRow[]): ColumnId[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of r.values.keys()) keys.add(k);
  return [...keys].sort((a, b) => a.localeCompare(b)) as ColumnId[];
}

/** Seconds the run has run: up to `now` while live, else what the source said or its end minus start. */
export function runtimeOf(ref: RunRef, now: number): number | undefined {
  const start = ref.startedAt;
  if (isLiveState(ref.state) && ref.state === 'running' && start !== undefined)
    return Math.max(0, (now - start) / 1000);
  if (typeof ref.runtime === 'number') return ref.runtime;
  const end = ref.endedAt ?? ref.heartbeatAt;
  return start !== undefined && end !== undefined ? Math.max(0, (end - start) / 1000) : undefined;
}

// ---- search ---------------------------------------------------------------------------------

export type ParsedSearch = ParsedQuery;

/**
 * Words separated by spaces, all of which must match: plain text is a case-insensitive substring,
 * `/…/` (flags after the closing slash) a regular expression, and a leading `-` or `!` excludes
 * runs that match (`internal/search-query.ts`). No globs: the text is many values on many lines.
 */
export function parseSearch(query: string): ParsedSearch {
  return parseQuery(query, { glob: false });
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

/** The value a column sorts by: a number or a string; undefined sorts last whichever the direction. */
export function sortValue(row: RunRow, column: ColumnId, now: number): number | string | undefined {
  const r = row.ref;
  switch (column) {
    case 'name':
      return (r.name ?? r.id).toLowerCase();
    case 'project':
      return r.project?.toLowerCase();
    case 'group':
      return r.group?.toLowerCase();
    case 'state':
      return r.state === undefined ? undefined : (STATE_ORDER[r.state] ?? 7);
    case 'started':
      return r.startedAt;
    case 'runtime':
      return runtimeOf(r, now);
    case 'tags':
      return Array.isArray(r.tags) && r.tags.length ? r.tags.join(' ').toLowerCase() : undefined;
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

/** The rows as table lines: with grouping, each group's header (with its count) before its runs. */
export function groupRows(
  rows: readonly RunRow[],
  by: GroupBy,
  collapsed: ReadonlySet<string>,
  noneLabel: string,
): TableItem[] {
  if (by === 'none') return rows.map((row) => ({ kind: 'run', row }));
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) {
    const key = row.ref[by] ?? '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(row);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const out: TableItem[] = [];
  for (const key of keys) {
    const list = groups.get(key)!;
    out.push({ kind: 'group', key, label: key || noneLabel, count: list.length });
    if (!collapsed.has(key)) for (const row of list) out.push({ kind: 'run', row });
  }
  return out;
}
