/**
 * Writing answers: JSON in the wire encoding (non-finite numbers tagged), with an ETag and
 * `Cache-Control: no-cache` for data that will not change (finished runs) so browsers revalidate
 * cheaply, `no-store` for live data, and gzip when the client takes it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { stringifyWire } from '../data/http-wire.js';
import { errorResponse } from './http-errors.js';

const gzipAsync = promisify(gzip);

export interface JsonOptions {
  /** True when the answer may change at any moment (a live run): never cached. */
  live?: boolean;
  status?: number;
}

export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  value: unknown,
  o: JsonOptions = {},
): Promise<void> {
  const text = stringifyWire(value);
  let body: Buffer = Buffer.from(text, 'utf8');
  const status = o.status ?? 200;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    Vary: varyOn(res, 'Accept-Encoding'),
  };
  if (status === 200) {
    if (o.live) headers['Cache-Control'] = 'no-store';
    else {
      const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
      headers.ETag = etag;
      headers['Cache-Control'] = 'no-cache';
      if (matchesEtag(req.headers['if-none-match'], etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
  } else headers['Cache-Control'] = 'no-store';
  if (body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = await gzipAsync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A `Vary` value that keeps what the answer already varies on (`Origin`, set for CORS). */
export function varyOn(res: ServerResponse, header: string): string {
  const before = res.getHeader('Vary');
  const list = (Array.isArray(before) ? before.join(',') : String(before ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (!list.some((v) => v.toLowerCase() === header.toLowerCase())) list.push(header);
  return list.join(', ');
}

export async function sendError(req: IncomingMessage, res: ServerResponse, e: unknown): Promise<void> {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = errorResponse(e);
  await sendJson(req, res, body, { status });
}

export function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return text.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(body.length),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
