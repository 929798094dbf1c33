/**
 * What `runpage serve` sends besides the API: exactly the chunks the build emitted (whatever their
 * names), compressed and cached by content; HTML pages under a strict CSP; one Host header only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer } from '../../../src/server/server.js';
import { rawGet } from './helpers.js';

function fakeBuild(): { dir: string; bundle: string; chunks: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-assets-'));
  const bundle = join(dir, 'runpage.bundle.js');
  writeFileSync(bundle, `export const bundle = ${JSON.stringify('x'.repeat(4000))};`);
  mkdirSync(join(dir, 'bundle-chunks'));
  // Names as rollup writes them, dots included (marked.esm, purify.es).
  const chunks = ['marked.esm-B7r2xQ_a.js', 'purify.es-Cd9Kk-2Z.js', 'core-CqxGJpK9.js', 'core-CqxGJpK9.js.map'];
  for (const name of chunks) writeFileSync(join(dir, 'bundle-chunks', name), `// ${name}\n${'y'.repeat(3000)}`);
  return { dir, bundle, chunks };
}

/** A request with the header lines exactly as given (two Host headers, say). */
function rawRequest(url: string, lines: string[]): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname, () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(3000, () => socket.destroy(new Error('no answer')));
  });
}

test('every chunk the build emitted is served, nothing else; compressed, cached by content', async () => {
  const build = fakeBuild();
  const server = await startServer(new RunRegistry({ log: () => {} }), { bundlePath: build.bundle });
  try {
    for (const name of build.chunks) {
      const answer = await rawGet(server.url, `/bundle-chunks/${name}`);
      assert.equal(answer.status, 200, name);
      assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', name);
    }
    for (const target of ['/bundle-chunks/nope.js', '/bundle-chunks/..%2Fruntime.js', '/bundle-chunks/a/b.js']) {
      assert.equal((await rawGet(server.url, target)).status, 404, target);
    }
    const br = await rawGet(server.url, '/bundle-chunks/marked.esm-B7r2xQ_a.js', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(br.body).toString(), /^\/\/ marked\.esm/);
    const gz = await rawGet(server.url, '/runpage.bundle.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(gz.body).toString(), /^export const bundle/);
    // The bundle's name does not change with its content: revalidated with its ETag.
    assert.equal(gz.headers['cache-control'], 'no-cache');
    const again = await rawGet(server.url, '/runpage.bundle.js', { 'If-None-Match': String(gz.headers.etag) });
    assert.equal(again.status, 304);
    // A rebuild is noticed.
    writeFileSync(build.bundle, 'export const bundle = 2;');
    const rebuilt = await rawGet(server.url, '/runpage.bundle.js', { 'If-None-Match': String(gz.headers.etag) });
    assert.equal(rebuilt.status, 200);
    assert.equal(rebuilt.body.toString(), 'export const bundle = 2;');
  } finally {
    await server.close();
    rmSync(build.dir, { recursive: true, force: true });
  }
});

test('HTML pages carry a strict CSP and refuse framing; no inline script or style', async () => {
  const build = fakeBuild();
  const registry = new RunRegistry({ log: () => {} });
  registry.addMemoryRun({ info: { id: 'r', state: 'finished' } });
  const server = await startServer(registry, { bundlePath: build.bundle });
  try {
    for (const target of ['/', '/runs/r', '/runs/missing']) {
      const page = await rawGet(server.url, target);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self';/, target);
      assert.match(csp, /style-src 'self';/, target);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, target);
      assert.match(csp, /frame-ancestors 'none'/, target);
      assert.equal(page.headers['x-frame-options'], 'DENY', target);
      const html = page.body.toString();
      assert.doesNotMatch(html, /<style|<script(?![^>]*\ssrc=)/, `${target} has inline script or style`);
      assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i, `${target} has inline attributes`);
      const css = /href="([^"]*page\.css)"/.exec(html)![1];
      assert.equal((await rawGet(server.url, new URL(css, server.url + target.slice(1)).pathname)).status, 200);
    }
  } finally {
    await server.close();
    rmSync(build.dir, { recursive: true, force: true });
  }
});

test('a request with two Host headers is refused', async () => {
  const server = await startServer(new RunRegistry({ log: () => {} }));
  try {
    const { host } = new URL(server.url);
    const answer = await rawRequest(server.url, [
      'GET /api HTTP/1.1',
      `Host: ${host}`,
      'Host: evil.example',
      'Connection: close',
    ]);
    assert.match(answer, /^HTTP\/1\.1 400/);
    const single = await rawRequest(server.url, ['GET /api HTTP/1.1', `Host: ${host}`, 'Connection: close']);
    assert.match(single, /^HTTP\/1\.1 200/);
  } finally {
    await server.close();
  }
});
