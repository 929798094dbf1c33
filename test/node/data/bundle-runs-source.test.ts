/** A bundle opened by URL (`bundleRunsSource`, no live side) answers exactly as the MemorySource `sourceFromBundle` gives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_BUNDLE_PATH } from '../../fixtures/sample-bundle.js';
import { sourceFromBundle } from '../../../src/data/bundle.js';
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
