/**
 * Cross-origin access for pages on other origins (a portal using `HttpSource` with an
 * `Authorization` header): the origins given with `--cors` get `Access-Control-Allow-Origin` on
 * every answer and their preflight answered; other origins get no CORS header at all, so browsers
 * keep their pages from reading anything. No credentials mode: the token travels in a header the
 * page sets, never in a cookie sent by the browser on its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers a client may send: the token, byte ranges, live-stream resumption, revalidation. */
const ALLOWED_HEADERS = 'Authorization, Range, Last-Event-ID, If-None-Match, If-Range, Accept';
/** Headers HttpSource reads from answers. */
const EXPOSED_HEADERS = 'Content-Range, Content-Length, Accept-Ranges, ETag';

/** `https://portal.example.com` and the like, exactly as browsers send them in `Origin`. */
export function parseOrigins(list: readonly string[]): string[] {
  return list.map((raw) => {
    const text = raw.trim().replace(/\/$/, '');
    let origin: string | undefined;
    try {
      origin = new URL(text).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === 'null' || origin !== text)
      throw new Error(`${JSON.stringify(raw)} is not an origin (give origins like https://portal.example.com).`);
    return origin;
  });
}

export type CorsOutcome = 'none' | 'allowed' | 'preflight-answered' | 'preflight-refused';

/**
 * Sets the CORS headers an answer to this request carries, and answers a preflight. Call before
 * anything else is written (the headers are merged into the answer's own).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): CorsOutcome {
  if (origins.length === 0) return 'none';
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  const isPreflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (typeof origin !== 'string' || !origins.includes(origin)) return isPreflight ? 'preflight-refused' : 'none';
  res.setHeader('Access-Control-Allow-Origin', origin);
  if (!isPreflight) {
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return 'allowed';
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
  return 'preflight-answered';
}
