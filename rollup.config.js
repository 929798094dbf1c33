import { readdirSync, existsSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { minifyHtmlLiterals } from './scripts/minify-html-literals.mjs';
import { trimUplot } from './scripts/trim-uplot.mjs';

// TypeScript is transpiled by esbuild (fast); types are checked by `npm run typecheck` and the
// .d.ts files are written by `tsc --emitDeclarationOnly` in `npm run build`.
// The text of every css`` template is minified after it (scripts/minify-css-literals.mjs), and the
// indentation of every html`` template goes (scripts/minify-html-literals.mjs).
const ts = () => [
  esbuild({ target: 'es2022', tsconfig: './tsconfig.json', sourceMap: true }),
  minifyCssLiterals(),
  minifyHtmlLiterals(),
];

const elementDefines = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
  .map((d) => `src/elements/${d.name}/define.ts`);

const optional = (path) => (existsSync(path) ? [path] : []);

// The npm build: one module per source file, every dependency left to the user's bundler but uPlot:
// the chart imports a copy trimmed as in the script-tag builds (scripts/trim-uplot.mjs), written to
// dist/vendor/uplot.js and minified. An app that also uses uPlot itself bundles it twice.
const isDependency = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const UPLOT_FILE = /[\\/]node_modules[\\/]uplot[\\/]/;
const VENDORED = ['uplot'];

/**
 * dist/vendor/ minified here: what the trim cuts becomes dead code that terser drops (it follows
 * `const showLegend = false` into the branches), where an app's bundler may not. uPlot's licence stays.
 */
function minifiedVendor() {
  const plugin = terser({ compress: { passes: 2 }, format: { comments: /Copyright|Licensed/ } });
  return {
    ...plugin,
    name: 'minified-vendor',
    renderChunk(code, chunk, output) {
      return chunk.fileName.startsWith('vendor/') ? plugin.renderChunk.call(this, code, chunk, output) : null;
    },
  };
}

const library = {
  input: [
    'src/index.ts',
    'src/define.ts',
    ...elementDefines,
    ...optional('src/data/sample-run.ts'),
    ...optional('src/server/cli.ts'),
    // started by src/server/first-series.ts as a worker thread, never imported
    ...optional('src/server/key-scan-worker.ts'),
    // `runpage/server` (Node) and `runpage/mlflow` (any runtime with fetch).
    ...optional('src/server/index.ts'),
    ...optional('src/mlflow.ts'),
    // `runpage/react`: React components over the elements (React stays the app's dependency).
    'src/react.ts',
  ],
  external: (id) => (isDependency(id) && !VENDORED.includes(id)) || id.startsWith('node:'),
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: ({ facadeModuleId }) => (UPLOT_FILE.test(facadeModuleId ?? '') ? 'vendor/uplot.js' : '[name].js'),
    sourcemap: true,
  },
  plugins: [resolve({ browser: true, resolveOnly: VENDORED }), trimUplot(), ...ts(), minifiedVendor()],
};

/**
 * Keeps the modules that `src/bundle.ts` imports for their code alone (no binding is used) in the
 * bundle whole: tree-shaken, such an import would leave them to their lazy chunk.
 */
const keepImported = (pattern) => ({
  name: 'keep-imported',
  transform: (code, id) => (pattern.test(id) ? { code, map: null, moduleSideEffects: 'no-treeshake' } : null),
});

const production = () =>
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });

/**
 * The readers that check a source's answers (src/data/read/) load per kind of answer the first time
 * one arrives: a page of elements asks for most kinds at once, and ten chunks each gzipped apart
 * were 2.6 KB bigger than one. Modules the bundle also needs statically stay in it.
 */
const READERS = /[\\/]src[\\/]data[\\/]read[\\/][\w-]+\.ts$/;
function lazyOnly(id, getModuleInfo, seen = new Set()) {
  const info = getModuleInfo(id);
  if (!info || info.isEntry) return false;
  seen.add(id);
  return info.importers.every((i) => seen.has(i) || lazyOnly(i, getModuleInfo, seen));
}
/**
 * HttpSource's client (src/data/http-client.ts, loaded with a source's first request) and the `src`
 * loader of server runs, which hands it to the sources it makes: one chunk, so a page that names a
 * server run loads it in one request, and the client needs no second one.
 */
