import { test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowSource } from '../../../../src/formats/mlflow/mlflow-source.js';
import { isSourceError, type SourceError } from '../../../../src/data/errors.js';
import type { RunEvent } from '../../../../src/data/source.js';
import { advance, advanceUntil } from '../../../support/advance.js';
import { until } from '../../../support/until.js';
import { startFakeMlflow, type FakeMetric, type FakeRun, type FakeServer } from './fake-mlflow-server.js';

const NOW = 1_750_000_000_000;
const START = NOW - 3_600_000;
const SPIKE_STEP = 7777;

function makeRun(
  id: string,
  status: FakeRun['info']['status'],
  extra: Partial<FakeRun> = {},
  times: { start?: number; end?: number } = {},
): FakeRun {
  const info: FakeRun['info'] = {
    run_id: id,
    run_uuid: id,
    run_name: `name-${id}`,
    experiment_id: '1',
    user_id: 'alice',
    status,
    start_time: times.start ?? START,
    artifact_uri: `mlflow-artifacts:/1/${id}/artifacts`,
    lifecycle_stage: 'active',
  };
  if (times.end !== undefined) info.end_time = times.end;
  return { info, params: {}, tags: {}, history: [], artifacts: {}, ...extra };
}

const loss: FakeMetric[] = Array.from({ length: 10_000 }, (_, step) => ({
  key: 'loss',
  step,
  value: step === SPIKE_STEP ? 100 : 1 / (step + 1),
  timestamp: START + step * 100,
}));

const runs: FakeRun[] = [
  makeRun(
    'r1',
    'FINISHED',
    {
      params: { lr: '0.001', 'optimizer/name': 'adam' },
      tags: {
        'mlflow.runName': 'baseline',
        'mlflow.note.content': '## Baseline\nFirst try.',
        'mlflow.user': 'alice',
        'mlflow.source.name': 'train.py',
        'mlflow.source.git.commit': 'abc123',
        'mlflow.source.git.branch': 'main',
        'mlflow.log-model.history': JSON.stringify([
          {
            run_id: 'r1',
            artifact_path: 'model',
            utc_time_created: '2025-05-26 11:08:05.562372',
            model_uuid: 'eab4',
            flavors: { python_function: { loader_module: 'mlflow.sklearn' }, sklearn: { sklearn_version: '1.6.1' } },
          },
        ]),
        team: 'vision',
      },
      inputs: {
        dataset_inputs: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: {
              name: 'wine-quality',
              digest: '2a1e42c4',
              source_type: 'http',
              source: '{"url": "https://example.com/wine.csv"}',
              schema: '{"mlflow_colspec": [{"type": "double", "name": "alcohol"}]}',
              profile: '{"num_rows": 4898}',
            },
          },
        ],
      },
      history: [
        ...loss,
        { key: 'acc', step: 0, value: 0.5, timestamp: START },
        { key: 'acc', step: 1, value: NaN, timestamp: START + 10 },
        { key: 'acc', step: 2, value: 0.75, timestamp: START + 20 },
        ...Array.from({ length: 5 }, (_, i) => ({
          key: 'system/cpu_utilization_percentage',
          step: i,
          value: 10 * i,
          timestamp: START + i * 10_000,
        })),
      ],
      artifacts: {
        'model/MLmodel': 'flavors:\n  sklearn: {}\n',
        'model/conda.yaml': 'name: env\n',
        'metrics.json': '{"a": 1}',
      },
    },
    { end: START + 1_000_000 },
  ),
  makeRun('stale', 'RUNNING', { history: [{ key: 'x', step: 0, value: 1, timestamp: START }] }),
  makeRun(
    'live',
    'RUNNING',
    { history: [{ key: 'x', step: 0, value: 1, timestamp: NOW - 1000 }] },
    { start: NOW - 60_000 },
  ),
  makeRun('queued', 'SCHEDULED', {}, { start: START - 1 }),
  makeRun('broke', 'FAILED', {}, { start: START - 2, end: START + 5 }),
  makeRun('stopped', 'KILLED', {}, { start: START - 3, end: START + 5 }),
];

let server: FakeServer;
let source: MlflowSource;

