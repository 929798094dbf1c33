/**
 * Gzip sizes (level 9, each file as it would be served) of:
 * - each element's entry, dist/elements/<tag>/define.js, bundled and minified with esbuild four
 *   ways: the element's own code (every npm package and the shared runtime, dist/internal and
 *   dist/data, external; other elements it composes stay in), every npm package external (our code
 *   only), lit/@lit/uplot external (what an app that already has lit and uPlot adds), and
 *   everything included. Code split off behind import() is counted apart as "lazy".
 * - dist/runpage.bundle.js with the chunks it imports statically, and its lazy chunks (reached only
 *   through import()) apart.
 */
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

async function elementSize(entry, external, plugins = []) {
  const outdir = mkdtempSync(join(tmpdir(), 'runpage-size-'));
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      outdir,
      external,
      metafile: true,
      plugins,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const outputs = result.metafile.outputs;
    const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint === entry && k.endsWith('.js'));
    const { staticSet, lazySet } = closures(resolve(entryOut), (f) => {
      const key = relative(process.cwd(), f);
      return (outputs[key]?.imports ?? [])
        .filter((i) => !i.external)
        .map((i) => ({ path: resolve(i.path), dynamic: i.kind === 'dynamic-import' }));
    });
    return { gzip: sum(staticSet), lazyGzip: sum(lazySet) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function bundleSizes() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {});
  const all = deps.flatMap((d) => [d, `${d}/*`]);
  const litUplot = ['lit', 'lit/*', '@lit/*', 'uplot', 'uplot/*'];
  const elements = [];
  for (const tag of readdirSync('dist/elements', { withFileTypes: true })) {
    const entry = join('dist/elements', tag.name, 'define.js');
    if (!tag.isDirectory() || !existsSync(entry)) continue;
    elements.push({
      tag: tag.name,
      own: await elementSize(entry, all, [sharedRuntimeExternal]),
      ours: await elementSize(entry, all),
      withoutLitUplot: await elementSize(entry, litUplot),
      everything: await elementSize(entry, []),
    });
  }
  let bundle;
  if (existsSync('dist/runpage.bundle.js')) {
    const { staticSet, lazySet } = closures(resolve('dist/runpage.bundle.js'), scanImports);
    bundle = { gzip: sum(staticSet), files: staticSet.size, lazyGzip: sum(lazySet), lazyFiles: lazySet.size };
  }
  return { elements, bundle, KB };
}
