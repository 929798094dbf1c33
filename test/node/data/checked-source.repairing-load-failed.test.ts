/**
 * An answer that needs the readers' repairing paths (read/later/repairing.ts, loaded through
 * read/answer.ts and read/repair-slot.ts) waits for them. When they cannot be fetched, the
 * requests waiting fail as a retryable `unavailable` SourceError, and the next request loads them
 * and answers, repaired. Own file: a fresh process, where the repairing paths have not loaded yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, loadReaders } from '../../../src/data/checked-source.js';
import { repairing } from '../../../src/data/read/answer.js';
import { repairsLoaded } from '../../../src/data/read/repair-slot.js';
import type { Repair } from '../../../src/data/read/repairs.js';
import type { RunSource } from '../../../src/data/source.js';
import { failLoads } from '../../support/failing-load.js';
import { unavailableChunkGone } from '../../support/chunk-gone.js';

const unavailable = unavailableChunkGone(/could not be loaded: .*chunk gone/);

test('repairing paths that cannot load fail the answers as retryable; the next request loads them and answers', async () => {
  const repairs: Repair[][] = [];
  // answers the contract's types do not allow, as a source written in JavaScript may give
  const raw = {
    getRun: async (id: string) => ({ id, state: 'finished', config: { when: new Date(0) } }),
    listFiles: async (_run: string, dir: string) => ({ dir, entries: [{ name: 'b.txt' }] }),
  } as unknown as RunSource;
  const source = checkSource(raw, { repaired: (_request, list) => repairs.push(list) });
  await loadReaders(); // so that both answers below wait for nothing but the repairing paths
  const failing = failLoads(repairing);
  try {
    const [run, listing] = await Promise.allSettled([source.getRun('r'), source.listFiles!('r', 'dir')]);
    assert.equal(run.status, 'rejected');
    assert.equal(listing.status, 'rejected');
    unavailable((run as PromiseRejectedResult).reason);
    unavailable((listing as PromiseRejectedResult).reason);
    assert.equal(failing.tries, 1, 'both answers waited on one load');
    assert.equal(repairsLoaded.now, undefined, 'the readers have no repairing paths');
    assert.equal(repairs.length, 0, 'nothing told as repaired that was not');

    assert.deepEqual((await source.getRun('r')).config, { when: '1970-01-01T00:00:00.000Z' });
    assert.equal(failing.tries, 2, 'the next request loaded them again');
    assert.ok(repairsLoaded.now, 'handed to the readers');
    const again = await source.listFiles!('r', 'dir');
    assert.deepEqual(again.entries, [{ path: 'dir/b.txt', name: 'b.txt', kind: 'file' }]);
    assert.equal(failing.tries, 2);
    assert.deepEqual(
      repairs[0]!.map((r) => r.what),
      ['config: dates'],
    );
  } finally {
    failing.restore();
  }
});
