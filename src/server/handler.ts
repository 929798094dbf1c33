/**
 * The runpage server as a Node request handler, `(req, res, next?)`: mount it in `node:http`, an
 * Express or Connect app, or behind a proxy, with the options `runpage serve` takes.
 *
 *   GET  <root>                     the runs list (HTML)
 *   GET  <root>runs/{run}           one run's <run-page> (HTML)
 *   GET  <root>runpage.bundle.js    the script-tag bundle (and its .map), <root>bundle-chunks/* its lazy pieces
 *   GET  <root>api/…                the JSON protocol behind HttpSource (docs/protocol.md)
 *   GET  <root>login, POST <root>login   the sign-in form, when the server has a token
 *
 * Every request is checked in this order: one Host header naming this server (DNS rebinding),
 * CORS (a preflight is answered here), the token or `authorize` hook, then the route. No request
 * can take the server down: every failure becomes an error answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SourceError } from '../data/errors.js';
import { handleApi } from './api.js';
import { Auth } from './auth.js';
import { findBundle } from './bundle-file.js';
import type { RunCatalog } from './catalog.js';
import { applyCors, parseOrigins } from './cors.js';
import { hostRefusal, parseAllowedHosts } from './host-check.js';
import { normalizeBasePath, resolveMount } from './mount-path.js';
import { openRuns, type OpenedRuns, type RunsToServe } from './open-runs.js';
import { LIST_SCRIPT, PAGE_SCRIPT, PAGE_STYLE, runPage, runsListPage } from './pages.js';
import { RUN_PAGE_SIZE } from '../data/run-query.js';
import { parseTarget } from './request-url.js';
import { sendError, sendText } from './respond.js';
import { handleSignIn, signInPage } from './sign-in.js';
import { StaticAssets } from './static-assets.js';

export interface RunpageHandlerOptions extends RunsToServe {
  /** Serve this catalog (an app's own runs, tests) besides what `paths` and `mlflow` name. */
  catalog?: RunCatalog;
  /** Problems to show on the runs list besides those met finding runs. */
  problems?: string[];
  /** Every request needs this token (`Authorization: Bearer`, or the sign-in form's cookie). At least 16 characters. */
  authToken?: string;
  /** Decides about a request itself (SSO headers set by a proxy): true lets it in. With `authToken`, either one does. */
  authorize?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** Origins whose pages may read the API (`https://portal.example.com`); none by default. */
  cors?: string[];
  /** Host names the server answers to besides its loopback names (what a proxy forwards). */
  allowedHosts?: string[];
  /** The path prefix requests arrive with when a proxy does not remove it (`/runpage`). */
  basePath?: string;
  /** Pages that may embed the served pages in a frame (CSP `frame-ancestors` sources); default none. */
  frameAncestors?: string[];
  /** The built `runpage.bundle.js` to serve; default the package's. */
  bundlePath?: string;
  /** The clock (epoch ms) for sign-in sessions, for tests. */
  now?: () => number;
}

export interface RunpageHandler {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /** Settles once the runs have been found: how many, and the problems met. */
  readonly ready: Promise<{ runs: number; problems: string[] }>;
  /** Stops live reading and closes the catalogs. */
  close(): Promise<void>;
}

/** A rising line in a rounded square, so a tab of runpage is told apart from others (and no 404 is logged). */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6feb"/>' +
  '<path d="M5 24l7-8 5 4 10-12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** What may be fetched without signing in: the sign-in form, its stylesheet and the icon. */
const OPEN_PATHS = new Set(['login', 'assets/page.css', 'favicon.ico']);

