/**
 * Datasets logged with `mlflow.log_input` (MLflow 2.4+) in a file store: the experiment's
 * `datasets/<id>/meta.yaml` and the run's `inputs/<id>/meta.yaml`, written here as MLflow's
 * FileStore writes them (ids are md5 hex digests, YAML from yaml.dump with sorted keys, long
 * strings folded). They become the run's input artifacts, as the REST source shows them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const RUN = '5e1c9a0d7b3f4e2a8c6d1f0b9a8e7d6c';
const md5 = (...parts: string[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function write(root: string, path: string, body: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

/** `mlflow.log_input(dataset, context)` into experiment 3, as FileStore.log_inputs lays it out. */
function logInput(dir: string, name: string, digest: string, datasetYaml: string, context: string): string {
  const datasetId = md5(name, digest);
  write(dir, `mlruns/3/datasets/${datasetId}/meta.yaml`, datasetYaml);
  write(
    dir,
    `mlruns/3/${RUN}/inputs/${md5(datasetId, RUN)}/meta.yaml`,
    `destination_id: ${datasetId}\ndestination_type: RUN\nsource_id: ${datasetId}\nsource_type: DATASET\ntags:\n  mlflow.data.context: ${context}\n`,
  );
  return datasetId;
}

function store(dir: string): void {
  write(
    dir,
    'mlruns/3/meta.yaml',
    "artifact_location: file:///home/al/mlruns/3\nexperiment_id: '3'\nlifecycle_stage: active\nname: iris\n",
  );
  write(
    dir,
    `mlruns/3/${RUN}/meta.yaml`,
    `artifact_uri: file:///home/al/mlruns/3/${RUN}/artifacts\nend_time: 1700000060000\nentry_point_name: ''\n` +
      `experiment_id: '3'\nlifecycle_stage: active\nrun_id: ${RUN}\nrun_name: with-data\nrun_uuid: ${RUN}\n` +
      `source_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: 3\ntags: []\nuser_id: al\n`,
  );
  logInput(
    dir,
    'iris-train',
    'a1b2c3d4',
    'digest: a1b2c3d4\nname: iris-train\nprofile: \'{"num_rows": 120, "num_elements": 600}\'\n' +
      'schema: \'{"mlflow_colspec": [{"type": "double", "name": "sepal length (cm)", "required":\n  true}]}\'\n' +
      'source: \'{"uri": "/home/al/data/iris.csv"}\'\nsource_type: local\n',
    'training',
  );
  logInput(dir, 'iris-eval', '00123', "digest: '00123'\nname: iris-eval\nsource: '{}'\nsource_type: code\n", 'eval');
  // An input whose dataset folder was not copied.
  write(
    dir,
    `mlruns/3/${RUN}/inputs/${md5('gone', RUN)}/meta.yaml`,
    'destination_id: gone\ndestination_type: RUN\nsource_id: gone\nsource_type: DATASET\ntags: {}\n',
  );
}

const EXPECTED = [
  {
    id: 'dataset:iris-train@a1b2c3d4',
    name: 'iris-train',
    type: 'dataset',
    direction: 'input',
    aliases: ['training'],
    metadata: {
      source_type: 'local',
      source: { uri: '/home/al/data/iris.csv' },
      schema: { mlflow_colspec: [{ type: 'double', name: 'sepal length (cm)', required: true }] },
      profile: { num_rows: 120, num_elements: 600 },
    },
    digest: 'a1b2c3d4',
  },
  {
    id: 'dataset:iris-eval@00123',
    name: 'iris-eval',
    type: 'dataset',
    direction: 'input',
    aliases: ['eval'],
    metadata: { source_type: 'code', source: {} },
    digest: '00123',
  },
];

test('datasets logged as inputs are the run’s input artifacts; a missing dataset is a warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-inputs-'));
  try {
    store(dir);
    const run = await readMlflowRun(fsFolder(dir), `mlruns/3/${RUN}`);
    const byId = new Map(run.artifacts.map((a) => [a.id, a]));
    assert.equal(run.artifacts.length, 2);
    for (const e of EXPECTED) {
      const a = byId.get(e.id);
      assert.ok(a, e.id);
      assert.deepEqual(
        {
          id: a.id,
          name: a.name,
          type: a.type,
          direction: a.direction,
          aliases: a.aliases,
          metadata: a.metadata,
          digest: a.digest,
        },
        e,
      );
    }
    assert.deepEqual(run.info.warnings, [
      `inputs/${md5('gone', RUN)} names dataset gone, which is not in the experiment's datasets/.`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('served: the Artifacts tab lists the datasets with their schema and profile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-inputs-serve-'));
  try {
    store(dir);
    const found = await discoverRuns([dir]);
    assert.deepEqual(
      found.runs.map((r) => r.id),
      [RUN],
    );
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const list = await source.listArtifacts(RUN);
      assert.deepEqual(list.map((a) => a.id).sort(), EXPECTED.map((e) => e.id).sort());
      const train = await source.getArtifact(RUN, EXPECTED[0]!.id);
      assert.deepEqual(train.metadata, EXPECTED[0]!.metadata);
      assert.deepEqual(train.aliases, ['training']);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
