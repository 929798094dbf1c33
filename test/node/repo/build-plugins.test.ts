/** The build's own rollup plugins: css`` text minification and the uPlot trim of the script-tag bundle. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const ROOT = join(import.meta.dirname, '../../..');

interface TransformPlugin {
  transform(this: unknown, code: string, id: string): { code: string; map: null } | null;
}
const { minifyCssPiece, minifyCssLiterals } = (await import(
  pathToFileURL(join(ROOT, 'scripts/minify-css-literals.mjs')).href
)) as { minifyCssPiece: (raw: string) => string; minifyCssLiterals: () => TransformPlugin };
const { trimUplot } = (await import(pathToFileURL(join(ROOT, 'scripts/trim-uplot.mjs')).href)) as {
  trimUplot: () => TransformPlugin;
};

/** What rollup gives a transform hook: a parser, and errors that throw. */
const context = {
  parse: (code: string) => parseAst(code),
  error: (message: string) => {
    throw new Error(message);
  },
};
const lines = (s: string) => s.split('\n').length;

test('css text loses comments, indentation and spaces around { } ; , but keeps every line break', () => {
  const raw = `
    /* the host */
    :host {
      display: block;   gap: var(--a , 4px) ;
    }

    .list > li :hover,
    .list   a:focus-visible {
      color: red;
    }
    @media (width > 600px) { .x { margin: 0 auto; } }
  `;
  const out = minifyCssPiece(raw);
  assert.equal(lines(out), lines(raw));
  assert.equal(
    out,
    '\n\n:host{\ndisplay: block;gap: var(--a,4px)\n}\n\n.list > li :hover,\n.list a:focus-visible{\ncolor: red\n}\n@media (width > 600px){.x{margin: 0 auto}}\n',
  );
  // a descendant pseudo-class keeps its space: `li :hover` is not `li:hover`
  assert.match(out, /li :hover/);
});

test('only css`` templates change; a ${} border keeps one space; the code around does not move', () => {
  const plugin = minifyCssLiterals();
  const code = [
    "import { css, html } from 'lit';",
    'const sel = unsafeCSS(".y");',
    'export const styles = css`',
    '  .a   ${sel} {',
    '    color: red;',
    '  }',
    '`;',
    'export const view = html`<p>  two  spaces  </p>`;',
  ].join('\n');
  const out = plugin.transform.call(context, code, '/src/x.ts')!;
  assert.equal(out.map, null);
  assert.equal(lines(out.code), lines(code));
  assert.match(out.code, /css`\n\.a \$\{sel\}\{\ncolor: red\n\}\n`;/);
  assert.match(out.code, /html`<p> {2}two {2}spaces {2}<\/p>`/);
  assert.equal(plugin.transform.call(context, 'const a = 1;', '/src/y.ts'), null);
});

test('the uPlot trim blanks the unused statics in place, and refuses code that names one', () => {
  const plugin = trimUplot();
  const uplot = [
    'uPlot.pxRatio = pxRatio;',
    '{\n\tuPlot.join = join;\n}',
    '{\n\tuPlot.fmtDate = fmtDate;\n\tuPlot.tzDate  = tzDate;\n}',
    '\tlet paths = uPlot.paths = {\n\t\tpoints,\n\t};',
    '\t(paths.linear  = linear);\n\t(paths.stepped = stepped);\n\t(paths.bars    = bars);\n\t(paths.spline  = monotoneCubic);',
  ].join('\n');
  const id = '/repo/node_modules/uplot/dist/uPlot.esm.js';
  const out = plugin.transform.call(context, uplot, id)!;
  assert.equal(out.code.length, uplot.length);
  assert.doesNotMatch(out.code, /uPlot\.join|tzDate|stepped|bars|monotoneCubic/);
  assert.match(out.code, /uPlot\.fmtDate = fmtDate;/);
  assert.match(out.code, /\(paths\.linear {2}= linear\);/);
  assert.throws(() => plugin.transform.call(context, 'uPlot.pxRatio = 1;', id), /check the new uPlot/);
  assert.throws(
    () => plugin.transform.call(context, 'const p = uPlot.paths.bars();', '/repo/src/elements/metric-chart/x.ts'),
    /leaves out/,
  );
  assert.equal(plugin.transform.call(context, 'const r = uPlot.pxRatio;', '/repo/src/x.ts'), null);
});
