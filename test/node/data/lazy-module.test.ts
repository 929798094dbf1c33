import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LazyModule } from '../../../src/data/source.js';

describe('LazyModule', () => {
  it('loads once on first use, shared by the requests that wait, and is `now` after', async () => {
    let loads = 0;
    const lazy = new LazyModule(async () => ({ n: ++loads }));
    assert.equal(lazy.now, undefined);
    assert.equal(loads, 0, 'nothing loads before it is asked for');
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    assert.equal(a, b);
    assert.equal(loads, 1);
    assert.equal(lazy.now, a);
    assert.equal(await lazy.get(), a);
    assert.equal(loads, 1);
  });

  it('tells a failed load to every request that waited, and loads afresh on the next one', async () => {
    let fail = true;
    let loads = 0;
    const lazy = new LazyModule(
      async () => {
        loads++;
        if (fail) throw new Error('network down');
        return { ok: true };
      },
      (e) => new Error(`could not load: ${(e as Error).message}`),
    );
    const waits = await Promise.allSettled([lazy.get(), lazy.get()]);
    assert.deepEqual(
      waits.map((w) => (w.status === 'rejected' ? (w.reason as Error).message : 'loaded')),
      ['could not load: network down', 'could not load: network down'],
    );
    assert.equal(loads, 1);
    assert.equal(lazy.now, undefined);
    fail = false;
    assert.deepEqual(await lazy.get(), { ok: true });
    assert.equal(loads, 2);
  });
});
