/**
 * The disk-backed log: its lines are exactly those of the file read whole (splitLogText), in any
 * window, for files of any shape; long lines come cut; a growing file is extended; a vanished
 * file is a clear error.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskLog } from '../../../src/server/disk-log.js';
import { splitLogText } from '../../../src/formats/wandb/files.js';
import { isSourceError } from '../../../src/data/errors.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'runpage-disklog-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string | Buffer): string {
  const path = join(dir, `f${n++}.log`);
  writeFileSync(path, text);
  return path;
}

async function all(log: DiskLog): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of log.batches(0, log.count)) out.push(...batch);
  return out;
}

/** A deterministic text with every shape of line: empty, CRLF, unicode, 100 KB, a final line without newline. */
function shapes(lines: number, seed = 1): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    if (r < 0.1) parts.push('');
    else if (r < 0.2) parts.push(`crlf ${i}\r`);
    else if (r < 0.3) parts.push(`日本語の行 ${i} ✓ \u{1F600}`);
    else if (r < 0.31) parts.push('x'.repeat(100_000) + i);
    else parts.push(`step ${i} loss=${r.toFixed(6)}`);
  }
  return parts.join('\n');
}

describe('DiskLog', () => {
  it('holds the lines splitLogText finds, read in any window', async () => {
    for (const text of [shapes(3000), shapes(3000) + '\n', '', '\n', 'one', 'a\r\nb\r\n', '\n\n\n']) {
      const log = await DiskLog.open(file(text));
      const expected = splitLogText(text);
      assert.equal(log.count, expected.length, JSON.stringify(text.slice(0, 40)));
      assert.deepEqual(await all(log), expected);
      for (const [a, b] of [
        [0, 1],
        [31, 33],
        [1000, 1100],
        [expected.length - 5, expected.length + 10],
      ]) {
        assert.deepEqual(await log.read(a, b), expected.slice(Math.max(0, a), b), `window ${a}..${b}`);
      }
    }
  });

  it('keeps a small index: a few bytes per 32 lines', async () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const log = await DiskLog.open(file(text));
    assert.equal(log.count, 200_000);
    assert.ok(log.indexBytes <= 2 * 16 * Math.ceil(200_000 / 32) + 4096, `${log.indexBytes} bytes`);
    assert.deepEqual(await log.read(123_456, 123_458), ['line 123456', 'line 123457']);
  });

  it('serves a line longer than the limit as its head and tail, saying what was left out', async () => {
    const long = 'A'.repeat(5000) + 'é'.repeat(3000) + 'Z'.repeat(5000);
    const text = `before\n${long}\nafter\n${'q'.repeat(70_000)}`;
    const log = await DiskLog.open(file(text), { lineLimit: 1000, name: 'files/output.log' });
    const lines = await log.read(0, 10);
    assert.equal(lines.length, 4);
    assert.equal(lines[0], 'before');
    assert.ok(lines[1].startsWith('A'.repeat(500)), lines[1].slice(0, 20));
    assert.ok(lines[1].endsWith('Z'.repeat(500)));
    assert.match(lines[1], /bytes of this 16,000-byte line are not shown here; files\/output\.log holds it whole/);
    assert.ok(!lines[1].includes('\uFFFD'), 'cut on character boundaries');
    assert.equal(lines[2], 'after');
    assert.match(lines[3], /^q{500} … \[69,000 bytes of this 70,000-byte line/);
    assert.deepEqual(await log.read(2, 3), ['after'], 'a window after a long line reads only what it needs');
  });

  it('grows with the file; a last line without newline waits for it until the file is complete', async () => {
    const path = file('a\nb\npart');
    const log = await DiskLog.open(path, { complete: false });
    assert.equal(log.count, 2);
    appendFileSync(path, 'ial\nc\n');
    const r = await log.refresh({ recent: 10 });
    assert.deepEqual(r, { added: 2, recent: ['partial', 'c'] });
    appendFileSync(path, 'tail');
    assert.equal((await log.refresh({ complete: true })).added, 1);
    assert.deepEqual(await all(log), ['a', 'b', 'partial', 'c', 'tail']);
    appendFileSync(path, 'ed\nmore\n');
    assert.equal((await log.refresh({ complete: true, recent: 5 })).added, 1, 'the open line went on');
    assert.deepEqual(await all(log), ['a', 'b', 'partial', 'c', 'tailed', 'more']);
  });

  it('a slice starts at a line, with its own label and stderr ranges', async () => {
    const log = await DiskLog.open(file('0\n1\n2\n3\n4\n'));
    const s = log.slice(3, { label: 'output.log', stderr: [1, 2] });
    assert.equal(s.count, 2);
    assert.equal(s.label, 'output.log');
    assert.deepEqual(await s.read(0, 5), ['3', '4']);
  });

  it('a file that vanished is a clear, retryable error', async () => {
    const path = file('a\nb\n');
    const log = await DiskLog.open(path);
    rmSync(path);
    await assert.rejects(log.read(0, 2), (e: unknown) => {
      assert.ok(isSourceError(e) && e.code === 'unavailable' && e.retryable, String(e));
      assert.match((e as Error).message, /cannot be read: it is gone/);
      return true;
    });
  });
});
