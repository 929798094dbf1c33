/**
 * A server with a token, in Chromium: a person opens a run page, gets the sign-in form, signs in,
 * and the page works under the strict CSP — the bundle's script tag, live updates, an `<img src>`
 * of a run file and a file opened by its link all carry the session cookie, which no script can
 * read. A portal on another origin named with --cors reads the run and its live stream with
 * HttpSource and the token; a page on an origin not named cannot.
 *
 * Skips when Chromium or playwright-core is not installed. The bundle is built here with esbuild.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { MemorySource } from '../../../src/data/memory-source.js';
import { encodePng } from '../../../src/data/png.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { ROOT } from './support/deployment.js';

const TOKEN = 'browser-token-0123456789abcdef';

async function tools() {
  const { CHROMIUM_PATH, CHROMIUM_ARGS } = (await import(pathToFileURL(join(ROOT, 'scripts/chromium.mjs')).href)) as {
    CHROMIUM_PATH: string;
    CHROMIUM_ARGS: string[];
  };
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  try {
    const [{ chromium }, { build }] = await Promise.all([import('playwright-core'), import('esbuild')]);
    return { chromium, build, CHROMIUM_PATH, CHROMIUM_ARGS };
  } catch (e) {
    return `playwright-core or esbuild is not installed (${(e as Error).message})`;
  }
}
const found = await tools();
const skip = typeof found === 'string' ? found : false;

/** A page on another origin: the bundle, and a script that reads the runpage server named in `?server=` with the token. */
function portal(bundle: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><meta charset="utf-8"><title>portal</title>
<script type="module">
import { HttpSource } from './runpage.bundle.js';
const params = new URL(location.href).searchParams;
const run = params.get('run');
const source = new HttpSource(params.get('server'), { headers: { Authorization: 'Bearer ${TOKEN}' } });
window.events = [];
window.outcome = source.getRun(run).then(
  (info) => { source.watch(run, (e) => window.events.push(e)); return 'read ' + info.name; },
  (e) => 'refused: ' + e.code,
);
</script>`;
  const server = createServer((req, res) => {
    if (req.url === '/runpage.bundle.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(readFileSync(bundle));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    ),
  );
}

describe('a server with a token, in a browser', { skip, timeout: 120_000 }, () => {
  const t = found as Exclude<typeof found, string>;
  let dir: string;
  let bundle: string;
  let server: RunpageServer;
  let live: MemorySource;
  let shared: MemorySource;
  let browser: Browser;
  let allowed: { server: Server; url: string };
  let other: { server: Server; url: string };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-browser-auth-'));
    bundle = join(dir, 'runpage.bundle.js');
    await t.build({
      entryPoints: [join(ROOT, 'src/bundle.ts')],
      bundle: true,
      format: 'esm',
      outfile: bundle,
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });
    const png = encodePng(2, 2, new Uint8Array(16).fill(200));
    const registry = new RunRegistry({ log: () => {} });
    live = registry.addMemoryRun({
      info: { id: 'live', name: 'signed-in run', state: 'running', heartbeatAt: Date.now() },
      metrics: [{ key: 'loss', step: [0, 1], value: [1, 0.5] }],
      files: [
        { path: 'media/sample.png', bytes: png, mime: 'image/png' },
        { path: 'notes.txt', bytes: 'notes of the run' },
      ],
    }).source;
    shared = registry.addMemoryRun({
      info: { id: 'shared', name: 'shared run', state: 'running', heartbeatAt: Date.now() },
    }).source;
    // Two portals on their own origins; the server names only the first.
    allowed = await portal(bundle);
    other = await portal(bundle);
    server = await startServer(registry, { authToken: TOKEN, bundlePath: bundle, cors: [allowed.url.slice(0, -1)] });
    browser = await t.chromium.launch({ executablePath: t.CHROMIUM_PATH, args: t.CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    allowed?.server.close();
    other?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs a person in with the form, and every request of the page carries the cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401/.test(m.text())) problems.push(m.text());
    });
    const first = await page.goto(`${server.url}runs/live`);
    assert.equal(first?.status(), 401);
    await page.getByLabel('Token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}runs/live`);
    await page.locator('run-page .title', { hasText: 'signed-in run' }).waitFor({ timeout: 30_000 });
    await page.getByText('Running', { exact: true }).first().waitFor({ timeout: 10_000 });
    // No script can read the session.
    assert.equal(await page.evaluate(() => document.cookie), '');
    // What the browser fetches on its own carries it: an image of the run, a file opened by its link.
    const loaded = await page.evaluate(
      (src) =>
        new Promise<number>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth);
          img.onerror = () => resolve(-1);
          img.src = src;
        }),
      `${server.url}api/runs/live/raw/media/sample.png`,
    );
    assert.equal(loaded, 2);
    // Live: the run ends on the server, the page follows over the stream.
    live.append('live', { run: { state: 'finished', exitCode: 0, endedAt: Date.now() } });
    await page.getByText('Finished', { exact: true }).first().waitFor({ timeout: 20_000 });
    const file = await page.goto(`${server.url}api/runs/live/raw/notes.txt`);
    assert.equal(file?.status(), 200);
    assert.equal(await file?.text(), 'notes of the run');
    assert.deepEqual(problems, []);
    // Without the cookie (another browser), the same file is refused.
    const stranger = await (await browser.newContext()).newPage();
    assert.equal((await stranger.goto(`${server.url}api/runs/live/raw/notes.txt`))?.status(), 401);
    await context.close();
  });

  it('lets a portal on a named origin read the run and its live stream with the token; not another origin', async () => {
    const page = await (await browser.newContext()).newPage();
    const streamOpen = page.waitForResponse((r) => r.url().startsWith(`${server.url}api/events`));
    await page.goto(`${allowed.url}?run=shared&server=${encodeURIComponent(server.url)}`);
    assert.equal(
      await page.evaluate(() => (window as unknown as { outcome: Promise<string> }).outcome),
      'read shared run',
    );
    // The server answers the stream once it follows the run: what is appended now must arrive.
    assert.equal((await streamOpen).status(), 200);
    shared.append('shared', { logs: [{ text: 'from the server' }] });
    await page.waitForFunction(
      () => (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'logs'),
      undefined,
      { timeout: 20_000 },
    );
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${other.url}?run=shared&server=${encodeURIComponent(server.url)}`);
    assert.match(
      await stranger.evaluate(() => (window as unknown as { outcome: Promise<string> }).outcome),
      /^refused: unavailable/,
    );
  });
});
