/**
 * What must not take the server down or mislead: unreadable and damaged runs, hostile run names,
 * unknown endpoints and methods, multi-run series, a resumed stream whose gap is too old, and an
 * MLflow run written live.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import type { RunEvent } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { loadRun } from '../../../src/server/run-loaders.js';
import { rawGet, serve } from './helpers.js';
import { until } from '../../support/until.js';

/** Reads an event stream until `until` appears in it (or a timeout), then hangs up. */
function readStream(base: string, target: string, headers: Record<string, string>, until: string): Promise<string> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    let text = '';
    const req = request({ host: u.hostname, port: u.port, path: target, headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        if (text.includes(until)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (e) => (text.includes(until) ? resolve(text) : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve(text);
    }, 3000);
    req.end();
  });
}

describe('damaged and unreadable runs', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>['server'];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-bad-'));
    const wandb = join(dir, 'wandb');
    mkdirSync(join(wandb, 'run-20240101_000000-badmagic'), { recursive: true });
    writeFileSync(join(wandb, 'run-20240101_000000-badmagic', 'run-badmagic.wandb'), 'this is not a datastore at all');
    mkdirSync(join(wandb, 'run-20240101_000001-empty1'), { recursive: true });
    writeFileSync(join(wandb, 'run-20240101_000001-empty1', 'run-empty1.wandb'), '');
    mkdirSync(join(dir, 'tb'));
    const garbage = join(dir, 'tb', 'events.out.tfevents.1700000000.h.1.0');
    writeFileSync(garbage, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
    // Written long ago: a file still being written may end mid-record without that being damage.
    utimesSync(garbage, 1_700_000_000, 1_700_000_000);
    mkdirSync(join(dir, 'boom'));
    writeFileSync(join(dir, 'boom', 'events.out.tfevents.1700000001.h.1.0'), '');
    const found = await discoverRuns([dir]);
    const s = await serve({
      // One run whose reader fails outright, as an unexpected bug or I/O error would.
      loader: (loc, o) => (loc.path === 'boom' ? Promise.reject(new Error('disk on fire')) : loadRun(loc, o)),
    });
    s.registry.addLocations(found.runs);
    s.registry.addMemoryRun({ info: { id: 'xss', name: '<script>alert(1)</script>', state: 'finished' } });
    server = s.server;
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every run, the unreadable one with its error, and keeps serving', async () => {
    const source = new HttpSource(server.url);
    const runs = await source.listRuns();
    const ids = runs.map((r) => r.id).sort();
    assert.ok(ids.includes('badmagic') && ids.includes('empty1') && ids.includes('xss'), ids.join());
    const boom = runs.find((r) => r.error);
    assert.ok(boom, 'the failed run is listed');
    assert.match(boom.error!, /disk on fire/);
    const e = await source.getRun(boom.id).catch((x: unknown) => x);
    assert.ok(isSourceError(e) && e.code === 'invalid-data' && /disk on fire/.test(e.message));
    const page = await rawGet(server.url, '/');
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /disk on fire/);
  });

  it('damaged files give runs with warnings, not errors', async () => {
    const source = new HttpSource(server.url);
    for (const id of ['badmagic', 'empty1']) {
      const info = await source.getRun(id);
      assert.ok((info.warnings ?? []).length > 0, `${id} says what was wrong`);
      assert.deepEqual(await source.listMetrics(id), []);
    }
    const tb = (await source.listRuns()).find((r) => r.format === 'tfevents' && !r.error)!;
    const info = await source.getRun(tb.id);
    assert.ok((info.warnings ?? []).length > 0);
  });

  it('escapes run-provided text in the pages', async () => {
    const list = (await rawGet(server.url, '/')).body.toString();
    assert.ok(!list.includes('<script>alert(1)</script>'));
    assert.ok(list.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const page = await rawGet(server.url, '/runs/%3Cscript%3E');
    assert.equal(page.status, 404);
    assert.ok(!page.body.toString().includes('<script>alert'));
  });

  it('answers unknown endpoints 404, other methods 405, HEAD without a body', async () => {
    for (const target of [
      '/api/nope',
      '/api/runs/xss/nope',
      '/api/runs/xss/metrics/extra',
      '/nothing/here',
      '/api/runs/ghost',
    ]) {
      const r = await rawGet(server.url, target);
      assert.equal(r.status, 404, target);
      assert.equal((JSON.parse(r.body.toString()) as { error: { code: string } }).error.code, 'not-found', target);
    }
    const u = new URL(server.url);
    const status = (method: string) =>
      new Promise<[number, number]>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, path: '/api/runs/xss', method }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve([res.statusCode!, n]));
        });
        req.on('error', reject);
        req.end();
      });
    assert.equal((await status('POST'))[0], 405);
    assert.equal((await status('DELETE'))[0], 405);
    assert.deepEqual(await status('HEAD'), [200, 0]);
    const bad = await rawGet(server.url, '/api/runs/xss/logs?start=first&count=5');
    assert.equal(bad.status, 400);
    // Out-of-range values are clamped by the source, as for a direct call.
    const clamped = JSON.parse((await rawGet(server.url, '/api/runs/xss/logs?start=-5&count=3')).body.toString()) as {
      start: number;
      total: number;
    };
    assert.deepEqual([clamped.start, clamped.total], [0, 0]);
    const badEscape = await rawGet(server.url, '/api/runs/%E0%A4%A');
    assert.equal(badEscape.status, 400);
  });
});