const HTTP =
  /[\\/]src[\\/](internal[\\/]http-loader|data[\\/](http-client|http-events|http-wire|shared-watch|run-list-watch))\.ts$/;
const httpChunk = (id, { getModuleInfo }) => (HTTP.test(id) && lazyOnly(id, getModuleInfo) ? 'http' : undefined);
const manualChunks = (id, api) => (READERS.test(id) && lazyOnly(id, api.getModuleInfo) ? 'read' : httpChunk(id, api));

/**
 * terser, each chunk minified once for both script-tag builds: the lazy chunks they share (previews,
 * languages, zip) come out of rollup the same, and terser is most of a build's time.
 */
const minified = new Map();
function terserOnce(options) {
  const plugin = terser(options);
  const settings = JSON.stringify(options);
  return {
    ...plugin,
    renderChunk(code, chunk, output) {
      const key = `${settings} ${output.format} ${output.sourcemap}\n${code}`;
      if (!minified.has(key)) minified.set(key, plugin.renderChunk.call(this, code, chunk, output));
      return minified.get(key);
    },
  };
}

/** What both script-tag builds run: production lit, uPlot trimmed (scripts/trim-uplot.mjs), TypeScript, terser. */
const scriptTagPlugins = (...beforeTs) => [
  production(),
  resolve({ browser: true, exportConditions: ['production'] }),
  commonjs(),
  trimUplot(),
  ...beforeTs,
  ts(),
  terserOnce({ compress: { passes: 2 }, format: { comments: false } }),
];

// The script-tag bundle: every element, lit and uPlot in one minified module that registers them all.
// What only some previews need (syntax highlighting, Markdown, zip) stays in lazy chunks beside it,
// loaded from the bundle's own URL the first time a preview asks for it. uPlot's helpers that no
// element calls are left out (scripts/trim-uplot.mjs). Two terser passes: 0.2 KB gzip less than one.
const bundle = {
  input: 'src/bundle.ts',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'runpage.bundle.js',
    chunkFileNames: 'bundle-chunks/[name]-[hash].js',
    manualChunks,
    // a reader's dependencies that the bundle needs anyway stay in the bundle
    onlyExplicitManualChunks: true,
    sourcemap: true,
  },
  plugins: scriptTagPlugins(keepImported(/[\\/]src[\\/]data[\\/]memory-reads\.ts$/)),
};

/** A chunk with an element's define module is `define-<tag>`; other chunks keep their name. */
function autoloadChunkName({ moduleIds }) {
  const tags = moduleIds.flatMap((id) => ELEMENT_DEFINE.exec(id)?.[1] ?? []);
  return `autoload-chunks/${tags.length ? `define-${tags.join('-')}` : '[name]'}-[hash].js`;
}

const ELEMENT_DEFINE = /[\\/]src[\\/]elements[\\/]([\w-]+)[\\/]define\.ts$/;
const ELEMENT_CODE = /[\\/]src[\\/]elements[\\/]/;
const BUNDLE_SOURCE = /[\\/]src[\\/]data[\\/]bundle-source\.ts$/;
/** A module at least this share of the elements import goes to the runtime chunk. */
const RUNTIME_SHARE = 0.75;

function staticClosure(id, getModuleInfo, into = new Set()) {
  if (into.has(id)) return into;
  into.add(id);
  for (const dep of getModuleInfo(id)?.importedIds ?? []) staticClosure(dep, getModuleInfo, into);
  return into;
}

/** For each module, the entries (the entry, and each module imported with `import()`) that reach it statically. */
function entriesReaching({ getModuleIds, getModuleInfo }) {
  const ids = [...getModuleIds()];
  const reachedBy = new Map(ids.map((id) => [id, []]));
  for (const entry of ids.filter((id) => getModuleInfo(id).isEntry || getModuleInfo(id).dynamicImporters.length > 0))
    for (const id of staticClosure(entry, getModuleInfo)) reachedBy.get(id).push(entry);
  return reachedBy;
}

