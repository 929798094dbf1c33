/**
 * Runs whose artifacts are not in their own `artifacts/` folder: logged through a tracking server
 * (`artifact_uri: mlflow-artifacts:/…`, files in `mlartifacts/` beside `mlruns/`), into an
 * experiment whose artifact location was an absolute path of another machine, or into a bucket.
 * Stores are written here as MLflow writes them; expected files are found by walking the folder
 * with node:fs, and the server's answers are compared with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { eventBytes, eventFile, scalarValue } from '../tfevents/encode.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const RUN = '0a814dd2a1e340a28890f70b17d98b46';
const T0 = 1_700_000_000;

function write(root: string, path: string, body: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

/** A run's meta.yaml as MLflow 2.x writes it (yaml.safe_dump, keys sorted). */
const runMeta = (artifactUri: string, exp = '1') =>
  `artifact_uri: ${artifactUri}\nend_time: ${T0 * 1000 + 60_000}\nentry_point_name: ''\nexperiment_id: '${exp}'\n` +
  `lifecycle_stage: active\nrun_id: ${RUN}\nrun_name: served-run\nrun_uuid: ${RUN}\nsource_name: ''\nsource_type: 4\n` +
  `source_version: ''\nstart_time: ${T0 * 1000}\nstatus: 3\ntags: []\nuser_id: alice\n`;

const MLMODEL =
  'artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    python_version: 3.11.4\n' +
  '  sklearn:\n    pickled_model: model.pkl\n    sklearn_version: 1.3.0\nmlflow_version: 2.9.2\n' +
  `model_uuid: 5b0c2c3f1d8e4f7a9c6b2a1e0d9f8c7b\nrun_id: ${RUN}\nutc_time_created: '2023-11-14 22:14:00.000000'\n`;

/** `mlflow server` (or `mlflow ui`) run in proj/: metadata in mlruns/, artifacts in mlartifacts/. */
function serverStore(dir: string): void {
  write(
    dir,
    'proj/mlruns/1/meta.yaml',
    `artifact_location: mlflow-artifacts:/1\ncreation_time: ${T0 * 1000}\nexperiment_id: '1'\n` +
      `last_update_time: ${T0 * 1000}\nlifecycle_stage: active\nname: served\n`,
  );
  write(dir, `proj/mlruns/1/${RUN}/meta.yaml`, runMeta(`mlflow-artifacts:/1/${RUN}/artifacts`));
  write(dir, `proj/mlruns/1/${RUN}/metrics/loss`, `${T0 * 1000} 0.5 0\n`);
  write(dir, `proj/mlruns/1/${RUN}/tags/mlflow.runName`, 'served-run');
  const art = `proj/mlartifacts/1/${RUN}/artifacts`;
  write(dir, `${art}/model/MLmodel`, MLMODEL);
  write(dir, `${art}/model/model.pkl`, new Uint8Array([0x80, 4, 0x95, 1, 2, 3]));
  write(dir, `${art}/plots/confusion matrix.txt`, 'tp fp\nfn tn\n');
  write(
    dir,
    `${art}/tb/events.out.tfevents.${T0}.host.1.0`,
    eventFile(
      [0.75, 0.5].map((v, i) => eventBytes(T0 + i, i, [scalarValue('acc', v)])),
      T0,
    ),
  );
}

