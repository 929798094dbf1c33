import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerminalLine, applySgr, PLAIN, rgb, type AnsiStyle } from '../../../../src/elements/log-viewer/ansi.js';

const E = '\x1b';

function styled(input: string): [string, AnsiStyle][] {
  return parseTerminalLine(input).segments.map((s) => [s.text, s.style]);
}

test('plain text passes through as one unstyled segment', () => {
  const line = parseTerminalLine('epoch 1 loss=0.5\twith tab');
  assert.equal(line.text, 'epoch 1 loss=0.5\twith tab');
  assert.deepEqual(styled('abc'), [['abc', PLAIN]]);
  assert.deepEqual(parseTerminalLine('').segments, []);
});

test('16 colours, bright colours and reset', () => {
  assert.deepEqual(styled(`${E}[31mred${E}[0m plain ${E}[92mgreen${E}[39m`), [
    ['red', { fg: 1 }],
    [' plain ', PLAIN],
    ['green', { fg: 10 }],
  ]);
  assert.deepEqual(styled(`${E}[44;97mx${E}[49my`), [
    ['x', { fg: 15, bg: 4 }],
    ['y', { fg: 15 }],
  ]);
  assert.deepEqual(styled(`${E}[103mbg`), [['bg', { bg: 11 }]]);
});

test('256 colours and true colour, semicolon and colon forms', () => {
  assert.deepEqual(styled(`${E}[38;5;208mo`), [['o', { fg: 208 }]]);
  assert.deepEqual(styled(`${E}[48;5;21mo`), [['o', { bg: 21 }]]);
  assert.deepEqual(styled(`${E}[38;2;255;128;0mo`), [['o', { fg: rgb(255, 128, 0) }]]);
  assert.deepEqual(styled(`${E}[38:2::10:20:30mo`), [['o', { fg: rgb(10, 20, 30) }]]);
  assert.deepEqual(styled(`${E}[38:5:9mo`), [['o', { fg: 9 }]]);
  // The parameters after an extended colour are still read.
  assert.deepEqual(styled(`${E}[38;5;208;1mo`), [['o', { fg: 208, bold: true }]]);
  // Out-of-range values are ignored, not thrown.
  assert.deepEqual(styled(`${E}[38;2;300;0;0mo`), [['o', PLAIN]]);
});

test('bold, dim, italic, underline, inverse, strikethrough and their resets', () => {
  assert.deepEqual(styled(`${E}[1;2;3;4;7;9mA${E}[22;23mB${E}[24;27;29mC`), [
    ['A', { bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true }],
    ['B', { underline: true, inverse: true, strike: true }],
    ['C', PLAIN],
  ]);
  assert.deepEqual(applySgr(PLAIN, ''), PLAIN);
  assert.equal(applySgr({ bold: true }, '0'), PLAIN);
});

test('equal styles are shared objects so neighbours merge', () => {
  assert.deepEqual(styled(`${E}[31ma${E}[31mb`), [['ab', { fg: 1 }]]);
});

test('carriage return overwrites like a terminal: a tqdm bar ends as its last state', () => {
  let s = '';
  for (let i = 0; i <= 500; i++)
    s += `\r${String(Math.round((i / 500) * 100)).padStart(3)}%|${'█'.repeat(Math.floor(i / 50))}${' '.repeat(10 - Math.floor(i / 50))}| ${i}/500`;
  const line = parseTerminalLine(s);
  assert.equal(line.text, '100%|██████████| 500/500');
  // A shorter final write leaves the tail of the longer one, as a terminal does.
  assert.equal(parseTerminalLine('long text\rab').text, 'abng text');
  // tqdm clears with ESC[K (or ESC[2K) before redrawing.
  assert.equal(parseTerminalLine('long text\r\x1b[Kab').text, 'ab');
  assert.equal(parseTerminalLine('long text\x1b[2K\rab').text, 'ab');
});

