/**
 * The server never serves a file outside a run folder: `..` (plain and percent-encoded), absolute
 * paths, encoded slashes and symlinks leading out are all refused, and the secret next to the run
 * folder never appears in any answer. Also: byte ranges, content types and ETags on the same run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { eventBytes, eventFile, scalarValue } from '../formats/tfevents/encode.js';
import { rawGet, serve } from './helpers.js';
import type { RunpageServer } from '../../../src/server/server.js';

const SECRET = 'top-secret-value-0451';
const NOTES = 'hello from the run folder\n';

describe('path safety and byte ranges', () => {
  let dir: string;
  let server: RunpageServer;
  let runId: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-safety-'));
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'secret.txt'), SECRET);
    const run = join(dir, 'run');
    mkdirSync(run);
    const wall = Date.now() / 1000 - 3600; // an hour ago: a finished run
    const events = join(run, 'events.out.tfevents.1700000000.host.1.0');
    writeFileSync(events, eventFile([eventBytes(wall, 1, [scalarValue('loss', 0.5)])], wall));
    utimesSync(events, wall, wall);
    writeFileSync(join(run, 'notes.txt'), NOTES);
    mkdirSync(join(run, 'ckpt'));
    for (const n of [3, 1, 5, 2, 4]) writeFileSync(join(run, 'ckpt', `step-${n}.pt`), 'x'.repeat(n));
    symlinkSync(join(dir, 'secret.txt'), join(run, 'escape.txt'));
    symlinkSync(join(dir, 'outside'), join(run, 'outdir'));
    symlinkSync('/etc/passwd', join(run, 'passwd'));
    const found = await discoverRuns([run]);
    assert.equal(found.runs.length, 1);
    const s = await serve();
    s.registry.addLocations(found.runs);
    server = s.server;
    runId = found.runs[0].id;
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => `/api/runs/${encodeURIComponent(runId)}`;

  it('binds to 127.0.0.1 by default', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const r = await rawGet(server.url, `${base()}/raw/notes.txt`, { Host: host });
      assert.equal(r.status, 403, host);
      assert.ok(!r.body.toString().includes(NOTES.trim()), host);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      assert.equal((await rawGet(server.url, `${base()}/raw/notes.txt`, { Host: host })).status, 200, host);
    }
  });

  it('serves a file inside the run folder', async () => {
    const r = await rawGet(server.url, `${base()}/raw/notes.txt`);
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), NOTES);
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    assert.equal(r.headers['content-security-policy'], 'sandbox');
  });

  for (const [what, target] of [
    ['..', '/raw/../secret.txt'],
    ['.. twice', '/raw/../../secret.txt'],
    ['%2e%2e', '/raw/%2e%2e/secret.txt'],
    ['%2E%2E uppercase', '/raw/%2E%2E/%2E%2E/secret.txt'],
    ['.. with an encoded slash', '/raw/..%2Fsecret.txt'],
    ['an absolute path (empty segment)', '/raw//etc/passwd'],
    ['an absolute path (encoded slash)', '/raw/%2Fetc%2Fpasswd'],
    ['a backslash path', '/raw/..%5Csecret.txt'],
    ['a NUL byte', '/raw/notes.txt%00.png'],
    ['a symlink to a file outside', '/raw/escape.txt'],
    ['a path through a symlinked folder outside', '/raw/outdir/secret.txt'],
    ['a symlink to an absolute path', '/raw/passwd'],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const r = await rawGet(server.url, `${base()}${target}`);
      assert.ok(r.status === 400 || r.status === 404, `status ${r.status}`);
      assert.ok(!r.body.toString().includes(SECRET), 'the secret leaked');
      assert.ok(!r.body.toString().includes('root:'), '/etc/passwd leaked');
      const body = JSON.parse(r.body.toString()) as { error: { code: string; message: string; retryable: boolean } };
      assert.ok(['invalid-data', 'not-found'].includes(body.error.code));
      assert.equal(typeof body.error.message, 'string');
    });
  }

  it('refuses a folder listing outside the run folder', async () => {
    for (const dirParam of ['..', '../outside', '%2e%2e']) {
      const r = await rawGet(server.url, `${base()}/files?dir=${dirParam}`);
      assert.equal(r.status, 400, dirParam);
    }
  });

  it('lists links that lead out as links, never as their targets', async () => {
    const source = new HttpSource(server.url);
    const listing = await source.listFiles(runId, '');
    const escape = listing.entries.find((e) => e.name === 'escape.txt');
    assert.ok(escape);
    assert.notEqual(escape.size, SECRET.length);
    assert.equal(
      listing.entries.find((e) => e.name === 'outdir')?.kind,
      'file',
      'a link is a leaf, not a folder to walk into',
    );
  });

  it('lists folders from disk by name, with counts, in pages', async () => {
    const source = new HttpSource(server.url);
    const root = await source.listFiles(runId, '');
    assert.deepEqual(
      root.entries.find((e) => e.name === 'ckpt'),
      {
        path: 'ckpt',
        name: 'ckpt',
        kind: 'dir',
        modified: root.entries.find((e) => e.name === 'ckpt')!.modified,
        count: 5,
      },
    );
    const seen: [string, number | undefined][] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await source.listFiles(runId, 'ckpt', { cursor, limit: 2 });
      assert.equal(page.total, 5);
      seen.push(...page.entries.map((e): [string, number | undefined] => [e.path, e.size]));
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      [1, 2, 3, 4, 5].map((n) => [`ckpt/step-${n}.pt`, n]),
    );
    await assert.rejects(source.listFiles(runId, 'nope'), (e: unknown) => isSourceError(e) && e.code === 'not-found');
  });

  it('HttpSource refuses such paths before sending them', async () => {
    const source = new HttpSource(server.url);
    for (const p of ['../secret.txt', 'a/../../secret.txt', './notes.txt']) {
      await assert.rejects(source.readFile(runId, p), (e: unknown) => isSourceError(e) && e.code === 'invalid-data');
      assert.equal(source.fileUrl(runId, p), undefined);
    }
    await assert.rejects(
      source.readFile(runId, 'escape.txt'),
      (e: unknown) => isSourceError(e) && e.code === 'invalid-data',
    );
  });

  it('answers byte ranges with 206 and Content-Range, and 416 past the end', async () => {
    const part = await rawGet(server.url, `${base()}/raw/notes.txt`, { Range: 'bytes=6-9' });
    assert.equal(part.status, 206);
    assert.equal(part.body.toString(), NOTES.slice(6, 10));
    assert.equal(part.headers['content-range'], `bytes 6-9/${NOTES.length}`);
    const suffix = await rawGet(server.url, `${base()}/raw/notes.txt`, { Range: 'bytes=-5' });
    assert.equal(suffix.body.toString(), NOTES.slice(-5));
    const open = await rawGet(server.url, `${base()}/raw/notes.txt`, { Range: 'bytes=20-' });
    assert.equal(open.body.toString(), NOTES.slice(20));
    const past = await rawGet(server.url, `${base()}/raw/notes.txt`, { Range: 'bytes=999-' });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], `bytes */${NOTES.length}`);
    const source = new HttpSource(server.url);
    const bytes = await source.readFile(runId, 'notes.txt', { start: 6, end: 10 });
    assert.deepEqual(
      [bytes.start, bytes.size, new TextDecoder().decode(bytes.bytes)],
      [6, NOTES.length, NOTES.slice(6, 10)],
    );
    const empty = await source.readFile(runId, 'notes.txt', { start: 3, end: 3 });
    assert.deepEqual([empty.start, empty.bytes.length, empty.size], [3, 0, NOTES.length]);
    const beyond = await source.readFile(runId, 'notes.txt', { start: 500 });
    assert.deepEqual([beyond.bytes.length, beyond.size], [0, NOTES.length]);
    assert.equal(bytes.mime, 'text/plain');
  });

  it('gives finished runs ETags and answers 304 to a matching If-None-Match', async () => {
    for (const path of ['', '/metrics', '/raw/notes.txt']) {
      const first = await rawGet(server.url, `${base()}${path}`);
      assert.equal(first.status, 200, path);
      const etag = first.headers.etag as string;
      assert.ok(etag, `${path}: an ETag`);
      assert.equal(first.headers['cache-control'], 'no-cache');
      const again = await rawGet(server.url, `${base()}${path}`, { 'If-None-Match': etag });
      assert.equal(again.status, 304, path);
      assert.equal(again.body.length, 0);
    }
  });
});