/** Files below `dir` by path, with their bytes: the independent listing. */
function filesBelow(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

test('a run logged through a tracking server: its artifacts, model and event files come from mlartifacts/', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlartifacts-'));
  try {
    serverStore(dir);
    const expected = filesBelow(join(dir, `proj/mlartifacts/1/${RUN}/artifacts`));
    const run = await readMlflowRun(fsFolder(dir), `proj/mlruns/1/${RUN}`);
    assert.equal(run.artifactsPath, `proj/mlartifacts/1/${RUN}/artifacts`);
    assert.deepEqual(
      run.files.map((f) => [f.path, f.size]),
      [...expected].map(([p, b]) => [p, b.length]).sort(),
    );
    assert.deepEqual(
      run.artifacts.map((a) => [a.id, a.type]),
      [['model:model', 'model']],
    );
    assert.deepEqual(run.models[0]!.flavors, ['python_function', 'sklearn']);
    const acc = run.metrics.find((m) => m.key === 'tensorboard/acc');
    assert.deepEqual(Array.from(acc?.value ?? []), [0.75, 0.5]);
    assert.deepEqual(run.info.warnings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('served: the files tab lists and returns the mlartifacts/ files; their event files are not a run of their own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlartifacts-serve-'));
  try {
    serverStore(dir);
    const expected = filesBelow(join(dir, `proj/mlartifacts/1/${RUN}/artifacts`));
    const found = await discoverRuns([dir]);
    assert.deepEqual(found.problems, []);
    assert.deepEqual(
      found.runs.map((r) => [r.format, r.id]),
      [['mlflow', RUN]],
    );
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const top = await source.listFiles(RUN, '');
      assert.deepEqual(top.entries.map((e) => e.name).sort(), ['model', 'plots', 'tb']);
      const plots = await source.listFiles(RUN, 'plots');
      assert.deepEqual(
        plots.entries.map((e) => [e.name, e.size]),
        [['confusion matrix.txt', expected.get('plots/confusion matrix.txt')!.length]],
      );
      for (const path of ['plots/confusion matrix.txt', 'model/model.pkl']) {
        const got = await source.readFile(RUN, path);
        assert.deepEqual(Buffer.from(got.bytes), expected.get(path), path);
      }
      const artifacts = await source.listArtifacts(RUN);
      assert.deepEqual(
        artifacts.map((a) => a.id),
        ['model:model'],
      );
      const metrics = await source.listMetrics(RUN);
      assert.deepEqual(metrics.map((m) => m.key).sort(), ['loss', 'tensorboard/acc']);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mlruns/ opened alone, artifacts in a bucket, artifacts at a path of another machine: said, or found by the run id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlartifacts-elsewhere-'));
  try {
    serverStore(dir);
    // The store itself opened: mlartifacts/ is outside what is read.
    const alone = await readMlflowRun(fsFolder(join(dir, 'proj/mlruns')), `1/${RUN}`);
    assert.deepEqual(alone.files, []);
    assert.equal(alone.info.warnings!.length, 1);
    assert.match(alone.info.warnings![0]!, new RegExp(`mlartifacts/1/${RUN}/artifacts`));
    assert.match(alone.info.warnings![0]!, /outside the folder being read/);

    for (const at of ['s3', 'abs', 'own'])
      write(dir, `${at}/mlruns/0/meta.yaml`, "experiment_id: '0'\nlifecycle_stage: active\nname: Default\n");
    write(dir, `s3/mlruns/0/${RUN}/meta.yaml`, runMeta(`s3://bucket/mlflow/0/${RUN}/artifacts`, '0'));
    const bucket = await readMlflowRun(fsFolder(dir), `s3/mlruns/0/${RUN}`);
    assert.deepEqual(bucket.files, []);
    assert.deepEqual(bucket.info.warnings, [
      `The run's artifacts are stored at s3://bucket/mlflow/0/${RUN}/artifacts, not in this folder.`,
    ]);

    // An experiment created with artifact_location=/mnt/team/outputs on the author's machine; the
    // repository holds outputs/ beside mlruns/.
    write(dir, `abs/mlruns/0/${RUN}/meta.yaml`, runMeta(`file:///mnt/team/outputs/${RUN}/artifacts`, '0'));
    write(dir, `abs/outputs/${RUN}/artifacts/report.md`, '# report\n');
    const moved = await readMlflowRun(fsFolder(dir), `abs/mlruns/0/${RUN}`);
    assert.equal(moved.artifactsPath, `abs/outputs/${RUN}/artifacts`);
    assert.deepEqual(
      moved.files.map((f) => f.path),
      ['report.md'],
    );
    assert.deepEqual(moved.info.warnings, []);

    // The run's own folder spelled by the author's machine (Windows too), without artifacts: nothing to say.
    for (const uri of [
      `file:///C:/Users/al/proj/mlruns/0/${RUN}/artifacts`,
      `/home/al/proj/mlruns/0/${RUN}/artifacts`,
    ]) {
      write(dir, `own/mlruns/0/${RUN}/meta.yaml`, runMeta(uri, '0'));
      const own = await readMlflowRun(fsFolder(dir), `own/mlruns/0/${RUN}`);
      assert.equal(own.artifactsPath, `own/mlruns/0/${RUN}/artifacts`, uri);
      assert.deepEqual(own.info.warnings, [], uri);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
