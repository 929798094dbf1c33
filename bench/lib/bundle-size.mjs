/**
 * Gzip sizes (level 9, each file as it would be served) of:
 * - each element's entry, dist/elements/<tag>/define.js, bundled and minified with esbuild four
 *   ways: the element's own code (every npm package and the shared runtime, dist/internal and
 *   dist/data, external; other elements it composes stay in), every npm package external (our code
 *   only), lit/@lit/uplot external (what an app that already has lit and uPlot adds), and
 *   everything included. Code split off behind import() is counted apart as "lazy".
 * - dist/runpage.bundle.js with the chunks it imports statically, and its lazy chunks (reached only
 *   through import()) apart.
 * - dist/runpage.autoload.js, and the chunks it loads for its elements.
 * - what a page actually loads on first use ("page"): the everything-included build of each element,
 *   and the script-tag bundle with every element on one page, each opened in headless Chromium over
 *   the committed test/pages/fixtures/sample.runpage.json (`src=`, English, no click): every script
 *   the page fetched until the network is quiet, lazy chunks included (the source checker's readers,
 *   the bundle reader…). Chunks only a click loads (previews, zip, other languages) stay out of it.
 * - the floor of the one-chart and all-elements pages: those scripts gzipped with our code that never
 *   ran on first use (V8 block coverage) cut out, npm packages whole: what no lazy loading can beat.
 */
import {
  copyFileSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  existsSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const KB = 1024;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Static and lazy closures of a module graph given `imports(file) → [{ path, dynamic }]`. */
function closures(entry, imports) {
  const staticSet = new Set();
  const stack = [entry];
  const lazyRoots = [];
  while (stack.length) {
    const f = stack.pop();
    if (staticSet.has(f)) continue;
    staticSet.add(f);
    for (const i of imports(f)) (i.dynamic ? lazyRoots : stack).push(i.path);
  }
  const lazySet = new Set();
  const lazyStack = [...lazyRoots];
  while (lazyStack.length) {
    const f = lazyStack.pop();
    if (staticSet.has(f) || lazySet.has(f)) continue;
    lazySet.add(f);
    for (const i of imports(f)) lazyStack.push(i.path);
  }
  return { staticSet, lazySet };
}

const sum = (files) => [...files].reduce((n, f) => n + gz(f), 0);

/** Relative imports in a built ES module (rollup/terser output). */
function scanImports(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  const dir = dirname(file);
  for (const m of text.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g))
    out.push({ path: resolve(dir, m[1]), dynamic: false });
  for (const m of text.matchAll(/import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g))
    out.push({ path: resolve(dir, m[1]), dynamic: true });
  return out.filter((i) => existsSync(i.path));
}

