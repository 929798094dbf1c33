/**
 * TensorBoard event files among an MLflow run's artifacts become `tensorboard/…` metrics of the
 * run, beside its own metrics. Event files are written here with the test encoder; expected values
 * are the ones written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { sectionOf } from '../../../../src/elements/metric-workspace/panel-layout.js';
import { eventBytes, eventFile, scalarValue } from '../tfevents/encode.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const RUN = 'cccccccccccccccccccccccccccccccc';
const T0 = 1_700_000_000;

function write(root: string, path: string, body: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

function store(dir: string, status = 3, startMs = T0 * 1000): void {
  write(dir, 'mlruns/0/meta.yaml', "experiment_id: '0'\nname: Default\nlifecycle_stage: active\n");
  write(
    dir,
    `mlruns/0/${RUN}/meta.yaml`,
    `artifact_uri: file:///x\nend_time: ${status === 1 ? 'null' : startMs + 60_000}\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: ${RUN}\nrun_name: tb\nstart_time: ${startMs}\nstatus: ${status}\nuser_id: me\n`,
  );
  write(dir, `mlruns/0/${RUN}/metrics/loss`, `${startMs} 1.5 0\n${startMs + 1000} 1.25 1\n`);
}

const events = (t0: number, tag: string, values: number[]) =>
  eventFile(
    values.map((v, i) => eventBytes(t0 + i, i, [scalarValue(tag, v)])),
    t0,
  );

test("one TensorBoard folder: its scalars are tensorboard/<key> metrics, a section of their own, the run's own kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-tb-'));
  try {
    store(dir);
    const tb = `mlruns/0/${RUN}/artifacts/tensorboard_logs`;
    write(dir, `${tb}/train/events.out.tfevents.${T0}.host.1.0`, events(T0, 'acc', [0.25, 0.5, 0.75]));
    write(dir, `${tb}/validation/events.out.tfevents.${T0}.host.1.1`, events(T0, 'acc', [0.125]));
    const run = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`);
    assert.deepEqual(run.info.warnings, []);
    const byKey = Object.fromEntries(run.metrics.map((m) => [m.key, m]));
    assert.deepEqual(Object.keys(byKey).sort(), ['loss', 'tensorboard/train/acc', 'tensorboard/validation/acc']);
    const acc = byKey['tensorboard/train/acc']!;
    assert.deepEqual(Array.from(acc.step), [0, 1, 2]);
    assert.deepEqual(Array.from(acc.value), [0.25, 0.5, 0.75]);
    assert.deepEqual(Array.from(acc.time!), [T0 * 1000, (T0 + 1) * 1000, (T0 + 2) * 1000]);
    assert.equal(acc.group, 'history');
    assert.deepEqual(Array.from(byKey['loss']!.value), [1.5, 1.25]);
    assert.deepEqual(run.info.summary, { loss: 1.25 }, "the summary is MLflow's own metrics");
    // The event files stay files of the run too.
    assert.ok(run.files.some((f) => f.path === `tensorboard_logs/train/events.out.tfevents.${T0}.host.1.0`));

    const source = new MemorySource(run);
    const listed = await source.listMetrics(RUN);
    // The Charts tab's sections: the run's own metrics in the default one, the event files' in `tensorboard`.
    assert.deepEqual(listed.map((m) => [m.key, m.group, sectionOf(m.key)]).sort(), [
      ['loss', 'history', ''],
      ['tensorboard/train/acc', 'history', 'tensorboard'],
      ['tensorboard/validation/acc', 'history', 'tensorboard'],
    ]);
    const [series] = await source.getSeries({ runIds: [RUN], keys: ['tensorboard/train/acc'], x: 'step' });
    assert.deepEqual(Array.from(series!.y), [0.25, 0.5, 0.75]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('several TensorBoard folders keep their folder in the key; a clash with an MLflow key hides nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-tb-'));
  try {
    store(dir);
    write(dir, `mlruns/0/${RUN}/metrics/tensorboard/a/loss`, `${T0 * 1000} 9 0\n`);
    write(dir, `mlruns/0/${RUN}/artifacts/a/events.out.tfevents.${T0}.h.1.0`, events(T0, 'loss', [1, 2]));
    write(dir, `mlruns/0/${RUN}/artifacts/b/events.out.tfevents.${T0}.h.1.0`, events(T0, 'loss', [3]));
    const run = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`);
    const byKey = Object.fromEntries(run.metrics.map((m) => [m.key, Array.from(m.value)]));
    assert.deepEqual(byKey, {
      loss: [1.5, 1.25],
      'tensorboard/a/loss': [9],
      'tensorboard/a/loss (tensorboard)': [1, 2],
      'tensorboard/b/loss': [3],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a RUNNING run whose only recent writes are TensorBoard events is running; damaged event files are warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-tb-'));
  try {
    const now = Date.now();
    store(dir, 1, now - 3_600_000); // started an hour ago, MLflow metrics an hour old
    const t = Math.floor(now / 1000) - 10;
    const file = events(t, 'reward', [1, 2, 3]);
    write(dir, `mlruns/0/${RUN}/artifacts/tb/events.out.tfevents.${t}.h.1.0`, file);
    const run = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`, { now, heartbeatThresholdMs: 60_000 });
    assert.equal(run.info.state, 'running');
    assert.equal(run.info.heartbeatAt, (t + 2) * 1000);
    const quiet = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`, {
      now: now + 120_000,
      heartbeatThresholdMs: 60_000,
    });
    assert.equal(quiet.info.state, 'unknown');
    assert.equal(quiet.info.endedAt, (t + 2) * 1000);

    const cut = file.slice(0, file.length - 3);
    cut[40] = cut[40]! ^ 0xff;
    write(dir, `mlruns/0/${RUN}/artifacts/tb/events.out.tfevents.${t}.h.1.0`, cut);
    const damaged = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`, { now: now + 3_600_000 });
    assert.ok(damaged.info.warnings!.length > 0);
    assert.ok(
      damaged.info.warnings!.every((w) => w.startsWith('artifacts/tb/events.out.tfevents.')),
      damaged.info.warnings!.join('\n'),
    );
    assert.ok(
      damaged.metrics.some((m) => m.key === 'tensorboard/reward'),
      'intact events kept',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