/**
 * The autoload build's chunks, from its module graph. Left to itself, rollup makes a chunk for each
 * set of entries that reach a module: a page with one chart fetched 20 files, 1.6 KB of them import
 * and export glue. Here, in this order:
 * - `entry` (runpage.autoload.js): what the entry imports, @lit/context whole with it.
 * - `runtime`: what most elements import (lit, the base element, the source task, the src loader)
 *   and what most readers of a source's answers import: every element page fetches it, as one file.
 * - `define-<tag>`: an element's define module, with the modules that load exactly when it does
 *   (or later, with a lazy part of another element): the define module of an element that others
 *   show (<metric-chart> in a workspace) is no longer a file of its own.
 * - `bundle-source`: a `src` that names a .runpage.json: its reader and the memory runs it makes. What
 *   they share with an element (the chart's sorted x) goes to `runtime`: every page with such a `src`
 *   fetched it up front anyway, in files of its own.
 * - `http`: the HTTP client and the loader of server runs, as in the bundle.
 * Everything else keeps rollup's grouping.
 */
function planAutoloadChunks(api) {
  const { getModuleInfo } = api;
  const reachedBy = entriesReaching(api);
  const entries = [...new Set([...reachedBy.values()].flat())];
  const defines = entries.filter((id) => ELEMENT_DEFINE.test(id));
  const readers = entries.filter((id) => READERS.test(id));
  const most = (by, of) => by.filter((e) => of.includes(e)).length >= RUNTIME_SHARE * of.length;
  const plan = new Map();

  for (const id of staticClosure(
    entries.find((id) => getModuleInfo(id).isEntry),
    getModuleInfo,
  ))
    plan.set(id, 'entry');
  for (const [id, by] of reachedBy)
    if (!plan.has(id) && (most(by, defines) || (!readers.includes(id) && most(by, readers)))) plan.set(id, 'runtime');

  // an element's lazy part may load a define chunk; another element or a data chunk may not
  const lazyPart = (e) => ELEMENT_CODE.test(e) && !ELEMENT_DEFINE.test(e);
  for (const define of defines) {
    const loaders = reachedBy.get(define);
    for (const id of staticClosure(define, getModuleInfo)) {
      const by = reachedBy.get(id);
      const withIt = loaders.every((e) => by.includes(e)) && by.every((e) => loaders.includes(e) || lazyPart(e));
      if (!plan.has(id) && withIt) plan.set(id, `define-${ELEMENT_DEFINE.exec(define)[1]}`);
    }
  }

  const bundleSource = entries.find((id) => BUNDLE_SOURCE.test(id));
  for (const id of bundleSource ? staticClosure(bundleSource, getModuleInfo) : [])
    if (!plan.has(id)) plan.set(id, reachedBy.get(id).some((e) => defines.includes(e)) ? 'runtime' : 'bundle-source');
  return plan;
}

const autoloadPlans = new WeakMap();
function autoloadChunks(id, api) {
  if (!autoloadPlans.has(api.getModuleInfo)) autoloadPlans.set(api.getModuleInfo, planAutoloadChunks(api));
  return autoloadPlans.get(api.getModuleInfo).get(id) ?? httpChunk(id, api);
}

// The script tag for docs pages: a small entry that loads each element's define module the first time
// its tag is on the page (src/autoload.ts). Its own build, so runpage.bundle.js stays whole; lit, uPlot
// and the shared runtime go to the chunks that autoloadChunks plans.
const autoload = {
  input: 'src/autoload.ts',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'runpage.autoload.js',
    chunkFileNames: autoloadChunkName,
    // a page shows a few elements: the readers each needs load apart (one chunk for them all: +5.4 KB on a chart page)
    manualChunks: autoloadChunks,
    onlyExplicitManualChunks: true,
    sourcemap: true,
  },
  plugins: scriptTagPlugins(),
};

// The demo behind `npm start`: the full run page on a live sample run.
const demo = {
  input: 'demo/main.ts',
  output: { file: 'dist/demo/main.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  plugins: [production(), resolve({ browser: true, exportConditions: ['production'] }), commonjs(), ts()],
};

// RUNPAGE_BUILD=demo builds only the demo (what `npm start` needs).
export default process.env.RUNPAGE_BUILD === 'demo' ? [demo] : [library, bundle, autoload, demo];
