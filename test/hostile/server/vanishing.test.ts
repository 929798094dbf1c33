/**
 * A run whose files vanish, shrink or turn into something else while it is served: every answer
 * is a clear error or the lines that are still there, never a hang or a crash, and the run reads
 * again once its files are back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHealthy, errorOf, get, startHostileServer, type HostileServer } from './hostile.js';
import { writeFilesOnlyRun } from './fixtures.js';

let dir: string;
let server: HostileServer;
let runDir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runpage-hostile-vanish-'));
  runDir = writeFilesOnlyRun(dir, 'vanish1');
  writeFilesOnlyRun(dir, 'vanish2');
  server = await startHostileServer(dir);
  // Read both runs now, as a browser opening them would.
  assert.equal((await get(server.url, '/api/runs/vanish1/logs?start=0&count=1')).status, 200);
  assert.equal((await get(server.url, '/api/runs/vanish2/logs?start=0&count=1')).status, 200);
});
after(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const log = () => join(runDir, 'files', 'output.log');

/** Lines as served, or a clear error: never a 500 or a hang. */
function assertLinesOrClearError(a: Awaited<ReturnType<typeof get>>): void {
  if (a.status === 200) return assert.ok(Array.isArray(a.json().lines));
  assert.ok([404, 503].includes(a.status), `${a.status}: ${a.body.toString('utf8').slice(0, 200)}`);
  assert.ok(errorOf(a).message.length > 0);
}

describe('files that vanish while served', () => {
  it('output.log removed: windows and searches answer clearly; back again, it serves again', async () => {
    const kept = readFileSync(log());
    rmSync(log());
    try {
      const a = await get(server.url, '/api/runs/vanish1/logs?start=100&count=5');
      assertLinesOrClearError(a);
      if (a.status !== 200) assert.match(errorOf(a).message, /output\.log/);
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish1/logs/search?q=step'));
      await assertHealthy(server.url);
    } finally {
      writeFileSync(log(), kept);
    }
    const back = await get(server.url, '/api/runs/vanish1/logs?start=100&count=1');
    assert.equal(back.json().lines[0].text, 'step 100 loss 0.00990');
  });

  it('output.log cut to half: what is left is served, the rest answers no lines', async () => {
    const kept = readFileSync(log());
    truncateSync(log(), 1000);
    try {
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish1/logs?start=0&count=10'));
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish1/logs?start=19000&count=10'));
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish1/logs/search?q=loss'));
    } finally {
      writeFileSync(log(), kept);
    }
  });

  it('output.log replaced by a folder', async () => {
    const kept = readFileSync(log());
    rmSync(log());
    mkdirSync(log());
    try {
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish1/logs?start=0&count=10'));
      await assertHealthy(server.url);
    } finally {
      rmSync(log(), { recursive: true });
      writeFileSync(log(), kept);
    }
  });

  it('the whole run folder moved away mid-search', async () => {
    const other = join(dir, 'wandb', 'run-20240101_000000-vanish2');
    const search = get(server.url, '/api/runs/vanish2/logs/search?q=never%20there');
    renameSync(other, other + '-gone');
    try {
      assertLinesOrClearError(await search);
      assertLinesOrClearError(await get(server.url, '/api/runs/vanish2/logs?start=5000&count=10'));
      await assertHealthy(server.url);
    } finally {
      renameSync(other + '-gone', other);
    }
  });
});
