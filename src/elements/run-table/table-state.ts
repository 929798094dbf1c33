/**
 * A run table's state: search, filters, sort, added columns, grouping, the ticked runs, whether
 * they are being compared, and the compared metrics. Unknown or malformed parts fall back to the
 * defaults; nothing here throws. Its form in the URL hash is table-hash.ts.
 */
import { RUN_STATES, type RunState } from '../../data/source.js';
import { GROUP_BYS, isColumnId, type ColumnId, type GroupBy, type RunFilters, type RunSort } from './run-rows.js';

export interface TableState {
  query: string;
  filters: RunFilters;
  sort: RunSort;
  columns: ColumnId[];
  groupBy: GroupBy;
  ticked: string[];
  view: 'table' | 'compare';
  metrics: string[];
}

export const DEFAULT_SORT: RunSort = { column: 'started', dir: 'desc' };

export function defaultState(): TableState {
  return {
    query: '',
    filters: {},
    sort: DEFAULT_SORT,
    columns: [],
    groupBy: 'none',
    ticked: [],
    view: 'table',
    metrics: [],
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `v` as a whole TableState: a page may set a partial or malformed one; what is missing or wrong is the default. */
export function normalizeState(v: unknown): TableState {
  const d = defaultState();
  if (!v || typeof v !== 'object') return d;
  const o = v as Partial<Record<keyof TableState, unknown>>;
  const f = (o.filters && typeof o.filters === 'object' ? o.filters : {}) as Record<string, unknown>;
  const filters: RunFilters = {};
  if (typeof f.state === 'string' && RUN_STATES.includes(f.state as RunState)) filters.state = f.state as RunState;
  if (typeof f.project === 'string' && f.project) filters.project = f.project;
  if (typeof f.tag === 'string' && f.tag) filters.tag = f.tag;
  const sort = o.sort as Partial<RunSort> | undefined;
  const ticked = [...new Set(strings(o.ticked))];
  return {
    query: typeof o.query === 'string' ? o.query : d.query,
    filters,
    sort:
      sort && typeof sort.column === 'string' && isColumnId(sort.column) && (sort.dir === 'asc' || sort.dir === 'desc')
        ? { column: sort.column, dir: sort.dir }
        : d.sort,
    columns: strings(o.columns).filter(isColumnId),
    groupBy: GROUP_BYS.includes(o.groupBy as GroupBy) ? (o.groupBy as GroupBy) : d.groupBy,
    ticked,
    view: o.view === 'compare' && ticked.length > 0 ? 'compare' : 'table',
    metrics: strings(o.metrics),
  };
}
