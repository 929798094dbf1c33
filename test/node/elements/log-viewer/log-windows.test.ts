import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogWindows } from '../../../../src/elements/log-viewer/log-windows.js';
import { lineHashValue, parseLineHash } from '../../../../src/elements/log-viewer/permalink.js';
import { SourceError } from '../../../../src/data/errors.js';
import type { LogChunk } from '../../../../src/data/source.js';

function fakeLog(total: () => number, fail?: (start: number) => boolean) {
  const calls: number[] = [];
  const fetch = async (start: number, count: number, signal: AbortSignal): Promise<LogChunk> => {
    calls.push(start);
    await new Promise((r) => setImmediate(r)); // answers after the caller has gone on
    if (signal.aborted) throw new SourceError('aborted', 'aborted');
    if (fail?.(start)) throw new SourceError('unavailable', 'down');
    const t = total();
    const lines = [];
    for (let i = start; i < Math.min(t, start + count); i++)
      lines.push({ n: i, text: `line ${i}`, stream: 'stdout' as const });
    return { start, lines, total: t, labels: ['rank0'] };
  };
  return { fetch, calls };
}

test('fetches only the windows a range needs and reads lines from them', async () => {
  const { fetch, calls } = fakeLog(() => 1_000_000);
  const w = new LogWindows(fetch, { windowSize: 100 });
  w.ensureRange(999_950, 1_000_000);
  await w.settled();
  assert.deepEqual(calls, [999_900]);
  assert.equal(w.total, 1_000_000);
  assert.deepEqual(w.labels, ['rank0']);
  assert.equal(w.line(999_999)?.text, 'line 999999');
  assert.equal(w.line(5), undefined);
  // Already held or in flight: no second request.
  w.ensureRange(999_900, 999_999);
  w.ensureRange(150, 250);
  w.ensureRange(150, 250);
  await w.settled();
  assert.deepEqual(calls, [999_900, 100, 200]);
});

test('requests for windows that left the screen are cancelled', async () => {
  const { fetch, calls } = fakeLog(() => 1_000_000);
  const w = new LogWindows(fetch, { windowSize: 100 });
  w.ensureRange(500_000, 500_050);
  w.ensureRange(700_000, 700_050);
  await w.settled();
  assert.deepEqual(calls, [500_000, 700_000]);
  assert.equal(w.line(500_010), undefined, 'the first answer was dropped');
  assert.equal(w.line(700_010)?.text, 'line 700010');
  assert.equal(w.error, undefined);
  // Asked again later, it is fetched again (a cancelled window is not a failed one).
  w.ensureRange(500_000, 500_050);
  await w.settled();
  assert.equal(w.line(500_010)?.text, 'line 500010');
});

test('the cache is bounded: old windows are evicted, the ones needed now are kept', async () => {
  const { fetch } = fakeLog(() => 100_000);
  const w = new LogWindows(fetch, { windowSize: 10, maxWindows: 4 });
  for (let i = 0; i < 20; i++) {
    w.ensureRange(i * 10, i * 10 + 10);
    await w.settled();
  }
  assert.ok(w.cachedWindows <= 5, `held ${w.cachedWindows} windows`);
  assert.equal(w.line(195)?.text, 'line 195');
  // Needing more windows at once than the limit keeps them all for that screen.
  w.ensurePositions([5, 25, 45, 65, 85, 105, 125]);
  await w.settled();
  for (const p of [5, 25, 45, 65, 85, 105, 125]) assert.equal(w.line(p)?.text, `line ${p}`);
});

test('a failed window is reported and asked for again after retry', async () => {
  let down = true;
  const { fetch, calls } = fakeLog(
    () => 50,
    () => down,
  );
  let changes = 0;
  const w = new LogWindows(fetch, { windowSize: 10, onChange: () => changes++ });
  w.ensureRange(0, 10);
  await w.settled();
  assert.equal((w.error as SourceError).code, 'unavailable');
  assert.ok(changes > 0);
  w.ensureRange(0, 10);
  await w.settled();
  assert.equal(calls.length, 1, 'a failed window is not hammered');
  down = false;
  w.retry();
  w.ensureRange(0, 10);
  await w.settled();
  assert.equal(w.error, undefined);
  assert.equal(w.line(3)?.text, 'line 3');
});

