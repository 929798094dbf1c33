/** SharedWatch: one upstream subscription per run, however many watchers; ended runs are dropped. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SharedWatch } from '../../../src/data/shared-watch.js';
import type { RunEvent } from '../../../src/data/source.js';

const tick = () => new Promise<void>((r) => queueMicrotask(r));

describe('SharedWatch', () => {
  it('tells its upstream the wanted runs once per microtask, however many watchers come and go', async () => {
    const syncs: string[][] = [];
    const shared = new SharedWatch((ids) => syncs.push([...ids]));
    const stops = [shared.watch('a', () => {}), shared.watch('a', () => {}), shared.watch('b', () => {})];
    await tick();
    assert.deepEqual(syncs, [['a', 'b']]);
    stops[0]();
    await tick();
    assert.deepEqual(syncs, [['a', 'b']], 'a is still watched by another listener');
    stops[1]();
    stops[2]();
    const again = shared.watch('b', () => {});
    await tick();
    assert.deepEqual(syncs, [['a', 'b'], ['b']]);
    again();
    await tick();
    assert.deepEqual(syncs, [['a', 'b'], ['b'], []]);
  });

  it('delivers to every listener of the run only, and a throwing listener does not stop the others', async () => {
    const shared = new SharedWatch(() => {});
    const got: string[] = [];
    const error = console.error;
    console.error = () => {};
    try {
      shared.watch('a', () => {
        throw new Error('boom');
      });
      shared.watch('a', (e) => got.push(`a1:${e.type}`));
      shared.watch('b', (e) => got.push(`b:${e.type}`));
      const event: RunEvent = { type: 'files-changed' };
      shared.deliver('a', event);
    } finally {
      console.error = error;
    }
    assert.deepEqual(got, ['a1:files-changed']);
  });

  it('never wants an ended run again until it is resumed; watchers of it stay silent', async () => {
    const syncs: string[][] = [];
    const shared = new SharedWatch((ids) => syncs.push([...ids]));
    shared.end('done');
    shared.watch('done', () => {});
    shared.watch('live', () => {});
    await tick();
    assert.deepEqual(syncs, [['live']]);
    assert.equal(shared.hasEnded('done'), true);
    shared.resume('done');
    await tick();
    assert.deepEqual(syncs, [['live'], ['done', 'live']]);
  });

  it('removes a listener when its signal aborts, and ignores an already aborted signal', async () => {
    const syncs: string[][] = [];
    const shared = new SharedWatch((ids) => syncs.push([...ids]));
    const controller = new AbortController();
    shared.watch('a', () => {}, controller.signal);
    await tick();
    controller.abort();
    await tick();
    shared.watch('b', () => {}, controller.signal);
    await tick();
    assert.deepEqual(syncs, [['a'], []]);
  });
});
