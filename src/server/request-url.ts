/**
 * Splits a request target into decoded path segments and query parameters, without URL
 * normalisation: `/a/../b` must be refused as a file path, not quietly read as `/b` (which is what
 * `new URL()` would do, for `%2e%2e` too).
 */
import { badRequest } from './http-errors.js';

export interface RequestTarget {
  /** Decoded segments of the path; `/api/runs/a%2Fb` → `['api', 'runs', 'a/b']`. Empty segments are kept. */
  segments: string[];
  query: URLSearchParams;
}

export function parseTarget(target: string | undefined): RequestTarget {
  const raw = target ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/');
  if (parts[0] === '') parts.shift();
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    throw badRequest(`The request path ${JSON.stringify(path)} is not valid percent-encoding.`);
  }
  return { segments, query };
}

/**
 * The run-relative file path named by decoded segments, or a refusal: every segment must be a
 * plain name (no `.`, `..`, empty segment, slash, backslash or NUL), so the path can only lead
 * down into the run folder.
 */
export function filePathOf(segments: readonly string[]): string {
  if (segments.length === 0) throw badRequest('A file path is required.');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s) || /^[A-Za-z]:$/.test(s)) {
      throw badRequest(
        `Refused the path ${JSON.stringify(segments.join('/'))}: only paths inside the run folder are allowed.`,
      );
    }
  }
  return segments.join('/');
}
