/**
 * SearchGuard: a slice that runs past the line limit stops the search with a clear error naming
 * the line; an aborted search takes no more turns; too many waiting searches are refused as busy.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SearchGuard } from '../../../src/server/guarded-search.js';
import { searchLogLines } from '../../../src/data/log-search.js';
import { isSourceError } from '../../../src/data/errors.js';

const lines = (texts: string[]) => ({
  count: texts.length,
  text: (i: number) => texts[i]!,
  lineNumber: (i: number) => i,
});
const options = (query: string) => ({ query, regex: true, caseSensitive: false, limit: 100 });

describe('SearchGuard', () => {
  it('finds what an unguarded search finds', async () => {
    const guard = new SearchGuard();
    const texts = Array.from({ length: 5000 }, (_, i) => `step ${i}`);
    const m = await searchLogLines(lines(texts), options('^step 4\\d\\d\\d$'), undefined, guard.runner());
    assert.equal(m.total, 1000);
    assert.equal(m.lines[0], 4000);
  });

  it('stops a catastrophic pattern with an error naming the line', async () => {
    const guard = new SearchGuard({ lineMs: 50 });
    const texts = ['ok', 'fine', 'a'.repeat(3000) + '!'];
    await assert.rejects(searchLogLines(lines(texts), options('(a+)+$'), undefined, guard.runner()), (e: unknown) => {
      assert.ok(isSourceError(e) && e.code === 'unavailable' && !e.retryable);
      assert.match((e as Error).message, /took too long.*on line 3 alone/);
      return true;
    });
  });

  it('an aborted search stops at its next turn', async () => {
    const guard = new SearchGuard();
    const controller = new AbortController();
    let read = 0;
    const many = { count: 1_000_000, text: (i: number) => (read++, `line ${i}`), lineNumber: (i: number) => i };
    const search = searchLogLines(many, options('nothing'), controller.signal, guard.runner(controller.signal));
    controller.abort();
    await assert.rejects(search, (e: unknown) => isSourceError(e) && e.code === 'aborted');
    assert.ok(read < 1_000_000, `read ${read} lines`);
  });

  it('refuses searches past the waiting limit as busy (retryable)', async () => {
    const guard = new SearchGuard({ maxWaiting: 2 });
    const texts = Array.from({ length: 50_000 }, (_, i) => `line ${i}`);
    const runs = Array.from({ length: 5 }, () => searchLogLines(lines(texts), options('x'), undefined, guard.runner()));
    const settled = await Promise.allSettled(runs);
    const busy = settled.filter((s) => s.status === 'rejected' && /busy/.test(String((s.reason as Error).message)));
    assert.ok(busy.length >= 1, 'some were refused');
    assert.ok(
      settled.some((s) => s.status === 'fulfilled'),
      'the others ran',
    );
    for (const s of busy) assert.equal(((s as PromiseRejectedResult).reason as { retryable: boolean }).retryable, true);
  });
});
