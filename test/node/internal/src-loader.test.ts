/**
 * `src` URLs: a runpage server run URL becomes an HttpSource on that server, any other URL is
 * fetched once as a `.runpage.json` bundle, and loaders added with `addSourceLoader` go first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addSourceLoader, loadSource, SrcLoad } from '../../../src/internal/src-loader.js';
import { HttpSource } from '../../../src/data/http-source.js';
import { MemoryRuns, MemorySource } from '../../../src/data/memory-source.js';
import { runsToBundle } from '../../../src/data/bundle.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { isSourceError } from '../../../src/data/errors.js';
import { serve } from '../server/helpers.js';
import type { RunpageServer } from '../../../src/server/server.js';

const sample = generateSampleRun({ seed: 3, steps: 50, gpus: 1, logLines: 10 });

describe('loadSource', () => {
  let runpage: RunpageServer;
  let runId: string;
  let files: Server;
  let filesUrl: string;
  const hits = new Map<string, number>();

  before(async () => {
    const served = await serve();
    runpage = served.server;
    runId = served.registry.addMemoryRun(sample).id;
    const bundle = JSON.stringify(runsToBundle([sample]));
    files = createServer((req, res) => {
      hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
      if (req.url === '/run.runpage.json') res.writeHead(200, { 'content-type': 'application/json' }).end(bundle);
      // fails the first time only
      else if (req.url === '/flaky.runpage.json' && hits.get(req.url) === 1) res.writeHead(503).end();
      else if (req.url === '/flaky.runpage.json')
        res.writeHead(200, { 'content-type': 'application/json' }).end(bundle);
      else if (req.url === '/page.html')
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>hi');
      else if (req.url === '/private.runpage.json') res.writeHead(403).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });

  after(async () => {
    await runpage.close();
    await new Promise((r) => files.close(r));
  });

  test('a runpage server run URL becomes an HttpSource showing that run', async () => {
    const source = await loadSource(`${runpage.url}api/runs/${encodeURIComponent(runId)}`);
    assert.ok(source instanceof HttpSource);
    assert.equal(source.defaultRunId?.(), runId);
    const info = await source.getRun(runId);
    assert.equal(info.name, sample.info.name);
    const metrics = await source.listMetrics!(runId);
    assert.ok(metrics.some((m) => m.key === 'train/loss'));
  });

  test('a bundle URL is fetched once and shared by every element naming it', async () => {
    const url = `${filesUrl}/run.runpage.json`;
    const [a, b] = await Promise.all([loadSource(url), loadSource(url)]);
    assert.equal(a, b);
    // an in-memory source without the live side: nothing appends to a bundle opened by URL
    assert.ok(a instanceof MemoryRuns);
    assert.ok(!(a instanceof MemorySource));
    assert.equal('append' in a, false);
    assert.equal(typeof a.watch, 'function', 'it still tells watchers when a running run goes stale');
    assert.equal(await loadSource(url), a);
    assert.equal(hits.get('/run.runpage.json'), 1);
    assert.equal((await a.getRun(sample.info.id)).name, sample.info.name);
  });

  test("an element's retry after a failed load fetches the URL again", async () => {
    let updates = 0;
    const load = new SrcLoad({ requestUpdate: () => updates++ });
    load.load(`${filesUrl}/flaky.runpage.json`);
    await load.pending!.catch(() => undefined);
    assert.ok(isSourceError(load.error) && load.error.code === 'unavailable');
    load.retry();
    assert.ok(load.pending && !load.error, 'loading again');
    const source = await load.pending;
    assert.equal(load.source, source);
    assert.equal((await source.getRun(sample.info.id)).name, sample.info.name);
    assert.equal(hits.get('/flaky.runpage.json'), 2);
    assert.ok(updates >= 3, 'the element updates when each load settles and when the retry starts');
  });

  test('failures are SourceErrors, and a failed load is tried afresh', async () => {
    const cases: [string, string][] = [
      [`${filesUrl}/missing.runpage.json`, 'not-found'],
      [`${filesUrl}/private.runpage.json`, 'unauthorized'],
      [`${filesUrl}/page.html`, 'invalid-data'],
      ['http://127.0.0.1:1/nothing-listens.runpage.json', 'unavailable'],
      ['relative/needs/a/page.runpage.json', 'invalid-data'],
    ];
    for (const [url, code] of cases) {
      const error: unknown = await loadSource(url).then(
        () => assert.fail(`${url} loaded`),
        (e: unknown) => e,
      );
      assert.ok(isSourceError(error), url);
      assert.equal(error.code, code, url);
    }
    await loadSource(`${filesUrl}/missing.runpage.json`).catch(() => undefined);
    assert.equal(hits.get('/missing.runpage.json'), 2);
  });

  test('loaders added with addSourceLoader are asked first', async () => {
    const custom = new MemorySource([{ info: { id: 'mine', name: 'from my backend', state: 'finished' } }]);
    addSourceLoader(async (url) => (url.protocol === 'acme:' ? custom : undefined));
    assert.equal(await loadSource('acme://runs/mine'), custom);
    // Other URLs still reach the built-in loaders.
    assert.ok((await loadSource(`${runpage.url}api/runs/${encodeURIComponent(runId)}/`)) instanceof HttpSource);
  });
});