/** Leaves the shared runtime (dist/internal, dist/data) out, so what remains is the element's own code. */
const sharedRuntimeExternal = {
  name: 'shared-runtime-external',
  setup(b) {
    b.onResolve({ filter: /\/(internal|data)\// }, (args) =>
      args.importer.includes('/dist/elements/') && args.path.startsWith('.')
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/** uPlot as the npm build ships it (dist/vendor/uplot.js) counts as the package it is. */
const vendoredExternal = {
  name: 'vendored-external',
  setup(b) {
    b.onResolve({ filter: /\/vendor\// }, (args) =>
      args.importer.includes('/dist/') ? { path: args.path, external: true } : undefined,
    );
  },
};

export const FIXTURE = 'test/pages/fixtures/sample.runpage.json';

/** What each element needs to show the fixture run's data (the rest is its default view). */
export function markup(tag, runId) {
  const attrs = {
    'metric-chart': 'metric="train/loss"',
    'run-compare': `runs="${runId}" metrics="train/loss"`,
    'run-page': 'no-hash',
    'log-viewer': 'no-hash',
    'file-browser': 'no-hash',
  };
  return `<${tag} src="run.runpage.json" ${attrs[tag] ?? ''} style="display:block;width:900px;height:500px"></${tag}>`;
}

/**
 * Opens `body` (with `<script type="module" src="${script}">`) from `dir` in Chromium, waits until
 * no request has started for a second, and returns the scripts (files of `dir`) it fetched.
 */
export async function scriptsLoaded(browser, dir, script, body) {
  copyFileSync(FIXTURE, join(dir, 'run.runpage.json'));
  writeFileSync(
    join(dir, 'page.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
      `<script type="module" src="./${script}"></script></head><body>${body}</body></html>`,
  );
  const server = await serveStatic(dir, { port: 0 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`    bundle size page ${script}: ${e.message}`));
    const base = `http://127.0.0.1:${server.address().port}/`;
    await page.goto(`${base}page.html`, { waitUntil: 'networkidle' });
    const names = () => page.evaluate(() => globalThis.performance.getEntriesByType('resource').map((e) => e.name));
    // networkidle allows a gap of 500 ms; a chunk asked for after data arrives must not be missed
    for (let before = -1, now = (await names()).length; now !== before; now = (await names()).length) {
      before = now;
      await sleep(1000);
    }
    return [...new Set(await names())]
      .filter((url) => url.startsWith(base) && url.endsWith('.js'))
      .map((url) => resolve(dir, decodeURIComponent(url.slice(base.length))));
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
}

/**
 * Opens `dir`/page.html (written by `scriptsLoaded`) again with V8's block coverage on, until the
 * network is quiet: file → one flag per character of the script, 1 where that code ran.
 */
export async function ranCharacters(browser, dir) {
  const server = await serveStatic(dir, { port: 0 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.coverage.startJSCoverage({ resetOnNavigation: false });
    await page.goto(`http://127.0.0.1:${server.address().port}/page.html`, { waitUntil: 'networkidle' });
    await sleep(2000);
    const ran = new Map();
    for (const entry of await page.coverage.stopJSCoverage()) {
      if (!entry.source) continue;
      const flags = new Uint8Array(entry.source.length);
      // V8 nests a function's blocks inside it: wider ranges first, so the inner ones win
      const ranges = entry.functions
        .flatMap((f) => f.ranges)
        .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
      for (const r of ranges) flags.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
      ran.set(resolve(dir, decodeURIComponent(new URL(entry.url).pathname.slice(1))), flags);
    }
    return ran;
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
}

/**
 * 1 for each character of `code` that its source map (`mapFile`) traces to an npm package: a
 * package's module is loaded whole, whatever of it runs.
 */
function packageCharacters(code, mapFile) {
  const flags = new Uint8Array(code.length);
  if (!existsSync(mapFile)) return flags;
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const marks = [];
  eachMapping(new TraceMap(readFileSync(mapFile, 'utf8'), mapFile), (m) => marks.push(m));
  const at = (m) => lineStarts[m.generatedLine - 1] + m.generatedColumn;
  marks.sort((a, b) => at(a) - at(b));
  marks.forEach((m, i) => {
    if (m.source?.includes('node_modules/'))
      flags.fill(1, at(m), i + 1 < marks.length ? at(marks[i + 1]) : code.length);
  });
  return flags;
}

/**
 * The floor of a page's size: the scripts it loaded, each gzipped with every character of our code
 * that never ran on first use cut out (npm packages stay whole). Moving all of our unrun code to
 * chunks loaded later, at no cost, could not go below it.
 */
async function ranGzip(browser, dir) {
  let total = 0;
  for (const [file, ran] of await ranCharacters(browser, dir)) {
    if (!file.endsWith('.js') || !existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    const packages = packageCharacters(code, `${file}.map`);
    const keep = (i) => ran[i] === 1 || packages[i] === 1;
    let kept = '';
    for (let i = 0; i < code.length;) {
      let j = i;
      while (j < code.length && keep(j) === keep(i)) j++;
      if (keep(i)) kept += code.slice(i, j);
      i = j;
    }
    total += gzipSync(kept, { level: 9 }).length;
  }
  return total;
}

/**
 * A script-tag build (dist/runpage.bundle.js or dist/runpage.autoload.js with the chunks it can
 * import), copied to a folder of its own: `page(browser, body)` opens a page of it and returns the
 * scripts it fetched, as files of dist/.
 */
function scriptTagBuild(entry) {
  const { staticSet, lazySet } = closures(resolve(entry), scanImports);
  const dir = mkdtempSync(join(tmpdir(), 'runpage-size-'));
  for (const f of [...staticSet, ...lazySet]) {
    const to = join(dir, relative(resolve('dist'), f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
    if (existsSync(`${f}.map`)) copyFileSync(`${f}.map`, `${to}.map`); // read by the floor, never fetched
  }
  const inDist = (f) => resolve('dist', relative(dir, f));
  return {
    staticSet,
    lazySet,
    page: async (browser, body) => (await scriptsLoaded(browser, dir, basename(entry), body)).map(inDist),
    /** The floor (ranGzip) of the page opened last. */
    ranGzip: (browser) => ranGzip(browser, dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** How the bench bundles an element, as an app's bundler would: esbuild, code splitting, minified, production. */
export const APP_BUILD = {
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
};

async function elementSize(entry, external, plugins = [], page) {
  const outdir = mkdtempSync(join(tmpdir(), 'runpage-size-'));
  try {
    const result = await build({
      ...APP_BUILD,
      entryPoints: [entry],
      outdir,
      external,
      metafile: true,
      plugins,
      logLevel: 'silent',
      // maps beside the files, no comment in them: the floor tells packages from our code
      sourcemap: page?.floor ? 'external' : false,
    });
    const outputs = result.metafile.outputs;
    const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint === entry && k.endsWith('.js'));
    const { staticSet, lazySet } = closures(resolve(entryOut), (f) => {
      const key = relative(process.cwd(), f);
      return (outputs[key]?.imports ?? [])
        .filter((i) => !i.external)
        .map((i) => ({ path: resolve(i.path), dynamic: i.kind === 'dynamic-import' }));
    });
    const size = { gzip: sum(staticSet), lazyGzip: sum(lazySet) };
    if (page) {
      const loaded = await scriptsLoaded(page.browser, outdir, basename(entryOut), page.body);
      size.page = {
        gzip: sum(loaded),
        files: loaded.length,
        lazyFiles: loaded.filter((f) => lazySet.has(f)).length,
        ...(page.floor && { ranGzip: await ranGzip(page.browser, outdir) }),
      };
    }
    return size;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function bundleSizes() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {});
  const all = deps.flatMap((d) => [d, `${d}/*`]);
  const litUplot = ['lit', 'lit/*', '@lit/*', 'uplot', 'uplot/*'];
  const runId = JSON.parse(readFileSync(FIXTURE, 'utf8')).runs[0].info.id;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const elements = [];
    const tags = readdirSync('dist/elements', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('dist/elements', d.name, 'define.js')))
      .map((d) => d.name);
    for (const tag of tags) {
      const entry = join('dist/elements', tag, 'define.js');
      elements.push({
        tag,
        own: await elementSize(entry, all, [sharedRuntimeExternal, vendoredExternal]),
        ours: await elementSize(entry, all, [vendoredExternal]),
        withoutLitUplot: await elementSize(entry, litUplot, [vendoredExternal]),
        everything: await elementSize(entry, [], [], {
          browser,
          body: markup(tag, runId),
          floor: tag === 'metric-chart',
        }),
      });
    }
    let bundle;
    if (existsSync('dist/runpage.bundle.js')) {
      const served = scriptTagBuild('dist/runpage.bundle.js');
      bundle = {
        gzip: sum(served.staticSet),
        files: served.staticSet.size,
        lazyGzip: sum(served.lazySet),
        lazyFiles: served.lazySet.size,
      };
      try {
        // every element on one page
        const loaded = await served.page(browser, tags.map((t) => markup(t, runId)).join(''));
        const lazyLoaded = loaded.filter((f) => served.lazySet.has(f));
        bundle.page = {
          gzip: sum(loaded),
          files: loaded.length,
          lazyFiles: lazyLoaded.length,
          lazyChunks: lazyLoaded.map((f) => basename(f).replace(/-[\w-]{8}\.js$/, '')).sort(),
          ranGzip: await served.ranGzip(browser),
        };
        // one chart, to set beside runpage.autoload.js
        const chart = await served.page(browser, markup('metric-chart', runId));
        bundle.chartPage = { gzip: sum(chart), files: chart.length };
      } finally {
        served.remove();
      }
    }
    let autoload;
    if (existsSync('dist/runpage.autoload.js')) {
      const served = scriptTagBuild('dist/runpage.autoload.js');
      autoload = { gzip: gz('dist/runpage.autoload.js'), chunks: served.lazySet.size, chunksGzip: sum(served.lazySet) };
      try {
        const loaded = await served.page(browser, markup('metric-chart', runId));
        autoload.chartPage = {
          gzip: sum(loaded),
          files: loaded.length,
          elementChunks: loaded.flatMap((f) => /^define-([a-z-]+)-[\w-]{8}\.js$/.exec(basename(f))?.[1] ?? []).sort(),
        };
      } finally {
        served.remove();
      }
    }
    return { elements, bundle, autoload, KB };
  } finally {
    await browser.close();
  }
}