test('cursor movement: up, down, back, column; rows joined with a newline', () => {
  assert.equal(parseTerminalLine('bar 1\nbar 2\x1b[A\rBAR 1').text, 'BAR 1\nbar 2');
  // Drawing above the starting row (over the lines before) keeps both rows, top first.
  assert.equal(parseTerminalLine(`one\x1b[1F${'two'}`).text, 'two\none');
  assert.equal(parseTerminalLine('abcdef\x1b[3Dxy').text, 'abcxyf');
  assert.equal(parseTerminalLine('abc\x1b[6Gz').text, 'abc  z');
  assert.equal(parseTerminalLine('ab\bc').text, 'ac');
  assert.equal(parseTerminalLine('x\n\n').text, 'x');
  assert.equal(parseTerminalLine('abc\x1b[s12\x1b[uZ').text, 'abcZ2');
});

test('other escapes are removed and malformed ones never throw', () => {
  assert.equal(parseTerminalLine(`${E}]0;title${E}\\text`).text, 'text');
  assert.equal(parseTerminalLine(`${E}]8;;https://x.y${E}\\link${E}]8;;${E}\\ after`).text, 'link after');
  assert.equal(parseTerminalLine(`${E}]2;unterminated`).text, '');
  assert.equal(parseTerminalLine(`${E}(Bcharset ${E}[?25lhidden cursor${E}[?25h`).text, 'charset hidden cursor');
  assert.equal(parseTerminalLine(`a${E}`).text, 'a');
  assert.equal(parseTerminalLine(`a${E}[31`).text, 'a');
  assert.equal(parseTerminalLine(`bell\x07 nul\x00 del\x7f c1\x85`).text, 'bell nul del c1');
  assert.equal(parseTerminalLine(`${E}[999999999999A${E}[2Jx`).text, 'x');
});

test('surrogate pairs and CJK stay whole', () => {
  assert.equal(parseTerminalLine('学習 🚀 done\rA').text, 'A習 🚀 done');
  assert.equal(parseTerminalLine('🚀x\rZ').text, 'Zx');
});

test('a 100,000-character coloured line parses', () => {
  const s = `${E}[32m${'x'.repeat(100_000)}${E}[0m`;
  const line = parseTerminalLine(s);
  assert.equal(line.text.length, 100_000);
  assert.equal(line.segments.length, 1);
});

test('rows: where a line drew relative to its own row and where the cursor ended', () => {
  assert.equal(parseTerminalLine('plain').rows, undefined);
  assert.equal(parseTerminalLine('a\rb\x1b[31mc').rows, undefined);
  // tqdm position=1: draw, then move back up to the outer bar's row.
  assert.deepEqual(parseTerminalLine('\rInner  10%\x1b[A').rows, { top: 0, bottom: 0, end: -1 });
  // The last inner redraw followed by the outer bar's redraw one row up.
  const both = parseTerminalLine('\rInner 100%\x1b[A\rOuter  33%');
  assert.equal(both.text, 'Outer  33%\nInner 100%');
  assert.deepEqual(both.rows, { top: -1, bottom: 0, end: -1 });
  assert.deepEqual(parseTerminalLine('a\nb').rows, { top: 0, bottom: 1, end: 1 });
  // Hostile distances are bounded.
  assert.equal(parseTerminalLine('\x1b[99999999Bx').rows?.end, 1000);
});

test('isRedrawn: lines a later line draws over, as tqdm nested bars do', async () => {
  const { isRedrawn } = await import('../../../../src/elements/log-viewer/redraw.js');
  const p = (s: string) => parseTerminalLine(s);
  // Raw output of an outer bar and an inner bar at position 1, split at newlines.
  const lines = [
    '\rOuter   0%',
    '\rInner  10%\x1b[A',
    '\rInner  20%\x1b[A',
    '\rInner 100%\x1b[A\rOuter  33%',
    'next output',
  ].map(p);
  const redrawn = lines.map((l, i) => isRedrawn(l, lines.slice(i + 1)));
  assert.deepEqual(redrawn, [true, true, true, false, false]);
  // Cursor-up at the start of the redrawing line.
  const b = ['step 1', '\x1b[1A\rstep 2', 'done'].map(p);
  assert.deepEqual(
    b.map((l, i) => isRedrawn(l, b.slice(i + 1))),
    [true, false, false],
  );
  // Ordinary lines are never redrawn.
  const c = ['a', 'b\rc', '\x1b[31md'].map(p);
  assert.deepEqual(
    c.map((l, i) => isRedrawn(l, c.slice(i + 1))),
    [false, false, false],
  );
});
