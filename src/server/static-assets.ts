/**
 * The files `runpage serve` sends besides the API: the script-tag bundle and exactly the lazy
 * chunks the build emitted beside it (whatever their names), and the served pages' own script and
 * stylesheet. Each is sent with an ETag, compressed (brotli or gzip, made once and kept), and
 * cached for good when its name carries a content hash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { SourceError } from '../data/errors.js';
import { matchesEtag, varyOn } from './respond.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** The name changes with the content: browsers may keep it for good. */
  immutable: boolean;
  br?: Promise<Buffer>;
  gz?: Promise<Buffer>;
  /** For files: the mtime and size it was read at, to notice a rebuild. */
  stamp?: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export class StaticAssets {
  private readonly cache = new Map<string, Asset>();

  /**
   * @param bundlePath the built `runpage.bundle.js`; its lazy chunks are in `bundle-chunks/` beside it.
   * @param inline assets held in memory, by URL path (the pages' own script and stylesheet).
   */
  constructor(
    private readonly bundlePath: string | undefined,
    inline: Record<string, string>,
  ) {
    for (const [path, text] of Object.entries(inline)) this.cache.set(path, asset(Buffer.from(text), path, false));
  }

  /** Sends the asset at `segments` and returns true, or returns false when the path is not an asset. */
  async serve(req: IncomingMessage, res: ServerResponse, segments: readonly string[]): Promise<boolean> {
    const path = segments.join('/');
    const inline = this.cache.get(path);
    if (inline && inline.stamp === undefined) {
      await send(req, res, inline);
      return true;
    }
    const file = await this.fileOf(segments);
    if (file === undefined) return false;
    await send(req, res, await this.read(path, file, segments[0] === 'bundle-chunks'));
    return true;
  }

  /** The file behind an asset path: the bundle, its map, or a chunk the build emitted. */
  private async fileOf(segments: readonly string[]): Promise<string | undefined> {
    const [head, name, ...more] = segments;
    if (segments.length === 1 && (head === 'runpage.bundle.js' || head === 'runpage.bundle.js.map')) {
      return this.builtBundle(head.endsWith('.map') ? `${this.bundlePath}.map` : this.bundlePath);
    }
    if (head !== 'bundle-chunks' || name === undefined || more.length > 0) return undefined;
    const dir = nodePath.join(nodePath.dirname(this.builtBundle(this.bundlePath)), 'bundle-chunks');
    // Exactly the names in the folder: no path is ever built from what the request says.
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.includes(name) ? nodePath.join(dir, name) : undefined;
  }

  private builtBundle(path: string | undefined): string {
    if (!this.bundlePath || !path) {
      throw new SourceError(
        'unavailable',
        'The runpage package is not built (run `npm run build` in the runpage package).',
        { retryable: false },
      );
    }
    return path;
  }

  private async read(key: string, file: string, immutable: boolean): Promise<Asset> {
    let s;
    try {
      s = await stat(file);
    } catch {
      throw new SourceError('not-found', `/${key} does not exist.`);
    }
    const stamp = `${s.mtimeMs}:${s.size}`;
    const held = this.cache.get(key);
    if (held?.stamp === stamp) return held;
    const a = asset(await readFile(file), key, immutable);
    a.stamp = stamp;
    this.cache.set(key, a);
    return a;
  }
}

function asset(body: Buffer, path: string, immutable: boolean): Asset {
  return {
    body,
    type: TYPES[nodePath.extname(path)] ?? 'application/octet-stream',
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    immutable,
  };
}

async function send(req: IncomingMessage, res: ServerResponse, a: Asset): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': a.type,
    ETag: a.etag,
    'Cache-Control': a.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    Vary: varyOn(res, 'Accept-Encoding'),
  };
  if (matchesEtag(req.headers['if-none-match'], a.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let body = a.body;
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (body.length > 1024 && /\bbr\b/.test(accepts)) {
    a.br ??= brotliAsync(a.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
    body = await a.br;
    headers['Content-Encoding'] = 'br';
  } else if (body.length > 1024 && /\bgzip\b/.test(accepts)) {
    a.gz ??= gzipAsync(a.body, { level: 9 });
    body = await a.gz;
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
