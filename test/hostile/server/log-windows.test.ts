/**
 * Hostile log windows: huge or nonsense `start` and `count`, a 3 MB line, filters by the
 * thousand. Each answer is bounded and right; the server keeps answering.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../../support/until.js';
import { assertHealthy, errorOf, get, healthyDuring, q, startHostileServer, type HostileServer } from './hostile.js';
import { HUGE_LINE_BYTES, PLAIN_LINES, writeFilesOnlyRun } from './fixtures.js';

let dir: string;
let server: HostileServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runpage-hostile-windows-'));
  writeFilesOnlyRun(dir, 'disklog2');
  server = await startHostileServer(dir);
});
after(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TOTAL = PLAIN_LINES + 3; // plain lines, the pathological line, the 3 MB line, "the end"
const logs = (run: string, params: Record<string, string | number>) =>
  get(server.url, `/api/runs/${run}/logs?${q(params)}`);

describe('log windows', () => {
  for (const run of ['mem', 'disklog2']) {
    const where = run === 'mem' ? 'in memory' : 'output.log on disk';
    it(`count=1000000000 answers at most 10,000 lines (${where})`, async () => {
      const a = await healthyDuring(server, () => logs(run, { start: 0, count: 1e9 }));
      assert.equal(a.status, 200);
      const chunk = a.json();
      assert.equal(chunk.total, run === 'mem' ? PLAIN_LINES + 2 : TOTAL);
      assert.equal(chunk.lines.length, 10_000);
      assert.equal(chunk.lines[9999].n, 9999);
    });

    it(`start past the end, and start=1e15, answer no lines and the total (${where})`, async () => {
      for (const start of [TOTAL + 5, 1e15]) {
        const a = await logs(run, { start, count: 50 });
        assert.equal(a.status, 200);
        assert.equal(a.json().lines.length, 0);
      }
    });

    it(`negative, infinite and NaN start and count are clamped (${where})`, async () => {
      assert.equal((await logs(run, { start: -5, count: 2 })).json().lines[0].n, 0);
      assert.equal((await logs(run, { start: 'Infinity', count: 2 })).json().lines[0].n, 0);
      assert.equal((await logs(run, { start: 0, count: '-Infinity' })).json().lines.length, 0);
      assert.equal((await logs(run, { start: 'NaN', count: 'NaN' })).status, 200);
    });

    it(`start=abc is 400 invalid-data (${where})`, async () => {
      const a = await logs(run, { start: 'abc', count: 5 });
      assert.equal(a.status, 400);
      assert.equal(errorOf(a).code, 'invalid-data');
    });

    it(`an unknown stream is 400, a thousand label filters one after another all answer (${where})`, async () => {
      assert.equal((await logs(run, { start: 0, count: 5, stream: 'stdin' })).status, 400);
      for (let i = 0; i < 1000; i++) {
        const a = await logs(run, { start: 0, count: 1, label: `nobody-${i}` });
        assert.equal(a.status, 200);
        assert.equal(a.json().total, 0);
      }
      await assertHealthy(server.url);
    });
  }

  it('a 3 MB line on disk comes cut to its head and tail, saying so', async () => {
    const a = await healthyDuring(server, () => logs('disklog2', { start: PLAIN_LINES + 1, count: 1 }));
    const [line] = a.json().lines;
    assert.ok(line.text.length < 1.1 * 1024 * 1024, `${line.text.length} characters served`);
    assert.match(
      line.text,
      new RegExp(`bytes of this ${HUGE_LINE_BYTES.toLocaleString('en-US')}-byte line are not shown here`),
    );
    assert.match(line.text, /files\/output\.log holds it whole/);
  });

  it('the window after the 3 MB line and the last line are right', async () => {
    const a = await logs('disklog2', { start: TOTAL - 2, count: 10 });
    assert.deepEqual(
      a.json().lines.map((l: { n: number; text: string }) => [l.n, l.text.slice(0, 5)]),
      [
        [TOTAL - 2, 'xxxxx'],
        [TOTAL - 1, 'the e'],
      ],
    );
  });

  it('filtered windows keep whole-log line numbers (stderr, one label)', async () => {
    const a = await logs('mem', { start: 2, count: 2, stream: 'stderr', label: 'rank0' });
    assert.deepEqual(
      a.json().lines.map((l: { n: number }) => l.n),
      [40, 60],
    );
  });

  it('a stream filter over output.log (all stdout) answers the whole file, stderr nothing', async () => {
    assert.equal((await logs('disklog2', { start: 0, count: 1, stream: 'stdout' })).json().total, TOTAL);
    assert.equal((await logs('disklog2', { start: 0, count: 1, stream: 'stderr' })).json().total, 0);
  });

  it('4,000 window requests at once all answer, and health does not wait behind them', async () => {
    // On a loaded machine 4,000 windows can take longer than the stall bound in all, so what is
    // asserted is the order: health is answered while windows are still being answered. Health is
    // asked once a quarter of them reached the server (counted from its output, which lags): with
    // 2,000 and half, a quiet machine sometimes answered the rest before health arrived.
    let windowsDone = 0;
    const already = server.requests();
    const windows = Promise.all(
      Array.from({ length: 4000 }, (_, i) =>
        get(server.url, `/api/runs/disklog2/logs?start=${i * 5}&count=100`, { ms: 60_000 }).then((a) => {
          windowsDone++;
          return a;
        }),
      ),
    );
    windows.catch(() => undefined);
    await until(() => server.requests() - already >= 1000, 'a quarter of the windows to reach the server', 60_000);
    const health = await get(server.url, '/api', { ms: 60_000 });
    const doneAtHealth = windowsDone;
    assert.equal(health.status, 200);
    const answers = await windows;
    assert.ok(doneAtHealth < 4000, 'health was answered only after every window: it waited behind them');
    for (const a of answers) assert.equal(a.status, 200);
    assert.equal(answers[3999].json().lines[0].n, 3999 * 5);
  });
});
