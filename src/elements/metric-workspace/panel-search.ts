/**
 * Panel-name search: whitespace-separated terms; a term is a case-insensitive substring or a
 * `/regex/flags` (case-insensitive too); a leading `-` or `!` turns a term into an exclusion. A name matches when it
 * matches every inclusion term and no exclusion term.
 */

export interface SearchTerm {
  exclude: boolean;
  /** Tests a name; global-free, so it can be reused. */
  re: RegExp;
}

export type ParsedSearch = { ok: true; terms: SearchTerm[] } | { ok: false; error: string };

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

function escapeRegex(text: string): string {
  return text.replace(ESCAPE, '\\$&');
}

/** Splits the query into raw terms, keeping `/…/` (spaces and all) together. */
function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i++;
      continue;
    }
    const start = i;
    if (input[i] === '-' || input[i] === '!') i++;
    if (input[i] === '/') {
      i++;
      while (i < input.length && input[i] !== '/') i += input[i] === '\\' ? 2 : 1;
      if (i < input.length) i++; // closing slash
      while (i < input.length && /[a-z]/i.test(input[i])) i++;
    } else {
      while (i < input.length && !/\s/.test(input[i])) i++;
    }
    tokens.push(input.slice(start, Math.min(i, input.length)));
  }
  return tokens;
}

function parseTerm(token: string): SearchTerm | string | undefined {
  let exclude = false;
  let body = token;
  if (body[0] === '-' || body[0] === '!') {
    exclude = true;
    body = body.slice(1);
  }
  if (body === '') return undefined;
  if (body[0] !== '/' || body === '/') return { exclude, re: new RegExp(escapeRegex(body), 'i') };
  const close = body.lastIndexOf('/');
  if (close === 0) return `missing closing / in ${token}`;
  const pattern = body.slice(1, close);
  const flags = body.slice(close + 1);
  if (/[gy]/.test(flags)) return `flags g and y are not used in ${token}`;
  try {
    return { exclude, re: new RegExp(pattern, flags.includes('i') ? flags : flags + 'i') };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Parses a search box value; an invalid regex gives `{ ok: false, error }`. */
export function parseSearch(input: string): ParsedSearch {
  const terms: SearchTerm[] = [];
  for (const token of tokenize(input)) {
    const term = parseTerm(token);
    if (typeof term === 'string') return { ok: false, error: term };
    if (term) terms.push(term);
  }
  return { ok: true, terms };
}

/** Whether the search has any term (an empty one shows everything). */
export function isActiveSearch(search: ParsedSearch): boolean {
  return search.ok && search.terms.length > 0;
}

export function matchesSearch(terms: readonly SearchTerm[], name: string): boolean {
  for (const t of terms) if (t.re.test(name) === t.exclude) return false;
  return true;
}

/** Character ranges `[start, end)` of `name` that inclusion terms matched, merged and sorted. */
export function highlightRanges(terms: readonly SearchTerm[], name: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const t of terms) {
    if (t.exclude) continue;
    const re = new RegExp(t.re.source, t.re.flags + 'g');
    for (const m of name.matchAll(re)) {
      if (m[0].length === 0) continue;
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
