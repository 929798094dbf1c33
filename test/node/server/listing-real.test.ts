/**
 * The runs list of `runpage serve` over every real run in ../shared/fixtures/real: what it lists
 * without reading a run (the quick look, the start time that orders a first page) is what a full
 * read of the run lists, field for field, and every page in start order is the page a listing of
 * every fully read run gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { queryRunList } from '../../../src/data/run-query.js';
import type { RunPage, RunRef } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { ListingCache } from '../../../src/server/listing-cache.js';
import { startKey } from '../../../src/server/listing-start.js';
import { RunRegistry } from '../../../src/server/registry.js';

const REAL = new URL('../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;
// Far past every fixture: no run is live, so both ways judge the same state.
const NOW = Date.UTC(2030, 0, 1);

test('every real run lists the same without being read as read fully', { skip }, async () => {
  const found = (await discoverRuns([REAL])).runs;
  const full = new RunRegistry({ now: () => NOW });
  full.addLocations(found);
  const cache = new ListingCache({ now: () => NOW, heartbeatThresholdMs: full.heartbeatThresholdMs });
  const fullRefs: RunRef[] = [];
  let quick = 0;
  let keyed = 0;
  for (const loc of found) {
    const [ref] = await (await full.get(loc.id)).source.listRuns();
    const expected = { ...ref!, id: loc.id };
    fullRefs.push(expected);
    const cheap = await cache.ref(loc);
    if (cheap) {
      quick++;
      assert.deepEqual(cheap, expected, `${loc.format} ${loc.id}: quick look`);
    }
    const key = await startKey(loc);
    if (key) {
      keyed++;
      assert.equal(key.startedAt, expected.startedAt, `${loc.format} ${loc.id}: start time`);
    }
  }
  const wandb = found.filter((l) => l.format === 'wandb').length;
  assert.ok(quick >= wandb - 2, `${quick} of ${wandb} W&B runs listed by a quick look`);
  assert.ok(keyed >= wandb, `${keyed} runs ordered without being listed`);
  await full.close();

  const ids = (p: RunPage) => p.runs.map((r) => r.id);
  for (const dir of ['desc', 'asc'] as const) {
    for (const limit of [1, 4, 100]) {
      // A fresh server for each walk through the pages: every first page is answered cold.
      const served = new RunRegistry({ now: () => NOW });
      served.addLocations(found);
      let cursor: string | undefined;
      do {
        const q = { limit, cursor, sort: { column: 'started' as const, dir } };
        const page = (await served.queryRuns(q)) ?? (await queryRunList(await served.listRuns(), q));
        const expected = await queryRunList(fullRefs, q);
        assert.deepEqual(ids(page), ids(expected), `${dir} ${limit} ${cursor}`);
        assert.deepEqual(page, expected, `${dir} ${limit} ${cursor}`);
        cursor = page.next;
      } while (cursor);
      await served.close();
    }
  }
});
