/**
 * The summary of an MLflow run is each metric's "latest" value as MLflow's own stores pick it:
 * the greatest (step, timestamp, value) tuple. A loop that logs without a step writes many lines
 * at step 0, several within one millisecond: MLflow shows the largest of those, not the last line.
 * Metric files are written here as the MLflow 1.x file store writes them (`<ms> <value> <step>`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const RUN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const T = 1_600_000_000_000;

function write(root: string, path: string, body: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

/** What MLflow 1.x leaves: no run_name in meta.yaml (the name is the tag), status 3. */
function store(dir: string): void {
  write(
    dir,
    'mlruns/0/meta.yaml',
    "artifact_location: file:///home/u/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
  );
  write(
    dir,
    `mlruns/0/${RUN}/meta.yaml`,
    `artifact_uri: file:///home/u/mlruns/0/${RUN}/artifacts\nend_time: ${T + 9000}\nentry_point_name: ''\n` +
      `experiment_id: '0'\nlifecycle_stage: active\nname: ''\nrun_id: ${RUN}\nrun_uuid: ${RUN}\nsource_name: ''\n` +
      `source_type: 4\nsource_version: ''\nstart_time: ${T}\nstatus: 3\ntags: []\nuser_id: u\n`,
  );
  write(dir, `mlruns/0/${RUN}/tags/mlflow.runName`, 'no-step loop');
  // Logged in a loop without a step: three lines in the last millisecond.
  write(dir, `mlruns/0/${RUN}/metrics/acc`, `${T + 1} 0.5 0\n${T + 7} 0.6 0\n${T + 7} 0.9 0\n${T + 7} 0.7 0\n`);
  // A NaN among equals: never greater, so the first of the equals stays.
  write(dir, `mlruns/0/${RUN}/metrics/nan_first`, `${T + 7} nan 0\n${T + 7} 0.3 0\n`);
  write(dir, `mlruns/0/${RUN}/metrics/nan_last`, `${T + 7} 0.3 0\n${T + 7} nan 0\n`);
  // The largest step wins whatever the order and the times.
  write(dir, `mlruns/0/${RUN}/metrics/loss`, `${T + 5} 0.2 3\n${T + 9} 0.4 2\n${T + 2} 0.1 3\n`);
}

const EXPECTED = { acc: 0.9, nan_first: 'NaN', nan_last: 0.3, loss: 0.2 };

test('latest values: greatest (step, time, value), as MLflow picks them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-latest-'));
  try {
    store(dir);
    const run = await readMlflowRun(fsFolder(dir), `mlruns/0/${RUN}`);
    assert.equal(run.info.name, 'no-step loop');
    assert.deepEqual(run.info.summary, EXPECTED);
    // Every line is kept as a point, in file order.
    const acc = run.metrics.find((m) => m.key === 'acc')!;
    assert.deepEqual(Array.from(acc.value), [0.5, 0.6, 0.9, 0.7]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('served: the run’s summary carries the same latest values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-latest-serve-'));
  try {
    store(dir);
    const found = await discoverRuns([dir]);
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const info = await new HttpSource(server.url).getRun(RUN);
      assert.equal(info.summary!['acc'], 0.9);
      assert.equal(info.summary!['nan_last'], 0.3);
      assert.equal(info.summary!['loss'], 0.2);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