/** Checks every option first and throws a clear Error for a bad one; the runs are read in the background. */
export function createRunpageHandler(options: RunpageHandlerOptions = {}): RunpageHandler {
  if (options.catalog && options.public)
    throw new Error(
      'public hides the details of the runs the server reads (paths, mlflow); a catalog handed over is served as it is.',
    );
  const basePath = normalizeBasePath(options.basePath);
  const origins = parseOrigins(options.cors ?? []);
  const allowedHosts = parseAllowedHosts(options.allowedHosts ?? []);
  const pageHeaders = pageHeadersFor(parseFrameAncestors(options.frameAncestors ?? []));
  const auth =
    options.authToken !== undefined || options.authorize
      ? new Auth({ token: options.authToken, authorize: options.authorize, now: options.now })
      : undefined;
  const assets = new StaticAssets(options.bundlePath ?? findBundle(), {
    'assets/page.js': PAGE_SCRIPT,
    'assets/list.js': LIST_SCRIPT,
    'assets/page.css': PAGE_STYLE,
  });
  const opening: Promise<OpenedRuns> = openRuns(options);
  // A failure to open is answered on each request; never an unhandled rejection.
  opening.catch(() => undefined);

  const handler = ((req, res, next) => {
    serveRequest(req, res, next).catch((e: unknown) => sendError(req, res, e).catch(() => res.destroy()));
  }) as RunpageHandler;

  async function serveRequest(
    req: IncomingMessage,
    res: ServerResponse,
    next: ((error?: unknown) => void) | undefined,
  ): Promise<void> {
    const mounted = resolveMount(req, basePath);
    if (mounted.kind === 'outside') {
      if (next) return next();
      throw new SourceError('not-found', `Nothing here: this runpage server lives under ${basePath}/.`);
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Two Host headers make the check below meaningless (Node keeps only the first): refuse them.
    if (hostHeaderCount(req) > 1)
      return sendErrorJson(res, 400, 'invalid-data', 'The request has more than one Host header.');
    const refusal = hostRefusal(req, allowedHosts);
    if (refusal) return sendErrorJson(res, 403, 'unauthorized', refusal);
    const cors = applyCors(req, res, origins);
    if (cors === 'preflight-answered') return;
    if (cors === 'preflight-refused')
      return sendErrorJson(res, 403, 'unauthorized', 'This origin may not read this server (see --cors).');
    if (mounted.kind === 'redirect') {
      res.writeHead(308, { Location: mounted.location, 'Content-Length': '0' });
      res.end();
      return;
    }

    const { segments, query } = parseTarget(mounted.target);
    const path = segments.join('/');
    if (path === 'login' && auth?.hasToken) {
      if (req.method === 'POST') return handleSignIn(req, res, auth, pageHeaders);
      if (req.method === 'GET' || req.method === 'HEAD') {
        const next = typeof query.get('next') === 'string' ? query.get('next')! : '';
        return sendText(res, 200, 'text/html; charset=utf-8', signInPage('', next), pageHeaders);
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendErrorJson(res, 405, 'unsupported', `${req.method} is not supported; use GET.`);
    }
    if (auth && !OPEN_PATHS.has(path) && !(await auth.allows(req))) return refuse(req, res, segments, mounted.target);

    if (path === 'favicon.ico')
      return sendText(res, 200, 'image/svg+xml', FAVICON, { 'Cache-Control': 'max-age=86400' });
    if (segments[0] !== 'api' && (await assets.serve(req, res, segments))) return;

    const runs = await opening;
    const [head, ...rest] = segments;
    if (head === 'api') return handleApi(runs.catalog, req, res, rest, query, runs.watcher);
    if (segments.length === 0 || path === '') {
      // The newest runs first, without listing them all where the catalog can (a large folder).
      const page = await runs.catalog.queryRuns?.({ limit: RUN_PAGE_SIZE });
      const list = page?.runs ?? (await runs.catalog.listRuns());
      const html = runsListPage(list, runs.problems, '', page?.total ?? list.length);
      return sendText(res, 200, 'text/html; charset=utf-8', html, pageHeaders);
    }
    if (head === 'runs' && rest.length === 1 && rest[0] !== '') {
      const id = rest[0];
      const served = await runs.catalog.get(id).catch((e: unknown) => e as Error);
      if (served instanceof Error && (served as SourceError).code === 'not-found')
        return sendText(
          res,
          404,
          'text/html; charset=utf-8',
          runsListPage([], [`There is no run ${id} on this server.`], '../'),
          pageHeaders,
        );
      const info = served instanceof Error ? undefined : await served.source.getRun(id).catch(() => undefined);
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
      return sendText(
        res,
        200,
        'text/html; charset=utf-8',
        runPage(id, text(info?.name) ?? id, text(info?.project)),
        pageHeaders,
      );
    }
    throw new SourceError('not-found', `Nothing at /${path}.`);
  }

  /** 401: a browser asking for a page gets the sign-in form; anything else the protocol's error. */
  function refuse(req: IncomingMessage, res: ServerResponse, segments: string[], target: string): void {
    const wantsPage = /\btext\/html\b/.test(String(req.headers.accept ?? '')) && segments[0] !== 'api';
    if (auth?.hasToken && wantsPage) {
      const root = '../'.repeat(Math.max(0, segments.length - 1));
      return sendText(res, 401, 'text/html; charset=utf-8', signInPage(root, target.replace(/^\/+/, '')), pageHeaders);
    }
    if (auth?.hasToken) res.setHeader('WWW-Authenticate', 'Bearer realm="runpage"');
    const message = auth?.hasToken
      ? 'This runpage server needs its token: send Authorization: Bearer <token>, or sign in.'
      : 'This request is not allowed on this runpage server.';
    return sendErrorJson(res, auth?.hasToken ? 401 : 403, 'unauthorized', message);
  }

  Object.defineProperty(handler, 'ready', {
    value: opening.then((r) => ({ runs: r.count, problems: r.problems })),
  });
  handler.ready.catch(() => undefined);
  handler.close = async () => {
    const runs = await opening.catch(() => undefined);
    runs?.watcher.close();
    await runs?.catalog.close();
  };
  return handler;
}

function sendErrorJson(res: ServerResponse, status: number, code: string, message: string): void {
  sendText(
    res,
    status,
    'application/json; charset=utf-8',
    JSON.stringify({ error: { code, message, retryable: false } }),
    { 'Cache-Control': 'no-store' },
  );
}

function hostHeaderCount(req: IncomingMessage): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
}

/**
 * CSP `frame-ancestors` sources: `'self'`, `https://portal.example.com`, `*.example.com`,
 * `https:`… (`self` and `none` may be given without quotes). Throws on anything else.
 */
export function parseFrameAncestors(list: readonly string[]): string[] {
  const out = list.map((raw) => {
    const s = raw.trim();
    if (/^'?(self|none)'?$/i.test(s)) return `'${s.replace(/'/g, '').toLowerCase()}'`;
    if (
      /^[a-z][a-z0-9+.-]*:$/i.test(s) ||
      /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[A-Za-z0-9._~%!$&()*+=:@/-]*)?$/i.test(
        s,
      )
    )
      return s;
    throw new Error(
      `${JSON.stringify(raw)} is not a frame-ancestors source (give 'self' or origins like https://portal.example.com).`,
    );
  });
  if (out.includes("'none'") && out.length > 1)
    throw new Error("frame-ancestors 'none' cannot be combined with other sources.");
  return out;
}

/**
 * Headers of every HTML page: a strict Content-Security-Policy (the pages load only the server's
 * own script, styles and data; no inline script or style) and no framing, unless pages that may
 * embed them are named.
 */
function pageHeadersFor(frameAncestors: readonly string[]): Record<string, string> {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  const headers: Record<string, string> = {
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
      "media-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
      `base-uri 'self'; form-action 'self'; frame-ancestors ${ancestors}`,
    'Cache-Control': 'no-store',
  };
  // The old header knows only DENY and SAMEORIGIN; browsers that know frame-ancestors ignore it.
  if (frameAncestors.length === 0) headers['X-Frame-Options'] = 'DENY';
  return headers;
}
