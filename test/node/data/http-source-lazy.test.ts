/**
 * HttpSource loads its client (http-client.ts) with its first request or watch: calls made before
 * it is in are answered once it is, in order; a watch stopped before then never connects; and
 * views made with `Object.create` (one per run the src loader shows) share one client.
 * The tests run in order: the first ones run before the client module is loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpSource } from '../../../src/data/http-source.js';
import { until } from '../../support/until.js';

/** A fetch answering `api/runs` and holding every live stream open until it is aborted. */
function fakeServer(): { fetch: typeof fetch; asked: string[] } {
  const asked: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    asked.push(url.pathname + url.search);
    if (url.pathname === '/api/runs') return new Response(JSON.stringify([{ id: 'a', state: 'running' }]));
    if (url.pathname === '/api/events') {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  return { fetch: fetchImpl, asked };
}

test('a watch stopped before the client is in never connects; requests made meanwhile are answered', async () => {
  const server = fakeServer();
  const source = new HttpSource('http://h.test/', { fetch: server.fetch });
  const stop = source.watch('a', () => undefined);
  stop();
  assert.deepEqual(await source.listRuns(), [{ id: 'a', state: 'running' }]);
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(server.asked, ['/api/runs']);
});

test('views made with Object.create share one client and so one live connection', async () => {
  const server = fakeServer();
  const source = new HttpSource('http://h.test/', { fetch: server.fetch });
  const a = Object.create(source) as HttpSource;
  a.defaultRunId = () => 'a';
  const b = Object.create(source) as HttpSource;
  b.defaultRunId = () => 'b';
  const stops = [a.watch('a', () => undefined), b.watch('b', () => undefined)];
  try {
    await until(() => server.asked.length > 0, 'a live stream');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(server.asked, ['/api/events?run=a&run=b']);
    assert.equal(a.defaultRunId(), 'a');
    assert.equal(source.fileUrl('a b', 'x/../y'), undefined);
    assert.equal(a.fileUrl('a b', 'dir//f.txt'), 'http://h.test/api/runs/a%20b/raw/dir/f.txt');
  } finally {
    for (const stop of stops) stop();
  }
});
