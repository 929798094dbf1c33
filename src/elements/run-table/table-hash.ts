/**
 * A run table's state as the URL hash of a shared link
 * (`#q=loss&sort=started:desc&cols=config.lr&compare=a,b&view=compare`), for `url-state`: loaded
 * when a table first keeps its state there. Unknown or malformed parts fall back to the defaults;
 * nothing here throws.
 */
import { RUN_STATES, type RunState } from '../../data/source.js';
import { GROUP_BYS, isColumnId, type GroupBy } from './run-rows.js';
import { DEFAULT_SORT, defaultState, type TableState } from './table-state.js';

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

/** Puts `s` in the page's URL hash, replacing the history entry (no new one), unless it is there already. */
export function writeUrl(s: TableState): void {
  const hash = writeHash(s);
  if (hash !== location.hash && !(hash === '' && location.hash === '#'))
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
}
