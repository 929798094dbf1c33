/**
 * The tfevents and MLflow readers over the server's real RunFolder (createNodeFolder, which
 * streams files), and their runs loaded into a MemorySource.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createNodeFolder } from '../../../../src/server/node-folder.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { findTfeventsRuns, readTfeventsRun } from '../../../../src/formats/tfevents/folder.js';
import { listMlflowRuns, readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;

test('tfevents run through createNodeFolder into a MemorySource', { skip }, async () => {
  const folder = createNodeFolder(`${REAL}/yuanjun0416__tensorboard_use`);
  const refs = await findTfeventsRuns(folder);
  assert.deepEqual(
    refs.map((r) => r.path),
    ['loop_noise5_cbamconcat_rms10_batchsize512', 'loop_noise5_cbamconcat_rms1_batchsize512'],
  );
  const run = await readTfeventsRun(folder, refs[0]!.path, { id: 'rms10', growingThresholdMs: 1 });
  const source = new MemorySource(run);
  const metrics = await source.listMetrics!('rms10');
  assert.equal(metrics.length, 9);
  const loss = metrics.find((m) => m.key === 'train/epoch_loss')!;
  assert.deepEqual([loss.count, loss.steps, loss.last], [1000, [0, 999], 0.06371122598648071]);
  const [series] = await source.getSeries!({
    runIds: ['rms10'],
    keys: ['validation/evaluation_loss_vs_iterations'],
    x: 'step',
    range: [5, 5],
  });
  assert.equal(series!.total, 1);
  assert.ok(Array.from(series!.y).includes(2.3374407291412354));
  const info = await source.getRun('rms10');
  assert.equal(info.state, 'unknown', 'event files written in 2022 hold no exit');
  assert.equal(info.format, 'tfevents');
});

test('MLflow run through createNodeFolder into a MemorySource, artifacts listed', { skip }, async () => {
  const folder = createNodeFolder(`${REAL}/16aryan__MLFlow`);
  const runs = await listMlflowRuns(folder, 'mlruns');
  assert.equal(runs.length, 7);
  const loc = runs.find((r) => r.runId === 'c4e130d6e2f84b70acaf2c6f1127da26')!;
  const run = await readMlflowRun(folder, loc.path, { experimentName: loc.experimentName });
  const source = new MemorySource(run);
  const info = await source.getRun(run.info.id);
  assert.equal(info.name, 'rebellious-mule-624');
  assert.equal(info.project, 'Default');
  assert.equal(info.state, 'finished');
  const listing = await source.listFiles!(run.info.id, 'model');
  assert.deepEqual(listing.entries.map((e) => e.name).sort(), [
    'MLmodel',
    'conda.yaml',
    'input_example.json',
    'python_env.yaml',
    'requirements.txt',
    'serving_input_example.json',
  ]);
});
