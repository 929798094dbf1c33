import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STRIPPED_CHUNK, StrippedLines } from '../../../src/data/stripped-lines.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';

describe('StrippedLines', () => {
  it('strips ANSI escapes, keeps what it read and does not read it again', () => {
    const cache = new StrippedLines();
    const reads: number[] = [];
    const read = (n: number) => {
      reads.push(n);
      return `\x1b[31mline ${n}\x1b[0m`;
    };
    assert.deepEqual(cache.texts(3, 6, read), ['line 3', 'line 4', 'line 5']);
    assert.deepEqual(cache.texts(2, 7, read), ['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    assert.deepEqual(reads, [3, 4, 5, 2, 6]);
    assert.equal(cache.size, 'line 3'.length * 5);
  });

  it('keeps no more characters than its budget, and still answers past it', () => {
    const cache = new StrippedLines(10);
    let reads = 0;
    const read = () => {
      reads++;
      return 'abcd';
    };
    assert.deepEqual(cache.texts(0, 4, read), ['abcd', 'abcd', 'abcd', 'abcd']);
    assert.equal(cache.size, 8);
    cache.texts(0, 4, read);
    assert.equal(reads, 6, 'the two lines over the budget are read again');
  });

  it('hands out a whole kept chunk at once, and nothing of a chunk kept in part', () => {
    const cache = new StrippedLines();
    const read = (n: number) => (n % 5 === 0 ? `█ l${n}` : n % 7 === 0 ? '' : `l${n}`);
    cache.texts(0, STRIPPED_CHUNK - 1, read);
    assert.equal(cache.keptRun(0, 10 * STRIPPED_CHUNK), 0);
    cache.texts(STRIPPED_CHUNK - 1, STRIPPED_CHUNK + 5, read);
    assert.equal(cache.keptRun(7, 10 * STRIPPED_CHUNK), STRIPPED_CHUNK - 7);
    assert.equal(cache.keptRun(7, 20), 13);
    assert.deepEqual(cache.keptTexts(7, 11), ['', 'l8', 'l9', '█ l10']);
    const all = Array.from({ length: STRIPPED_CHUNK }, (_, n) => read(n));
    assert.deepEqual(cache.keptTexts(0, STRIPPED_CHUNK), all, 'a packed chunk gives back every text');
    assert.deepEqual(
      cache.texts(0, STRIPPED_CHUNK, () => 'not read'),
      all,
    );
    assert.equal(cache.keptRun(STRIPPED_CHUNK, 10 * STRIPPED_CHUNK), 0);
  });
});

describe('StrippedLines: packed chunks', () => {
  it('hands out the same texts of a whole narrow chunk each time, made once', () => {
    const cache = new StrippedLines();
    const read = (n: number) => (n % 3 ? `\x1b[2mline ${n} of a narrow chunk\x1b[0m` : '');
    const all = Array.from({ length: STRIPPED_CHUNK }, (_, n) => (n % 3 ? `line ${n} of a narrow chunk` : ''));
    cache.texts(0, STRIPPED_CHUNK, read);
    const first = cache.keptTexts(0, STRIPPED_CHUNK);
    assert.deepEqual(first, all);
    assert.equal(cache.keptTexts(0, STRIPPED_CHUNK), first, 'a second search gets the same strings, not new ones');
    assert.deepEqual(cache.keptTexts(5, 9), all.slice(5, 9));
    assert.equal(cache.size, all.join('').length);
  });
});

describe('MemorySource: searching a lazy log twice', () => {
  it('builds each line once and finds the same matches', async () => {
    let built = 0;
    const count = 3 * STRIPPED_CHUNK + 17;
    const logs = {
      count,
      line(i: number) {
        built++;
        return { text: i % 3 === 0 ? `\x1b[33mwarn ${i}\x1b[0m` : `info ${i}` };
      },
    };
    const source = new MemorySource({ info: { id: 'r', state: 'finished' } as RunInfo, logs });
    const first = await source.searchLogs({ runId: 'r', query: 'warn \\d+5$', regex: true });
    const afterFirst = built;
    const second = await source.searchLogs({ runId: 'r', query: 'warn \\d+5$', regex: true });
    assert.deepEqual(second, first);
    assert.equal(built, afterFirst, 'no line was built again');
    assert.equal(first.total, Math.floor((count - 1 - 15) / 30) + 1);
    // the escapes are not searched
    assert.equal((await source.searchLogs({ runId: 'r', query: '[33m' })).total, 0);
  });
});
