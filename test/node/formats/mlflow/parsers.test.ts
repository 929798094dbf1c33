import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricFile, parseMlflowNumber } from '../../../../src/formats/mlflow/metric-file.js';
import { parseExperimentMeta, parseRunMeta, mlflowState } from '../../../../src/formats/mlflow/meta.js';
import { latestValue, parseLoggedModels, runInfoFromTags } from '../../../../src/formats/mlflow/run-info.js';

test('metric lines: three fields, two fields (step 0), Python float spellings', () => {
  const text =
    '1748257685561 0.6271946374319586 0\n1748257685600 1e-05 3\n1748257685700 nan 4\n1748257685800 inf 5\n1748257685900 -inf 6\n1748257686000 -2.5\n';
  const { points, warnings } = parseMetricFile(text);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    points.map((p) => [p.time, p.value, p.step]),
    [
      [1748257685561, 0.6271946374319586, 0],
      [1748257685600, 1e-5, 3],
      [1748257685700, NaN, 4],
      [1748257685800, Infinity, 5],
      [1748257685900, -Infinity, 6],
      [1748257686000, -2.5, 0],
    ],
  );
  for (const [s, v] of [
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['NaN', NaN],
    ['3', 3],
    ['.5', 0.5],
    ['1E+3', 1000],
  ] as const) {
    assert.ok(Object.is(parseMlflowNumber(s), v), s);
  }
});

test('metric files with bad lines keep the good ones and say which lines were skipped', () => {
  const { points, warnings } = parseMetricFile(
    '1 1 0\ngarbage\n2 x 1\n3 3 2\n4 4 4 4\n5 5 5.5\n6 6\n7 7 7',
    'train/loss',
  );
  assert.deepEqual(
    points.map((p) => p.value),
    [1, 3, 6, 7],
  );
  assert.deepEqual(warnings, ['Metric train/loss: skipped 4 unreadable lines (line 2, 3, 5, 6).']);
  assert.deepEqual(parseMetricFile(''), { points: [], warnings: [] });
  assert.deepEqual(parseMetricFile('1 2 3\r\n').points, [{ time: 1, value: 2, step: 3 }]);
});

test('a half-written last line (no line end, fewer than three fields) waits for the next read', () => {
  const partial = parseMetricFile('1 0.5 0\n2 0.12', 'loss');
  assert.deepEqual(
    partial.points.map((p) => p.value),
    [0.5],
  );
  assert.deepEqual(partial.warnings, [
    'Metric loss: the last line has no line end yet; it was left for the next read.',
  ]);
  const complete = parseMetricFile('1 0.5 0\n2 0.125 1\n', 'loss');
  assert.deepEqual(
    complete.points.map((p) => p.value),
    [0.5, 0.125],
  );
  assert.deepEqual(complete.warnings, []);
});

test('statuses: integers of the file store and names of the REST API', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(mlflowState), ['running', 'pending', 'finished', 'failed', 'killed']);
  assert.deepEqual(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED', '3'].map(mlflowState), [
    'running',
    'pending',
    'finished',
    'failed',
    'killed',
    'finished',
  ]);
  assert.equal(mlflowState(9), undefined);
  assert.equal(mlflowState(null), undefined);
});

test('run and experiment meta.yaml', () => {
  const run = parseRunMeta(`artifact_uri: file:///x/mlruns/0/abc/artifacts
end_time: null
experiment_id: '0'
lifecycle_stage: active
run_id: '01234567890123456789012345678901'
run_name: ''
start_time: 1748272535366
status: 1
tags: []
user_id: aryan
`);
  assert.deepEqual(run, {
    value: {
      runId: '01234567890123456789012345678901',
      experimentId: '0',
      status: 'RUNNING',
      startTime: 1748272535366,
      userId: 'aryan',
      lifecycleStage: 'active',
      artifactUri: 'file:///x/mlruns/0/abc/artifacts',
    },
    warning: undefined,
  });
  assert.match(parseRunMeta('run_id: a\nstatus: 12\n').warning!, /unknown status "12"/);
  assert.match(parseRunMeta(': : :\n  - [').warning!, /not valid YAML/);
  assert.match(parseRunMeta('- a\n- b\n').warning!, /does not hold a mapping/);
  assert.match(parseRunMeta('status: 3\n').warning!, /no run_id/);
  const exp = parseExperimentMeta(
    "artifact_location: file:///a\ncreation_time: 1748257647797\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
  );
  assert.deepEqual(exp.value, {
    experimentId: '0',
    name: 'Default',
    artifactLocation: 'file:///a',
    lifecycleStage: 'active',
    creationTime: 1748257647797,
  });
});

test('tags become name, notes, user, command, git, parent group and user tags', () => {
  const info = runInfoFromTags({
    'mlflow.runName': 'wise-roo',
    'mlflow.note.content': '# Notes\n<b>bold</b>',
    'mlflow.user': 'aryan',
    'mlflow.source.name': 'train.py',
    'mlflow.source.type': 'LOCAL',
    'mlflow.source.git.commit': 'abc123',
    'mlflow.source.git.branch': 'main',
    'mlflow.source.git.repoURL': 'https://example.com/r.git',
    'mlflow.parentRunId': 'p1',
    team: 'vision',
    flag: '',
  });
  assert.deepEqual(info, {
    name: 'wise-roo',
    notes: '# Notes\n<b>bold</b>',
    user: 'aryan',
    command: { program: 'train.py' },
    git: { commit: 'abc123', branch: 'main', remote: 'https://example.com/r.git' },
    group: 'p1',
    tags: ['flag', 'team: vision'],
    sdk: { name: 'mlflow' },
  });
});

test('latest value is the largest step, then the latest time', () => {
  assert.deepEqual(
    latestValue([
      { step: 2, time: 5, value: 1 },
      { step: 3, time: 1, value: 2 },
      { step: 3, time: 1, value: 3 },
      { step: 1, time: 9, value: 4 },
    ]),
    { step: 3, time: 1, value: 3 },
  );
  assert.equal(latestValue([]), undefined);
});

test('log-model history: artifact path, flavors, creation time; bad JSON is a warning', () => {
  const warnings: string[] = [];
  const models = parseLoggedModels(
    '[{"run_id": "c4", "artifact_path": "model", "utc_time_created": "2025-05-26 11:08:05.562372", "model_uuid": "eab4", "flavors": {"python_function": {"loader_module": "mlflow.sklearn"}, "sklearn": {"sklearn_version": "1.6.1"}}}]',
    warnings,
  );
  assert.deepEqual(models, [
    {
      artifactPath: 'model',
      modelUuid: 'eab4',
      createdAt: Date.UTC(2025, 4, 26, 11, 8, 5, 562),
      flavors: ['python_function', 'sklearn'],
      flavorInfo: { python_function: { loader_module: 'mlflow.sklearn' }, sklearn: { sklearn_version: '1.6.1' } },
    },
  ]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(parseLoggedModels('[{', warnings), []);
  assert.match(warnings[0]!, /not valid JSON/);
});
