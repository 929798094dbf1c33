/**
 * `runpage serve --mlflow URL`: the runs of a tracking server (the fake one speaks MLflow's REST
 * API: paged searches, `{error_code, message}` errors, a bearer token) through the runpage API,
 * experiments as projects, live while they run, and with --public.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import type { RunEvent } from '../../../src/data/source.js';
import { main } from '../../../src/server/cli.js';
import { TrackingServerRuns } from '../../../src/server/mlflow-runs.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { startFakeMlflow, type FakeRun, type FakeServer } from '../formats/mlflow/fake-mlflow-server.js';
import { rawGet } from './helpers.js';
import { until } from '../../support/until.js';

const NOW = Date.now();
const MLFLOW_TOKEN = 'mlflow-secret-token-123';

function run(
  id: string,
  experiment: string,
  status: FakeRun['info']['status'],
  minutesAgo: number,
  extra: Partial<FakeRun> = {},
): FakeRun {
  const start = NOW - minutesAgo * 60_000;
  return {
    info: {
      run_id: id,
      run_uuid: id,
      run_name: `run-${id}`,
      experiment_id: experiment,
      user_id: 'alice',
      status,
      start_time: start,
      ...(status === 'RUNNING' ? {} : { end_time: start + 30_000 }),
      artifact_uri: `mlflow-artifacts:/${experiment}/${id}/artifacts`,
      lifecycle_stage: 'active',
    },
    params: { lr: '0.01' },
    tags: { 'mlflow.source.name': '/home/alice/proj/train.py', 'mlflow.user': 'alice' },
    history: Array.from({ length: 20 }, (_, step) => ({
      key: 'loss',
      step,
      value: 1 / (step + 1),
      timestamp: start + step * 1000,
    })),
    artifacts: { 'notes/readme.txt': 'hello from mlflow', 'model/MLmodel': 'flavors: {}\n' },
    ...extra,
  };
}

const RUNS = [
  run('a1', '1', 'FINISHED', 50),
  run('a2', '1', 'FAILED', 40),
  run('a3', '1', 'FINISHED', 30),
  run('b1', '2', 'FINISHED', 20),
  run('live', '2', 'RUNNING', 1),
];
const EXPERIMENTS = [
  { experiment_id: '0', name: 'Default' },
  { experiment_id: '1', name: 'vision' },
  { experiment_id: '2', name: 'speech' },
];

describe('runpage serve --mlflow', () => {
  let fake: FakeServer;
  let dir: string;
  let server: RunpageServer;
  let source: HttpSource;
  before(async () => {
    fake = await startFakeMlflow({
      runs: RUNS.map((r) => structuredClone(r)),
      experiments: EXPERIMENTS,
      auth: `Bearer ${MLFLOW_TOKEN}`,
      searchPageSize: 2,
    });
    dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-serve-'));
    writeFileSync(join(dir, 'token'), `${MLFLOW_TOKEN}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const r = await main(['serve', '--mlflow', fake.url, '--mlflow-token-file', join(dir, 'token'), '--port', '0'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    assert.equal(r.code, 0, err.join('\n'));
    server = r.server!;
    assert.match(out[0], /serving 5 runs at http:\/\/127\.0\.0\.1:\d+\//);
    source = new HttpSource(server.url);
  });
  after(async () => {
    await server?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every run of every experiment, paged, newest first, experiments as projects', async () => {
    const runs = await source.listRuns();
    assert.deepEqual(
      runs.map((r) => [r.id, r.project, r.state, r.format]),
      [
        ['live', 'speech', 'running', 'mlflow'],
        ['b1', 'speech', 'finished', 'mlflow'],
        ['a3', 'vision', 'finished', 'mlflow'],
        ['a2', 'vision', 'failed', 'mlflow'],
        ['a1', 'vision', 'finished', 'mlflow'],
      ],
    );
    // Five runs at two a page: each listing took three searches, each after the previous page's token.
    const searches = fake.requests.filter((r) => r.includes('runs/search')).length;
    assert.ok(searches > 0 && searches % 3 === 0, `${searches} runs/search requests`);
    const page = await rawGet(server.url, '/');
    assert.match(page.body.toString(), /run-a1/);
    assert.match(page.body.toString(), /speech/);
  });

  it('serves a run’s facts, metrics, series and artifact files through the same API', async () => {
    const info = await source.getRun('a1');
    assert.equal(info.name, 'run-a1');
    assert.equal(info.project, 'vision');
    assert.equal(info.user, 'alice');
    assert.deepEqual(info.config, { lr: '0.01' });
    const metrics = await source.listMetrics('a1');
    assert.deepEqual(
      metrics.map((m) => [m.key, m.count]),
      [['loss', 20]],
    );
    const [series] = await source.getSeries({ runIds: ['a1'], keys: ['loss'], x: 'step' });
    assert.equal(series.total, 20);
    assert.equal(series.y[19], 1 / 20);
    const listing = await source.listFiles('a1', '');
    assert.deepEqual(
      listing.entries.map((e) => [e.name, e.kind]),
      [
        ['model', 'dir'],
        ['notes', 'dir'],
      ],
    );
    const bytes = await source.readFile('a1', 'notes/readme.txt', { start: 6, end: 10 });
    assert.equal(new TextDecoder().decode(bytes.bytes), 'from');
    assert.equal(bytes.size, 17);
    const whole = await rawGet(server.url, '/api/runs/a1/raw/notes/readme.txt');
    assert.equal(whole.body.toString(), 'hello from mlflow');
  });

  it('answers what MLflow runs do not have as "none", and unknown runs as not found', async () => {
    for (const call of [() => source.getLogs({ runId: 'a1', start: 0, count: 10 }), () => source.listMedia('a1')]) {
      const e = await call().catch((x: unknown) => x);
      assert.ok(isSourceError(e) && e.code === 'not-found', String(e));
    }
    const logs = await rawGet(server.url, '/api/runs/a1/logs?start=0&count=1');
    assert.equal(logs.status, 200, 'an answer, not an HTTP error');
    const missing = await rawGet(server.url, '/api/runs/nope');
    assert.equal(missing.status, 404);
    assert.match(JSON.parse(missing.body.toString()).error.message, /RESOURCE_DOES_NOT_EXIST/);
    assert.equal((await rawGet(server.url, '/runs/nope')).status, 404);
  });

  it('never passes the tracking server’s token on', async () => {
    for (const target of ['/api/runs', '/api/runs/a1', '/api/runs/nope', '/']) {
      const r = await rawGet(server.url, target);
      assert.ok(!r.body.toString().includes(MLFLOW_TOKEN), target);
    }
  });
});

describe('a tracking server’s run, live', () => {
  let fake: FakeServer;
  let server: RunpageServer;
  /** The fake server's own records, changed here as a tracking server's would be. */
  const held = RUNS.map((r) => structuredClone(r));
  before(async () => {
    fake = await startFakeMlflow({ runs: held, experiments: EXPERIMENTS });
    const runs = new TrackingServerRuns({ baseUrl: fake.url, pollMs: 30, listTtlMs: 0 });
    server = await startServer(runs);
  });
  after(async () => {
    await server?.close();
    await fake?.close();
  });

  it('streams new points and the end of the run while it runs', async () => {
    const source = new HttpSource(server.url);
    assert.equal((await source.getRun('live')).state, 'running');
    const events: RunEvent[] = [];
    const stop = source.watch('live', (e) => events.push(e));
    try {
      await until(() => fake.requests.filter((r) => r.includes('runs/get?run_id=live')).length >= 3, 'polls');
      // The tracking server's run logs two more steps, then finishes.
      const live = held.find((r) => r.info.run_id === 'live')!;
      live.history.push({ key: 'loss', step: 20, value: 0.04, timestamp: NOW + 1000 });
      live.history.push({ key: 'loss', step: 21, value: 0.03, timestamp: NOW + 2000 });
      await until(
        () => events.some((e) => e.type === 'metrics' && e.points.some((p) => p.step === 21)),
        'the new points',
      );
      live.info.status = 'FINISHED';
      live.info.end_time = NOW + 3000;
      await until(() => events.some((e) => e.type === 'run' && e.run.state === 'finished'), 'the end of the run');
      const [series] = await source.getSeries({ runIds: ['live'], keys: ['loss'], x: 'step' });
      assert.equal(series.total, 22);
    } finally {
      stop();
    }
  });

  it('lists a run started on the tracking server after runpage started', async () => {
    const source = new HttpSource(server.url);
    fake.addRun(run('new1', '1', 'RUNNING', 0));
    assert.ok((await source.listRuns()).some((r) => r.id === 'new1'));
    assert.equal((await source.getRun('new1')).name, 'run-new1');
  });
});