before(async () => {
  server = await startFakeMlflow({
    runs,
    experiments: [{ experiment_id: '1', name: 'vision-exp' }],
    historyPageSize: 3000,
  });
  source = new MlflowSource({ baseUrl: `${server.url}/`, now: () => NOW });
});
after(() => server.close());

async function rejection(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSourceError(e), `not a SourceError: ${String(e)}`);
    return e as SourceError;
  }
  assert.fail('expected a rejection');
}

test('getRun: names, notes, tags, params as config, latest values as summary, experiment as project', async () => {
  const info = await source.getRun('r1');
  assert.equal(info.id, 'r1');
  assert.equal(info.name, 'baseline');
  assert.equal(info.project, 'vision-exp');
  assert.equal(info.state, 'finished');
  assert.equal(info.notes, '## Baseline\nFirst try.');
  assert.equal(info.user, 'alice');
  assert.deepEqual(info.command, { program: 'train.py' });
  assert.deepEqual(info.git, { commit: 'abc123', branch: 'main' });
  assert.deepEqual(info.tags, ['team: vision']);
  assert.deepEqual(info.config, { lr: '0.001', 'optimizer/name': 'adam' });
  assert.deepEqual(info.summary, { loss: 1 / 10_000, acc: 0.75, 'system/cpu_utilization_percentage': 40 });
  assert.equal(info.startedAt, START);
  assert.equal(info.endedAt, START + 1_000_000);
  assert.equal(info.runtime, 1000);
  assert.equal(info.format, 'mlflow');
});

test('statuses map to ours; a RUNNING run silent past the threshold is unknown, never a guessed crash', async () => {
  const states = await Promise.all(
    ['stale', 'live', 'queued', 'broke', 'stopped'].map(async (id) => (await source.getRun(id)).state),
  );
  assert.deepEqual(states, ['unknown', 'running', 'pending', 'failed', 'killed']);
});

test('queryRuns answers a page of the runs/search listing under the query', async () => {
  const all = (await source.listRuns()).map((r) => r.id);
  const first = await source.queryRuns({ limit: 2 });
  assert.deepEqual(
    first.runs.map((r) => r.id),
    all.slice(0, 2),
  );
  assert.equal(first.total, all.length);
  assert.equal(first.next, '2');
  const found = await source.queryRuns({ search: 'baseline' });
  assert.deepEqual(
    found.runs.map((r) => r.id),
    ['r1'],
  );
  const others = await source.queryRuns({ search: '-/^baseline$/m', sort: { column: 'name', dir: 'asc' } });
  assert.ok(!others.runs.some((r) => r.id === 'r1'));
  assert.equal(others.total, all.length - 1);
});

test('listRuns pages through runs/search, newest first', async () => {
  const refs = await source.listRuns();
  assert.deepEqual(
    refs.map((r) => r.id),
    ['live', 'r1', 'stale', 'queued', 'broke', 'stopped'],
  );
  assert.equal(refs[1]!.name, 'baseline');
  assert.ok(refs.every((r) => r.project === 'vision-exp' && r.format === 'mlflow'));
  assert.ok(server.requests.some((r) => r === 'POST /api/2.0/mlflow/experiments/search'));
  // the listing fields come with runs/search: no request per run
  const info = await source.getRun('r1');
  server.requests.length = 0;
  const r1 = (await source.listRuns()).find((r) => r.id === 'r1')!;
  assert.deepEqual(r1.config, info.config);
  assert.deepEqual(r1.summary, info.summary);
  assert.deepEqual(r1.tags, info.tags);
  assert.equal(r1.startedAt, info.startedAt);
  assert.equal(r1.endedAt, info.endedAt);
  assert.ok(!server.requests.some((r) => r.includes('runs/get')), 'no run read one by one');
});

