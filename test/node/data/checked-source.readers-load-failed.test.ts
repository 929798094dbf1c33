/**
 * A checked source loads the readers of each kind of answer with the first answer of that kind.
 * When they cannot be fetched, that request fails as a retryable `unavailable` SourceError (the
 * element shows it with a Retry) and the next request loads them and answers. Own file: a fresh
 * process, where no reader is loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, lazy } from '../../../src/data/checked-source.js';
import type { RunSource } from '../../../src/data/source.js';
import { failLoads } from '../../support/failing-load.js';
import { unavailableChunkGone } from '../../support/chunk-gone.js';

const unavailable = unavailableChunkGone(/could not be loaded: .*chunk gone/);

const raw: RunSource = {
  getRun: async (id) => ({ id, state: 'finished' }),
  listFiles: async (_run, dir) => ({ dir, entries: [{ path: 'a.txt', name: 'a.txt', kind: 'file', size: 1 }] }),
  // x as a list, not a Float64Array: the series is read by the metric readers, not taken as it is
  getSeries: async () => [{ runId: 'r', key: 'loss', x: [0, 1], y: [1, 2] }] as never,
};

test('readers that cannot load fail their requests as retryable; the next request loads them and answers', async () => {
  const source = checkSource(raw);
  for (const [module, ask] of [
    [lazy.files, () => source.listFiles!('r', '')],
    [lazy.run, () => source.getRun('r')],
    [lazy.metrics, () => source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' })],
  ] as const) {
    const failing = failLoads(module);
    try {
      const [a, b] = await Promise.allSettled([ask(), ask()]);
      unavailable((a as PromiseRejectedResult).reason);
      unavailable((b as PromiseRejectedResult).reason);
      assert.equal(failing.tries, 1, 'the requests waited on one load');
      const answer = await ask();
      assert.ok(answer, 'answered');
      assert.equal(failing.tries, 2, 'the next request loaded them again');
    } finally {
      failing.restore();
    }
  }
  assert.equal((await source.listFiles!('r', '')).entries[0]!.path, 'a.txt');
  assert.equal((await source.getRun('r')).id, 'r');
  assert.ok((await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' }))[0]!.x instanceof Float64Array);
});
