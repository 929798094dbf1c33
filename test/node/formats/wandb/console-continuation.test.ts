/**
 * A run cut short: files/output.log continues past the datastore's console. Where it continues is
 * found however the two differ in form (line endings, \r redraws, ANSI, blank lines, splits).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContinuationFinder,
  completeFromOutputLog,
  continuationOf,
  visibleText,
} from '../../../../src/formats/wandb/console-continuation.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import type { MemoryLogLine } from '../../../../src/data/memory-source.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { frame, memoryFolder, outputRecord, runRecord, statsRecord } from './helpers.js';

const steps = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => `step ${from + k}: loss ${(1 / (from + k)).toFixed(4)}`);

test('visible text: escapes gone, the last redraw of a \\r line, no whitespace', () => {
  assert.equal(visibleText('\u001b[32mINFO\u001b[0m  ready'), 'INFOready');
  assert.equal(visibleText('10%\r50%\r100% done\r'), '100%done');
  assert.equal(visibleText('\u001b]8;;https://x\u0007link\u001b]8;;\u0007'), 'link');
  assert.equal(visibleText('   '), '');
});

test('output.log going on past the datastore: exactly the lines beyond it', () => {
  const c = continuationOf(steps(1, 50), [...steps(1, 50), ...steps(51, 55)]);
  assert.deepEqual(c, { aligned: true, lines: steps(51, 55) });
  // Nothing beyond: nothing added.
  assert.deepEqual(continuationOf(steps(1, 50), steps(1, 50)), { aligned: true, lines: [] });
  // output.log written less often, stopping inside the datastore's lines: nothing added.
  assert.deepEqual(continuationOf(steps(1, 50), steps(1, 47)), { aligned: true, lines: [] });
  // An empty output.log adds nothing and is no problem.
  assert.deepEqual(continuationOf(steps(1, 5), []), { aligned: true, lines: [] });
});

test('forms differ: CRLF, \\r progress bars, ANSI colours, blank lines, other line splits', () => {
  const datastore = [
    '\u001b[1mEpoch 1\u001b[0m',
    '',
    'train:  10%|#         |\rtrain:  60%|######    |\rtrain: 100%|##########|',
    'a long line the writer',
    'split in two',
    '',
    '\u001b[33mWARNING\u001b[0m: lr is high',
  ];
  const outputLog =
    'Epoch 1\r\ntrain: 100%|##########|\r\na long line the writer split in two\r\n\r\n\r\nWARNING: lr is high\r\nEpoch 2\r\nTraceback (most recent call last):\r\n  File "t.py", line 3, in <module>\r\nKeyboardInterrupt\r\n';
  const done = completeFromOutputLog(
    datastore.map((text) => ({ text })),
    outputLog,
  );
  assert.deepEqual(
    done.logs.map((l) => [l.text, l.label, l.stream]),
    [
      ['Epoch 2', 'output.log', 'stdout'],
      // output.log has no streams, but Python prints tracebacks to stderr.
      ['Traceback (most recent call last):', 'output.log', 'stderr'],
      ['  File "t.py", line 3, in <module>', 'output.log', 'stderr'],
      ['KeyboardInterrupt', 'output.log', 'stderr'],
    ],
  );
  assert.equal(
    done.warning,
    'the datastore ends before the console did: lines 8–11 come from files/output.log (label "output.log")',
  );
});

test('chained tracebacks are stderr as a whole; other lines, even after them, stdout', () => {
  const done = completeFromOutputLog(
    [{ text: 'start of the run' }],
    [
      'start of the run',
      'Traceback (most recent call last):',
      '  File "a.py", line 1',
      'KeyError: 1',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "a.py", line 3',
      'RuntimeError: boom',
      'wandb: Waiting for W&B process to finish...',
      'Traceback (not a real one)',
    ].join('\n'),
  );
  assert.deepEqual(
    done.logs.map((l) => l.stream),
    [...Array(9).fill('stderr'), 'stdout', 'stdout'],
  );
});

test("the datastore's last line is partial: output.log's complete line is taken whole", () => {
  const c = continuationOf([...steps(1, 20), 'eval: 4'], [...steps(1, 20), 'eval: 45/45 accuracy 0.91', 'saved']);
  assert.deepEqual(c.lines, ['eval: 45/45 accuracy 0.91', 'saved']);
});

test('its last lines redrawn or interleaved differently: found from an earlier line', () => {
  // The datastore's stderr line came after the stdout line; output.log has them the other way round.
  const c = continuationOf(
    [...steps(1, 30), 'stdout: saving checkpoint', 'stderr: warning'],
    [...steps(1, 30), 'stderr: warning', 'stdout: saving checkpoint', 'Killed'],
  );
  assert.deepEqual(c.lines, ['Killed']);
  // The last datastore line is a progress redraw output.log never shows (cleared with \r).
  const d = continuationOf([...steps(1, 30), 'upload 3%\r'], [...steps(1, 30), 'done']);
  assert.deepEqual(d.lines, ['done']);
});

test('repeated text: the occurrence where the datastore stopped, not an earlier or later one', () => {
  const epoch = ['epoch done', 'validating...', 'val loss 0.5000'];
  const ds = [...epoch, ...epoch, ...epoch];
  const ol = [...epoch, ...epoch, ...epoch, ...epoch, 'Traceback (most recent call last):', 'MemoryError'];
  assert.deepEqual(continuationOf(ds, ol).lines, [...epoch, 'Traceback (most recent call last):', 'MemoryError']);
});

test('output.log that does not line up at all: nothing merged, a warning says so', () => {
  const c = continuationOf(steps(1, 20), ['something else entirely', 'from another run']);
  assert.deepEqual(c, { aligned: false, lines: [] });
  const done = completeFromOutputLog(
    steps(1, 20).map((text) => ({ text })),
    'something else entirely\nfrom another run\n',
  );
  assert.deepEqual(done.logs, []);
  assert.match(done.warning!, /does not line up with the datastore's console/);
});

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);

test("a run cut short: the console gets output.log's end and its traceback makes the run failed", async () => {
  const lines = steps(1, 40);
  const store = frame([
    runRecord({ id: 'cut', startMs: T0 }),
    ...lines.map((l, k) => outputRecord(`${l}\n`, true, true, T0 + k * 1000)),
    statsRecord(T0 + 40_000, [['cpu', '3']]),
  ]);
  const cut = store.subarray(0, store.length - 5); // killed mid-record
  const outputLog = [
    ...lines,
    ...steps(41, 42),
    'Traceback (most recent call last):',
    '  File "train.py", line 9, in <module>',
    '    loss.backward()',
    'RuntimeError: CUDA out of memory.',
    'wandb: Waiting for W&B process to finish... (failed 1).',
  ].join('\n');
  const run = await readWandbRun(memoryFolder({ 'run-cut.wandb': cut, 'files/output.log': `${outputLog}\n` }), {
    now: T0 + 3600_000,
  });
  assert.equal(run.logs.length, 47);
  const tail = (run.logs as MemoryLogLine[]).slice(40);
  assert.ok(tail.every((l) => l.label === 'output.log'));
  assert.deepEqual(tail.map((l) => l.text).slice(0, 3), [
    'step 41: loss 0.0244',
    'step 42: loss 0.0238',
    'Traceback (most recent call last):',
  ]);
  assert.equal((run.logs as MemoryLogLine[])[39]!.label, undefined);
  assert.equal(run.info.state, 'failed');
  assert.equal(run.info.exitCode, undefined);
  assert.match(run.info.warnings!.join('\n'), /lines 41–47 come from files\/output\.log/);

  // The log viewer can filter on the label.
  const source = new MemorySource(run);
  const only = await source.getLogs({ runId: 'cut', start: 0, count: 100, labels: ['output.log'] });
  assert.equal(only.lines.length, 7);
  assert.equal(only.lines[0]!.n, 40);
});

test('a live tail that ends without an exit completes its console from output.log once', async () => {
  const lines = steps(1, 10);
  const store = frame([
    runRecord({ id: 'lv', startMs: T0 }),
    ...lines.map((l, k) => outputRecord(`${l}\n`, true, true, T0 + k * 1000)),
  ]);
  const run = await readWandbRun(memoryFolder({ 'run-lv.wandb': store }), { now: T0 + 10_000 });
  assert.equal(run.info.state, 'running');
  const tail = run.tail!;
  assert.equal(tail.cutShort, false);
  const silent = tail.push(new Uint8Array(0), T0 + 3600_000);
  assert.equal(silent.run?.state, 'crashed');
  assert.equal(tail.cutShort, true);
  const done = tail.completeConsole(
    [...lines, 'step 11', 'Traceback (most recent call last):', '  File "x.py", line 1', 'KeyboardInterrupt'].join(
      '\n',
    ),
    T0 + 3600_000,
  );
  assert.deepEqual(
    done.logs.map((l) => l.text),
    ['step 11', 'Traceback (most recent call last):', '  File "x.py", line 1', 'KeyboardInterrupt'],
  );
  assert.equal(done.run?.state, 'failed');
  assert.match(done.warnings.join(), /lines 11–14/);
  assert.equal(tail.cutShort, false);
  assert.deepEqual(tail.completeConsole('more', T0 + 3600_000).logs, []);
});

test('read in pieces (a file on disk), output.log gives the same continuation as read whole', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const shapes = [
    '',
    '   ',
    'step',
    'loss 0.5',
    '\u001b[31mred\u001b[0m',
    '10%\r100%',
    'Traceback (most recent call last):',
  ];
  for (let round = 0; round < 400; round++) {
    const base = Array.from({ length: Math.floor(rnd() * 30) }, (_, i) =>
      rnd() < 0.3 ? pick(shapes) : `${pick(shapes)} ${i % 7}`,
    );
    const cut = Math.floor(rnd() * (base.length + 1));
    const datastore = base.slice(0, cut).map((l) => (rnd() < 0.1 ? `\u001b[1m${l}` : l));
    const extra = Array.from({ length: Math.floor(rnd() * 8) }, () => pick(shapes));
    const outputLog = rnd() < 0.2 ? [...extra, ...base] : [...base, ...extra];
    const expected = referenceContinuation(datastore, outputLog);
    assert.deepEqual(continuationOf(datastore, outputLog), expected, JSON.stringify({ datastore, outputLog }));
    // Small blocks and batches: anchors cross the edges.
    const finder = new ContinuationFinder(datastore, 1 + Math.floor(rnd() * 20));
    for (let i = 0; i < outputLog.length; i += 3) finder.push(outputLog.slice(i, i + 3));
    const c = finder.finish();
    assert.deepEqual({ aligned: c.aligned, lines: c.aligned ? outputLog.slice(c.first) : [] }, expected);
  }
});

// The algorithm as it read output.log whole (before it was made to stream), as the oracle.
const ANCHOR = 256;
const MIN_ANCHOR = 16;
const MAX_DROPPED_LINES = 12;
function referenceContinuation(
  datastore: readonly string[],
  outputLog: readonly string[],
): { aligned: boolean; lines: string[] } {
  const d = stream(datastore);
  const o = stream(outputLog);
  if (d.text === '') return { aligned: true, lines: [...outputLog] };
  if (o.text === '') return { aligned: true, lines: [] }; // nothing (visible) to add

  const lastLines = Math.min(MAX_DROPPED_LINES, datastore.length);
  for (let drop = 0; drop < lastLines; drop++) {
    const line = datastore.length - 1 - drop;
    const end = d.ends[line]!;
    const start = d.ends[line - 1] ?? 0;
    if (end === start) continue; // a blank line: nothing to find
    // The text up to this line's end, then this line alone (stdout and stderr may interleave differently).
    for (const from of [Math.max(0, end - ANCHOR), start]) {
      const anchor = d.text.slice(from, end);
      if (anchor.length < MIN_ANCHOR && from !== 0) continue;
      const at = nearestOccurrence(o.text, anchor, end);
      if (at === undefined) continue;
      // output.log may simply stop inside the datastore lines that did not match (it was written
      // less often): then it holds nothing beyond them.
      if (d.text.slice(end).startsWith(o.text.slice(at))) return { aligned: true, lines: [] };
      return { aligned: true, lines: outputLog.slice(firstLineAfter(o.ends, at)) };
    }
  }
  return { aligned: false, lines: [] };
}

/** The visible stream of lines, and where each line ends in it. */
function stream(lines: readonly string[]): { text: string; ends: number[] } {
  const parts: string[] = [];
  const ends: number[] = [];
  let n = 0;
  for (const line of lines) {
    const v = visibleText(line);
    parts.push(v);
    n += v.length;
    ends.push(n);
  }
  return { text: parts.join(''), ends };
}

/** End offset of the occurrence of `anchor` in `text` whose end is nearest `expectedEnd`. */
function nearestOccurrence(text: string, anchor: string, expectedEnd: number): number | undefined {
  let best: number | undefined;
  for (let i = text.indexOf(anchor); i >= 0; i = text.indexOf(anchor, i + 1)) {
    const end = i + anchor.length;
    if (best === undefined || Math.abs(end - expectedEnd) < Math.abs(best - expectedEnd)) best = end;
    else if (end > expectedEnd) break; // occurrences only get farther from here on
  }
  return best;
}

/** Index of the first line not wholly covered by `offset` characters of the stream. */
function firstLineAfter(ends: readonly number[], offset: number): number {
  // Binary search: the first line whose end is past the offset; a line ending exactly there is covered.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