describe('several runs and resumed streams', () => {
  it('series over several runs: one per run that has the key; not-found when none has it', async () => {
    const { registry, server } = await serve();
    try {
      registry.addMemoryRun({
        info: { id: 'a', state: 'finished' },
        metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, NaN, -Infinity] }],
      });
      registry.addMemoryRun({ info: { id: 'b', state: 'finished' }, metrics: [{ key: 'acc', step: [0], value: [1] }] });
      const source = new HttpSource(server.url);
      const series = await source.getSeries({ runIds: ['a', 'b'], keys: ['loss', 'acc'], x: 'step' });
      assert.deepEqual(
        series.map((s) => [s.runId, s.key, s.total]),
        [
          ['a', 'loss', 3],
          ['b', 'acc', 1],
        ],
      );
      assert.ok(Number.isNaN(series[0].y[1]));
      assert.equal(series[0].y[2], -Infinity);
      assert.equal(series[0].nonFinite, 2);
      const e = await source.getSeries({ runIds: ['a', 'b'], keys: ['nope'], x: 'step' }).catch((x: unknown) => x);
      assert.ok(isSourceError(e) && e.code === 'not-found');
      const ghost = await source
        .getSeries({ runIds: ['a', 'ghost'], keys: ['loss'], x: 'step' })
        .catch((x: unknown) => x);
      assert.ok(isSourceError(ghost) && ghost.code === 'not-found');
    } finally {
      await server.close();
    }
  });

  it('a stream resumed from an id the server no longer holds gets the whole current state', async () => {
    const { registry, server } = await serve();
    try {
      const { id, source: memory } = registry.addMemoryRun({
        info: { id: 'r', state: 'running', heartbeatAt: Date.now() },
        metrics: [{ key: 'm', step: [0], value: [1] }],
      });
      memory.append(id, { logs: [{ text: 'x' }] });
      const text = await readStream(
        server.url,
        `/api/runs/${id}/events`,
        { 'Last-Event-ID': '987' },
        'artifacts-changed',
      );
      const events = text
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => JSON.parse(l.slice(6)) as RunEvent);
      assert.deepEqual(
        events.map((e) => e.type),
        ['run', 'metrics-added', 'files-changed', 'artifacts-changed'],
      );
      const run = events[0];
      assert.ok(run.type === 'run' && run.run.id === 'r' && run.run.state === 'running');
      const added = events[1];
      assert.ok(added.type === 'metrics-added' && added.metrics[0].key === 'm');
      const fresh = await readStream(server.url, `/api/runs/${id}/events`, {}, '\n\n');
      assert.match(fresh, /^id: \d+\n\n/, 'a new client first learns where the stream stands');
    } finally {
      await server.close();
    }
  });
});

describe('a live MLflow run', () => {
  it('delivers metric lines as they are written and finishes when the status does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-'));
    const exp = join(dir, 'mlruns', '0');
    const runId = '0123456789abcdef0123456789abcdef';
    const run = join(exp, runId);
    mkdirSync(join(run, 'metrics'), { recursive: true });
    mkdirSync(join(run, 'artifacts'));
    writeFileSync(
      join(exp, 'meta.yaml'),
      "artifact_location: file:///x\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
    );
    const t = Date.now();
    const meta = (status: number, end: string) =>
      `artifact_uri: file:///x\nend_time: ${end}\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: ${runId}\nrun_name: live-mlflow\nstart_time: ${t}\nstatus: ${status}\nuser_id: me\n`;
    writeFileSync(join(run, 'meta.yaml'), meta(1, 'null'));
    writeFileSync(join(run, 'metrics', 'loss'), `${t} 1.0 0\n`);
    const { registry, server } = await serve({ pollMs: 40 });
    try {
      registry.addLocations((await discoverRuns([dir])).runs);
      const source = new HttpSource(server.url, { reconnectDelayMs: 50 });
      assert.equal((await source.getRun(runId)).state, 'running');
      const events: RunEvent[] = [];
      const stop = source.watch(runId, (e) => events.push(e));
      try {
        await until(async () => (await registry.get(runId)).hub.subscribers > 0, 'connected');
        appendFileSync(join(run, 'metrics', 'loss'), `${t + 1000} nan 1\n${t + 2000} 0.25 2\n`);
        await until(
          () => events.some((e) => e.type === 'metrics' && e.points.some((p) => p.step === 2)),
          'the new points',
        );
        const pts = events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
        assert.deepEqual(
          pts.map((p) => p.step),
          [1, 2],
        );
        assert.ok(Number.isNaN(pts[0].value));
        writeFileSync(join(run, 'meta.yaml'), meta(3, String(t + 3000)));
        await until(() => events.some((e) => e.type === 'run' && e.run.state === 'finished'), 'the finished state');
        assert.equal((await source.getRun(runId)).endedAt, t + 3000);
      } finally {
        stop();
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
