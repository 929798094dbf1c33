/**
 * Panel-name search in the shared query language (`data/search-query.ts`): substrings,
 * `/regex/`, globs, `-term` / `!term` exclusions. Unlike the tables, an invalid regex keeps the
 * previous result on screen, so the whole search is refused with the error.
 */
import { highlightRanges, matchesQuery, parseQuery, type QueryTerm } from '../../data/search-query.js';

export type SearchTerm = QueryTerm;

export type ParsedSearch = { ok: true; terms: SearchTerm[] } | { ok: false; error: string };

/** Parses a search box value; an invalid regex gives `{ ok: false, error }`. */
export function parseSearch(input: string): ParsedSearch {
  const parsed = parseQuery(input);
  return parsed.error === undefined ? { ok: true, terms: parsed.terms } : { ok: false, error: parsed.error };
}

/** Whether the search has any term (an empty one shows everything). */
export function isActiveSearch(search: ParsedSearch): boolean {
  return search.ok && search.terms.length > 0;
}

export const matchesSearch = matchesQuery;
export { highlightRanges };
