/** The build's html`` indentation trim (scripts/minify-html-literals.mjs). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const ROOT = join(import.meta.dirname, '../../..');

interface TransformPlugin {
  transform(this: unknown, code: string, id: string): { code: string; map: null } | null;
}
const { minifyHtmlPieces, minifyHtmlLiterals } = (await import(
  pathToFileURL(join(ROOT, 'scripts/minify-html-literals.mjs')).href
)) as { minifyHtmlPieces: (pieces: string[]) => string[]; minifyHtmlLiterals: () => TransformPlugin };

const context = { parse: (code: string) => parseAst(code) };
const lines = (s: string) => s.split('\n').length;

test('indentation between tags and attributes goes; every line break stays; text and one-line spaces stay', () => {
  const pieces = ['\n    <div class="a"\n      role="list">\n      <b>x</b>  <i>y</i>\n      ', '\n    </div>\n  '];
  const out = minifyHtmlPieces(pieces);
  assert.deepEqual(out, ['\n<div class="a"\nrole="list">\n<b>x</b>  <i>y</i>\n', '\n</div>\n']);
  // text with words keeps its white space (it shows under white-space: pre)
  assert.deepEqual(minifyHtmlPieces(['<p>\n  two\n  lines\n  ', '</p>\n  ']), ['<p>\n  two\n  lines\n  ', '</p>\n']);
  pieces.forEach((p, i) => assert.equal(lines(out[i]), lines(p)));
});

test('pre, textarea, style and script text, quoted values and comments keep their white space', () => {
  assert.deepEqual(minifyHtmlPieces(['<pre>\n  a\n    b ', '\n  </pre>\n  <p>\n  x</p>']), [
    '<pre>\n  a\n    b ',
    '\n  </pre>\n<p>\n  x</p>',
  ]);
  assert.deepEqual(minifyHtmlPieces(['<textarea>\n  t\n  </textarea>']), ['<textarea>\n  t\n  </textarea>']);
  assert.deepEqual(minifyHtmlPieces(['<style>\n  p { }\n</style>']), ['<style>\n  p { }\n</style>']);
  // a quoted value spans an expression: kept on both sides of it
  assert.deepEqual(minifyHtmlPieces(['<p title="one\n   ', '\n   two"\n   class=', '>\n  x</p>']), [
    '<p title="one\n   ',
    '\n   two"\nclass=',
    '>\n  x</p>',
  ]);
  assert.deepEqual(minifyHtmlPieces(['<!-- a\n   b -->\n  <p></p>']), ['<!-- a\n   b -->\n<p></p>']);
  // a less-than sign in text is text
  assert.deepEqual(minifyHtmlPieces(['<p>1 < 2\n   and 3</p>\n  <p></p>']), ['<p>1 < 2\n   and 3</p>\n<p></p>']);
});

test('a template the scanner cannot follow (a quote left open) stays as written', () => {
  const pieces = ['<p title="open\n   ', '\n   </p>'];
  assert.equal(minifyHtmlPieces(pieces), pieces);
});

test('only html`` and svg`` templates change; the code around does not move', () => {
  const plugin = minifyHtmlLiterals();
  const code = [
    "import { css, html, svg } from 'lit';",
    'export const styles = css`',
    '  .a { color: red; }',
    '`;',
    'const plain = `',
    '  <p>not lit</p>',
    '`;',
    'export const view = (x) => html`',
    '  <p>',
    '    ${x ? html`',
    '      <b>${x}</b>',
    '    ` : svg`',
    '      <circle r="1"></circle>',
    '    `}',
    '  </p>',
    '`;',
  ].join('\n');
  const out = plugin.transform.call(context, code, '/src/x.ts')!;
  assert.equal(out.map, null);
  assert.equal(lines(out.code), lines(code));
  assert.match(out.code, /css`\n {2}\.a \{ color: red; \}\n`/);
  assert.match(out.code, /const plain = `\n {2}<p>not lit<\/p>\n`/);
  assert.match(
    out.code,
    /html`\n<p>\n\$\{x \? html`\n<b>\$\{x\}<\/b>\n` : svg`\n<circle r="1"><\/circle>\n`\}\n<\/p>\n`/,
  );
  assert.equal(plugin.transform.call(context, 'const a = 1;', '/src/y.ts'), null);
  assert.equal(plugin.transform.call(context, code, '/node_modules/lit/x.js'), null);
});
