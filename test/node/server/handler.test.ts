/**
 * createRunpageHandler mounted the ways a team mounts it: its own node:http server, a
 * Connect-style app that strips the mount path, behind a proxy that keeps the prefix
 * (`basePath`); and the headers every answer carries.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSource } from '../../../src/data/http-source.js';
import { createRunpageHandler, parseFrameAncestors, type RunpageHandler } from '../../../src/server/handler.js';
import { normalizeBasePath } from '../../../src/server/mount-path.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { rawGet } from './helpers.js';

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The part of Connect/Express that matters here: `use(path, fn)` strips the path and keeps `originalUrl`. */
function tinyApp() {
  const stack: { path: string; fn: Middleware }[] = [];
  const app = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    req.originalUrl ??= req.url;
    let i = 0;
    const next: Next = (error) => {
      const layer = stack[i++];
      if (error || !layer) {
        res.writeHead(error ? 500 : 404, { 'Content-Type': 'text/plain' });
        res.end(error ? 'app error' : 'app 404');
        return;
      }
      const original = req.originalUrl!;
      const [path] = original.split('?');
      if (layer.path !== '/' && path !== layer.path && !path.startsWith(`${layer.path}/`)) return next();
      req.url = layer.path === '/' ? original : original.slice(layer.path.length) || '/';
      if (req.url.startsWith('?')) req.url = `/${req.url}`;
      layer.fn(req, res, next);
    };
    next();
  };
  return { app, use: (path: string, fn: Middleware) => stack.push({ path, fn }) };
}

async function listen(
  fn: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(fn);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function catalog(): RunRegistry {
  const registry = new RunRegistry({ log: () => {} });
  registry.addMemoryRun({
    info: { id: 'r1', name: 'first run', state: 'finished' },
    metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, 2, 1] }],
  });
  return registry;
}

describe('the handler mounted in an app', () => {
  let handler: RunpageHandler;
  let server: Server;
  let url: string;
  before(async () => {
    handler = createRunpageHandler({ catalog: catalog() });
    const { app, use } = tinyApp();
    use('/team/runpage', handler);
    use('/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('the app itself');
    });
    ({ server, url } = await listen(app));
  });
  after(async () => {
    await handler.close();
    server.close();
  });

  it('answers under the mount path, with the prefix stripped by the app', async () => {
    const source = new HttpSource(new URL('team/runpage/', url));
    assert.deepEqual(
      (await source.listRuns()).map((r) => r.id),
      ['r1'],
    );
    const [series] = await source.getSeries({ runIds: ['r1'], keys: ['loss'], x: 'step' });
    assert.deepEqual([...series.y], [3, 2, 1]);
    const page = await rawGet(url, '/team/runpage/runs/r1');
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /<title>first run · runpage<\/title>/);
    // The page's relative links reach the server's own assets under the prefix.
    assert.match(page.body.toString(), /href="\.\.\/assets\/page\.css"/);
    assert.equal((await rawGet(url, '/team/runpage/assets/page.css')).status, 200);
  });

  it('sends the browser to the root with its slash, so relative links work', async () => {
    const r = await rawGet(url, '/team/runpage?x=1');
    assert.equal(r.status, 308);
    assert.equal(r.headers.location, 'runpage/?x=1');
    assert.equal(new URL(String(r.headers.location), `${url}team/runpage?x=1`).pathname, '/team/runpage/');
  });

  it('leaves the rest of the app alone', async () => {
    assert.equal((await rawGet(url, '/elsewhere')).body.toString(), 'the app itself');
  });
});

describe('the handler behind a proxy that keeps the prefix (basePath)', () => {
  let handler: RunpageHandler;
  let server: Server;
  let url: string;
  let passedOn: string[];
  before(async () => {
    passedOn = [];
    handler = createRunpageHandler({ catalog: catalog(), basePath: '/runpage/' });
    ({ server, url } = await listen((req, res) =>
      handler(req, res, () => {
        passedOn.push(req.url ?? '');
        res.writeHead(418);
        res.end();
      }),
    ));
  });
  after(async () => {
    await handler.close();
    server.close();
  });

  it('removes the prefix', async () => {
    const source = new HttpSource(new URL('runpage/', url));
    assert.equal((await source.getRun('r1')).name, 'first run');
    assert.equal((await rawGet(url, '/runpage/')).status, 200);
    assert.equal((await rawGet(url, '/runpage')).headers.location, 'runpage/');
  });

  it('passes requests outside the prefix to next', async () => {
    assert.equal((await rawGet(url, '/api/runs')).status, 418);
    assert.equal((await rawGet(url, '/runpagex/api')).status, 418);
    assert.deepEqual(passedOn, ['/api/runs', '/runpagex/api']);
  });

  it('answers 404 itself outside the prefix when there is no next', async () => {
    const alone = await listen((req, res) => handler(req, res));
    try {
      assert.equal((await rawGet(alone.url, '/api/runs')).status, 404);
    } finally {
      alone.server.close();
    }
  });
});

describe('headers on every answer', () => {
  it('nosniff and no referrer everywhere; pages refuse framing unless frame-ancestors are named', async () => {
    for (const frameAncestors of [undefined, ["'self'", 'https://portal.example.com']]) {
      const handler = createRunpageHandler({ catalog: catalog(), frameAncestors });
      const { server, url } = await listen(handler);
      try {
        for (const target of ['/', '/runs/r1', '/api/runs', '/api/runs/r1/metrics', '/nothing', '/favicon.ico']) {
          const r = await rawGet(url, target);
          assert.equal(r.headers['x-content-type-options'], 'nosniff', target);
          assert.equal(r.headers['referrer-policy'], 'no-referrer', target);
        }
        const page = await rawGet(url, '/runs/r1');
        const csp = String(page.headers['content-security-policy']);
        if (frameAncestors) {
          assert.match(csp, /frame-ancestors 'self' https:\/\/portal\.example\.com$/);
          assert.equal(page.headers['x-frame-options'], undefined);
        } else {
          assert.match(csp, /frame-ancestors 'none'$/);
          assert.equal(page.headers['x-frame-options'], 'DENY');
        }
      } finally {
        await handler.close();
        server.close();
      }
    }
  });
});

describe('options are checked when the handler is made', () => {
  it('refuses values that would make a broken or unsafe server, with the reason', () => {
    assert.throws(() => createRunpageHandler({ cors: ['portal.example.com'] }), /not an origin/);
    assert.throws(() => createRunpageHandler({ cors: ['https://portal.example.com/app'] }), /not an origin/);
    assert.throws(() => createRunpageHandler({ allowedHosts: ['http://runs.example.com'] }), /not a host name/);
    assert.throws(() => createRunpageHandler({ basePath: '/a/../b' }), /not a path prefix/);
    assert.throws(() => createRunpageHandler({ authToken: 'short' }), /at least 16 characters/);
    assert.throws(
      () => createRunpageHandler({ frameAncestors: ['https://a.example; script-src *'] }),
      /frame-ancestors/,
    );
    assert.throws(() => createRunpageHandler({ catalog: catalog(), public: true }), /catalog handed over/);
  });

  it('normalises base paths and frame-ancestors sources', () => {
    assert.equal(normalizeBasePath('runpage/'), '/runpage');
    assert.equal(normalizeBasePath('/'), '');
    assert.deepEqual(parseFrameAncestors(['self', 'https://*.example.com:*', 'https:']), [
      "'self'",
      'https://*.example.com:*',
      'https:',
    ]);
    assert.throws(() => parseFrameAncestors(["'none'", "'self'"]), /cannot be combined/);
  });
});
