import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  writeFileSync,
  rmSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import {
  findMlflowStores,
  listMlflowExperiments,
  listMlflowRuns,
  readMlflowRun,
  mlflowArtifactPath,
} from '../../../../src/formats/mlflow/file-store.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(join(REAL, '16aryan__MLFlow')) ? false : `real fixtures not found at ${REAL}`;

test('real store: one experiment, seven runs with statuses, names and start times', { skip }, async () => {
  const folder = fsFolder(REAL);
  assert.deepEqual(await findMlflowStores(folder, '16aryan__MLFlow'), ['16aryan__MLFlow/mlruns']);
  const { experiments } = await listMlflowExperiments(folder, '16aryan__MLFlow/mlruns');
  assert.deepEqual(
    experiments.map((e) => [e.experimentId, e.name, e.path]),
    [['0', 'Default', '16aryan__MLFlow/mlruns/0']],
  );
  const runs = await listMlflowRuns(folder, '16aryan__MLFlow/mlruns');
  // A RUNNING run's state needs its activity: the listing leaves it to the read.
  assert.deepEqual(
    runs.map((r) => [r.runId, r.name, r.status, r.state, r.startedAt]),
    [
      ['9911bae16dd546359a364d39e11592ed', 'abrasive-donkey-377', 'RUNNING', undefined, 1748273012743],
      ['87d2ac72e74a4966b7ae93984c60ddbf', 'carefree-pig-210', 'RUNNING', undefined, 1748272813955],
      ['4709c8402d5e436b8ce9a601f44516a5', 'gregarious-roo-26', 'RUNNING', undefined, 1748272795112],
      ['1e47c951822f47a595b32c1ae96e6c77', 'loud-colt-529', 'RUNNING', undefined, 1748272535366],
      ['0d8653353e3e43beb89442a8bca1a94d', 'wise-roo-476', 'FINISHED', 'finished', 1748257990910],
      ['c4e130d6e2f84b70acaf2c6f1127da26', 'rebellious-mule-624', 'FINISHED', 'finished', 1748257685554],
      ['12ffb4f0709f437784bd8d63a270d702', 'auspicious-shark-261', 'FINISHED', 'finished', 1748257647894],
    ],
  );
  assert.ok(runs.every((r) => r.warnings === undefined));
  assert.ok(runs.every((r) => r.experimentName === 'Default' && r.experimentId === '0'));
});

test('real finished run: metrics, params, tags, model history, artifacts', { skip }, async () => {
  const folder = fsFolder(REAL);
  const path = '16aryan__MLFlow/mlruns/0/0d8653353e3e43beb89442a8bca1a94d';
  const run = await readMlflowRun(folder, path, { experimentName: 'Default' });
  assert.equal(run.info.id, '0d8653353e3e43beb89442a8bca1a94d');
  assert.equal(run.info.name, 'wise-roo-476');
  assert.equal(run.info.project, 'Default');
  assert.equal(run.info.state, 'finished');
  assert.equal(run.info.startedAt, 1748257990910);
  assert.equal(run.info.endedAt, 1748257992525);
  assert.equal(run.info.runtime, 1.615);
  assert.equal(run.info.user, 'aryan');
  assert.equal(run.info.format, 'mlflow');
  assert.deepEqual(run.info.config, { alpha: '0.1', l1_ratio: '0.6' });
  assert.deepEqual(run.info.summary, { mae: 0.5627373693033669, r2: 0.24127270524006605, rmse: 0.7317723392279818 });
  assert.deepEqual(
    run.metrics.map((m) => [m.key, m.group, Array.from(m.step), Array.from(m.value), Array.from(m.time!)]),
    [
      ['mae', 'history', [0], [0.5627373693033669], [1748257990918]],
      ['r2', 'history', [0], [0.24127270524006605], [1748257990918]],
      ['rmse', 'history', [0], [0.7317723392279818], [1748257990918]],
    ],
  );
  assert.equal(run.tags['mlflow.source.type'], 'LOCAL');
  assert.equal(run.models.length, 1);
  assert.equal(run.models[0]!.artifactPath, 'model');
  assert.deepEqual(run.models[0]!.flavors, ['python_function', 'sklearn']);
  assert.deepEqual(
    run.files.map((f) => f.path),
    [
      'model/MLmodel',
      'model/conda.yaml',
      'model/input_example.json',
      'model/python_env.yaml',
      'model/requirements.txt',
      'model/serving_input_example.json',
    ],
  );
  assert.equal(run.artifacts.length, 1);
  const model = run.artifacts[0]!;
  assert.deepEqual([model.id, model.name, model.type, model.direction], ['model:model', 'model', 'model', 'output']);
  assert.deepEqual(model.files.map((f) => f.path).sort(), [
    'MLmodel',
    'conda.yaml',
    'input_example.json',
    'python_env.yaml',
    'requirements.txt',
    'serving_input_example.json',
  ]);
  const dir = join(REAL, path, 'artifacts/model');
  assert.equal(
    model.size,
    readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0),
  );
  assert.equal(model.createdAt, Date.UTC(2025, 4, 26, 11, 13, 10, 919));
  const mlmodel = new TextDecoder().decode(await folder.read(mlflowArtifactPath(path, 'model/MLmodel')));
  assert.match(mlmodel, /sklearn/);
  assert.deepEqual(run.info.warnings, []);
});

