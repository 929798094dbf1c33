/**
 * Hostile connections and requests: clients that never read, thousands of requests at once, live
 * streams opened and dropped by the hundred, Range abuse, malformed targets and headers. Each gets
 * a clear answer (or none, when it never finished asking) and the server keeps answering others.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHealthy, get, healthyDuring, raw, startHostileServer, statusOf, type HostileServer } from './hostile.js';
import { HUGE_LINE_BYTES, writeFilesOnlyRun } from './fixtures.js';

let dir: string;
let server: HostileServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runpage-hostile-conn-'));
  writeFilesOnlyRun(dir, 'conn1');
  server = await startHostileServer(dir);
});
after(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const HOST = () => `127.0.0.1:${server.port}`;
const RAW = () => '/api/runs/conn1/raw/files/output.log';

describe('slow and greedy clients', () => {
  it('clients that ask for 3 MB and never read it do not hold up others', async () => {
    const sockets = Array.from({ length: 20 }, () => {
      const s = connect(server.port, '127.0.0.1');
      s.write(`GET ${RAW()} HTTP/1.1\r\nHost: ${HOST()}\r\n\r\n`);
      s.pause();
      return s;
    });
    await assertHealthy(server.url);
    const a = await get(server.url, '/api/runs/conn1/logs?start=0&count=5');
    assert.equal(a.status, 200);
    for (const s of sockets) s.destroy();
  });

  it('a client that sends its request one byte at a time does not hold up others', async () => {
    const s = connect(server.port, '127.0.0.1');
    s.write('GET /api HT');
    await assertHealthy(server.url);
    s.destroy();
  });

  it('1,000 health requests at once all answer', async () => {
    const answers = await Promise.all(Array.from({ length: 1000 }, () => get(server.url, '/api', { ms: 60_000 })));
    for (const a of answers) assert.equal(a.status, 200);
  });

  it('200 live streams opened and dropped, twice over, leave the server answering', async () => {
    for (let round = 0; round < 2; round++) {
      const streams = await Promise.all(
        Array.from(
          { length: 200 },
          () =>
            new Promise<() => void>((resolve, reject) => {
              const req = request(
                { host: '127.0.0.1', port: server.port, path: '/api/runs/live/events', agent: false },
                (res) => {
                  assert.equal(res.statusCode, 200);
                  resolve(() => req.destroy());
                },
              );
              req.on('error', reject);
              req.end();
            }),
        ),
      );
      await assertHealthy(server.url);
      for (const drop of streams) drop();
    }
    await assertHealthy(server.url);
  });

  it('a live stream that is never read does not hold up others', async () => {
    const s = connect(server.port, '127.0.0.1');
    s.write(`GET /api/runs/live/events HTTP/1.1\r\nHost: ${HOST()}\r\n\r\n`);
    s.pause();
    await assertHealthy(server.url);
    s.destroy();
  });
});

describe('Range abuse', () => {
  const ranged = (range: string) => get(server.url, RAW(), { headers: { Range: range } });
  it('a thousand ranges in one header: the whole file, once', async () => {
    const range = 'bytes=' + Array.from({ length: 1000 }, (_, i) => `${i}-${i}`).join(',');
    const a = await healthyDuring(server, () => ranged(range));
    assert.equal(a.status, 200);
  });
  it('ranges past the end and an empty suffix are 416', async () => {
    assert.equal((await ranged('bytes=99999999999-')).status, 416);
    assert.equal((await ranged('bytes=-0')).status, 416);
  });
  it('huge numbers and nonsense are answered (the file, or 416), never 500', async () => {
    for (const r of [
      'bytes=0-1e30',
      'bytes=1e30-',
      'bytes=abc',
      'bytes=5-1',
      'lines=0-5',
      'bytes=-99999999999999999999',
    ]) {
      const a = await ranged(r);
      assert.ok([200, 206, 416].includes(a.status), `${r}: ${a.status}`);
    }
  });
  it('a suffix range of the last 10 bytes is exactly those', async () => {
    const a = await ranged('bytes=-10');
    assert.equal(a.status, 206);
    assert.equal(a.body.toString('utf8'), 'x\nthe end\n');
    assert.ok(HUGE_LINE_BYTES > 10);
  });
});

describe('malformed targets and headers', () => {
  it('a malformed percent-encoding in the query', async () => {
    const a = await get(server.url, '/api/runs/mem/logs?start=%&count=%E0%A4%A');
    assert.ok([200, 400].includes(a.status), String(a.status));
  });
  it('a search query that is not UTF-8', async () => {
    const a = await get(server.url, '/api/runs/mem/logs/search?q=%FF%FE%00');
    assert.equal(a.status, 200);
  });
  it('repeated parameters: the first wins', async () => {
    const a = await get(server.url, '/api/runs/mem/logs?start=3&start=9&count=1&count=50');
    assert.equal(a.json().lines[0].n, 3);
    assert.equal(a.json().lines.length, 1);
  });
  it('a NUL in the run id, and a target of 10,000 segments, are 404', async () => {
    assert.equal((await get(server.url, '/api/runs/%00/logs')).status, 404);
    assert.equal((await get(server.url, '/api/runs/mem/' + 'x/'.repeat(5000))).status, 404);
  });
  it('two Host headers are refused (400)', async () => {
    const answer = await raw(
      server.port,
      `GET /api HTTP/1.1\r\nHost: ${HOST()}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(statusOf(answer), 400);
  });
  it('a header block over 16 KB is refused (431) by the HTTP layer', async () => {
    const answer = await raw(
      server.port,
      `GET /api HTTP/1.1\r\nHost: ${HOST()}\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(statusOf(answer), 431);
  });
  it('garbage instead of HTTP is answered 400 and closed', async () => {
    const answer = await raw(
      server.port,
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x0d, 0x0a, 0x0d, 0x0a]),
    );
    assert.equal(statusOf(answer), 400);
    await assertHealthy(server.url);
  });
});
