/**
 * An MLflow store with damaged metadata: runs whose meta.yaml is missing or malformed, and an
 * experiment whose meta.yaml is malformed or missing, are listed (by folder name) and read, with
 * the problem in their warnings and every metric and param kept. Stores written here; expected
 * values are the ones written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findMlflowStores, listMlflowRuns, readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { loadRun } from '../../../../src/server/run-loaders.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { fsFolder } from '../tfevents/fs-folder.js';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
}

const GOOD = '11111111111111111111111111111111';
const BROKEN = '22222222222222222222222222222222';
const NOMETA = '33333333333333333333333333333333';
const ORPHAN = '44444444444444444444444444444444';
const meta = (id: string, exp: string) =>
  `artifact_uri: file:///x\nend_time: 3000\nexperiment_id: '${exp}'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: good\nstart_time: 1000\nstatus: 3\nuser_id: me\n`;

function damagedStore(dir: string): void {
  writeTree(dir, {
    'mlruns/0/meta.yaml': "experiment_id: '0'\nname: Default\nlifecycle_stage: active\n",
    [`mlruns/0/${GOOD}/meta.yaml`]: meta(GOOD, '0'),
    [`mlruns/0/${GOOD}/metrics/loss`]: '1000 0.5 0\n',
    // A meta.yaml cut mid-write: not YAML any more.
    [`mlruns/0/${BROKEN}/meta.yaml`]: 'artifact_uri: file:///x\nend_time: 3000\nrun_id: [22222\n',
    [`mlruns/0/${BROKEN}/metrics/acc`]: '1000 0.25 0\n2000 0.75 1\n',
    [`mlruns/0/${BROKEN}/params/lr`]: '0.01',
    [`mlruns/0/${BROKEN}/tags/mlflow.runName`]: 'broken-run',
    // No meta.yaml at all.
    [`mlruns/0/${NOMETA}/metrics/system/cpu_utilization_percentage`]: '1000 12.5 0\n',
    [`mlruns/0/${NOMETA}/params/batch`]: '64',
    // Experiment-level tags are not a run.
    'mlruns/0/tags/mlflow.note.content': 'notes',
    // An experiment whose meta.yaml is not YAML: its run is listed under the experiment's folder name.
    'mlruns/5/meta.yaml': 'name: [vision\n',
    [`mlruns/5/${ORPHAN}/meta.yaml`]: meta(ORPHAN, '5'),
    [`mlruns/5/${ORPHAN}/metrics/f1`]: '1000 0.9 3\n',
    // An experiment with no meta.yaml, whose run is intact.
    'mlruns/6/55555555555555555555555555555555/meta.yaml': meta('55555555555555555555555555555555', '6'),
  });
}

test('listing: no run vanishes; each damaged one says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-damaged-'));
  try {
    damagedStore(dir);
    const folder = fsFolder(dir);
    assert.deepEqual(await findMlflowStores(folder), ['mlruns']);
    const runs = await listMlflowRuns(folder, 'mlruns');
    const byId = Object.fromEntries(runs.map((r) => [r.runId, r]));
    assert.deepEqual(
      Object.keys(byId).sort(),
      [GOOD, BROKEN, NOMETA, ORPHAN, '55555555555555555555555555555555'].sort(),
    );
    assert.equal(byId[GOOD]!.warnings, undefined);
    assert.equal(byId[BROKEN]!.name, 'broken-run', 'the name from the runName tag');
    assert.match(byId[BROKEN]!.warnings![0]!, /meta\.yaml is not valid YAML/);
    assert.deepEqual(byId[NOMETA]!.warnings, ['meta.yaml is missing.']);
    assert.equal(byId[ORPHAN]!.experimentId, '5');
    assert.match(byId[ORPHAN]!.warnings![0]!, /^Experiment 5: .*meta\.yaml is not valid YAML/);
    assert.deepEqual(byId['55555555555555555555555555555555']!.warnings, ['Experiment 6: meta.yaml is missing.']);
    assert.equal(runs.filter((r) => r.path.endsWith('/tags')).length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reading: every metric and param of a damaged run is kept, its state unknown, the problem a warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-damaged-'));
  try {
    damagedStore(dir);
    const folder = fsFolder(dir);
    const broken = await readMlflowRun(folder, `mlruns/0/${BROKEN}`);
    assert.equal(broken.info.id, BROKEN);
    assert.equal(broken.info.name, 'broken-run');
    assert.equal(broken.info.project, 'Default');
    assert.equal(broken.info.state, 'unknown', 'no readable status: neither finished nor crashed');
    assert.deepEqual(broken.info.config, { lr: '0.01' });
    assert.deepEqual(
      broken.metrics.map((m) => [m.key, Array.from(m.step), Array.from(m.value)]),
      [['acc', [0, 1], [0.25, 0.75]]],
    );
    assert.equal(broken.info.warnings!.length, 1);
    assert.match(broken.info.warnings![0]!, /meta\.yaml is not valid YAML.*its id is the folder name/);

    const nometa = await readMlflowRun(folder, `mlruns/0/${NOMETA}`);
    assert.deepEqual([nometa.info.id, nometa.info.name, nometa.info.state], [NOMETA, NOMETA, 'unknown']);
    assert.deepEqual(nometa.info.config, { batch: '64' });
    assert.deepEqual(
      nometa.metrics.map((m) => [m.key, m.group]),
      [['system/cpu_utilization_percentage', 'system']],
    );
    assert.match(nometa.info.warnings![0]!, /^meta\.yaml is missing/);

    const orphan = await readMlflowRun(folder, `mlruns/5/${ORPHAN}`);
    assert.deepEqual([orphan.info.state, orphan.info.project, orphan.info.endedAt], ['finished', undefined, 3000]);
    assert.deepEqual(
      orphan.metrics.map((m) => [m.key, Array.from(m.value)]),
      [['f1', [0.9]]],
    );
    assert.match(
      orphan.info.warnings![0]!,
      /experiment's meta\.yaml \(experiment 5\).*not valid YAML.*name is unknown/,
    );

    // Served: discovery finds all five, and each loads with its warnings.
    const found = await discoverRuns([dir]);
    assert.equal(found.runs.filter((r) => r.format === 'mlflow').length, 5);
    for (const loc of found.runs) {
      const loaded = await loadRun(loc, { now: Date.now(), heartbeatThresholdMs: 300_000, fileUrl: (p) => p });
      const info = await new MemorySource(loaded.run).getRun(loaded.run.info.id);
      assert.equal(info.id, loc.id);
      if (loc.id !== GOOD) assert.ok((info.warnings ?? []).length > 0, `${loc.id} says what is wrong`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
