/**
 * The URLs of the runpage HTTP protocol (docs/protocol.md) under a server root: what HttpSource
 * answers at once (`url`, `fileUrl`) and what its client (http-client.ts) requests.
 */

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

/** `base` as a server root: absolute (against the page, in a browser), no query or hash, ending in `/`. */
export function serverRoot(base: string | URL): string {
  const href = String(base);
  const root =
    typeof location !== 'undefined' && typeof location.href === 'string' ? new URL(href, location.href) : new URL(href);
  root.search = '';
  root.hash = '';
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return root.href;
}

/** The absolute URL of an API path (`api/runs/…`) under `base` with query parameters. */
export function apiUrl(base: string, path: string, query: Query = {}): string {
  const u = new URL(path, base);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, String(item));
    else u.searchParams.set(k, String(v));
  }
  return u.href;
}

export function runPath(runId: string, ...rest: string[]): string {
  return ['api', 'runs', encodeURIComponent(String(runId)), ...rest].join('/');
}

/** `a//b/c/` → `a/b/c`; undefined for `.`/`..` segments, backslashes or NUL (never sent). */
export function rawPathOf(path: string): string | undefined {
  if (typeof path !== 'string' || path.includes('\0') || path.includes('\\')) return undefined;
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) return undefined;
  return parts.join('/');
}

/** The URL of a run file's bytes (`api/runs/<run>/raw/<path>`), or undefined when the path is refused. */
export function rawUrl(base: string, runId: string, path: string): string | undefined {
  const clean = rawPathOf(path);
  if (clean === undefined) return undefined;
  return apiUrl(base, runPath(runId, 'raw', ...clean.split('/').map(encodeURIComponent)));
}
