import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnifiedDiff } from '../../../../src/elements/file-browser/previews/diff-parse.js';
import { DelimitedParser } from '../../../../src/elements/file-browser/previews/csv-parse.js';
import { hexDump } from '../../../../src/elements/file-browser/previews/hex.js';
import { parseNotebook } from '../../../../src/elements/file-browser/previews/notebook.js';
import { countLines } from '../../../../src/elements/file-browser/previews/text.js';

const PATCH = `diff --git a/src/train.py b/src/train.py
index 3f2a9c1..8b7d4e0 100644
--- a/src/train.py
+++ b/src/train.py
@@ -10,4 +10,5 @@ def train():
     a = 1
-    b = 2
+    b = 3
+    c = 4
     return a
diff --git a/README.md b/README.md
new file mode 100644
--- /dev/null
+++ b/README.md
@@ -0,0 +1,2 @@
+# Title
+--- not a header, an added line
`;

test('diff: files, headers, numbered lines', () => {
  const files = parseUnifiedDiff(PATCH);
  assert.equal(files.length, 2);
  assert.equal(files[0].title, 'src/train.py');
  assert.equal(files[0].added, 2);
  assert.equal(files[0].removed, 1);
  const lines = files[0].lines;
  assert.deepEqual(lines[0], { type: 'hunk', text: '@@ -10,4 +10,5 @@ def train():' });
  assert.deepEqual(lines[1], { type: 'context', text: '     a = 1', old: 10, new: 10 });
  assert.deepEqual(lines[2], { type: 'del', text: '-    b = 2', old: 11 });
  assert.deepEqual(lines[3], { type: 'add', text: '+    b = 3', new: 11 });
  assert.deepEqual(lines[5], { type: 'context', text: '     return a', old: 12, new: 13 });
  assert.equal(files[1].title, 'README.md');
  assert.deepEqual(
    files[1].lines.map((l) => l.type),
    ['hunk', 'add', 'add'],
  );
  assert.ok(files[1].header.includes('new file mode 100644'));
});

test('diff: plain diff -u of several files, preamble and no-newline markers', () => {
  const text = `Some commit message\n--- a.txt\t2024-01-01\n+++ a.txt\t2024-01-02\n@@ -1 +1 @@\n-x\n+y\n\\ No newline at end of file\n--- b.txt\n+++ b.txt\n@@ -1,2 +1 @@\n-p\n q\n`;
  const files = parseUnifiedDiff(text);
  assert.deepEqual(
    files.map((f) => f.title),
    ['a.txt', 'b.txt'],
  );
  assert.equal(files[0].header[0], 'Some commit message', 'text before the first file stays in its header');
  assert.equal(files[0].lines.at(-1)?.type, 'meta');
  assert.equal(files[1].removed, 1);
  assert.deepEqual(parseUnifiedDiff(''), []);
});

test('csv: quotes, embedded newlines and delimiters, incremental pushes', () => {
  const p = new DelimitedParser(',');
  p.push('name,note\n"a, b","line1\nline2"\nplain,"say ""hi"""\npart', false);
  assert.deepEqual(p.rows, [
    ['name', 'note'],
    ['a, b', 'line1\nline2'],
    ['plain', 'say "hi"'],
  ]);
  p.push('ial,x\r\nlast,', true);
  assert.deepEqual(p.rows.slice(3), [
    ['partial', 'x'],
    ['last', ''],
  ]);
  assert.equal(p.columnCount, 2);
  const t = new DelimitedParser('\t');
  t.push('a\tb\n1\t2', true);
  assert.deepEqual(t.rows, [
    ['a', 'b'],
    ['1', '2'],
  ]);
});

test('hex dump lines', () => {
  const dump = hexDump(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x41]), 16);
  assert.equal(dump, '00000010  89 50 4e 47 0d 0a 1a 0a  41                       |.PNG....A|');
});

test('notebook cells and outputs', () => {
  const nb = parseNotebook({
    metadata: { kernelspec: { language: 'python' } },
    cells: [
      { cell_type: 'markdown', source: ['# Title\n', 'text'] },
      {
        cell_type: 'code',
        execution_count: 3,
        source: 'print(1)',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['1\n'] },
          { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=\n', 'text/plain': '<Figure>' } },
          { output_type: 'execute_result', data: { 'text/html': '<script>x</script>', 'text/plain': 'ok' } },
          {
            output_type: 'error',
            ename: 'ValueError',
            evalue: 'bad',
            traceback: ['\u001b[31mValueError\u001b[0m: bad'],
          },
          { output_type: 'display_data', data: { 'image/png': 'not base64 <script>' } },
        ],
      },
      'garbage',
    ],
  });
  assert.ok(nb);
  assert.equal(nb.language, 'python');
  assert.equal(nb.cells.length, 2);
  assert.equal(nb.cells[0].source, '# Title\ntext');
  assert.deepEqual(nb.cells[1].outputs, [
    { kind: 'text', text: '1\n', error: false },
    { kind: 'image', mime: 'image/png', src: 'data:image/png;base64,iVBORw0KGgo=' },
    { kind: 'text', text: 'ok' },
    { kind: 'text', text: 'ValueError: bad', error: true },
  ]);
  assert.equal(parseNotebook({ not: 'a notebook' }), undefined);
});

test('line counting ignores the newline at the end', () => {
  assert.equal(countLines(''), 0);
  assert.equal(countLines('a'), 1);
  assert.equal(countLines('a\n'), 1);
  assert.equal(countLines('a\nb'), 2);
  assert.equal(countLines('a\n\n'), 2);
});
