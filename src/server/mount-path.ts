/**
 * Where the server's root is in a request's path. Three ways to be mounted:
 * - at the root of its own server: the path is the request's;
 * - behind a proxy that keeps the prefix (`location /runpage/ { proxy_pass http://…; }` without a
 *   URI part): `basePath: '/runpage'` removes it;
 * - inside an Express or Connect app (`app.use('/runpage', handler)`): the framework has already
 *   removed the prefix (it keeps the whole path in `req.originalUrl`), so `basePath` is not needed
 *   and is not removed again.
 */
import type { IncomingMessage } from 'node:http';

export type Mounted =
  /** `target`: the path and query below the server root, starting with `/`. */
  | { kind: 'inside'; target: string }
  /** Not under the base path: not this server's request. */
  | { kind: 'outside' }
  /** The root without its final slash (relative links would miss it): send the browser there. */
  | { kind: 'redirect'; location: string };

/** `runpage`, `/runpage/`, `/a/b` → `/runpage`, `/a/b`; `''` or `/` → `''`; throws on anything else. */
export function normalizeBasePath(path: string | undefined): string {
  if (path === undefined) return '';
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  const withSlash = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  if (!/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/.test(withSlash) || /\/\.\.?(\/|$)/.test(withSlash))
    throw new Error(`${JSON.stringify(path)} is not a path prefix (give one like /runpage).`);
  return withSlash;
}

export function resolveMount(req: IncomingMessage & { originalUrl?: string }, basePath: string): Mounted {
  const url = req.url ?? '/';
  const original = typeof req.originalUrl === 'string' ? req.originalUrl : url;
  const strippedByApp = original !== url;
  let target = url;
  if (!strippedByApp && basePath !== '') {
    const [path] = url.split('?', 1);
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return { kind: 'outside' };
    target = url.slice(basePath.length) || '/';
    if (target.startsWith('?')) target = `/${target}`;
  }
  // `/runpage` (or `/runpage?x`): the page's relative links need `/runpage/`.
  const [originalPath, query] = splitQuery(original);
  const [targetPath] = splitQuery(target);
  if (targetPath === '/' && !originalPath.endsWith('/') && originalPath !== '') {
    const last = originalPath.slice(originalPath.lastIndexOf('/') + 1);
    return { kind: 'redirect', location: `${last}/${query === undefined ? '' : `?${query}`}` };
  }
  return { kind: 'inside', target };
}

function splitQuery(url: string): [string, string | undefined] {
  const q = url.indexOf('?');
  return q < 0 ? [url, undefined] : [url.slice(0, q), url.slice(q + 1)];
}
