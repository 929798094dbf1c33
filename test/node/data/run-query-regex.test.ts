/** `/regex/` terms of a runs search (run-query.ts, run-regex.ts): matched over each run's text, in slices. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryRunList } from '../../../src/data/run-query.js';
import type { SearchRunner } from '../../../src/data/log-search.js';
import type { RunRef } from '../../../src/data/source.js';

const refs: RunRef[] = [
  { id: 'a1', name: 'alpha-1', startedAt: 3, config: { lr: 0.1 } },
  { id: 'a2', name: 'alpha-2', startedAt: 2, config: { lr: 0.01 } },
  { id: 'b1', name: 'beta', startedAt: 1, tags: ['x9'] },
];
const ids = (page: { runs: RunRef[] }) => page.runs.map((r) => r.id);

test('a /regex/ term keeps the runs whose text it matches, a -/regex/ term the others', async () => {
  assert.deepEqual(ids(await queryRunList(refs, { search: '/^alpha-\\d/' })), ['a1', 'a2']);
  assert.deepEqual(ids(await queryRunList(refs, { search: '-/^alpha/' })), ['b1']);
  assert.deepEqual(ids(await queryRunList(refs, { search: '/lr=0\\.1/' })), ['a1'], 'config values are searched');
  assert.deepEqual(ids(await queryRunList(refs, { search: '/x\\d/ beta' })), ['b1'], 'with a text term');
});

test('a runner that makes no progress fails the query instead of looping', async () => {
  const stuck: SearchRunner = { turn: async () => {}, slice: (_re, _texts, next) => ({ hits: [], next }) };
  await assert.rejects(queryRunList(refs, { search: '/a/' }, { runner: stuck }), /no progress/);
});
