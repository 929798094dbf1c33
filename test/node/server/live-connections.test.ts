/**
 * The live connection budget: one stream per HttpSource for every run it watches, none for a run
 * that has ended, a run that ends while watched closes it, and "the run has none" is an answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import type { RunEvent } from '../../../src/data/source.js';
import { rawGet, serve } from './helpers.js';
import { until } from '../../support/until.js';

/** A fetch that records every live-stream request it makes. */
function countingFetch(): { fetch: typeof fetch; streams: string[] } {
  const streams: string[] = [];
  return {
    streams,
    fetch: (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/events(\?|$)/.test(url)) streams.push(url);
      return fetch(input, init);
    },
  };
}

const live = (id: string) => ({ info: { id, state: 'running' as const, heartbeatAt: Date.now() } });

describe('live connections', () => {
  it('one stream carries every watcher of every run of a source', async () => {
    const { registry, server } = await serve();
    const a = registry.addMemoryRun(live('a'));
    const b = registry.addMemoryRun(live('b'));
    const counted = countingFetch();
    const source = new HttpSource(server.url, { fetch: counted.fetch });
    const got: string[] = [];
    const stops = [
      source.watch('a', (e) => e.type === 'logs' && got.push(`a1 ${e.lines[0].text}`)),
      source.watch('a', (e) => e.type === 'logs' && got.push(`a2 ${e.lines[0].text}`)),
      source.watch('b', (e) => e.type === 'logs' && got.push(`b ${e.lines[0].text}`)),
    ];
    try {
      const hubA = (await registry.get('a')).hub;
      const hubB = (await registry.get('b')).hub;
      await until(() => hubA.subscribers === 1 && hubB.subscribers === 1, 'both runs on the stream');
      a.source.append('a', { logs: [{ text: 'x' }] });
      b.source.append('b', { logs: [{ text: 'y' }] });
      await until(() => got.length === 3, 'three deliveries');
      assert.deepEqual(got.sort(), ['a1 x', 'a2 x', 'b y']);
      assert.equal(counted.streams.length, 1, `streams opened: ${counted.streams.join(', ')}`);
      assert.match(counted.streams[0], /\/api\/events\?run=a&run=b$/);
    } finally {
      for (const stop of stops) stop();
      await server.close();
    }
  });

  it('opens no stream for a run it knows has ended', async () => {
    const { registry, server } = await serve();
    registry.addMemoryRun({ info: { id: 'done', state: 'finished', exitCode: 0 } });
    const counted = countingFetch();
    const source = new HttpSource(server.url, { fetch: counted.fetch });
    try {
      assert.equal((await source.getRun('done')).state, 'finished');
      const stop = source.watch('done', () => assert.fail('no events for an ended run'));
      await source.listRuns(); // a round trip, in which a stream would have been opened
      stop();
      assert.deepEqual(counted.streams, []);
    } finally {
      await server.close();
    }
  });

  it('an ended run asked for anyway: the server sends its final facts and closes; no reconnect', async () => {
    const { registry, server } = await serve();
    registry.addMemoryRun({ info: { id: 'failed', state: 'failed', exitCode: 3, endedAt: 5000 } });
    const counted = countingFetch();
    const source = new HttpSource(server.url, { fetch: counted.fetch, reconnectDelayMs: 1 });
    const events: RunEvent[] = [];
    const stop = source.watch('failed', (e) => events.push(e));
    try {
      await until(() => events.length > 0, 'the final facts');
      assert.deepEqual(events, [{ type: 'run', run: { state: 'failed', exitCode: 3, endedAt: 5000 } }]);
      for (let i = 0; i < 5; i++) await source.listRuns(); // time for a reconnect that must not happen
      assert.equal(counted.streams.length, 1);
      assert.equal((await registry.get('failed')).hub.subscribers, 0);
    } finally {
      stop();
      await server.close();
    }
  });

  it('a run that ends while watched: the final state arrives and the stream closes for good', async () => {
    const { registry, server } = await serve();
    const run = registry.addMemoryRun(live('r'));
    const counted = countingFetch();
    const source = new HttpSource(server.url, { fetch: counted.fetch, reconnectDelayMs: 1 });
    const states: string[] = [];
    const stop = source.watch('r', (e) => e.type === 'run' && e.run.state && states.push(e.run.state));
    try {
      const hub = (await registry.get('r')).hub;
      await until(() => hub.subscribers === 1, 'connected');
      run.source.append('r', { run: { state: 'finished', exitCode: 0 } });
      await until(() => states.includes('finished'), 'the finished state');
      await until(() => hub.subscribers === 0, 'the stream to close');
      for (let i = 0; i < 5; i++) await source.listRuns();
      assert.equal(counted.streams.length, 1, 'not reopened');
      assert.equal(hub.subscribers, 0);
    } finally {
      stop();
      await server.close();
    }
  });

  it('adding a run reopens the one stream for both, resuming the first where it was', async () => {
    const { registry, server } = await serve();
    const a = registry.addMemoryRun(live('a'));
    registry.addMemoryRun(live('b'));
    const counted = countingFetch();
    const source = new HttpSource(server.url, { fetch: counted.fetch });
    const texts: string[] = [];
    const stopA = source.watch('a', (e) => e.type === 'logs' && texts.push(...e.lines.map((l) => l.text)));
    const hubA = (await registry.get('a')).hub;
    const hubB = (await registry.get('b')).hub;
    try {
      await until(() => hubA.subscribers === 1, 'a connected');
      a.source.append('a', { logs: [{ text: 'one' }] });
      await until(() => texts.includes('one'), 'line one');
      const stopB = source.watch('b', () => {});
      // Written while the stream moves to the new set of runs: resumed, not lost, not repeated.
      a.source.append('a', { logs: [{ text: 'two' }] });
      await until(() => hubB.subscribers === 1 && hubA.subscribers === 1, 'one stream for a and b');
      await until(() => texts.includes('two'), 'line two');
      a.source.append('a', { logs: [{ text: 'three' }] });
      await until(() => texts.includes('three'), 'line three');
      assert.deepEqual(texts, ['one', 'two', 'three']);
      assert.equal(counted.streams.length, 2);
      stopB();
    } finally {
      stopA();
      await server.close();
    }
  });

  it('falls back to one stream per run on a server without the several-run stream', async () => {
    const { registry, server } = await serve();
    const a = registry.addMemoryRun(live('a'));
    const streams: string[] = [];
    const source = new HttpSource(server.url, {
      fetch: (input, init) => {
        const url = String(input);
        if (url.includes('/api/events')) return Promise.resolve(new Response('{}', { status: 404 }));
        if (url.endsWith('/events')) streams.push(url);
        return fetch(input, init);
      },
    });
    const got: string[] = [];
    const stops = [
      source.watch('a', (e) => e.type === 'logs' && got.push(e.lines[0].text)),
      source.watch('a', () => {}),
    ];
    try {
      const hub = (await registry.get('a')).hub;
      await until(() => hub.subscribers === 1, 'the one-run stream');
      a.source.append('a', { logs: [{ text: 'hello' }] });
      await until(() => got.includes('hello'), 'the line');
      assert.equal(streams.length, 1);
    } finally {
      for (const stop of stops) stop();
      await server.close();
    }
  });

  it('"this run has none" is a 200 answer the client reads as not-found', async () => {
    const { registry, server } = await serve();
    registry.addMemoryRun({ info: { id: 'plain', state: 'finished' } });
    try {
      const answer = await rawGet(server.url, '/api/runs/plain/model');
      assert.equal(answer.status, 200);
      assert.match(JSON.parse(answer.body.toString()).$none, /model/i);
      const error = await new HttpSource(server.url).getModel('plain').catch((e: unknown) => e);
      assert.ok(isSourceError(error) && error.code === 'not-found', String(error));
      // An unknown run or endpoint is still an error.
      assert.equal((await rawGet(server.url, '/api/runs/nope/model')).status, 404);
      assert.equal((await rawGet(server.url, '/api/runs/plain/nothing-here')).status, 404);
      const info = await new HttpSource(server.url).getRun('plain');
      assert.deepEqual(info.has, {
        metrics: false,
        system: false,
        logs: false,
        files: false,
        artifacts: false,
        model: false,
        media: false,
      });
      assert.equal((await rawGet(server.url, '/favicon.ico')).status, 200);
    } finally {
      await server.close();
    }
  });
});
