/** A bundle opened by URL (`bundleRunsSource`, no live side) answers exactly as the MemorySource `sourceFromBundle` gives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_BUNDLE_PATH } from '../../fixtures/sample-bundle.js';
import { runsFromBundle, sourceFromBundle } from '../../../src/data/bundle.js';
import { bundleRunsSource } from '../../../src/data/bundle-source.js';
import type { RunSource } from '../../../src/data/source.js';

const json = readFileSync(fileURLToPath(new URL(`../../../${FIXTURE_BUNDLE_PATH}`, import.meta.url)), 'utf8');

async function answers(source: RunSource): Promise<unknown[]> {
  const runId = source.defaultRunId!()!;
  const keys = (await source.listMetrics!(runId)).map((m) => m.key);
  const settle = (p: Promise<unknown> | undefined) =>
    p!.then(
      (v) => ({ v }),
      (e: Error) => ({ e: e.message }),
    );
  return Promise.all([
    settle(source.getRun(runId)),
    settle(source.listRuns!()),
    settle(source.listMetrics!(runId)),
    settle(source.getSeries!({ runIds: [runId], keys, x: 'step', points: 300 })),
    settle(source.getSeries!({ runIds: [runId], keys, x: 'step', points: 10, range: [20, 180] })),
    settle(source.getSeries!({ runIds: [runId], keys: ['train/loss'], x: 'relative', points: 5 })),
    settle(source.getLogs!({ runId, start: 0, count: 50 })),
    settle(source.searchLogs!({ runId, query: 'step' })),
    settle(source.listFiles!(runId, '')),
    settle(source.listArtifacts!(runId)),
    settle(source.getModel!(runId)),
    settle(source.listMedia!(runId)),
  ]);
}

test('a bundle read without the live side answers as the MemorySource over it', async () => {
  const live = sourceFromBundle(JSON.parse(json));
  const opened = bundleRunsSource(JSON.parse(json));
  assert.equal('append' in opened, false);
  assert.deepEqual(await answers(opened), await answers(live));
});

test('base64 file contents are decoded with the file tree; contents that are not base64 are named, not fatal', async () => {
  const bundle = () => ({
    runpage: 1,
    runs: [
      {
        info: { id: 'r', state: 'finished' },
        files: [
          { path: 'ok.bin', base64: 'aGk=\n' },
          { path: 'bad.bin', base64: 'not base64!' },
          { path: 'note.txt', text: 'plain' },
        ],
      },
    ],
  });
  const warning = 'The contents of "bad.bin" are not base64; the file is listed without them';

  const opened = bundleRunsSource(bundle());
  const listing = await opened.listFiles!('r', '');
  assert.deepEqual(
    listing.entries.map((e) => [e.path, e.contents !== false]),
    [
      ['bad.bin', false],
      ['note.txt', true],
      ['ok.bin', true],
    ],
  );
  assert.deepEqual([...(await opened.readFile!('r', 'ok.bin')).bytes], [104, 105]);
  assert.ok((await opened.getRun('r')).warnings?.includes(warning));

  const [run] = runsFromBundle(bundle());
  assert.deepEqual(run!.files![0]!.bytes, new Uint8Array([104, 105]));
  assert.equal('base64' in run!.files![0]!, false);
  assert.equal(run!.files![1]!.bytes, undefined);
  assert.ok(run!.info.warnings?.includes(warning));
  assert.ok((await sourceFromBundle(bundle()).getRun('r')).warnings?.includes(warning));
});

test('a bundle metric whose columns differ in length is cut to the shorter one, with one warning', async () => {
  const opened = bundleRunsSource({
    runpage: 1,
    runs: [{ info: { id: 'r', state: 'finished' }, metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, 2] }] }],
  });
  const [series] = await opened.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
  assert.deepEqual([...series!.y], [3, 2]);
  assert.deepEqual((await opened.getRun('r')).warnings, [
    'Metric loss: columns have different lengths (3, 2); kept the first 2 points',
  ]);
});
