/**
 * Logged models and registered model versions of the MLflow file store, as artifacts and as the
 * Model tab's signature graph. Real-run expectations are computed here from the raw files with
 * the `yaml` package and JSON.parse (not the project's readers); synthetic stores are written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readMlflowRun } from '../../../../src/formats/mlflow/file-store.js';
import { parseMlmodel, signatureGraph } from '../../../../src/formats/mlflow/mlmodel.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { fsFolder } from '../tfevents/fs-folder.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(join(REAL, '16aryan__MLFlow')) ? false : `real fixtures not found at ${REAL}`;
const EXP = '16aryan__MLFlow/mlruns/0';

interface RawMlmodel {
  signature: { inputs: string; outputs: string };
  flavors: Record<string, Record<string, unknown>>;
  model_size_bytes: number;
  mlflow_version: string;
  model_uuid: string;
  saved_input_example_info: { artifact_path: string };
}

test(
  'every real run with a model: its artifact, metadata and signature graph match the MLmodel file',
  { skip },
  async () => {
    const withModels = readdirSync(join(REAL, EXP)).filter((id) =>
      existsSync(join(REAL, EXP, id, 'artifacts/model/MLmodel')),
    );
    assert.equal(withModels.length, 3);
    for (const id of withModels) {
      const dir = join(REAL, EXP, id, 'artifacts/model');
      const raw = parseYaml(readFileSync(join(dir, 'MLmodel'), 'utf8')) as RawMlmodel;
      const inputs = JSON.parse(raw.signature.inputs) as { name: string; type: string }[];
      const outputs = JSON.parse(raw.signature.outputs) as { type: string }[];
      const onDisk = readdirSync(dir).sort();

      const run = await readMlflowRun(fsFolder(REAL), `${EXP}/${id}`);
      assert.deepEqual(run.info.warnings, [], id);
      assert.equal(run.artifacts.length, 1, id);
      const a = run.artifacts[0]!;
      assert.deepEqual([a.id, a.name, a.type, a.direction], ['model:model', 'model', 'model', 'output']);
      assert.deepEqual(a.files.map((f) => f.path).sort(), onDisk);
      assert.equal(
        a.size,
        onDisk.reduce((n, f) => n + statSync(join(dir, f)).size, 0),
      );
      assert.deepEqual(a.producer, { id, name: run.info.name, format: 'mlflow', project: 'Default' });
      const md = a.metadata!;
      assert.deepEqual(md['flavors'], Object.keys(raw.flavors));
      assert.deepEqual(md['flavor_info'], raw.flavors);
      assert.deepEqual(md['signature'], { inputs, outputs });
      assert.equal(md['model_size_bytes'], raw.model_size_bytes);
      assert.equal(md['mlflow_version'], raw.mlflow_version);
      assert.equal(md['model_uuid'], raw.model_uuid);
      const example = md['input_example'] as Record<string, unknown>;
      assert.equal(example['artifact_path'], raw.saved_input_example_info.artifact_path);
      assert.deepEqual(example['example'], JSON.parse(readFileSync(join(dir, 'input_example.json'), 'utf8')));
      // The sklearn flavor names model.pkl, which the repository did not keep.
      assert.equal(raw.flavors['sklearn']!['pickled_model'], 'model.pkl');
      assert.ok(!onDisk.includes('model.pkl'));
      assert.deepEqual(md['missing_files'], ['model.pkl']);

      // The Model tab: one row per input column and output, types as written.
      const layers = run.model!.layers;
      assert.equal(run.model!.format, 'mlflow-signature');
      const rows = (group: string) =>
        layers.filter((l) => l.parent === `signature/${group}`).map((l) => [l.name, l.type]);
      assert.deepEqual(
        rows('inputs'),
        inputs.map((c) => [c.name, c.type]),
      );
      assert.deepEqual(
        rows('outputs'),
        outputs.map((c, i) => [`[${i}]`, c.type]),
      );
      assert.deepEqual(
        layers.filter((l) => l.parent === undefined).map((l) => [l.name, l.type]),
        [
          ['inputs', `${inputs.length} inputs`],
          ['outputs', '1 output'],
        ],
      );

      // Served: the artifact, its files' bytes and the model through a MemorySource.
      const source = new MemorySource(run);
      assert.deepEqual(
        (await source.listArtifacts(id)).map((x) => x.id),
        ['model:model'],
      );
      const bytes = await source.readArtifactFile(id, 'model:model', 'MLmodel');
      assert.deepEqual(Buffer.from(bytes.bytes), readFileSync(join(dir, 'MLmodel')));
      assert.equal((await source.getModel(id)).layers.length, layers.length);
      assert.deepEqual((await source.getRun(id)).has?.model, true);
    }
  },
);

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
}

const RUN = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const runMeta = (id: string) =>
  `artifact_uri: file:///x/mlruns/1/${id}/artifacts\nend_time: 2000\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: r-${id.slice(0, 3)}\nstart_time: 1000\nstatus: 3\nuser_id: me\n`;
const TENSOR_MLMODEL = `artifact_path: net
flavors:
  pytorch:
    model_data: data
    pytorch_version: 2.3.0
  python_function:
    loader_module: mlflow.pytorch
    data: data
mlflow_version: 2.14.1
model_size_bytes: 4096
model_uuid: 12e45
run_id: ${RUN}
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}, "name": "image"}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 10]}}]'
  params: '[{"name": "temperature", "type": "float", "default": 0.5, "shape": null}]'
utc_time_created: '2024-03-01 10:00:00.250000'
`;
const versionMeta = (v: number, runId: string, source: string, stage: string, created: number) =>
  `creation_timestamp: ${created}\ncurrent_stage: ${stage}\ndescription: null\nlast_updated_timestamp: ${created + 5}\nname: mnist-net\nrun_id: ${runId}\nrun_link: null\nsource: ${source}\nstatus: READY\nstatus_message: null\nstorage_location: null\nuser_id: null\nversion: ${v}\n`;

test('registered versions of a logged model: versions, aliases, stage, tags, producer, files; deleted ones left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-registry-'));
  try {
    writeTree(dir, {
      'mlruns/1/meta.yaml': "experiment_id: '1'\nname: mnist\nlifecycle_stage: active\n",
      [`mlruns/1/${RUN}/meta.yaml`]: runMeta(RUN),
      [`mlruns/1/${RUN}/artifacts/net/MLmodel`]: TENSOR_MLMODEL,
      [`mlruns/1/${RUN}/artifacts/net/data/model.pth`]: 'weights',
      [`mlruns/1/${RUN}/artifacts/net/requirements.txt`]: 'torch==2.3.0',
      [`mlruns/1/${OTHER}/meta.yaml`]: runMeta(OTHER),
      'mlruns/models/mnist-net/meta.yaml':
        'creation_timestamp: 5000\ndescription: Digits\nlast_updated_timestamp: 9000\nname: mnist-net\n',
      'mlruns/models/mnist-net/tags/team': 'vision',
      'mlruns/models/mnist-net/aliases/champion': '2',
      'mlruns/models/mnist-net/aliases/candidate': '2',
      'mlruns/models/mnist-net/version-1/meta.yaml': versionMeta(
        1,
        RUN,
        `file:///x/mlruns/1/${RUN}/artifacts/net`,
        "'None'",
        6000,
      ),
      'mlruns/models/mnist-net/version-2/meta.yaml': versionMeta(2, RUN, `runs:/${RUN}/net`, 'Production', 7000),
      'mlruns/models/mnist-net/version-2/tags/approved': 'yes',
      'mlruns/models/mnist-net/version-3/meta.yaml': versionMeta(3, OTHER, `runs:/${OTHER}/net`, 'Staging', 8000),
      'mlruns/models/mnist-net/version-4/meta.yaml': versionMeta(4, RUN, `runs:/${RUN}/net`, 'Deleted_Internal', 8500),
    });
    const run = await readMlflowRun(fsFolder(dir), `mlruns/1/${RUN}`);
    assert.deepEqual(run.info.warnings, []);
    assert.deepEqual(
      run.artifacts.map((a) => [a.id, a.name, a.version, a.aliases]),
      [
        ['model:net', 'net', undefined, []],
        ['registered:mnist-net/2', 'mnist-net', 'v2', ['candidate', 'champion']],
        ['registered:mnist-net/1', 'mnist-net', 'v1', []],
      ],
    );
    const [logged, v2, v1] = run.artifacts;
    assert.deepEqual(
      logged!.versions!.map((v) => [v.id, v.version, v.aliases, v.createdAt]),
      [
        ['registered:mnist-net/2', 'v2', ['candidate', 'champion'], 7000],
        ['registered:mnist-net/1', 'v1', [], 6000],
      ],
    );
    assert.deepEqual(logged!.metadata!['registered_versions'], [
      { name: 'mnist-net', version: '2', stage: 'Production', aliases: ['candidate', 'champion'] },
      { name: 'mnist-net', version: '1', stage: 'None' },
    ]);
    assert.equal(logged!.metadata!['model_uuid'], '12e45', 'an id stays text as written');
    assert.equal(logged!.createdAt, Date.UTC(2024, 2, 1, 10, 0, 0, 250));
    assert.equal(logged!.metadata!['missing_files'], undefined, 'data/ is there');
    assert.deepEqual(
      v2!.versions!.map((v) => v.version),
      ['v3', 'v2', 'v1'],
      'every live version of the registered model, newest first',
    );
    assert.equal(v2!.description, 'stage Production');
    assert.deepEqual(
      [v2!.metadata!['stage'], v2!.metadata!['tags'], v2!.metadata!['registered_model_tags']],
      ['Production', { approved: 'yes' }, { team: 'vision' }],
    );
    assert.equal(v2!.metadata!['registered_model_description'], 'Digits');
    assert.equal(v2!.producer!.id, RUN);
    assert.deepEqual(v2!.files.map((f) => f.path).sort(), ['MLmodel', 'data/model.pth', 'requirements.txt']);
    assert.deepEqual(v1!.files.map((f) => f.path).sort(), v2!.files.map((f) => f.path).sort());

    const source = new MemorySource(run);
    const weights = await source.readArtifactFile(RUN, 'registered:mnist-net/2', 'data/model.pth');
    assert.equal(new TextDecoder().decode(weights.bytes), 'weights');

    // The other run only sees its own version.
    const other = await readMlflowRun(fsFolder(dir), `mlruns/1/${OTHER}`);
    assert.deepEqual(
      other.artifacts.map((a) => [a.id, a.files.length]),
      [['registered:mnist-net/3', 0]],
    );

    // Tensor signature with inference params.
    const layers = run.model!.layers;
    const row = (name: string) => layers.find((l) => l.name === name && l.parent !== undefined)!;
    assert.deepEqual([row('image').type, row('image').inputShape], ['float32 tensor', '(-1, 28, 28)']);
    assert.deepEqual([row('[0]').type, row('[0]').outputShape], ['float32 tensor', '(-1, 10)']);
    assert.equal(row('temperature').type, 'float = 0.5');
    assert.deepEqual(
      layers.filter((l) => l.parent === undefined).map((l) => l.name),
      ['inputs', 'outputs', 'params'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MLmodel parsing never throws: bad YAML, bad signature JSON, newer column types, several models', () => {
  assert.match(parseMlmodel('flavors: [', 'm').warnings[0]!, /m\/MLmodel is not valid YAML/);
  assert.match(parseMlmodel('- a\n- b\n', '').warnings[0]!, /^MLmodel does not hold a mapping/);
  const bad = parseMlmodel("signature:\n  inputs: '[{oops'\n  outputs: null\n", 'm');
  assert.deepEqual(bad.warnings, ['m/MLmodel: signature inputs is not valid JSON.']);
  assert.deepEqual(bad.signature?.raw, { inputs: '[{oops' });
  const rich = parseMlmodel(
    `flavors: {python_function: {}}\nsignature:\n  inputs: '${JSON.stringify([
      { type: 'array', items: { type: 'long' }, name: 'ids', required: false },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'double', required: false } }, name: 'o' },
      { type: 'map', values: { type: 'binary' }, name: 'm' },
    ])}'\n`,
    'llm',
  );
  assert.deepEqual(
    rich.signature!.inputs!.map((e) => [e.name, e.type, e.required]),
    [
      ['ids', 'array<long>', false],
      ['o', 'object {a: string, b?: double}', undefined],
      ['m', 'map<string, binary>', undefined],
    ],
  );
  const graph = signatureGraph([
    { artifactPath: 'llm', flavors: ['python_function'], signature: rich.signature! },
    { artifactPath: 'other', flavors: [], signature: { outputs: [{ type: 'long' }], raw: {} } },
  ])!;
  assert.deepEqual(
    graph.layers.filter((l) => l.parent === undefined).map((l) => [l.id, l.name, l.type]),
    [
      ['model:llm', 'llm', 'python_function'],
      ['model:other', 'other', ''],
    ],
  );
  assert.equal(graph.layers.find((l) => l.name === 'ids')!.type, 'array<long> (optional)');
  assert.equal(signatureGraph([]), undefined);
});