test('listMetrics: keys, groups, counts and step extents from a whole-range sample', async () => {
  const metrics = await source.listMetrics('r1');
  const byKey = Object.fromEntries(metrics.map((m) => [m.key, m]));
  assert.deepEqual(Object.keys(byKey).sort(), ['acc', 'loss', 'system/cpu_utilization_percentage']);
  assert.equal(byKey['system/cpu_utilization_percentage']!.group, 'system');
  assert.equal(byKey['acc']!.count, 3);
  assert.deepEqual(byKey['acc']!.steps, [0, 2]);
  assert.equal(byKey['acc']!.last, 0.75);
  assert.deepEqual(byKey['loss']!.steps, [0, 9999]);
  assert.ok(byKey['loss']!.count >= 2500, 'a lower bound when the server sampled');
});

test('getSeries without points pages the whole history with get-history: exact, spike included', async () => {
  server.requests.length = 0;
  const [s] = await source.getSeries({ runIds: ['r1'], keys: ['loss'], x: 'step' });
  assert.equal(s!.total, 10_000);
  assert.equal(s!.exact, true);
  assert.equal(s!.x.length, 10_000);
  assert.equal(s!.y[SPIKE_STEP], 100);
  const pages = server.requests.filter((r) => r.startsWith('GET /api/2.0/mlflow/metrics/get-history?'));
  assert.equal(pages.length, 4, 'pages of 3,000');
  assert.ok(pages.slice(1).every((r) => r.includes('page_token=')));
});

test('getSeries with points: the server sample reduced with M4; zooming in reaches every raw point', async () => {
  server.requests.length = 0;
  const [wide] = await source.getSeries({ runIds: ['r1'], keys: ['loss'], x: 'step', points: 100 });
  assert.ok(
    server.requests.some(
      (r) =>
        r.startsWith('GET /ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?') && r.includes('max_results=2500'),
    ),
  );
  assert.equal(wide!.exact, false);
  assert.ok(wide!.x.length <= 400 + 2);
  assert.ok(Array.from(wide!.x).every((v, i) => i === 0 || v >= wide!.x[i - 1]!));

  server.requests.length = 0;
  const [zoom] = await source.getSeries({
    runIds: ['r1'],
    keys: ['loss'],
    x: 'step',
    points: 100,
    range: [7700, 7800],
  });
  const call = server.requests.find((r) => r.includes('get-history-bulk-interval'))!;
  assert.match(call, /start_step=7700&end_step=7800/);
  assert.equal(zoom!.total, 101);
  assert.equal(zoom!.exact, true);
  assert.ok(Array.from(zoom!.y).includes(100), 'the spike is there once zoomed in');
});

test('exactHistory: M4 over the full history keeps the spike at any width; an ended run is paged in once', async () => {
  const exact = new MlflowSource({ baseUrl: server.url, exactHistory: true, now: () => NOW });
  server.requests.length = 0;
  for (const points of [50, 300, 1000]) {
    const [s] = await exact.getSeries({ runIds: ['r1'], keys: ['loss'], x: 'step', points });
    assert.equal(s!.total, 10_000);
    assert.equal(s!.exact, false);
    assert.ok(s!.x.length <= 4 * points);
    assert.ok(Array.from(s!.y).includes(100), `spike kept at ${points} px`);
  }
  const [zoom] = await exact.getSeries({ runIds: ['r1'], keys: ['loss'], x: 'step', points: 100, range: [7700, 7800] });
  assert.equal(zoom!.exact, true);
  assert.equal(
    server.requests.filter((r) => r.includes('/metrics/get-history?')).length,
    4,
    'one paging of 4 pages, then memory',
  );
  // a running run's history is fetched again each time: it may have grown
  server.requests.length = 0;
  await exact.getSeries({ runIds: ['live'], keys: ['x'], x: 'step' });
  await exact.getSeries({ runIds: ['live'], keys: ['x'], x: 'step' });
  assert.equal(server.requests.filter((r) => r.includes('/metrics/get-history?')).length, 2);
});

test('an unknown metric is not-found; an empty zoom range is just empty', async () => {
  assert.equal((await rejection(source.getSeries({ runIds: ['r1'], keys: ['no/such'], x: 'step' }))).code, 'not-found');
  assert.equal(
    (await rejection(source.getSeries({ runIds: ['r1'], keys: ['no/such'], x: 'step', points: 10 }))).code,
    'not-found',
  );
  const [empty] = await source.getSeries({ runIds: ['r1'], keys: ['acc'], x: 'step', points: 10, range: [50, 60] });
  assert.equal(empty!.total, 0);
  assert.equal(empty!.exact, true);
});