describe('a tracking server’s runs with --public, and failures', () => {
  it('hides the user and the program; says which', async () => {
    const fake = await startFakeMlflow({ runs: [run('p1', '1', 'FINISHED', 5)], experiments: EXPERIMENTS });
    const server = await startServer(undefined, { mlflow: fake.url, public: true });
    try {
      const info = await new HttpSource(server.url).getRun('p1');
      assert.equal(info.user, undefined);
      assert.equal(info.command, undefined);
      assert.deepEqual(info.withheld, ['command', 'user']);
      for (const target of ['/api/runs', '/api/runs/p1', '/runs/p1', '/api/runs/p1/files?dir=notes']) {
        const body = (await rawGet(server.url, target)).body.toString();
        assert.ok(!body.includes('/home/alice'), target);
        assert.ok(!/\balice\b/.test(body), target);
      }
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it('says what is wrong when the tracking server refuses or is gone', async () => {
    const fake = await startFakeMlflow({
      runs: [run('x1', '1', 'FINISHED', 5)],
      experiments: EXPERIMENTS,
      auth: 'Bearer right',
    });
    const wrong = await startServer(undefined, { mlflow: fake.url, mlflowToken: 'wrong' });
    try {
      const { problems } = await wrong.handler.ready;
      assert.match(problems.join('\n'), /could not be listed: MLflow server answered 401 \(UNAUTHENTICATED/);
      const r = await rawGet(wrong.url, '/api/runs/x1');
      assert.equal(r.status, 403);
      assert.equal(JSON.parse(r.body.toString()).error.code, 'unauthorized');
      await fake.close();
      const gone = await rawGet(wrong.url, '/api/runs');
      assert.equal(gone.status, 503);
      assert.match(JSON.parse(gone.body.toString()).error.message, /could not be reached/);
    } finally {
      await wrong.close();
    }
  });
});
