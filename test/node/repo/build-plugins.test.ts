/** The build's own rollup plugins: css`` text minification and the uPlot trim of every build that ships uPlot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const ROOT = join(import.meta.dirname, '../../..');

interface TransformPlugin {
  transform(this: unknown, code: string, id: string): { code: string; map: null } | null;
  buildStart?(this: unknown): void;
  buildEnd?(this: unknown, error?: Error): void;
}
const { minifyCssPiece, minifyCssLiterals } = (await import(
  pathToFileURL(join(ROOT, 'scripts/minify-css-literals.mjs')).href
)) as { minifyCssPiece: (raw: string) => string; minifyCssLiterals: () => TransformPlugin };
const { trimUplot, UPLOT_CUTS } = (await import(pathToFileURL(join(ROOT, 'scripts/trim-uplot.mjs')).href)) as {
  trimUplot: () => TransformPlugin;
  UPLOT_CUTS: { cut: string; times?: number }[];
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

const UPLOT_ID = join(ROOT, 'node_modules/uplot/dist/uPlot.esm.js');
const uplotCode = readFileSync(UPLOT_ID, 'utf8');
const OPTIONS_ID = join(ROOT, 'src/elements/metric-chart/plot-options.ts');
const optionsCode = readFileSync(OPTIONS_ID, 'utf8');

test('the uPlot trim cuts in place: same length, same lines, still a module; the statics runpage uses stay', () => {
  const out = trimUplot().transform.call(context, uplotCode, UPLOT_ID)!;
  assert.equal(out.map, null);
  assert.equal(out.code.length, uplotCode.length);
  assert.equal(lines(out.code), lines(uplotCode));
  assert.doesNotThrow(() => parseAst(out.code));
  assert.doesNotMatch(out.code, /uPlot\.join|uPlot\.tzDate|uPlot\.fmtDate|paths\.(?:stepped|bars|spline|linear)/);
  assert.doesNotMatch(out.code, /showLegend = legend\.show|opts\.mode|distr == [24]|Distr == [24]|scaleX\.ori ==/);
  assert.match(out.code, /const showLegend = false; +\n/);
  assert.match(out.code, /mode: 1, +\n/);
  assert.match(out.code, /uPlot\.pxRatio = pxRatio;/);
  assert.match(out.code, /uPlot\.sync = _sync;/);
  assert.match(out.code, /sc\.distr == 3/);
  // default ranges, hover search, number and time defaults runpage never reaches
  assert.doesNotMatch(out.code, /uPlot\.(?:orient|assign|fmtNum|rangeNum|rangeLog) =/);
  assert.doesNotMatch(out.code, /snapNumY\)|cursor\.dataIdx == null|genTimeStuffs\(1e-3\)|new Intl\.NumberFormat/);
  assert.match(out.code, /sc\.range = fnOrSelf\(rn\); +\n/);
  assert.match(out.code, /const ms = 1; +\n/);
  assert.doesNotMatch(out.code, /opts\.plugins|if \(opts\.title\)|else if \(s\.show && s\.auto\)|distr == 100/);
  assert.doesNotMatch(
    out.code,
    /scaleOpts\.from != null|axis\.rotate\(self|points\.bbox|cursor\.lock|if \(uni != null\)/,
  );
  assert.doesNotMatch(out.code, /self\.posToIdx|s\.points\.paths\(self|s\.fillTo \|\| seriesFillTo/);
  assert.doesNotMatch(
    out.code,
    /opts\.drawOrder|opts\.tzDate|self\.valToPos[HV] =|case [01]: off|pubSync\("setSeries"|markers\.width += fnOrSelf/,
  );
});

test('the uPlot trim fails the build when a piece it cuts is not in uPlot as written (one test per cut)', () => {
  for (const { cut, times = 1 } of UPLOT_CUTS) {
    const changed = uplotCode.replaceAll(cut, cut.replace(/\s+/g, '  '));
    assert.notEqual(changed, uplotCode, cut);
    assert.throws(
      () => trimUplot().transform.call(context, changed, UPLOT_ID),
      /check the new uPlot/,
      `"${cut}" missing`,
    );
    // one more copy of the piece fails too
    if (times === 1) {
      assert.throws(() => trimUplot().transform.call(context, `${uplotCode}\n${cut}`, UPLOT_ID), /2 times, not 1/);
    }
  }
});

test('the uPlot trim refuses code that names a cut static', () => {
  const plugin = trimUplot();
  for (const name of [
    'join',
    'tzDate',
    'fmtDate',
    'rangeAsinh',
    'rangeNum',
    'rangeLog',
    'addGap',
    'clipGaps',
    'paths',
    'orient',
    'assign',
    'fmtNum',
  ]) {
    assert.throws(
      () => plugin.transform.call(context, `const p = uPlot.${name};`, '/repo/src/elements/metric-chart/x.ts'),
      /leaves out/,
      name,
    );
  }
  assert.throws(
    () => plugin.transform.call(context, 'const p = uPlot.paths.bars();', '/repo/src/elements/metric-chart/x.ts'),
    /leaves out/,
  );
  assert.equal(plugin.transform.call(context, 'const r = uPlot.pxRatio;', '/repo/src/x.ts'), null);
});

test('the uPlot trim refuses code that calls a cut method of a chart', () => {
  const plugin = trimUplot();
  const at = '/repo/src/elements/metric-chart/x.ts';
  for (const call of [
    'u.addSeries({})',
    'u.delSeries(1)',
    'plot.addBand({})',
    'u.setBand(0, {})',
    'u.delBand()',
    'u.valToIdx(3)',
    'u.posToIdx(10)',
    's.fillTo(u, si, 0, 1)',
  ])
    assert.throws(() => plugin.transform.call(context, `${call};`, at), /leaves out/, call);
  assert.throws(() => plugin.transform.call(context, 'u.setSeries(1, { focus: true });', at), /leaves out/);
  assert.throws(
    () => plugin.transform.call(context, 'const x = u.valToPosH(1, u.scales.x, 100, 0);', at),
    /leaves out/,
  );
  assert.throws(() => plugin.transform.call(context, 'u.setSeries(si, { show }, true, true);', at), /leaves out/);
  assert.throws(() => plugin.transform.call(context, 'u.setSeries(si, opts, false, true);', at), /leaves out/);
  assert.equal(plugin.transform.call(context, 'u.setSeries(si, { show });', at), null);
});

test('the uPlot trim lets only plot-view.ts make uPlot charts', () => {
  const plugin = trimUplot();
  const plotView = readFileSync(join(ROOT, 'src/elements/metric-chart/plot-view.ts'), 'utf8');
  assert.match(plotView, /import uPlot from 'uplot';/);
  assert.equal(plugin.transform.call(context, plotView, join(ROOT, 'src/elements/metric-chart/plot-view.ts')), null);
  assert.throws(
    () => plugin.transform.call(context, plotView, join(ROOT, 'src/elements/system-panel/sparkline.ts')),
    /only plot-view\.ts makes charts/,
  );
  const typeOnly = "import type uPlot from 'uplot';\nexport const n = (u: uPlot) => u.width;";
  assert.equal(plugin.transform.call(context, typeOnly, '/repo/src/elements/metric-chart/draw-marks.ts'), null);
});

test('the uPlot trim holds plot-options.ts to what the cuts rely on', () => {
  const plugin = trimUplot();
  assert.equal(plugin.transform.call(context, optionsCode, OPTIONS_ID), null, 'today’s options pass');
  const broken: [string, string, RegExp][] = [
    ['legend: { show: false }', 'legend: { show: true }', /no longer says/],
    ['points: { show: false', 'points: { show: true', /no longer says/],
    ['paths: ', 'path: ', /no longer says/],
    ['values: ', 'valuez: ', /no longer says/],
    ['values: (_u', "values: ['a'], v: (_u", /no longer says/],
    ['ms: 1,', 'ms: 1e-3,', /no longer says/],
    ['range: (_u, min, max) => cb.xRange(min, max),', '', /no longer says/],
    ['range: () => cb.yRange()', 'range: [0, null]', /no longer says/],
    ['log: 10, range: () => cb.yRange()', 'log: 2, range: () => cb.yRange()', /no longer says/],
    ['dataIdx: (_u', 'dataIdz: (_u', /no longer says/],
    ['show: (_u, si)', 'show: true, s: (_u, si)', /no longer says/],
    ['auto: false,\n      stroke: color', 'stroke: color', /no longer says/],
    ['drag: { x: true, y: false', 'drag: { x: true, y: true', /no longer says/],
    ['border: { show: false }', 'border: { show: true }', /no longer says/],
    ['series.push({', 'series.push({ label: "extra" });\n    series.push({', /uses/],
    ['distr: setup.logY ? 3 : 1', 'distr: setup.logY ? 3 : 100', /uses/],
    ['y: { distr', "y: { from: 'x', distr", /uses/],
    ['ms: 1,', 'ms: 1, plugins: [],', /uses/],
    ['ms: 1,', "ms: 1, title: 'loss',", /uses/],
    ['dataIdx: (_u', 'lock: true,\n      dataIdx: (_u', /uses/],
    ['y: false, setScale', 'y: false, uni: 20, setScale', /uses/],
    ['border: { show: false }', 'border: { show: false }, rotate: -45', /uses/],
    ['points: { show: false }', 'points: { show: true }', /uses/],
    ['border: { show: false }', 'border: { show: false }, side: 1', /uses/],
    ['ms: 1,', 'ms: 1, drawOrder: ["series", "axes"],', /uses/],
    ['points: { show: false, fill', 'points: { show: false, filter: () => null, fill', /uses/],
    ['ms: 1,', 'ms: 1, mode: 2,', /uses/],
    ['ms: 1,', 'ms: 1, bands: [],', /uses/],
    ['ms: 1,', 'ms: 1, facets: [],', /uses/],
    ['distr: setup.logY ? 3 : 1', 'distr: setup.logY ? 3 : 4', /uses/],
    ['distr: setup.logX ? 3 : 1', 'distr: setup.logX ? 2 : 1', /uses/],
    ['label,\n', 'label, value: "{YYYY}",\n', /uses/],
    ['ms: 1,', 'ms: 1, fmtDate: null,', /uses/],
    ['drag: { x: true', 'focus: { prox: 30 }, drag: { x: true', /uses/],
    ["time: setup.xKind === 'wallclock',", "time: setup.xKind === 'wallclock', ori: 1,", /uses/],
  ];
  for (const [from, to, error] of broken) {
    assert.ok(optionsCode.includes(from), from);
    const changed = optionsCode.split(from).join(to);
    assert.throws(() => plugin.transform.call(context, changed, OPTIONS_ID), error, to);
  }
});

test('the uPlot trim fails a build that trims uPlot without checking plot-options.ts', () => {
  const plugin = trimUplot();
  plugin.buildStart!.call(context);
  plugin.transform.call(context, uplotCode, UPLOT_ID);
  assert.throws(() => plugin.buildEnd!.call(context), /never came by/);
  plugin.transform.call(context, optionsCode, OPTIONS_ID);
  assert.doesNotThrow(() => plugin.buildEnd!.call(context));
  // a build without uPlot (a test bundle may use the plugin) has nothing to check
  plugin.buildStart!.call(context);
  assert.doesNotThrow(() => plugin.buildEnd!.call(context));
});

test('the npm build ships the chart with its own trimmed uPlot, in dist/vendor/uplot.js', async () => {
  const { rollup } = await import('rollup');
  const [library] = (await import(pathToFileURL(join(ROOT, 'rollup.config.js')).href)).default as {
    plugins: unknown[];
    external: (id: string) => boolean;
    output: object;
  }[];
  const build = await rollup({
    input: join(ROOT, 'src/elements/metric-chart/plot-view.ts'),
    plugins: library.plugins,
    external: library.external,
    logLevel: 'silent',
  } as never);
  try {
    const { output } = await build.generate({ ...library.output, sourcemap: false } as never);
    const file = (name: string) => output.find((o) => o.fileName === name) as { code: string } | undefined;
    const vendored = file('vendor/uplot.js');
    assert.ok(vendored, `files: ${output.map((o) => o.fileName).join(', ')}`);
    assert.match(vendored.code, /Copyright \(c\) \d{4}, Leon Sorokin/, 'uPlot keeps its licence header');
    assert.doesNotMatch(vendored.code, /uPlot\.join = join;/);
    // minified (the dead code of the cuts dropped): the licence's lines and a few long ones
    assert.ok(vendored.code.split('\n').length < 20, `${vendored.code.split('\n').length} lines`);
    assert.match(file('elements/metric-chart/plot-view.js')!.code, /from '\.\.\/\.\.\/vendor\/uplot\.js'/);
    // other packages stay the app's bundler's to resolve
    assert.equal(library.external('lit'), true);
    assert.equal(library.external('uplot'), false);
  } finally {
    await build.close();
  }
});
