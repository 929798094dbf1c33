/**
 * What a shared link carries of a run table: search, filters, sort, added columns, grouping, the
 * ticked runs, whether they are being compared, and the compared metrics, as the URL hash
 * (`#q=loss&sort=started:desc&cols=config.lr&compare=a,b&view=compare`). Unknown or malformed
 * parts fall back to the defaults; nothing here throws.
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

/** A comma list; ids and keys holding commas are percent-encoded by URLSearchParams around them. */
function list(v: string | null): string[] {
  return v ? v.split(',').map(decodeURIComponent).filter(Boolean) : [];
}

function joined(items: readonly string[]): string {
  return items.map((s) => encodeURIComponent(s)).join(',');
}

export function readHash(hash: string): TableState {
  const s = defaultState();
  let p: URLSearchParams;
  try {
    p = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return s;
  }
  s.query = p.get('q') ?? '';
  const state = p.get('state');
  if (state && RUN_STATES.includes(state as RunState)) s.filters.state = state as RunState;
  const project = p.get('project');
  if (project) s.filters.project = project;
  const tag = p.get('tag');
  if (tag) s.filters.tag = tag;
  const sort = /^(.+):(asc|desc)$/.exec(p.get('sort') ?? '');
  if (sort && isColumnId(sort[1])) s.sort = { column: sort[1], dir: sort[2] as 'asc' | 'desc' };
  s.columns = list(p.get('cols')).filter(isColumnId);
  const group = p.get('group');
  if (group && GROUP_BYS.includes(group as GroupBy)) s.groupBy = group as GroupBy;
  s.ticked = [...new Set(list(p.get('compare')))];
  s.view = p.get('view') === 'compare' && s.ticked.length > 0 ? 'compare' : 'table';
  s.metrics = list(p.get('metrics'));
  return s;
}

/** The hash for `s`, leaving out what is at its default (empty when everything is). */
export function writeHash(s: TableState): string {
  const p = new URLSearchParams();
  if (s.query) p.set('q', s.query);
  if (s.filters.state) p.set('state', s.filters.state);
  if (s.filters.project) p.set('project', s.filters.project);
  if (s.filters.tag) p.set('tag', s.filters.tag);
  if (s.sort.column !== DEFAULT_SORT.column || s.sort.dir !== DEFAULT_SORT.dir)
    p.set('sort', `${s.sort.column}:${s.sort.dir}`);
  if (s.columns.length) p.set('cols', joined(s.columns));
  if (s.groupBy !== 'none') p.set('group', s.groupBy);
  if (s.ticked.length) p.set('compare', joined(s.ticked));
  if (s.view === 'compare' && s.ticked.length) p.set('view', 'compare');
  if (s.metrics.length) p.set('metrics', joined(s.metrics));
  const text = p.toString();
  return text ? `#${text}` : '';
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
