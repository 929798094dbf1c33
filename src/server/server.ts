/**
 * The `runpage serve` HTTP server (node:http, no framework):
 *
 *   GET /                      the runs list (HTML)
 *   GET /runs/{run}            one run's <run-page> (HTML)
 *   GET /runpage.bundle.js     the script-tag bundle (and its .map), /bundle-chunks/* its lazy pieces
 *   GET /api/…                 the JSON protocol behind HttpSource (docs/protocol.md)
 *
 * Binds to 127.0.0.1 unless told otherwise. No request can take the server down: every handler's
 * failure becomes an error answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceError } from '../data/errors.js';
import { handleApi } from './api.js';
import { findBundle } from './bundle-file.js';
import { PAGE_SCRIPT, PAGE_STYLE, runPage, runsListPage } from './pages.js';
import { StaticAssets } from './static-assets.js';
import { parseTarget } from './request-url.js';
import { sendError, sendText } from './respond.js';
import type { RunRegistry } from './registry.js';

export interface ServeOptions {
  port?: number;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Problems met while discovering runs, shown on the runs list. */
  problems?: string[];
  /** The script-tag bundle to serve; default: the package's dist/runpage.bundle.js. */
  bundlePath?: string;
}

export interface RunpageServer {
  server: Server;
  /** `http://host:port/` */
  url: string;
  close(): Promise<void>;
}

export async function startServer(registry: RunRegistry, o: ServeOptions = {}): Promise<RunpageServer> {
  const host = o.host ?? '127.0.0.1';
  let allowedHosts: Set<string> | undefined;
  const assets = new StaticAssets(o.bundlePath ?? findBundle(), {
    'assets/page.js': PAGE_SCRIPT,
    'assets/page.css': PAGE_STYLE,
  });
  const server = createServer((req, res) => {
    // Two Host headers make the check below meaningless (Node keeps only the first): refuse them.
    if (hostHeaderCount(req) > 1) {
      sendText(
        res,
        400,
        'application/json; charset=utf-8',
        JSON.stringify({
          error: { code: 'invalid-data', message: 'The request has more than one Host header.', retryable: false },
        }),
      );
      return;
    }
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read local runs.
    if (allowedHosts && !allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      sendText(
        res,
        403,
        'application/json; charset=utf-8',
        JSON.stringify({
          error: {
            code: 'unauthorized',
            message: `Host ${JSON.stringify(req.headers.host ?? '')} is not this server.`,
            retryable: false,
          },
        }),
      );
      return;
    }
    handle(registry, o, assets, req, res).catch((e: unknown) => sendError(req, res, e).catch(() => res.destroy()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const port = address.port;
  if (isLoopback(address.address)) {
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }
  // Bound to every interface: show an address this machine can open.
  const shown =
    address.address === '0.0.0.0' || address.address === '::'
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return {
    server,
    url: `http://${shown}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        registry.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A rising line in a rounded square, so a tab of runpage is told apart from others (and no 404 is logged). */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6feb"/>' +
  '<path d="M5 24l7-8 5 4 10-12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';
}

function hostHeaderCount(req: IncomingMessage): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') n++;
  return n;
}

/**
 * Headers of every HTML page: a strict Content-Security-Policy (the pages load only the server's
 * own script, styles and data; no inline script or style), and no framing by other sites.
 */
const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    "media-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

async function handle(
  registry: RunRegistry,
  o: ServeOptions,
  assets: StaticAssets,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(
      res,
      405,
      'application/json; charset=utf-8',
      JSON.stringify({
        error: { code: 'unsupported', message: `${req.method} is not supported; use GET.`, retryable: false },
      }),
    );
    return;
  }
  const { segments, query } = parseTarget(req.url);
  const [head, ...rest] = segments;
  if (head === 'api') return handleApi(registry, req, res, rest, query);
  if (segments.length === 0 || (segments.length === 1 && head === '')) {
    const runs = await registry.listRuns();
    return sendText(res, 200, 'text/html; charset=utf-8', runsListPage(runs, o.problems), PAGE_HEADERS);
  }
  if (head === 'runs' && rest.length === 1 && rest[0] !== '') {
    const id = rest[0];
    if (!registry.has(id))
      return sendText(
        res,
        404,
        'text/html; charset=utf-8',
        runsListPage([], [`There is no run ${id} on this server.`], '../'),
        PAGE_HEADERS,
      );
    const served = await registry.get(id).catch(() => undefined);
    const name = served ? (await served.source.getRun(id).catch(() => undefined))?.name : undefined;
    const title = name ?? registry.location(id)?.name ?? id;
    return sendText(res, 200, 'text/html; charset=utf-8', runPage(id, title), PAGE_HEADERS);
  }
  if (segments.length === 1 && head === 'favicon.ico') {
    return sendText(res, 200, 'image/svg+xml', FAVICON, { 'Cache-Control': 'max-age=86400' });
  }
  if (await assets.serve(req, res, segments)) return;
  throw new SourceError('not-found', `Nothing at /${segments.join('/')}.`);
}
