/**
 * Hostile log searches: patterns that backtrack for ever, many at once, abandoned by their
 * clients, malformed. Each answers (a result or a clear error the log viewer shows as "Search
 * failed: …") and the server keeps answering everyone else meanwhile.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertHealthy,
  errorOf,
  get,
  healthyDuring,
  q,
  startHostileServer,
  STALL_MS,
  type HostileServer,
} from './hostile.js';
import { writeFilesOnlyRun } from './fixtures.js';

let dir: string;
let server: HostileServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runpage-hostile-search-'));
  writeFilesOnlyRun(dir, 'disklog1');
  server = await startHostileServer(dir);
});
after(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const search = (run: string, params: Record<string, string | number>, ms?: number, signal?: AbortSignal) =>
  get(server.url, `/api/runs/${run}/logs/search?${q(params)}`, { ms, signal });

/** A search stopped for taking too long: 503, not retryable, a message that says why. */
function assertTooLong(a: Awaited<ReturnType<typeof get>>): void {
  assert.equal(a.status, 503, a.body.toString('utf8').slice(0, 300));
  const e = errorOf(a);
  assert.equal(e.code, 'unavailable');
  assert.equal(e.retryable, false, 'retrying the same pattern cannot help');
  assert.match(e.message, /took too long/);
}

describe('catastrophic patterns are stopped, and the server answers meanwhile', () => {
  const patterns = [
    '(a+)+$',
    '(a|a)+$',
    '(a|aa)+$',
    '(a*)*$',
    '(a+)*b',
    '^(a+)+$',
    '(.*a){25}$',
    '(?:a+?)+!$'.replace('!', 'b'),
  ];
  for (const run of ['mem', 'disklog1']) {
    for (const pattern of patterns) {
      it(`${pattern} over a 5,000-character line (${run === 'mem' ? 'in memory' : 'output.log on disk'})`, async () => {
        const a = await healthyDuring(server, () => search(run, { q: pattern, regex: 1 }));
        assertTooLong(a);
        assert.match(errorOf(a).message, /on line 20,001 alone/, 'names the line');
      });
    }
  }

  it('the same pattern with case folding, under a stream filter', async () => {
    assertTooLong(await healthyDuring(server, () => search('mem', { q: '(A+)+$', regex: 1, stream: 'stdout' })));
  });

  it('as plain text the same query is harmless: no match, no error', async () => {
    const a = await search('mem', { q: '(a+)+$' });
    assert.equal(a.status, 200);
    assert.equal(a.json().total, 0);
  });

  it('a normal regex search over the same logs still finds its lines', async () => {
    for (const run of ['mem', 'disklog1']) {
      const a = await search(run, { q: '^step 1999\\d ', regex: 1 });
      assert.equal(a.status, 200);
      assert.equal(a.json().total, 10);
      assert.deepEqual(a.json().lines.slice(0, 2), [19990, 19991]);
    }
  });
});

describe('many searches at once', () => {
  it('60 catastrophic searches at once: each ends (too long, or busy), health answered throughout', async () => {
    const all = Array.from({ length: 60 }, () => search('mem', { q: '(a+)+$', regex: 1 }, 60_000));
    await assertHealthy(server.url);
    const answers = await Promise.all(all);
    for (const a of answers) {
      assert.equal(a.status, 503);
      assert.match(errorOf(a).message, /took too long|busy/);
    }
    await assertHealthy(server.url);
  });

  it('300 plain searches at once all answer', async () => {
    const answers = await healthyDuring(server, () =>
      Promise.all(Array.from({ length: 300 }, (_, i) => search('mem', { q: `step ${i} ` }, 60_000))),
    );
    for (const a of answers) assert.ok(a.status === 200 || (a.status === 503 && /busy/.test(errorOf(a).message)));
    assert.ok(answers.filter((a) => a.status === 200).length > 0);
  });
});

describe('abandoned and malformed searches', () => {
  it('a client that leaves mid-search: the server stops and keeps answering', async () => {
    const left: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      left.push(search('mem', { q: '(a|aa)+$', regex: 1 }, undefined, controller.signal).catch(() => undefined));
      setTimeout(() => controller.abort(), 20 * i);
    }
    await Promise.all(left);
    await assertHealthy(server.url);
    const a = await search('mem', { q: 'the end' });
    assert.equal(a.json().total, 1, 'searches work as before');
  });

  it('an invalid pattern is 400 invalid-data, shown as such', async () => {
    const a = await search('mem', { q: '(unclosed', regex: 1 });
    assert.equal(a.status, 400);
    assert.match(errorOf(a).message, /not a valid regular expression/);
  });

  it('a 3.5 KB pattern answers', async () => {
    const a = await search('mem', { q: '(?:x|y)'.repeat(500), regex: 1 });
    assert.equal(a.status, 200);
    assert.equal(a.json().total, 0);
  });

  it('a 40 KB query string is refused by the HTTP layer (431), and the server goes on', async () => {
    const a = await search('mem', { q: 'x'.repeat(40_000) });
    assert.equal(a.status, 431);
    await assertHealthy(server.url);
  });

  it('limit of -1, 1e309 and "many" are clamped or refused, never thrown', async () => {
    assert.equal((await search('mem', { q: 'step', limit: -1 })).json().lines.length, 0);
    assert.equal((await search('mem', { q: 'step 1', limit: '1e309' })).status, 200);
    assert.equal((await search('mem', { q: 'step', limit: 'many' })).status, 400);
  });

  it('a search of a run that does not exist', async () => {
    assert.equal((await search('nope', { q: 'x' })).status, 404);
  });

  it(`(x+x+)+y over output.log answers within ${STALL_MS} ms`, async () => {
    const a = await healthyDuring(server, () => search('disklog1', { q: '(x+x+)+y', regex: 1 }));
    assert.ok([200, 503].includes(a.status));
  });
});
