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

// The npm build: one module per source file, every dependency left to the user's bundler.
const isDependency = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

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
  external: (id) => isDependency(id) || id.startsWith('node:'),
  output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
  plugins: [ts()],
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

/** A chunk with an element's define module is `define-<tag>`; other chunks keep rollup's name. */
function autoloadChunkName({ moduleIds }) {
  const tags = moduleIds.flatMap((id) => /[\\/]src[\\/]elements[\\/]([\w-]+)[\\/]define\.ts$/.exec(id)?.[1] ?? []);
  return `autoload-chunks/${tags.length ? `define-${tags.join('-')}` : '[name]'}-[hash].js`;
}

// The script tag for docs pages: a small entry that loads each element's define module the first time
// its tag is on the page (src/autoload.ts). Its own build, so runpage.bundle.js stays whole; lit, uPlot
// and the shared runtime go to the chunks rollup shares between the elements that import them.
const autoload = {
  input: 'src/autoload.ts',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: 'runpage.autoload.js',
    chunkFileNames: autoloadChunkName,
    // a page shows a few elements: the readers each needs load apart (one chunk for them all: +5.4 KB on a chart page)
    manualChunks: httpChunk,
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
