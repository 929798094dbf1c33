import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assembleLog,
  downloadName,
  logFileUrl,
  rangeTexts,
  selectedTexts,
} from '../../../../src/elements/log-viewer/log-export.js';
import { SourceError } from '../../../../src/data/errors.js';
import type { LogChunk, LogQuery, Req, RunSource } from '../../../../src/data/source.js';

function source(count: number) {
  const calls: LogQuery[] = [];
  const getLogs = async (q: LogQuery, o?: Req): Promise<LogChunk> => {
    calls.push(q);
    if (o?.signal?.aborted) throw new SourceError('aborted', 'aborted');
    const lines = [];
    for (let i = q.start; i < Math.min(count, q.start + q.count); i++) {
      lines.push({ n: i, text: i % 2 ? `\x1b[31mline ${i}\x1b[0m` : `a\rline ${i}`, stream: 'stdout' as const });
    }
    return { start: q.start, lines, total: count };
  };
  return { getLogs, calls };
}

test('rangeTexts returns the displayed text of a range, in requests of at most 10,000, up to a limit', async () => {
  const { getLogs, calls } = source(30_000);
  assert.deepEqual(await rangeTexts(getLogs, 'r', 3, 5, { streams: ['stderr'] }, 100), ['line 3', 'line 4', 'line 5']);
  assert.deepEqual(calls[0], { runId: 'r', start: 3, count: 3, streams: ['stderr'] });
  const many = await rangeTexts(getLogs, 'r', 0, 29_999, {}, 25_000);
  assert.equal(many.length, 25_000);
  assert.deepEqual(
    calls.slice(1).map((c) => c.count),
    [10_000, 10_000, 5_000],
  );
  assert.deepEqual(await rangeTexts(getLogs, 'r', 29_998, 40_000, {}, 100), ['line 29998', 'line 29999']);
});

test('selectedTexts copies the selected lines the view shows: all, only matches, or where a filter put them', async () => {
  const { getLogs, calls } = source(1000);
  const range = { from: 10, to: 14 };
  assert.deepEqual(await selectedTexts(getLogs, 'r', range, { filter: { streams: ['stderr'] } }, 100), [
    'line 10',
    'line 11',
    'line 12',
    'line 13',
    'line 14',
  ]);
  assert.deepEqual(calls.at(-1), { runId: 'r', start: 10, count: 5 }, 'the whole log, without the filter');
  // Selected at positions 3–4 of a filtered view: those positions, read through the filter.
  const filtered = await selectedTexts(
    getLogs,
    'r',
    range,
    { filter: { labels: ['a'] }, positions: { from: 3, to: 4 } },
    100,
  );
  assert.deepEqual(filtered, ['line 3', 'line 4']);
  assert.deepEqual(calls.at(-1), { runId: 'r', start: 3, count: 2, labels: ['a'] });
  // Only matching lines: the matches inside the selection, each at its position.
  const matches = { lines: [2, 11, 13, 40], positions: [2, 11, 13, 40], total: 4, truncated: false };
  assert.deepEqual(await selectedTexts(getLogs, 'r', range, { matches, filter: {} }, 100), ['line 11', 'line 13']);
  assert.deepEqual(await selectedTexts(getLogs, 'r', { from: 20, to: 30 }, { matches, filter: {} }, 100), []);
});

test('assembleLog reads the whole raw log into a Blob with progress, and stops when aborted', async () => {
  const { getLogs } = source(25_000);
  const progress: number[] = [];
  const blob = await assembleLog(getLogs, 'r', (p) => progress.push(p));
  const text = await blob.text();
  const lines = text.split('\n');
  assert.equal(lines.length, 25_001);
  assert.equal(lines[1], '\x1b[31mline 1\x1b[0m', 'raw text, escapes kept');
  assert.deepEqual(progress, [40, 80, 100]);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    assembleLog(getLogs, 'r', () => {}, controller.signal),
    (e: SourceError) => e.code === 'aborted',
  );
  const empty = await assembleLog(
    async () => ({ start: 0, lines: [], total: 0 }),
    'r',
    () => {},
  );
  assert.equal(await empty.text(), '');
});

test('logFileUrl hands out only http, https and blob URLs; downloadName is a safe file name', () => {
  const withUrl = (url: unknown): RunSource => ({
    getRun: async () => ({ id: 'r', state: 'finished' }),
    fileUrl: () => url as string,
  });
  assert.equal(logFileUrl(withUrl('https://x.io/output.log'), 'r', 'output.log'), 'https://x.io/output.log');
  assert.equal(
    logFileUrl(withUrl('/files/r/output.log'), 'r', 'output.log', 'http://localhost:8080/'),
    '/files/r/output.log',
  );
  assert.equal(logFileUrl(withUrl('javascript:alert(1)'), 'r', 'output.log'), undefined);
  assert.equal(logFileUrl(withUrl(42), 'r', 'output.log'), undefined);
  assert.equal(logFileUrl({ getRun: async () => ({ id: 'r', state: 'finished' }) }, 'r', 'output.log'), undefined);
  const throwing: RunSource = {
    getRun: async () => ({ id: 'r', state: 'finished' }),
    fileUrl: () => {
      throw new Error('no');
    },
  };
  assert.equal(logFileUrl(throwing, 'r', 'output.log'), undefined);
  assert.equal(downloadName('run/3 <x>', 'logs/output.log'), 'run_3_x_-output.log');
  assert.equal(downloadName('abc', ''), 'abc-output.log');
});
