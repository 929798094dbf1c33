/**
 * `runpage serve mlruns/0` (an experiment folder) and `runpage serve mlruns/0/<run_id>` (one run
 * folder): the runs are found and served with their values, as when the whole store is given.
 * Before, neither was a store (a run's meta.yaml, which names its experiment, was taken for an
 * experiment's) and nothing was listed, without a word. The store is written here as MLflow 2.x
 * writes it; expected values are the ones written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverRuns } from '../../../src/server/discover.js';
import { HttpSource } from '../../../src/data/http-source.js';
import { serve } from './helpers.js';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';
const T = 1_700_000_000_000;

function write(root: string, path: string, body: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

function runMeta(id: string, name: string, start: number): string {
  return (
    `artifact_uri: file:///Users/me/proj/mlruns/7/${id}/artifacts\nend_time: ${start + 1000}\nentry_point_name: ''\n` +
    `experiment_id: '7'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: ${name}\nrun_uuid: ${id}\n` +
    `source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ${start}\nstatus: 3\ntags: []\nuser_id: me\n`
  );
}

function store(dir: string): void {
  write(
    dir,
    'mlruns/7/meta.yaml',
    `artifact_location: file:///Users/me/proj/mlruns/7\ncreation_time: ${T}\nexperiment_id: '7'\n` +
      `last_update_time: ${T}\nlifecycle_stage: active\nname: tuning\n`,
  );
  write(dir, `mlruns/7/${A}/meta.yaml`, runMeta(A, 'first', T));
  write(dir, `mlruns/7/${A}/metrics/loss`, `${T} 0.5 0\n${T + 10} 0.25 1\n`);
  write(dir, `mlruns/7/${A}/params/lr`, '0.01');
  write(dir, `mlruns/7/${A}/artifacts/report.txt`, 'report');
  write(dir, `mlruns/7/${B}/meta.yaml`, runMeta(B, 'second', T + 5000));
  write(dir, `mlruns/7/${B}/metrics/loss`, `${T + 5000} 0.75 0\n`);
}

test('an experiment folder given alone: its runs, its name as project, their values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-exp-root-'));
  try {
    store(dir);
    const found = await discoverRuns([join(dir, 'mlruns/7')]);
    assert.deepEqual(found.problems, []);
    assert.deepEqual(
      found.runs.map((r) => [r.format, r.id, r.path, r.name, r.project]),
      [
        ['mlflow', B, B, 'second', 'tuning'],
        ['mlflow', A, A, 'first', 'tuning'],
      ],
    );
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const info = await source.getRun(A);
      assert.deepEqual(
        [info.name, info.project, info.state, info.config],
        ['first', 'tuning', 'finished', { lr: '0.01' }],
      );
      assert.deepEqual(info.warnings, []);
      const [loss] = await source.getSeries({ runIds: [A], keys: ['loss'], x: 'step' });
      assert.deepEqual(Array.from(loss!.y), [0.5, 0.25]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one run folder given alone: the run, its metrics and artifact files, no false warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-run-root-'));
  try {
    store(dir);
    const found = await discoverRuns([join(dir, `mlruns/7/${A}`)]);
    assert.deepEqual(found.problems, []);
    assert.deepEqual(
      found.runs.map((r) => [r.format, r.id, r.path, r.name]),
      [['mlflow', A, '', 'first']],
    );
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const info = await source.getRun(A);
      assert.deepEqual([info.id, info.name, info.state, info.summary], [A, 'first', 'finished', { loss: 0.25 }]);
      assert.deepEqual(info.warnings, []);
      const file = await source.readFile(A, 'report.txt');
      assert.equal(new TextDecoder().decode(file.bytes), 'report');
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
