/**
 * The readers' repairing paths (src/data/read/later/repairing.ts) load with the first answer or
 * live event that needs one, and that answer or event is read again once they are in: what it
 * gives is what it would have given with them in (own file: each test file runs in a fresh
 * process, so they are not loaded before these tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/data/checked-source.js';
import { repairing } from '../../../src/data/read/answer.js';
import type { Repair } from '../../../src/data/read/repairs.js';
import type { RunSource } from '../../../src/data/source.js';

test('clean answers are read without the repairing paths', async () => {
  const source = checkSource({
    getRun: async (id) => ({ id, state: 'finished', config: { lr: 0.1, layers: [1, 2] } }),
    listFiles: async (_run, dir) => ({ dir, entries: [{ path: 'a.txt', name: 'a.txt', kind: 'file', size: 1 }] }),
  });
  assert.deepEqual((await source.getRun('r')).config, { lr: 0.1, layers: [1, 2] });
  assert.equal((await source.listFiles!('r', '')).entries.length, 1);
  assert.equal(repairing.now, undefined, 'nothing needed repairing: the repairing paths are not loaded');
});

test('an answer that needs repairing loads the repairing paths and is read again: repaired as it would be with them in', async () => {
  const repairs: Repair[][] = [];
  // answers the contract's types do not allow, as a source written in JavaScript may give
  const raw = {
    getRun: async (id: string) => ({ id, state: 'finished', config: { when: new Date(0), f: () => 1 } }),
    listFiles: async (_run: string, dir: string) => ({ dir, entries: [{ name: 'b.txt' }] }),
    getSeries: async () => [{ runId: 'r', key: 'loss', x: [0, 1, 'junk'], y: [1, 2, 3] }],
  } as unknown as RunSource;
  const source = checkSource(raw, { repaired: (_request, list) => repairs.push(list) });
  assert.equal(repairing.now, undefined, 'not loaded before the first answer that needs them');
  const run = await source.getRun('r');
  assert.deepEqual(run.config, { when: '1970-01-01T00:00:00.000Z' });
  assert.deepEqual(
    repairs[0]!.map((r) => r.what),
    ['config: dates', 'config: functions and symbols'],
    'the repairs are told once, from the read once they were in',
  );
  const listing = await source.listFiles!('r', 'dir');
  assert.deepEqual(listing.entries, [{ path: 'dir/b.txt', name: 'b.txt', kind: 'file' }]);
  const [series] = await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
  assert.deepEqual([...series!.x], [0, 1, NaN]);
  assert.ok(series!.x instanceof Float64Array);
});
