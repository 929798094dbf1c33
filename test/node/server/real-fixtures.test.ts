/**
 * `runpage serve ../shared/fixtures/real`: every run there is listed, and every endpoint of every
 * run answers without a server error. Expected runs are found here by walking the folder
 * independently of the readers' discovery.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import type { RunRef } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import type { RunpageServer } from '../../../src/server/server.js';
import { rawGet, serve } from './helpers.js';

const REAL = new URL('../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;

interface Expected {
  wandb: string[];
  mlflow: string[];
  eventFiles: string[];
}

/** W&B run folders by name, MLflow runs by their meta.yaml, event files by name. Links are not followed. */
function walk(dir: string, out: Expected = { wandb: [], mlflow: [], eventFiles: [] }, inWandbRun = false): Expected {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = lstatSync(p);
    if (s.isSymbolicLink()) continue;
    if (s.isDirectory()) {
      const m = /^(?:offline-)?run-\d{8}_\d{6}-([A-Za-z0-9]+)$/.exec(name);
      if (m) out.wandb.push(m[1]);
      if (/^[0-9a-f]{32}$/.test(name) && existsSync(join(p, 'meta.yaml')) && relative(REAL, p).includes('mlruns/'))
        out.mlflow.push(name);
      walk(p, out, inWandbRun || m !== null);
    } else if (/tfevents\.\d/.test(name) && !inWandbRun) out.eventFiles.push(relative(REAL, p));
  }
  return out;
}

describe('serving the real fixtures', { skip }, () => {
  let server: RunpageServer;
  let source: HttpSource;
  let runs: RunRef[];
  let expected: Expected;
  before(async () => {
    expected = walk(REAL);
    const found = await discoverRuns([REAL]);
    assert.deepEqual(found.problems, []);
    const s = await serve();
    s.registry.addLocations(found.runs);
    server = s.server;
    source = new HttpSource(server.url);
    runs = await source.listRuns();
  });
  after(() => server?.close());

  it('lists every W&B run, every MLflow run and a TensorBoard run for every event file', () => {
    const byFormat = (f: string) => runs.filter((r) => r.format === f);
    assert.deepEqual(
      byFormat('wandb')
        .map((r) => r.id)
        .sort(),
      [...expected.wandb].sort(),
    );
    assert.deepEqual(
      byFormat('mlflow')
        .map((r) => r.id)
        .sort(),
      [...expected.mlflow].sort(),
    );
    const tfRuns = byFormat('tfevents');
    assert.ok(tfRuns.length > 0);
    assert.ok(expected.eventFiles.length > 0);
    for (const file of expected.eventFiles) {
      // A TensorBoard run's id is the searched folder's name, then its path below it.
      assert.ok(
        tfRuns.some((r) => file.startsWith(r.id.replace(/^real\/?/, ''))),
        `no run serves ${file}`,
      );
    }
    assert.ok(
      runs.every((r) => r.error === undefined),
      JSON.stringify(runs.filter((r) => r.error)),
    );
  });

  it('the runs list page shows every run', async () => {
    const page = await rawGet(server.url, '/');
    assert.equal(page.status, 200);
    const html = page.body.toString();
    for (const r of runs) assert.ok(html.includes(`href="runs/${encodeURIComponent(r.id)}"`), r.id);
  });

  it('every run answers every endpoint without a server error', async () => {
    for (const ref of runs) {
      const info = await source.getRun(ref.id);
      assert.equal(info.id, ref.id);
      assert.equal(info.state, ref.state);
      const metrics = await source.listMetrics(ref.id);
      if (metrics.length > 0) {
        const series = await source.getSeries({
          runIds: [ref.id],
          keys: metrics.slice(0, 3).map((m) => m.key),
          x: 'step',
          points: 200,
        });
        series.forEach((s, i) => assert.equal(s.total, metrics[i].count, `${ref.id} ${s.key}`));
      }
      const logs = await source.getLogs({ runId: ref.id, start: 0, count: 50 });
      assert.ok(logs.total >= logs.lines.length);
      const files = await source.listFiles(ref.id, '');
      const first = files.entries.find((e) => e.kind === 'file' && e.mime !== 'inode/symlink' && (e.size ?? 0) > 0);
      if (first) {
        const head = await source.readFile(ref.id, first.path, { start: 0, end: 16 });
        assert.equal(head.size, first.size, `${ref.id} ${first.path}`);
        assert.equal(head.bytes.length, Math.min(16, first.size!));
      }
      for (const path of ['artifacts', 'model', 'media', 'logs/search?q=e']) {
        const r = await rawGet(server.url, `/api/runs/${encodeURIComponent(ref.id)}/${path}`);
        assert.ok(
          r.status === 200 || r.status === 404,
          `${ref.id} /${path}: ${r.status} ${r.body.toString().slice(0, 200)}`,
        );
      }
      const page = await rawGet(server.url, `/runs/${encodeURIComponent(ref.id)}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.toString().includes('<run-page'));
    }
  });

  it('keeps the facts of a known run: 3ojed7lz has 862 history rows and no exit (crashed)', async () => {
    const info = await source.getRun('3ojed7lz');
    assert.equal(info.state, 'crashed');
    assert.equal(info.exitCode, undefined);
    const failed = await source.getRun('2zuxwf70');
    assert.equal(failed.state, 'failed');
    assert.equal(failed.exitCode, 1);
    const metrics = await source.listMetrics('3ojed7lz');
    const history = metrics.filter((m) => m.group === 'history');
    assert.ok(history.length > 0);
    assert.ok(history.every((m) => m.count <= 862));
    assert.ok(metrics.some((m) => m.group === 'system'));
  });
});