test('refreshTail picks up lines appended to a live log; grow sets a known total', async () => {
  let total = 15;
  const { fetch } = fakeLog(() => total);
  const w = new LogWindows(fetch, { windowSize: 10 });
  w.ensureRange(0, 15);
  await w.settled();
  assert.equal(w.line(14)?.text, 'line 14');
  total = 27;
  w.refreshTail();
  w.refreshTail(); // coalesces
  await w.settled();
  assert.equal(w.total, 27);
  assert.equal(w.line(19)?.text, 'line 19');
  w.grow(40);
  assert.equal(w.total, 40);
  w.grow(10);
  assert.equal(w.total, 40, 'never shrinks');
});

test('dispose aborts requests in flight; their answers are dropped', async () => {
  const { fetch } = fakeLog(() => 100);
  const w = new LogWindows(fetch, { windowSize: 10 });
  w.ensureRange(0, 10);
  w.dispose();
  await w.settled();
  assert.equal(w.line(0), undefined);
  assert.equal(w.error, undefined);
});

test('malformed answers become errors and odd lines are repaired, never thrown', async () => {
  let answer: unknown = { start: 0, total: 30, lines: [{ n: 0, text: 'ok', stream: 'stdout' }, { text: 42 }, null] };
  const w = new LogWindows(async () => answer as LogChunk, { windowSize: 10 });
  w.ensureRange(0, 10);
  await w.settled();
  assert.deepEqual(w.line(0), { n: 0, text: 'ok', stream: 'stdout' });
  assert.deepEqual(w.line(1), { n: 1, text: '42', stream: 'stdout' });
  assert.deepEqual(w.line(2), { n: 2, text: '', stream: 'stdout' });
  answer = { start: 'x', total: NaN, lines: [{ n: -1, text: 'p', stream: 'weird', time: 'soon', label: 7 }] };
  w.ensureRange(10, 20);
  await w.settled();
  assert.equal(w.total, 30, 'a NaN total keeps the known one');
  assert.deepEqual(w.line(10), { n: 10, text: 'p', stream: 'stdout' });
  answer = { lines: 'nope' };
  w.ensureRange(20, 30);
  await w.settled();
  assert.equal((w.error as SourceError).code, 'invalid-data');
  const seeded = new LogWindows(async () => ({ start: 0, lines: [], total: 0 }));
  seeded.seed(null as unknown as LogChunk);
  assert.equal((seeded.error as SourceError).code, 'invalid-data');
});

test('seed stores a chunk that was fetched beforehand', () => {
  const w = new LogWindows(async () => ({ start: 0, lines: [], total: 0 }), { windowSize: 2 });
  w.seed({ start: 0, total: 3, lines: [0, 1, 2].map((n) => ({ n, text: `t${n}`, stream: 'stderr' as const })) });
  assert.equal(w.total, 3);
  assert.equal(w.line(2)?.text, 't2');
});

test('line hashes: the L key, old links, and the value written', () => {
  assert.deepEqual(parseLineHash('#L=120-140'), { from: 119, to: 139 });
  assert.deepEqual(parseLineHash('#tab=logs&L=7&files=/a/'), { from: 6, to: 6 });
  assert.deepEqual(parseLineHash('#L=140-120'), { from: 119, to: 139 });
  assert.equal(parseLineHash('#L=0'), undefined);
  assert.equal(parseLineHash('#L=%E0%A4%A'), undefined);
  assert.equal(parseLineHash('#L=1-2<script>'), undefined);
  // links made before the keys
  assert.deepEqual(parseLineHash('#L120-L140'), { from: 119, to: 139 });
  assert.deepEqual(parseLineHash('#logs&L3'), { from: 2, to: 2 });
  assert.deepEqual(parseLineHash('#L140-L120'), { from: 119, to: 139 });
  assert.deepEqual(parseLineHash('#L7'), { from: 6, to: 6 });
  assert.deepEqual(parseLineHash('#L1000000'), { from: 999_999, to: 999_999 });
  assert.equal(parseLineHash('#L0'), undefined);
  assert.equal(parseLineHash('#section'), undefined);
  assert.equal(parseLineHash('#L1-L2<script>'), undefined);
  assert.equal(lineHashValue({ from: 119, to: 139 }), '120-140');
  assert.equal(lineHashValue({ from: 0, to: 0 }), '1');
});