test(
  'real running run: git commit from tags; RUNNING and silent for a year is unknown, in the source too',
  { skip },
  async () => {
    const run = await readMlflowRun(fsFolder(REAL), '16aryan__MLFlow/mlruns/0/1e47c951822f47a595b32c1ae96e6c77');
    assert.equal(run.info.state, 'unknown');
    // Hand-checked in the files: start_time 1748272535366, every metric line at 1748272535374.
    assert.equal(run.info.endedAt, 1748272535374);
    assert.equal(run.info.heartbeatAt, 1748272535374);
    assert.equal(run.info.runtime, 0.008);
    assert.deepEqual(run.info.git, { commit: '459611c9cc7cebc5b13599c9a768da3cc1cff17d' });
    assert.deepEqual(run.files, []);
    assert.deepEqual(run.artifacts, []);
    assert.equal(run.model, undefined);
    const source = new MemorySource(run);
    assert.equal((await source.getRun(run.info.id)).state, 'unknown', 'never a guessed crash');
    const metrics = await source.listMetrics!(run.info.id);
    assert.deepEqual(
      metrics.map((m) => [m.key, m.count, m.last]),
      [
        ['mae', 1, 0.6271946374319586],
        ['r2', 1, 0.10862644997792614],
        ['rmse', 1, 0.7931640229276851],
      ],
    );
  },
);

/** Independent of the reader: status, start, end and newest metric timestamp, from the raw files. */
function rawRunFacts(dir: string): { status: number; start: number; end?: number; lastMetric: number } {
  const meta = readFileSync(join(dir, 'meta.yaml'), 'utf8');
  const field = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(meta)![1]!.trim();
  const end = field('end_time');
  let lastMetric = -Infinity;
  for (const name of readdirSync(join(dir, 'metrics'))) {
    for (const line of readFileSync(join(dir, 'metrics', name), 'utf8').split('\n')) {
      if (line.trim()) lastMetric = Math.max(lastMetric, Number(line.split(' ')[0]));
    }
  }
  return {
    status: Number(field('status')),
    start: Number(field('start_time')),
    ...(end === 'null' ? {} : { end: Number(end) }),
    lastMetric,
  };
}

test(
  'every real run: FINISHED is finished with its end_time; RUNNING is unknown now, running when fresh',
  { skip },
  async () => {
    const folder = fsFolder(REAL);
    const expDir = join(REAL, '16aryan__MLFlow/mlruns/0');
    const ids = readdirSync(expDir).filter((n) => /^[0-9a-f]{32}$/.test(n));
    assert.equal(ids.length, 7);
    const seen: string[] = [];
    for (const id of ids) {
      const raw = rawRunFacts(join(expDir, id));
      const path = `16aryan__MLFlow/mlruns/0/${id}`;
      const { info } = await readMlflowRun(folder, path, { tensorboard: false });
      seen.push(info.state);
      assert.equal(info.startedAt, raw.start, id);
      if (raw.status === 3) {
        assert.deepEqual(
          [info.state, info.endedAt, info.runtime],
          ['finished', raw.end, (raw.end! - raw.start) / 1000],
          id,
        );
      } else {
        assert.equal(raw.status, 1);
        const last = Math.max(raw.start, raw.lastMetric);
        assert.deepEqual([info.state, info.endedAt, info.heartbeatAt], ['unknown', last, last], id);
        // What MLflow shows ("Running") holds while the run's last write is within the threshold.
        const fresh = await readMlflowRun(folder, path, { now: last + 60_000, heartbeatThresholdMs: 300_000 });
        assert.deepEqual([fresh.info.state, fresh.info.endedAt], ['running', undefined], id);
        const stale = await readMlflowRun(folder, path, { now: last + 300_000, heartbeatThresholdMs: 300_000 });
        assert.equal(stale.info.state, 'unknown', id);
      }
    }
    assert.deepEqual(seen.sort(), ['finished', 'finished', 'finished', 'unknown', 'unknown', 'unknown', 'unknown']);
  },
);

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
}

