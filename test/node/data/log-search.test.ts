import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { SLICE_MS, inPlaceRunner, matchUntil, searchLogBatches, searchLogLines } from '../../../src/data/log-search.js';
import type { LogBatch } from '../../../src/data/memory-logs.js';

const options = { query: 'hit', regex: false, caseSensitive: false, limit: 1000 };

describe('searchLogBatches', () => {
  it('gives positions apart from line numbers once a filtered batch shifts them', async () => {
    const texts = (n: number, every: number) => Array.from({ length: n }, (_, k) => (k % every === 0 ? 'hit' : 'no'));
    // Positions equal line numbers in the first batch only (a filter that keeps lines 0–9, then 20–39).
    const batches: LogBatch[] = [
      { position: 0, line: 0, texts: texts(10, 3) },
      { position: 10, line: 20, texts: texts(20, 5) },
    ];
    const found = await searchLogBatches(batches, options);
    assert.deepEqual(found.lines, [0, 3, 6, 9, 20, 25, 30, 35]);
    assert.deepEqual(found.positions, [0, 3, 6, 9, 10, 15, 20, 25]);
    assert.equal(found.total, 8);
    assert.equal(found.truncated, false);
  });

  it('keeps positions as their own array when they equal the line numbers', async () => {
    const found = await searchLogBatches([{ position: 0, line: 0, texts: ['hit', 'no', 'HIT'] }], options);
    assert.deepEqual(found.lines, [0, 2]);
    assert.deepEqual(found.positions, [0, 2]);
    assert.notEqual(found.positions, found.lines, 'changing one list does not change the other');
  });

  it('counts every match and keeps the first `limit`, across slices', async () => {
    const count = 5000;
    const lines = { count, text: (i: number) => (i % 2 ? 'hit' : 'no'), lineNumber: (i: number) => i };
    const found = await searchLogLines(lines, { ...options, limit: 7 });
    assert.equal(found.total, count / 2);
    assert.deepEqual(found.lines, [1, 3, 5, 7, 9, 11, 13]);
    assert.deepEqual(found.positions, found.lines);
    assert.equal(found.truncated, true);
    const none = await searchLogLines(lines, { ...options, limit: 0 });
    assert.deepEqual([none.total, none.lines.length, none.truncated], [count / 2, 0, true]);
  });
});

describe('matchUntil and the in-place runner', () => {
  it('writes the hits into the array given, growing it when it is short', () => {
    const texts = ['a', 'hit', 'b', 'hit', 'hit'];
    const into = new Int32Array(2);
    const long = matchUntil(/hit/, texts, 0, Date.now() + 60_000, into);
    assert.deepEqual([...long.hits], [1, 3, 4]);
    assert.equal(long.next, texts.length);
    assert.notEqual(long.hits.buffer, into.buffer, 'two slots could not hold three lines');
    const short = matchUntil(/hit/, texts, 2, Date.now() + 60_000, new Int32Array(8));
    assert.deepEqual([...short.hits], [3, 4]);
  });

  it('answers each slice with only that slice’s hits when it reuses its array', () => {
    const runner = inPlaceRunner();
    const big = Array.from({ length: 600 }, (_, k) => (k % 100 === 0 ? 'hit' : 'no'));
    assert.deepEqual([...runner.slice(/hit/, big, 0, 0).hits], [0, 100, 200, 300, 400, 500]);
    assert.deepEqual([...runner.slice(/hit/, ['no', 'hit'], 0, 0).hits], [1]);
    assert.deepEqual([...runner.slice(/hit/, big, 0, 0).hits], [0, 100, 200, 300, 400, 500]);
  });

  it('runs a slice until its time is up, then yields a turn before the next', async (t) => {
    mock.timers.enable({ apis: ['Date'], now: 1_000 });
    t.after(() => mock.timers.reset());
    const runner = inPlaceRunner();
    const lines = Array.from({ length: 1000 }, () => 'no');
    const otherWork = () => {
      const seen = { ran: false };
      setImmediate(() => (seen.ran = true));
      return seen;
    };

    assert.equal(runner.slice(/hit/, lines, 0, 0).next, lines.length, 'within its time the slice runs to the end');
    const early = otherWork();
    await runner.turn();
    assert.equal(early.ran, false, 'no turn is given before the slice has run its time');

    mock.timers.tick(SLICE_MS + 1);
    assert.ok(runner.slice(/hit/, lines, 0, 0).next < lines.length, 'a slice past its time stops early');
    const due = otherWork();
    await runner.turn();
    assert.equal(due.ran, true, 'other work ran before the next slice');
    assert.equal(runner.slice(/hit/, lines, 0, 0).next, lines.length, 'the next slice has a full slice of time');

    mock.timers.tick(SLICE_MS + 1);
    await assert.rejects(runner.turn(AbortSignal.abort()), { name: 'SourceError', code: 'aborted' });
  });
});