test('getSeries: NaN values, wallclock and relative x, another metric as x, smoothing', async () => {
  const [acc] = await source.getSeries({ runIds: ['r1'], keys: ['acc'], x: 'step' });
  assert.deepEqual(Array.from(acc!.y), [0.5, NaN, 0.75]);
  assert.equal(acc!.nonFinite, 1);
  const [wall] = await source.getSeries({ runIds: ['r1'], keys: ['acc'], x: 'wallclock' });
  assert.deepEqual(Array.from(wall!.x), [START, START + 10, START + 20]);
  const [rel] = await source.getSeries({ runIds: ['r1'], keys: ['system/cpu_utilization_percentage'], x: 'relative' });
  assert.deepEqual(Array.from(rel!.x), [0, 10, 20, 30, 40]);
  const [byLoss] = await source.getSeries({ runIds: ['r1'], keys: ['acc'], x: 'system/cpu_utilization_percentage' });
  assert.deepEqual(Array.from(byLoss!.x), [0, 10, 20]);
  const [sm] = await source.getSeries({
    runIds: ['r1'],
    keys: ['system/cpu_utilization_percentage'],
    x: 'step',
    smoothing: { kind: 'ema', weight: 0.5 },
  });
  assert.equal(sm!.smoothed, true);
  assert.deepEqual(Array.from(sm!.original!.y), [0, 10, 20, 30, 40]);
  assert.notDeepEqual(Array.from(sm!.y), [0, 10, 20, 30, 40]);
});

test('artifacts: listFiles, readFile (whole and a byte range), fileUrl', async () => {
  const root = await source.listFiles('r1', '');
  assert.deepEqual(root.entries.map((e) => [e.path, e.name, e.kind, e.size]).sort(), [
    ['metrics.json', 'metrics.json', 'file', 8],
    ['model', 'model', 'dir', undefined],
  ]);
  const model = await source.listFiles('r1', 'model/');
  assert.deepEqual(model.entries.map((e) => e.path).sort(), ['model/MLmodel', 'model/conda.yaml']);
  const file = await source.readFile('r1', 'model/MLmodel');
  assert.equal(new TextDecoder().decode(file.bytes), 'flavors:\n  sklearn: {}\n');
  assert.equal(file.size, 23);
  assert.equal(file.mime, 'text/plain');
  const part = await source.readFile('r1', 'model/MLmodel', { start: 2, end: 7 });
  assert.equal(new TextDecoder().decode(part.bytes), 'avors');
  assert.equal(part.start, 2);
  assert.equal(part.size, 23);
  assert.equal(source.fileUrl('r1', 'model/MLmodel'), `${server.url}/get-artifact?path=model%2FMLmodel&run_uuid=r1`);
  assert.equal((await rejection(source.listFiles('r1', '../etc'))).code, 'invalid-data');
  assert.equal((await rejection(source.readFile('r1', '../../etc/passwd'))).code, 'invalid-data');
});

test('HTTP errors become SourceErrors: 404 not-found, 5xx unavailable (retryable), bad JSON invalid-data', async () => {
  const missing = await rejection(source.getRun('nope'));
  assert.equal(missing.code, 'not-found');
  assert.match(missing.message, /RESOURCE_DOES_NOT_EXIST: Run 'nope' not found/);
  assert.equal((await rejection(source.readFile('r1', 'absent.txt'))).code, 'not-found');
  const boom = await rejection(source.getRun('explode'));
  assert.equal(boom.code, 'unavailable');
  assert.equal(boom.retryable, true);
  assert.equal((await rejection(source.getRun('garbled'))).code, 'invalid-data');
});

