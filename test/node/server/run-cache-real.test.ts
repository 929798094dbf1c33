/**
 * The run cache over every real W&B run in ../shared/fixtures/real: a run that has ended, read
 * once and cached, opens from its cache file with the same answers as a fresh read of its folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRuns } from '../../../src/server/discover.js';
import { RunCache } from '../../../src/server/run-cache.js';
import { loadRun, type LoadOptions } from '../../../src/server/run-loaders.js';
import { plain } from './support/plain-run.js';

const REAL = new URL('../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;
// Far past every fixture: no run is live, so every run that can be cached is.
const NOW = Date.UTC(2030, 0, 1);

test('every real W&B run opens from its cache file as it reads from its folder', { skip }, async () => {
  const runs = (await discoverRuns([REAL])).runs.filter((loc) => loc.format === 'wandb');
  assert.ok(runs.length > 0, 'the real fixtures hold W&B runs');
  const dir = mkdtempSync(join(tmpdir(), 'runpage-run-cache-real-'));
  try {
    const warnings: string[] = [];
    const cache = new RunCache({ dir, version: 'test', log: (m) => warnings.push(m) });
    const options = (id: string, withCache: boolean): LoadOptions => ({
      now: NOW,
      heartbeatThresholdMs: 300_000,
      fileUrl: (path) => `api/runs/${id}/raw/${path}`,
      logsOnDisk: true,
      cache: withCache ? cache : undefined,
    });
    let fromCache = 0;
    for (const loc of runs) {
      await loadRun(loc, options(loc.id, true));
      await cache.flush();
      const cached = await loadRun(loc, options(loc.id, true));
      const fresh = await loadRun(loc, options(loc.id, false));
      // A console read from the cache is a lazy log (an object), never a plain array of lines.
      if (!Array.isArray(cached.run.logs) && Array.isArray(fresh.run.logs)) fromCache++;
      assert.deepEqual(plain(cached.run), plain(fresh.run), `${loc.id}: the cached answers`);
    }
    assert.ok(fromCache > 0, `at least one real run opened from its cache (${fromCache} of ${runs.length})`);
    assert.deepEqual(warnings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
