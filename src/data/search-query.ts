/**
 * The one search-box language of every runpage list (workspace panels, file list, model tree,
 * key/value tables, artifact and run tables). Pure, no DOM.
 *
 * Terms are separated by spaces and must all match:
 * - plain text is a case-insensitive substring (`loss`); `"two words"` keeps spaces;
 * - `/regex/flags` is a regular expression, always case-insensitive (`g` and `y` are refused);
 * - a term with `*`, `?` or `[…]` is a glob that must match a whole field (`*.py`, `ckpt-??.pt`);
 * - a leading `-` or `!` turns a term into an exclusion (`-val`, `!/^sys/`).
 *
 * Texts made of several fields join them with `\u0000` (`FIELD_SEPARATOR`): substrings and regexes
 * see the whole text, a glob matches when one field matches it whole.
 */
import { globToRegExp } from '../data/glob.js';

export const FIELD_SEPARATOR = '\u0000';

export type QueryTermKind = 'text' | 'regex' | 'glob';

export interface QueryTerm {
  kind: QueryTermKind;
  exclude: boolean;
  /** Case-insensitive, not global (reusable); anchored to a whole field for globs. */
  re: RegExp;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Why a `/regex/` term is not one (bad syntax, no closing slash, g or y flag); it is then matched as text. */
  error?: string;
  /** The term that gave `error`, as typed. */
  invalid?: string;
}

export interface QueryOptions {
  /** Treat `*`, `?` and `[…]` as glob characters (default true); off, they are plain text. */
  glob?: boolean;
}

const GLOB_CHARS = /[*?[]/;
const SPACE = /\s/;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits the query into raw terms, keeping `/…/` and `"…"` (spaces and all) together. */
function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    if (SPACE.test(input[i])) {
      i++;
      continue;
    }
    const start = i;
    if ((input[i] === '-' || input[i] === '!') && i + 1 < input.length && !SPACE.test(input[i + 1])) i++;
    if (input[i] === '/' && i + 1 < input.length && !SPACE.test(input[i + 1])) {
      i++;
      while (i < input.length && input[i] !== '/') i += input[i] === '\\' ? 2 : 1;
      if (i < input.length) i++; // closing slash
      while (i < input.length && /[a-z]/i.test(input[i])) i++;
    } else if (input[i] === '"' && input.indexOf('"', i + 1) > i) {
      i = input.indexOf('"', i + 1) + 1;
    } else {
      while (i < input.length && !SPACE.test(input[i])) i++;
    }
    tokens.push(input.slice(start, Math.min(i, input.length)));
  }
  return tokens;
}

function regexTerm(body: string): RegExp | string {
  const close = body.lastIndexOf('/');
  if (close === 0) return `missing closing / in ${body}`;
  const flags = body.slice(close + 1);
  if (/[gy]/.test(flags)) return `flags g and y are not used in ${body}`;
  try {
    return new RegExp(body.slice(1, close), flags.includes('i') ? flags : flags + 'i');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Parses a search box value. A bad `/regex/` sets `error` and is matched as plain text. */
export function parseQuery(input: string, o: QueryOptions = {}): ParsedQuery {
  const out: ParsedQuery = { terms: [] };
  for (const token of tokenize(typeof input === 'string' ? input : '')) {
    const exclude = (token[0] === '-' || token[0] === '!') && token.length > 1;
    let body = exclude ? token.slice(1) : token;
    if (body.length > 1 && body[0] === '/') {
      const re = regexTerm(body);
      if (typeof re !== 'string') {
        out.terms.push({ kind: 'regex', exclude, re });
        continue;
      }
      out.error ??= re;
      out.invalid ??= token;
    } else if (body.length >= 2 && body[0] === '"' && body.endsWith('"')) {
      body = body.slice(1, -1);
      if (body) out.terms.push({ kind: 'text', exclude, re: new RegExp(escapeRegExp(body), 'i') });
      continue;
    } else if (o.glob !== false && GLOB_CHARS.test(body)) {
      out.terms.push({ kind: 'glob', exclude, re: globToRegExp(body, { ignoreCase: true }) });
      continue;
    }
    out.terms.push({ kind: 'text', exclude, re: new RegExp(escapeRegExp(body), 'i') });
  }
  return out;
}

function termMatches(t: QueryTerm, text: string): boolean {
  if (t.kind !== 'glob' || !text.includes(FIELD_SEPARATOR)) return t.re.test(text);
  return text.split(FIELD_SEPARATOR).some((field) => t.re.test(field));
}

/** Whether `text` matches every inclusion term and no exclusion term (no terms: everything matches). */
export function matchesQuery(terms: readonly QueryTerm[], text: string): boolean {
  for (const t of terms) if (termMatches(t, text) === t.exclude) return false;
  return true;
}

/** A test for texts, for a query typed once and tested against many texts. */
export function queryMatcher(input: string, o?: QueryOptions): (text: string) => boolean {
  const { terms } = parseQuery(input, o);
  if (!terms.length) return () => true;
  return (text) => matchesQuery(terms, text);
}

/**
 * Whether the query is one plain substring (no exclusion, regex, quotes, glob or space): callers
 * may then match lower-cased texts with `includes`, and narrow the previous result as it grows.
 */
export function isPlainQuery(input: string, o: QueryOptions = {}): boolean {
  const q = input.trim();
  if (/\s/.test(q) || q[0] === '/' || q[0] === '"') return false;
  if (q.length > 1 && (q[0] === '-' || q[0] === '!')) return false;
  return o.glob === false || !GLOB_CHARS.test(q);
}

/** Character ranges `[start, end)` of `text` that inclusion terms matched, merged and sorted. */
export function highlightRanges(terms: readonly QueryTerm[], text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const t of terms) {
    if (t.exclude) continue;
    const re = new RegExp(t.re.source, t.re.flags + 'g');
    for (const m of text.matchAll(re)) {
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
