/**
 * Hostile MLflow file stores: meta.yaml files that are binary, alias bombs, nested thousands deep
 * or of the wrong types; metric files with NaN tokens, missing fields, garbage and huge lines;
 * params and tags of binary bytes. No run vanishes from the list, every readable metric and param
 * is kept, and each problem is said.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { listMlflowRuns, readMlflowRun } from '../../../src/formats/mlflow/file-store.js';
import { createNodeFolder } from '../../../src/server/node-folder.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { metricLines, runMeta, tempDir, writeMlflowStore } from './writers.js';

const NOW = 1_800_000_000_000;
const GARBAGE = Uint8Array.from({ length: 2048 }, (_, i) => (i * 2654435761) >>> 24);
const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'run_id: bomb',
  '',
].join('\n');

/** Run folder name → what is written for it. */
const RUNS = {
  binarymeta: { meta: GARBAGE as unknown as string },
  aliasbomb: { meta: BOMB },
  deepmeta: { meta: `run_id: deepmeta\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n` },
  wrongtypes: { meta: 'run_id: [1, 2]\nstart_time: yesterday\nstatus: {a: 1}\nrun_name: {b: 2}\n' },
  nometa: { meta: null },
  goodrun: {},
};

let root: string;
before(() => {
  root = tempDir('mlflow');
  writeMlflowStore(
    root,
    Object.entries(RUNS).map(([id, o]) => ({
      id,
      ...o,
      metrics: { loss: metricLines([0, 1, 2]) },
      params: { lr: '0.1' },
    })),
  );
  writeMlflowStore(root, [{ id: 'inbadexp', metrics: { loss: metricLines([0]) } }], {
    exp: '7',
    experimentMetaText: GARBAGE as unknown as string,
  });
  writeMlflowStore(
    root,
    [
      {
        id: 'values',
        metrics: {
          loss: [
            '1700000000000 0.5 0',
            '1700000000001 nan 1',
            '1700000000002 NaN 2',
            '1700000000003 inf 3',
            '1700000000004 -Infinity 4',
            '1700000000005 0.25',
            'not a metric line',
            '',
            '\u0000\u0001\u0002 garbage',
            `1700000000006 ${'9'.repeat(100_000)} 6`,
            '1700000000007 0.125 7 extra',
            '1700000000008 0.0625 8',
          ].join('\n'),
          'nested/deeper/acc': metricLines([0, 1]),
          binary: GARBAGE as unknown as string,
        },
        params: { lr: '0.1', blob: GARBAGE as unknown as string, huge: 'p'.repeat(1024 * 1024) },
        tags: { 'mlflow.runName': '<img src=x onerror=alert(1)>', 'mlflow.note.content': GARBAGE as unknown as string },
      },
    ],
    { exp: '9' },
  );
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('hostile MLflow stores', () => {
  it('every run folder is listed, damaged or not', async () => {
    const runs = await listMlflowRuns(createNodeFolder(root), 'mlruns');
    const ids = runs.map((r) => r.path.split('/').pop()).sort();
    assert.deepEqual(ids, [...Object.keys(RUNS), 'inbadexp', 'values'].sort());
    for (const r of runs.filter((x) => x.path.endsWith('meta') || x.path.endsWith('bomb')))
      assert.ok(r.warnings?.length, `${r.path} says what is wrong`);
  });

  it('the server lists them all too', async () => {
    const { runs } = await discoverRuns([root]);
    assert.equal(runs.filter((r) => r.format === 'mlflow').length, Object.keys(RUNS).length + 2);
  });

  for (const id of Object.keys(RUNS)) {
    it(`${id}: metrics and params are kept`, async () => {
      const exp = '1';
      const run = await readMlflowRun(createNodeFolder(root), `mlruns/${exp}/${id}`, { now: NOW });
      assert.deepEqual(Array.from(run.metrics!.find((m) => m.key === 'loss')!.step), [0, 1, 2]);
      assert.equal(run.info.config?.lr, '0.1');
      if (id !== 'goodrun') assert.ok(run.info.warnings?.length, 'the problem is said');
      assert.equal(typeof run.info.id, 'string');
      if (run.info.name !== undefined) assert.equal(typeof run.info.name, 'string');
    });
  }

  it('an experiment whose meta.yaml is binary: its run is read', async () => {
    const run = await readMlflowRun(createNodeFolder(root), 'mlruns/7/inbadexp', { now: NOW });
    assert.deepEqual(Array.from(run.metrics!.find((m) => m.key === 'loss')!.step), [0]);
  });

  it('metric lines: NaN tokens kept as NaN, bad lines counted, good lines after them kept', async () => {
    const run = await readMlflowRun(createNodeFolder(root), 'mlruns/9/values', { now: NOW });
    const loss = run.metrics!.find((m) => m.key === 'loss')!;
    const byStep = new Map(Array.from(loss.step).map((s, i) => [s, loss.value[i]]));
    // A line without a step is step 0, as MLflow reads the two-field lines of old stores.
    const atZero = Array.from(loss.step).flatMap((s, i) => (s === 0 ? [loss.value[i]] : []));
    assert.deepEqual(atZero, [0.5, 0.25]);
    assert.ok(Number.isNaN(byStep.get(1)) && Number.isNaN(byStep.get(2)));
    assert.equal(byStep.get(3), Infinity);
    assert.equal(byStep.get(4), -Infinity);
    assert.equal(byStep.get(8), 0.0625, 'a good line after the bad ones is kept');
    assert.deepEqual(Array.from(run.metrics!.find((m) => m.key === 'nested/deeper/acc')!.step), [0, 1]);
    assert.match(run.info.warnings!.join('\n'), /loss/);
  });

  it('params and tags of binary bytes or 1 MB are kept as text; an HTML run name is only text', async () => {
    const run = await readMlflowRun(createNodeFolder(root), 'mlruns/9/values', { now: NOW });
    assert.equal(run.info.config?.lr, '0.1');
    assert.equal(typeof run.info.config?.blob, 'string');
    assert.equal((run.info.config?.huge as string).length, 1024 * 1024);
    assert.equal(run.info.name, '<img src=x onerror=alert(1)>');
  });
});

describe('meta.yaml edge values', () => {
  it('runMeta writes what the reader reads (the writer itself is sound)', async () => {
    const dir = tempDir('mlflow-sound');
    try {
      writeMlflowStore(dir, [{ id: 'r1', meta: runMeta('r1'), metrics: { m: metricLines([5]) } }]);
      const run = await readMlflowRun(createNodeFolder(dir), 'mlruns/1/r1', { now: NOW });
      assert.equal(run.info.id, 'r1');
      assert.equal(run.info.name, 'name-r1');
      assert.equal(run.info.state, 'finished');
      assert.deepEqual(run.info.warnings ?? [], []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
