/**
 * `GET /api/runs/{run}/raw/{path}`: a run's file as bytes, with single byte ranges (`Range:
 * bytes=a-b`, `a-`, `-n`), the file's content type, and an ETag for finished runs. Files on disk
 * are streamed through the run's folder (which refuses anything outside it); in-memory runs read
 * from their source.
 *
 * A run file is the user's content, not ours: it is sent with `Content-Security-Policy: sandbox`
 * and `nosniff`, so an HTML or SVG file opened directly cannot act as the server's own page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { guessMime } from '../data/mime.js';
import { SourceError } from '../data/errors.js';
import type { FileBytes } from '../data/source.js';
import { matchesEtag } from './respond.js';
import type { ServedRun } from './catalog.js';

export interface ByteSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The span a `Range` header asks for in a file of `size` bytes: undefined to send the whole file
 * (no header, several ranges, another unit or bad syntax, which RFC 9110 lets a server ignore),
 * or 'unsatisfiable'.
 */
export function parseRange(header: string | undefined, size: number): ByteSpan | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (last < start) return undefined;
  return { start, end: last + 1 };
}

function contentType(path: string, mime: string | undefined): string {
  const type = mime && mime !== 'inode/symlink' ? mime : (guessMime(path) ?? 'application/octet-stream');
  return type.startsWith('text/') || type === 'application/json' ? `${type}; charset=utf-8` : type;
}

export async function sendRunFile(
  req: IncomingMessage,
  res: ServerResponse,
  run: ServedRun,
  path: string,
  live: boolean,
): Promise<void> {
  const headers = fileHeaders(live);
  const rangeHeader = typeof req.headers.range === 'string' ? req.headers.range : undefined;

  if (!run.files) return sendHeldFile(req, res, await run.source.readFile(run.id, path), live);
  const files = run.files;
  const { size, modified } = await files.stat(path);
  headers['Content-Type'] = contentType(path, undefined);
  if (!live) headers.ETag = `"${size.toString(36)}-${Math.floor(modified).toString(36)}"`;
  return sendBytes(req, res, headers, size, rangeHeader, (span) => files.stream(path, span.start, span.end));
}

/** A file whose bytes a source holds (an in-memory run, an artifact file), with ranges served from them. */
export async function sendHeldFile(
  req: IncomingMessage,
  res: ServerResponse,
  whole: FileBytes,
  live: boolean,
): Promise<void> {
  const headers = fileHeaders(live);
  headers['Content-Type'] = contentType(whole.path, whole.mime);
  if (!live) headers.ETag = `"m${whole.size.toString(36)}-${hash(whole.bytes)}"`;
  const rangeHeader = typeof req.headers.range === 'string' ? req.headers.range : undefined;
  return sendBytes(req, res, headers, whole.size, rangeHeader, async function* (span) {
    yield whole.bytes.subarray(span.start, span.end);
  });
}

function fileHeaders(live: boolean): Record<string, string> {
  return {
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    'Cache-Control': live ? 'no-store' : 'no-cache',
  };
}

async function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  size: number,
  rangeHeader: string | undefined,
  read: (span: ByteSpan) => AsyncIterable<Uint8Array>,
): Promise<void> {
  if (headers.ETag && matchesEtag(req.headers['if-none-match'], headers.ETag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // If-Range with a stale validator: send the whole (new) file instead of a piece of it.
  const ifRange = req.headers['if-range'];
  const useRange = !ifRange || (headers.ETag !== undefined && ifRange === headers.ETag);
  const range = useRange ? parseRange(rangeHeader, size) : undefined;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const span = range ?? { start: 0, end: size };
  if (range) headers['Content-Range'] = `bytes ${span.start}-${span.end - 1}/${size}`;
  headers['Content-Length'] = String(span.end - span.start);
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || span.end <= span.start) {
    res.end();
    return;
  }
  try {
    for await (const chunk of read(span)) {
      if (res.destroyed) return;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
    }
    res.end();
  } catch (e) {
    // Headers are gone already: the only honest signal left is a broken connection.
    res.destroy(e instanceof Error ? e : new SourceError('unavailable', String(e)));
  }
}

function hash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(36);
}