test('401/403 become unauthorized; headers carry credentials', async () => {
  const guarded = await startFakeMlflow({ runs, experiments: [], auth: 'Bearer s3cret' });
  try {
    const anonymous = new MlflowSource({ baseUrl: guarded.url });
    const e = await rejection(anonymous.getRun('r1'));
    assert.equal(e.code, 'unauthorized');
    assert.equal(e.retryable, false);
    const authed = new MlflowSource({ baseUrl: guarded.url, headers: () => ({ Authorization: 'Bearer s3cret' }) });
    assert.equal((await authed.getRun('r1')).name, 'baseline');
  } finally {
    await guarded.close();
  }
});

test('network failures are unavailable and retryable', async () => {
  const gone = await startFakeMlflow({ runs, experiments: [] });
  const url = gone.url;
  await gone.close();
  const e = await rejection(new MlflowSource({ baseUrl: url }).getRun('r1'));
  assert.equal(e.code, 'unavailable');
  assert.equal(e.retryable, true);
});

test('abort signals reach fetch: aborted before and during a request', async () => {
  const ac = new AbortController();
  ac.abort();
  assert.equal((await rejection(source.getRun('r1', { signal: ac.signal }))).code, 'aborted');
  const slow = await startFakeMlflow({ runs, experiments: [], hold: true });
  try {
    const ac2 = new AbortController();
    const pending = new MlflowSource({ baseUrl: slow.url }).getSeries(
      { runIds: ['r1'], keys: ['loss'], x: 'step' },
      { signal: ac2.signal },
    );
    await until(() => slow.requests.length > 0, 'the request reached the server');
    ac2.abort();
    assert.equal((await rejection(pending)).code, 'aborted', 'did not wait for an answer that never comes');
  } finally {
    await slow.close();
  }
});

test('watch polls: new points of known metrics, new metrics, the final state; then stops', async () => {
  const run = makeRun(
    'growing',
    'RUNNING',
    { history: [{ key: 'loss', step: 0, value: 1, timestamp: NOW - 500 }] },
    { start: NOW - 1000 },
  );
  const live = await startFakeMlflow({ runs: [run], experiments: [{ experiment_id: '1', name: 'vision-exp' }] });
  try {
    mock.timers.enable({ apis: ['setTimeout'] });
    const asked: string[] = [];
    const recording: typeof fetch = (input, init) => {
      asked.push(String(input));
      return fetch(input, init);
    };
    const watcher = new MlflowSource({ baseUrl: live.url, pollMs: 20, now: () => NOW, fetch: recording });
    const events: RunEvent[] = [];
    const stop = watcher.watch('growing', (e) => events.push(e));
    const waitFor = (check: () => boolean) => advanceUntil(check, `events: ${JSON.stringify(events)}`);
    await waitFor(() => live.requests.filter((r) => r.includes('runs/get')).length >= 2);
    assert.equal(events.length, 0, 'the first poll only takes stock');
    for (let step = 1; step <= 3; step++)
      run.history.push({ key: 'loss', step, value: 1 / (step + 1), timestamp: NOW - 500 + step });
    run.history.push({ key: 'system/gpu_0_utilization_percentage', step: 0, value: 97, timestamp: NOW - 400 });
    await waitFor(() => events.some((e) => e.type === 'metrics' && e.group === 'system'));
    const history = events.flatMap((e) => (e.type === 'metrics' && e.group === 'history' ? e.points : []));
    assert.deepEqual(
      history.map((p) => [p.key, p.step, p.value]),
      [
        ['loss', 1, 1 / 2],
        ['loss', 2, 1 / 3],
        ['loss', 3, 1 / 4],
      ],
    );
    assert.equal(history[0]!.runtime, (NOW - 499 - (NOW - 1000)) / 1000);
    const added = events.find((e) => e.type === 'metrics-added');
    assert.deepEqual(added?.type === 'metrics-added' && added.metrics.map((m) => [m.key, m.group]), [
      ['system/gpu_0_utilization_percentage', 'system'],
    ]);

    run.info.status = 'FINISHED';
    run.info.end_time = NOW;
    await waitFor(() => events.some((e) => e.type === 'run' && e.run.state === 'finished'));
    const polls = asked.length;
    mock.timers.runAll();
    await advance(1);
    assert.equal(asked.length, polls, 'no polling after the run ended');
    stop();
  } finally {
    mock.timers.reset();
    await live.close();
  }
});

