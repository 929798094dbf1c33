/**
 * `--cors` (a preflight answered for exactly the named origins, no CORS header for others, a live
 * stream readable cross-origin) and `--allowed-hosts` (the names a proxy forwards, and still no
 * answer to a rebinding name).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { rawGet, type RawAnswer } from './helpers.js';

const TOKEN = 'tok-6b1d0e9c4a7f23a85e11';
const PORTAL = 'https://portal.example.com';

function preflight(base: string, target: string, origin: string): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: target,
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization,last-event-id',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The first bytes of a stream, then the connection is dropped. */
function firstBytes(base: string, target: string, headers: Record<string, string>): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: target, headers }, (res) => {
      res.once('data', (c: Buffer) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: c });
        req.destroy();
      });
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    req.end();
  });
}

describe('CORS for named origins', () => {
  let server: RunpageServer;
  before(async () => {
    const registry = new RunRegistry({ log: () => {} });
    const { source } = registry.addMemoryRun({ info: { id: 'live', state: 'running', heartbeatAt: Date.now() } });
    void source;
    server = await startServer(registry, { cors: [PORTAL, 'http://localhost:3000'], authToken: TOKEN });
  });
  after(() => server.close());

  it('answers the preflight of a named origin, allowing the token header', async () => {
    const r = await preflight(server.url, '/api/runs/live', PORTAL);
    assert.equal(r.status, 204);
    assert.equal(r.headers['access-control-allow-origin'], PORTAL);
    assert.match(String(r.headers['access-control-allow-methods']), /GET/);
    assert.match(String(r.headers['access-control-allow-headers']), /Authorization/i);
    assert.match(String(r.headers['access-control-allow-headers']), /Last-Event-ID/i);
    assert.equal(r.headers['access-control-allow-credentials'], undefined);
  });

  it('gives no CORS header to any other origin', async () => {
    for (const origin of [
      'https://evil.example',
      'https://portal.example.com.evil.example',
      'null',
      'http://portal.example.com',
    ]) {
      const r = await preflight(server.url, '/api/runs/live', origin);
      assert.equal(r.status, 403, origin);
      assert.equal(r.headers['access-control-allow-origin'], undefined, origin);
      const get = await rawGet(server.url, '/api/runs/live', { Origin: origin, Authorization: `Bearer ${TOKEN}` });
      assert.equal(get.headers['access-control-allow-origin'], undefined, origin);
    }
  });

  it('lets the named origin read answers, errors and the live stream', async () => {
    const ok = await rawGet(server.url, '/api/runs/live', { Origin: PORTAL, Authorization: `Bearer ${TOKEN}` });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['access-control-allow-origin'], PORTAL);
    assert.match(String(ok.headers['access-control-expose-headers']), /Content-Range/);
    assert.match(String(ok.headers.vary), /Origin/);
    assert.match(String(ok.headers.vary), /Accept-Encoding/);
    // The 401 is readable too, so the portal can say what is wrong.
    const refused = await rawGet(server.url, '/api/runs/live', { Origin: PORTAL });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['access-control-allow-origin'], PORTAL);
    const stream = await firstBytes(server.url, '/api/events?run=live', {
      Origin: PORTAL,
      Authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(stream.status, 200);
    assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
    assert.equal(stream.headers['access-control-allow-origin'], PORTAL);
  });
});

describe('allowed hosts behind a proxy', () => {
  let server: RunpageServer;
  let port: string;
  before(async () => {
    const registry = new RunRegistry({ log: () => {} });
    registry.addMemoryRun({ info: { id: 'r', state: 'finished' } });
    server = await startServer(registry, { allowedHosts: ['runs.example.com', 'lab.example.com:8443'] });
    port = new URL(server.url).port;
  });
  after(() => server.close());

  it('answers the names a proxy forwards, and the loopback names', async () => {
    for (const host of [
      'runs.example.com',
      'RUNS.example.com',
      'runs.example.com:443',
      'lab.example.com:8443',
      `localhost:${port}`,
      `127.0.0.1:${port}`,
    ]) {
      assert.equal((await rawGet(server.url, '/api/runs', { Host: host })).status, 200, host);
    }
  });

  it('refuses any other name (DNS rebinding), and says how to allow one', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      'lab.example.com',
      'lab.example.com:9443',
      'runs.example.com.evil.example',
      `localhost:${Number(port) + 1}`,
    ]) {
      const r = await rawGet(server.url, '/api/runs', { Host: host });
      assert.equal(r.status, 403, host);
      assert.match(JSON.parse(r.body.toString()).error.message, /--allowed-hosts/);
    }
  });
});
