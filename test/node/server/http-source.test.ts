/**
 * HttpSource beyond the conformance suite: the wire encoding (NaN/±Inf, float64 columns), HTTP
 * errors and network failures as SourceErrors, aborting a request in flight, and the live stream
 * reconnecting after a drop without losing or repeating events.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSource } from '../../../src/data/http-source.js';
import { SseParser } from '../../../src/data/http-events.js';
import {
  base64ToBytes,
  bytesToBase64,
  decodeFloat64,
  encodeFloat64,
  parseWire,
  stringifyWire,
} from '../../../src/data/http-wire.js';
import { isSourceError, type SourceError } from '../../../src/data/errors.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunEvent } from '../../../src/data/source.js';
import { EventHub } from '../../../src/server/event-hub.js';
import { serve } from './helpers.js';
import { until } from '../../support/until.js';

async function tinyServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSourceError(e), `not a SourceError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('wire encoding', () => {
  it('carries NaN and ±Infinity anywhere in JSON without loss, and leaves look-alike strings alone', () => {
    const value = { a: NaN, b: [1, Infinity, -Infinity, 'NaN'], c: { d: { $f: 'NaN', other: 1 } }, e: -0.5, f: null };
    const back = parseWire(stringifyWire(value)) as typeof value;
    assert.ok(Number.isNaN(back.a));
    assert.deepEqual(back.b, [1, Infinity, -Infinity, 'NaN']);
    assert.deepEqual(back.c, { d: { $f: 'NaN', other: 1 } });
    assert.equal(back.e, -0.5);
    assert.equal(back.f, null);
    assert.ok(!stringifyWire(value).includes('null,'), 'nothing became null');
  });

  it('float64 columns round-trip bit for bit, and the base64 is standard', () => {
    const values = new Float64Array([0, -0, 1.5, -1e308, 5e-324, NaN, Infinity, -Infinity, Math.PI, 2 ** 53 + 2]);
    const text = encodeFloat64(values);
    assert.equal(text, Buffer.from(values.buffer).toString('base64'));
    const back = decodeFloat64(text);
    assert.deepEqual(new Uint8Array(back.buffer, back.byteOffset, back.byteLength), new Uint8Array(values.buffer));
    assert.ok(Object.is(back[1], -0));
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'), `${n} bytes`);
      assert.deepEqual(base64ToBytes(Buffer.from(bytes).toString('base64')), bytes);
    }
    assert.throws(() => decodeFloat64('AAAA'), TypeError);
    assert.throws(() => base64ToBytes('ab$d'), TypeError);
  });

  it('parses the event-stream format: multi-line data, CRLF, comments, ids without data', () => {
    const got: { id?: string; data?: string; event?: string }[] = [];
    const p = new SseParser((m) => got.push(m));
    p.push(': comment\r\nid: 7\r\ndata: a\r\ndata: b\r');
    p.push('\n\r\nid: 8\n\nevent: x\ndata:c\n');
    p.push('\n');
    assert.deepEqual(got, [
      { id: '7', event: undefined, retry: undefined, data: 'a\nb' },
      { id: '8', event: undefined, retry: undefined, data: undefined },
      { id: undefined, event: 'x', retry: undefined, data: 'c' },
    ]);
  });
});

describe('HttpSource errors', () => {
  it('maps statuses and error bodies to SourceError codes', async () => {
    const answers: Record<string, [number, string]> = {
      '/api/runs/missing': [404, ''],
      '/api/runs/locked': [401, 'nope'],
      '/api/runs/forbidden': [403, '{}'],
      '/api/runs/broken': [500, '<html>oops</html>'],
      '/api/runs/busy': [
        503,
        JSON.stringify({ error: { code: 'unavailable', message: 'reading the run', retryable: true } }),
      ],
      '/api/runs/bad': [
        400,
        JSON.stringify({ error: { code: 'invalid-data', message: 'bad step', retryable: false } }),
      ],
      '/api/runs/garbled': [200, '{"id": '],
    };
    const server = await tinyServer((req, res) => {
      const [status, body] = answers[req.url!] ?? [404, ''];
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    try {
      const source = new HttpSource(server.url);
      const expect: [string, string, boolean][] = [
        ['missing', 'not-found', false],
        ['locked', 'unauthorized', false],
        ['forbidden', 'unauthorized', false],
        ['broken', 'unavailable', true],
        ['busy', 'unavailable', true],
        ['bad', 'invalid-data', false],
        ['garbled', 'invalid-data', false],
      ];
      for (const [run, code, retryable] of expect) {
        const e = await failure(source.getRun(run));
        assert.equal(e.code, code, run);
        assert.equal(e.retryable, retryable, run);
      }
      assert.equal((await failure(source.getRun('bad'))).message, 'bad step');
    } finally {
      await server.close();
    }
  });

  it('a server that cannot be reached is unavailable and retryable', async () => {
    const server = await tinyServer(() => {});
    const url = server.url;
    await server.close();
    const e = await failure(new HttpSource(url).listRuns());
    assert.equal(e.code, 'unavailable');
    assert.equal(e.retryable, true);
  });

  it('aborts a request in flight when the signal fires', async () => {
    const pending: ServerResponse[] = [];
    const server = await tinyServer((_req, res) => pending.push(res));
    try {
      const controller = new AbortController();
      const started = Date.now();
      const request = new HttpSource(server.url).getRun('slow', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const e = await failure(request);
      assert.equal(e.code, 'aborted');
      assert.ok(Date.now() - started < 2000);
      const before = new AbortController();
      before.abort();
      assert.equal((await failure(new HttpSource(server.url).listRuns({ signal: before.signal }))).code, 'aborted');
    } finally {
      for (const res of pending) res.destroy();
      await server.close();
    }
  });

  it('sends the configured headers', async () => {
    let seen: string | undefined;
    const server = await tinyServer((req, res) => {
      seen = req.headers.authorization;
      res.end('[]');
    });
    try {
      assert.deepEqual(await new HttpSource(server.url, { headers: { Authorization: 'Bearer t0k' } }).listRuns(), []);
      assert.equal(seen, 'Bearer t0k');
    } finally {
      await server.close();
    }
  });
});

describe('HttpSource live stream', () => {
  it('reconnects after a drop and resumes where it left off, with no event lost or repeated', async () => {
    const { registry, server } = await serve();
    const { id, source: memory } = registry.addMemoryRun({
      info: { id: 'r', state: 'running', heartbeatAt: Date.now() },
    });
    const hub = (await registry.get(id)).hub;
    const events: RunEvent[] = [];
    const source = new HttpSource(server.url, { reconnectDelayMs: 30 });
    const stop = source.watch(id, (e) => events.push(e));
    const texts = () => events.flatMap((e) => (e.type === 'logs' ? e.lines.map((l) => l.text) : []));
    try {
      await until(() => hub.subscribers === 1, 'the stream to connect');
      memory.append(id, { logs: [{ text: 'one' }] });
      await until(() => texts().includes('one'), 'line one');
      server.server.closeAllConnections();
      await until(() => hub.subscribers === 0, 'the drop');
      memory.append(id, { logs: [{ text: 'two' }, { text: 'three' }] });
      await until(() => texts().includes('three'), 'the lines written while disconnected', 3000);
      memory.append(id, { logs: [{ text: 'four' }] });
      await until(() => texts().includes('four'), 'line four');
      assert.deepEqual(texts(), ['one', 'two', 'three', 'four']);
    } finally {
      stop();
      await server.close();
    }
  });

  it('stops for good when the run does not exist, and on stop()', async () => {
    const { registry, server } = await serve();
    try {
      const streams: AbortSignal[] = [];
      const recording: typeof fetch = (input, init) => {
        if (init?.signal) streams.push(init.signal);
        return fetch(input, init);
      };
      const source = new HttpSource(server.url, { reconnectDelayMs: 10, fetch: recording });
      const controller = new AbortController();
      const stop = source.watch('nope', () => assert.fail('no events'), { signal: controller.signal });
      await until(() => streams[0]?.aborted, 'the watch to close its stream once told the run does not exist');
      assert.equal(streams.length, 1, 'no reconnect');
      stop();
      const { id } = registry.addMemoryRun({ info: { id: 'r2', state: 'running' } });
      const stopLater = source.watch(id, () => {}, { signal: controller.signal });
      const hub = (await registry.get(id)).hub;
      await until(() => hub.subscribers === 1, 'connected');
      controller.abort();
      await until(() => hub.subscribers === 0, 'the abort to close the stream');
      stopLater();
    } finally {
      await server.close();
    }
  });
});

describe('event hub', () => {
  it('replays what a reconnecting client missed, and says when the gap is too old', () => {
    const memory = new MemorySource({ info: { id: 'r', state: 'running' } });
    const hub = new EventHub(memory, 'r', () => {}, 3);
    for (let i = 0; i < 5; i++) memory.append('r', { logs: [{ text: `l${i}` }] });
    assert.equal(hub.lastId, 5);
    const replayed: number[] = [];
    const recent = hub.subscribe((m) => replayed.push(m.id), 3);
    assert.equal(recent.missed, false);
    assert.deepEqual(replayed, [4, 5]);
    recent.unsubscribe();
    const old = hub.subscribe(() => {}, 1);
    assert.equal(old.missed, true);
    old.unsubscribe();
    assert.equal(hub.subscribe(() => {}, 99).missed, true, 'an id from another server process');
    hub.close();
    // Kept by size too: big batches leave the buffer sooner.
    const small = new EventHub(memory, 'r', () => {}, 1000, 200);
    for (let i = 0; i < 5; i++) memory.append('r', { logs: [{ text: 'y'.repeat(60) }] });
    const kept: number[] = [];
    assert.equal(small.subscribe((m) => kept.push(m.id), 0).missed, true);
    assert.ok(kept.length >= 1 && kept.length < 5, `${kept.length} kept`);
    assert.equal(kept[kept.length - 1], small.lastId, 'the newest is always kept');
    small.close();
  });
});