test('watch stops when its signal aborts', async () => {
  const run = makeRun('w2', 'RUNNING', {}, { start: NOW - 1000 });
  const live = await startFakeMlflow({ runs: [run], experiments: [] });
  try {
    const ac = new AbortController();
    mock.timers.enable({ apis: ['setTimeout'] });
    let asked = 0;
    const counting: typeof fetch = (input, init) => (asked++, fetch(input, init));
    new MlflowSource({ baseUrl: live.url, pollMs: 10, fetch: counting }).watch('w2', () => {}, { signal: ac.signal });
    await advanceUntil(() => live.requests.length >= 3, 'a few polls');
    ac.abort();
    const count = asked;
    mock.timers.runAll();
    await advance(1);
    assert.equal(asked, count, 'no poll after the abort');
    assert.ok(count > 0);
  } finally {
    mock.timers.reset();
    await live.close();
  }
});

test('answers of the wrong shape never throw TypeErrors: missing parts are empty, non-objects are invalid-data', async () => {
  const answers: Record<string, string> = {
    'runs/get': JSON.stringify({
      run: { info: 'weird', data: { metrics: { not: 'a list' }, params: [null, 3], tags: 'x' } },
    }),
    'artifacts/list': JSON.stringify({ files: [null, 7, { path: 'ok.txt', is_dir: false, file_size: '12' }] }),
    'get-history': JSON.stringify({ metrics: [null, { key: 'loss', value: 'NaN', step: '3', timestamp: '5' }] }),
    'experiments/search': 'null',
  };
  const fakeFetch = (async (url: string | URL | Request) => {
    const path = String(url);
    const key = Object.keys(answers).find((k) => path.includes(`/${k}`));
    return new Response(key ? answers[key] : '{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const odd = new MlflowSource({ baseUrl: 'http://mlflow.invalid', fetch: fakeFetch, now: () => NOW });
  const info = await odd.getRun('x');
  assert.equal(info.id, 'x');
  assert.deepEqual(info.summary, {});
  assert.deepEqual(info.config, {});
  assert.equal(info.state, 'unknown', 'no status and nothing dated: neither finished nor running');
  const files = await odd.listFiles('x', '');
  assert.deepEqual(
    files.entries.map((e) => [e.path, e.size]),
    [['ok.txt', 12]],
  );
  const [series] = await odd.getSeries({ runIds: ['x'], keys: ['loss'], x: 'step' });
  assert.deepEqual([Array.from(series!.x), series!.nonFinite], [[3], 1]);
  assert.equal((await rejection(odd.listRuns())).code, 'invalid-data');
});

test('artifacts: logged models (outputs) with their files, datasets (inputs) with metadata', async () => {
  const list = await source.listArtifacts!('r1');
  assert.deepEqual(
    list.map((a) => [a.id, a.name, a.type, a.direction, a.aliases]),
    [
      ['model:model', 'model', 'model', 'output', []],
      ['dataset:wine-quality@2a1e42c4', 'wine-quality', 'dataset', 'input', ['training']],
    ],
  );
  assert.ok(list.every((a) => !('files' in a)));
  const model = await source.getArtifact!('r1', 'model:model');
  assert.deepEqual(model.files.map((f) => f.path).sort(), ['MLmodel', 'conda.yaml']);
  assert.equal(model.fileCount, 2);
  assert.equal(model.createdAt, Date.UTC(2025, 4, 26, 11, 8, 5, 562));
  assert.deepEqual(model.metadata!['flavors'], ['python_function', 'sklearn']);
  const dataset = await source.getArtifact!('r1', 'dataset:wine-quality@2a1e42c4');
  assert.deepEqual(dataset.metadata, {
    source_type: 'http',
    source: { url: 'https://example.com/wine.csv' },
    schema: { mlflow_colspec: [{ type: 'double', name: 'alcohol' }] },
    profile: { num_rows: 4898 },
  });
  assert.equal(dataset.digest, '2a1e42c4');
  const file = await source.readArtifactFile!('r1', 'model:model', 'MLmodel');
  assert.equal(file.path, 'MLmodel');
  assert.equal(new TextDecoder().decode(file.bytes), 'flavors:\n  sklearn: {}\n');
  assert.equal((await rejection(source.getArtifact!('r1', 'model:nope'))).code, 'not-found');
  assert.equal(
    (await rejection(source.readArtifactFile!('r1', 'dataset:wine-quality@2a1e42c4', 'x'))).code,
    'not-found',
  );
  assert.equal(
    (await rejection(source.readArtifactFile!('r1', 'model:model', '../metrics.json'))).code,
    'invalid-data',
  );
  assert.deepEqual(await source.listArtifacts!('stale'), []);
});

test("getModel: the logged model's signature from its MLmodel; none without a signature", async () => {
  const signed = makeRun('signed', 'FINISHED', {
    tags: {
      'mlflow.log-model.history': JSON.stringify([
        { run_id: 'signed', artifact_path: 'clf', flavors: { sklearn: {} } },
      ]),
    },
    artifacts: {
      'clf/MLmodel':
        'flavors:\n  sklearn: {}\nsignature:\n  inputs: \'[{"type": "double", "name": "x"}]\'\n  outputs: \'[{"type": "long"}]\'\n',
    },
  });
  const fake = await startFakeMlflow({ runs: [signed, runs[0]!], experiments: [] });
  try {
    const rest = new MlflowSource({ baseUrl: fake.url });
    const graph = await rest.getModel!('signed');
    assert.deepEqual(
      graph.layers.map((l) => [l.name, l.type, l.parent]),
      [
        ['inputs', '1 input', undefined],
        ['x', 'double', 'signature/inputs'],
        ['outputs', '1 output', undefined],
        ['[0]', 'long', 'signature/outputs'],
      ],
    );
    const artifact = await rest.getArtifact!('signed', 'model:clf');
    assert.deepEqual(artifact.metadata!['signature'], {
      inputs: [{ type: 'double', name: 'x' }],
      outputs: [{ type: 'long' }],
    });
    assert.equal((await rejection(rest.getModel!('r1'))).code, 'not-found', 'r1 logged a model without a signature');
  } finally {
    await fake.close();
  }
});

test('a zoom on a time axis of a sampled metric pages in the whole history, so the spike is reachable', async () => {
  server.requests.length = 0;
  const spikeTime = START + SPIKE_STEP * 100;
  const [s] = await source.getSeries({
    runIds: ['r1'],
    keys: ['loss'],
    x: 'wallclock',
    points: 100,
    range: [spikeTime - 5000, spikeTime + 5000],
  });
  assert.equal(s!.total, 101);
  assert.equal(s!.exact, true);
  assert.ok(Array.from(s!.y).includes(100));
});

test('every watcher of a run shares one poll loop, stopped when the last one leaves', async () => {
  const run = makeRun('shared', 'RUNNING', { history: [{ key: 'loss', step: 0, value: 1, timestamp: NOW - 500 }] });
  const live = await startFakeMlflow({ runs: [run], experiments: [] });
  const polls = () => live.requests.filter((r) => r.includes('runs/get')).length;
  const waitFor = advanceUntil;
  try {
    mock.timers.enable({ apis: ['setTimeout'] });
    const source = new MlflowSource({ baseUrl: live.url, pollMs: 10, now: () => NOW });
    const got: number[][] = [[], [], []];
    const stops = got.map((list) =>
      source.watch('shared', (e) => e.type === 'metrics' && list.push(...e.points.map((p) => p.step))),
    );
    await waitFor(() => polls() >= 3, 'a few polls');
    run.history.push({ key: 'loss', step: 1, value: 0.5, timestamp: NOW - 400 });
    await waitFor(() => got.every((list) => list.includes(1)), 'the new point at every watcher');
    // One loop: the new point was fetched once, not once per watcher.
    const histories = live.requests.filter((r) => r.includes('get-history'));
    assert.equal(histories.length, 1, histories.join('\n'));
    for (const stop of stops) stop();
    const after = polls();
    mock.timers.runAll();
    await advance(1);
    assert.ok(polls() <= after + 1, 'polling stopped with the last watcher');
  } finally {
    mock.timers.reset();
    await live.close();
  }
});