test('synthetic store: nested keys, system metrics, bad lines, .trash and models skipped, deleted runs hidden', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlruns-'));
  try {
    const R = 'proj/mlruns/7/aaaa';
    writeTree(dir, {
      'proj/mlruns/7/meta.yaml': "experiment_id: '7'\nname: vision\nlifecycle_stage: active\n",
      [`${R}/meta.yaml`]:
        "run_id: aaaa\nexperiment_id: '7'\nstatus: 4\nstart_time: 1000\nend_time: 61000\nrun_name: r\nlifecycle_stage: active\n",
      [`${R}/metrics/train/loss`]: '1000 2.5 0\n2000 nan 1\n3000 1e-05 2\noops\n2500 0.5 2\n',
      [`${R}/metrics/system/cpu_utilization_percentage`]: '1000 12.5 0\n11000 50 1\n',
      [`${R}/metrics/acc`]: '1000 inf\n',
      [`${R}/params/optimizer/lr`]: '0.001',
      [`${R}/tags/mlflow.note.content`]: 'Fine-tune **run**',
      [`${R}/tags/mlflow.runName`]: 'named-by-tag',
      [`${R}/tags/team/area`]: 'nlp',
      [`${R}/artifacts/plots/a.png`]: 'png',
      'proj/mlruns/7/bbbb/meta.yaml': "run_id: bbbb\nexperiment_id: '7'\nstatus: 5\nlifecycle_stage: deleted\n",
      'proj/mlruns/7/cccc/meta.yaml':
        "run_id: cccc\nexperiment_id: '7'\nstatus: 2\nstart_time: 5\nlifecycle_stage: active\n",
      'proj/mlruns/7/tags/some.tag': 'x',
      'proj/mlruns/.trash/9/meta.yaml': "experiment_id: '9'\nname: gone\n",
      'proj/mlruns/models/m1/meta.yaml': 'name: m1\n',
    });
    const folder = fsFolder(dir);
    assert.deepEqual(await findMlflowStores(folder), ['proj/mlruns']);
    const runs = await listMlflowRuns(folder, 'proj/mlruns');
    assert.deepEqual(
      runs.map((r) => [r.runId, r.state]),
      [
        ['aaaa', 'failed'],
        ['cccc', 'pending'],
      ],
    );
    assert.deepEqual(
      (await listMlflowRuns(folder, 'proj/mlruns', { includeDeleted: true })).map((r) => [r.runId, r.state]),
      [
        ['aaaa', 'failed'],
        ['cccc', 'pending'],
        ['bbbb', 'killed'],
      ],
    );

    const run = await readMlflowRun(folder, R);
    assert.equal(run.info.name, 'named-by-tag');
    assert.equal(run.info.state, 'failed');
    assert.equal(run.info.notes, 'Fine-tune **run**');
    assert.equal(run.info.runtime, 60);
    assert.deepEqual(run.info.tags, ['team/area: nlp']);
    assert.deepEqual(run.info.config, { 'optimizer/lr': '0.001' });
    const byKey = Object.fromEntries(run.metrics.map((m) => [m.key, m]));
    assert.deepEqual(Object.keys(byKey).sort(), ['acc', 'system/cpu_utilization_percentage', 'train/loss']);
    assert.equal(byKey['system/cpu_utilization_percentage']!.group, 'system');
    assert.deepEqual(Array.from(byKey['train/loss']!.value), [2.5, NaN, 1e-5, 0.5]);
    assert.deepEqual(Array.from(byKey['acc']!.step), [0]);
    // latest = largest step, then latest time: step 2 at 3000 ms beats step 2 at 2500 ms
    assert.deepEqual(run.info.summary, {
      acc: 'Infinity',
      'system/cpu_utilization_percentage': 50,
      'train/loss': 1e-5,
    });
    assert.deepEqual(run.info.warnings, ['Metric train/loss: skipped 1 unreadable line (line 4).']);
    assert.deepEqual(
      run.files.map((f) => [f.path, f.size]),
      [['plots/a.png', 3]],
    );

    const missing = await readMlflowRun(folder, 'proj/mlruns/7/nope');
    assert.equal(missing.info.id, 'nope');
    assert.match(missing.info.warnings![0]!, /meta.yaml is missing/);
    assert.deepEqual(missing.metrics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
