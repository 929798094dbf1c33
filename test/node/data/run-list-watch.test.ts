import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { diffListings, snapshotOf } from '../../../src/data/run-list-watch.js';
import { HttpSource, loadHttpClient } from '../../../src/data/http-source.js';
import type { RunListEvent, RunRef } from '../../../src/data/source.js';
import { advance } from '../../support/advance.js';

test('diffListings: added and changed in the new order, then removed; unchanged runs are not told', () => {
  const before = snapshotOf([
    { id: 'a', state: 'running' },
    { id: 'b', state: 'finished' },
    { id: 'c', state: 'running', summary: { loss: 1 } },
  ]);
  const after = snapshotOf([
    { id: 'd', state: 'running' },
    { id: 'a', state: 'finished', endedAt: 5 },
    { id: 'c', state: 'running', summary: { loss: 0.5 } },
  ]);
  assert.deepEqual(diffListings(before, after), [
    { type: 'run-added', run: { id: 'd', state: 'running' } },
    { type: 'run-changed', run: { id: 'a', state: 'finished', endedAt: 5 } },
    { type: 'run-changed', run: { id: 'c', state: 'running', summary: { loss: 0.5 } } },
    { type: 'run-removed', runId: 'b' },
  ]);
  assert.deepEqual(diffListings(after, after), []);
  // malformed entries and repeated ids of a listing are left out, never thrown on
  assert.deepEqual([...snapshotOf([null as never, { id: 'x' }, { id: 'x', state: 'failed' }]).keys()], ['x']);
});

test('HttpSource.watchRuns against a server without listing changes lists every listingPollMs (fake timers)', async () => {
  let refs: RunRef[] = [{ id: 'a', state: 'running' }];
  const asked: string[] = [];
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push(url.pathname + url.search);
    if (url.pathname === '/api/events')
      return new Response('{"error":{"code":"not-found","message":"no"}}', { status: 404 });
    if (url.pathname === '/api/runs') return new Response(JSON.stringify(refs));
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  // The client loads with a source's first use, in real time: in before the clock is faked.
  await loadHttpClient();
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const source = new HttpSource('http://old.test/', { fetch: fakeFetch, listingPollMs: 30_000 });
    const events: RunListEvent[] = [];
    const stop = source.watchRuns((e) => events.push(e));
    await advance(5);
    assert.ok(
      asked.some((a) => a.startsWith('/api/events?listing=')),
      asked.join('\n'),
    );
    const lists = () => asked.filter((a) => a === '/api/runs').length;
    assert.equal(lists(), 1, 'the first listing takes stock');
    refs = [
      { id: 'a', state: 'finished' },
      { id: 'b', state: 'running' },
    ];
    await advance(29_000);
    assert.equal(lists(), 1);
    await advance(1_100);
    assert.equal(lists(), 2);
    assert.deepEqual(events, [
      { type: 'run-changed', run: { id: 'a', state: 'finished' } },
      { type: 'run-added', run: { id: 'b', state: 'running' } },
    ]);
    stop();
    mock.timers.runAll();
    await advance(1);
    assert.equal(lists(), 2, 'no listing once nobody watches');
    assert.equal(asked.filter((a) => a.startsWith('/api/events')).length, 1, 'the listing stream is not asked again');
  } finally {
    mock.timers.reset();
  }
});
