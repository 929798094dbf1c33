/**
 * The matcher of a log search's query, apart from the search (log-search.ts): the log viewer checks
 * and highlights a query as it is typed, and the search itself loads with the first one it runs.
 */
import { SourceError } from './errors.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for the query; an invalid regular expression is SourceError('invalid-data'). */
export function compileQuery(o: { query: string; regex: boolean; caseSensitive: boolean }): RegExp {
  const source = o.regex ? o.query : escapeRegExp(o.query);
  try {
    return new RegExp(source, o.caseSensitive ? '' : 'i');
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^Invalid regular expression: /, '');
    throw new SourceError('invalid-data', `The search is not a valid regular expression: ${reason}`);
  }
}
