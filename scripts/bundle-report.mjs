/**
 * Which modules a page fetches on first use, by gzip contribution: the same builds and the same
 * Chromium pages as bench/lib/bundle-size.mjs, with source maps, so every byte of every script the
 * page loaded is traced back to its source module.
 *
 *   node scripts/bundle-report.mjs metric-chart     one element, everything included (esbuild --minify)
 *   node scripts/bundle-report.mjs bundle           every element on one page, dist/runpage.bundle.js
 *   node scripts/bundle-report.mjs autoload [tag]   one element (default metric-chart), dist/runpage.autoload.js
 *   --top=N  modules listed (default 40)   --chunks  per-chunk breakdown too
 *   --dist=DIR  the script-tag build to read (default dist), to compare two builds (autoload, bundle)
 *   --unused  the page again with V8's block coverage: how much of each module's share never ran on
 *             first use (code that only a click, live data, another source or an error runs)
 *   --lines=TEXT  with --unused: the source lines of modules whose path contains TEXT that have code
 *             that never ran, with how many minified characters of each never ran
 *
 * A module's share of a chunk's gzip size is the chunk's gzip size split in proportion to each
 * module's own bytes gzipped alone: gzip has no per-byte cost, so this is an estimate, but the
 * shares add up to what the page really fetched. Run `npm run build` first.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { FIXTURE, markup, ranCharacters, scriptsLoaded } from '../bench/lib/bundle-size.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--')) ?? 'metric-chart';
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
const perChunk = args.includes('--chunks');
const unusedToo = args.includes('--unused');
const dist = args.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist';
const linesOf = args.find((a) => a.startsWith('--lines='))?.slice(8);
/** `${source}:${line}` → minified characters of it that never ran (with --lines). */
const unranLines = new Map();
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const runId = JSON.parse(readFileSync(FIXTURE, 'utf8')).runs[0].info.id;

/**
 * The scripts a page with `body` fetches on first use, as the bundle bench counts them; with
 * `--unused`, also which of their characters ran (file → 1 per character that ran), from a second
 * load of the same page under V8's block coverage.
 */
async function pageScripts(dir, script, body) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const loaded = await scriptsLoaded(browser, dir, script, body);
    return { loaded, ran: unusedToo ? await ranCharacters(browser, dir) : undefined };
  } finally {
    await browser.close();
  }
}

/**
 * Bytes of `file` attributed to each source by its source map (unmapped bytes: "(unmapped)"), and
 * how many of them never ran when `ran` (1 per character that ran) is given.
 */
function bytesBySource(file, ran) {
  const code = readFileSync(file, 'utf8');
  const mapFile = `${file}.map`;
  const out = new Map();
  let at = 0;
  let line = 0;
  const add = (src, text) => {
    const entry = out.get(src) ?? { text: '', unused: 0 };
    entry.text += text;
    let unused = 0;
    if (ran) for (let i = at; i < at + text.length; i++) unused += ran[i] ? 0 : 1;
    entry.unused += unused;
    if (unused && linesOf && src.includes(linesOf)) {
      const key = `${src}:${line}`;
      unranLines.set(key, (unranLines.get(key) ?? 0) + unused);
    }
    at += text.length;
    out.set(src, entry);
  };
  if (!existsSync(mapFile)) {
    add('(no map)', code);
    return out;
  }
  const map = new TraceMap(readFileSync(mapFile, 'utf8'), mapFile);
  const lines = code.split('\n');
  const marks = [];
  eachMapping(map, (m) => marks.push(m));
  marks.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  let cursorLine = 1;
  let cursorCol = 0;
  let current = '(unmapped)';
  const take = (toLine, toCol) => {
    while (cursorLine < toLine) {
      add(current, lines[cursorLine - 1].slice(cursorCol) + '\n');
      cursorLine++;
      cursorCol = 0;
    }
    add(current, (lines[cursorLine - 1] ?? '').slice(cursorCol, toCol));
    cursorCol = toCol;
  };
  for (const m of marks) {
    take(m.generatedLine, m.generatedColumn);
    current = m.source ? short(m.source) : '(unmapped)';
    line = m.originalLine ?? 0;
  }
  take(lines.length, Infinity);
  return out;
}

function short(src) {
  const s = src.replace(/\\/g, '/');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) return s.slice(nm + 'node_modules/'.length);
  const i = s.search(/\/(src|dist)\//);
  return i >= 0
    ? s
        .slice(i + 1)
        .replace(/^dist\//, 'src/')
        .replace(/\.js$/, '.ts')
    : s;
}

function report(files, label, ran) {
  const modules = new Map();
  let total = 0;
  const chunks = [];
  for (const f of files) {
    const code = readFileSync(f);
    const size = gz(code);
    total += size;
    const parts = bytesBySource(f, ran?.get(f));
    const alone = [...parts].map(([src, { text, unused }]) => [
      src,
      gz(Buffer.from(text)),
      Buffer.byteLength(text),
      text.length,
      unused,
    ]);
    const sumAlone = alone.reduce((n, [, g]) => n + g, 0);
    const rows = [];
    for (const [src, g, bytes, chars, unused] of alone) {
      const share = (size * g) / sumAlone;
      const m = modules.get(src) ?? { gzip: 0, raw: 0, unused: 0, chunks: new Set() };
      m.gzip += share;
      m.raw += bytes;
      // the never-run part of the share, in proportion to the characters that never ran
      m.unused += chars ? (share * unused) / chars : 0;
      m.chunks.add(basename(f));
      modules.set(src, m);
      rows.push([src, share]);
    }
    chunks.push({ name: basename(f), size, rows: rows.sort((a, b) => b[1] - a[1]) });
  }
  const kb = (n) => (n / 1024).toFixed(2).padStart(7);
  // what splitting costs: the same scripts gzipped as one file
  const asOne = gz(Buffer.concat(files.map((f) => readFileSync(f))));
  console.log(`\n${label}: ${files.length} scripts, ${kb(total)} KB gzip (${kb(asOne).trim()} KB as one file)`);
  if (perChunk)
    for (const c of chunks.sort((a, b) => b.size - a.size)) {
      console.log(`  ${kb(c.size)} KB  ${c.name}`);
      for (const [src, share] of c.rows.slice(0, 8)) console.log(`      ${kb(share)}  ${src}`);
    }
  const byGroup = new Map();
  for (const [src, m] of modules) {
    const g = src.startsWith('src/')
      ? src
          .split('/')
          .slice(0, src.startsWith('src/elements/') ? 3 : 2)
          .join('/')
      : src.split('/')[0];
    const group = byGroup.get(g) ?? { gzip: 0, unused: 0 };
    group.gzip += m.gzip;
    group.unused += m.unused;
    byGroup.set(g, group);
  }
  const never = (m) => (ran ? `  ${kb(m.unused)} never ran` : '');
  if (ran) {
    const all = [...modules.values()].reduce((n, m) => n + m.unused, 0);
    console.log(`  never ran on first use: ${kb(all).trim()} KB of the ${kb(total).trim()} KB`);
  }
  console.log('  by area:');
  for (const [g, m] of [...byGroup].sort((a, b) => b[1].gzip - a[1].gzip))
    console.log(`    ${kb(m.gzip)} KB${never(m)}  ${g}`);
  console.log(`  top ${top} modules (gzip share,${ran ? ' of it never run,' : ''} minified bytes, chunks):`);
  const order = ran ? (a, b) => b[1].unused - a[1].unused : (a, b) => b[1].gzip - a[1].gzip;
  for (const [src, m] of [...modules].sort(order).slice(0, top))
    console.log(
      `    ${kb(m.gzip)} KB${never(m)} ${String(m.raw).padStart(7)} B  ${src}  [${[...m.chunks].map((c) => c.replace(/-[\w-]{8}\.js$/, '')).join(', ')}]`,
    );
}

const dir = mkdtempSync(join(tmpdir(), 'runpage-report-'));
try {
  if (target === 'autoload') {
    const tag = args.filter((a) => !a.startsWith('--'))[1] ?? 'metric-chart';
    copyFileSync(join(dist, 'runpage.autoload.js'), join(dir, 'runpage.autoload.js'));
    copyFileSync(join(dist, 'runpage.autoload.js.map'), join(dir, 'runpage.autoload.js.map'));
    cpSync(join(dist, 'autoload-chunks'), join(dir, 'autoload-chunks'), { recursive: true });
    const { loaded, ran } = await pageScripts(dir, 'runpage.autoload.js', markup(tag, runId));
    report(loaded, `<${tag}> from runpage.autoload.js, first use`, ran);
  } else if (target === 'bundle') {
    mkdirSync(join(dir, 'bundle-chunks'));
    copyFileSync(join(dist, 'runpage.bundle.js'), join(dir, 'runpage.bundle.js'));
    copyFileSync(join(dist, 'runpage.bundle.js.map'), join(dir, 'runpage.bundle.js.map'));
    for (const f of readdirSync(join(dist, 'bundle-chunks')))
      copyFileSync(join(dist, 'bundle-chunks', f), join(dir, 'bundle-chunks', f));
    const tags = readdirSync(join(dist, 'elements'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dist, 'elements', d.name, 'define.js')))
      .map((d) => d.name);
    const { loaded, ran } = await pageScripts(dir, 'runpage.bundle.js', tags.map((t) => markup(t, runId)).join(''));
    report(loaded, 'script-tag bundle, every element on one page', ran);
  } else {
    const entry = join(dist, 'elements', target, 'define.js');
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      outdir: dir,
      sourcemap: 'external',
      metafile: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const entryOut = Object.keys(result.metafile.outputs).find(
      (k) => result.metafile.outputs[k].entryPoint === entry && k.endsWith('.js'),
    );
    const { loaded, ran } = await pageScripts(dir, relative(dir, resolve(entryOut)), markup(target, runId));
    report(loaded, `<${target}> everything included, first use`, ran);
    const all = Object.keys(result.metafile.outputs)
      .filter((k) => k.endsWith('.js'))
      .map((k) => resolve(k));
    const notLoaded = all.filter((f) => !loaded.includes(f));
    if (args.includes('--rest')) report(notLoaded, `<${target}> chunks the page did not load`);
  }
  if (linesOf) printUnranLines();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The never-run lines collected with --lines, in source order, with each line's text. */
function printUnranLines() {
  const bySource = new Map();
  for (const [key, count] of unranLines) {
    const at = key.lastIndexOf(':');
    const src = key.slice(0, at);
    bySource.set(src, [...(bySource.get(src) ?? []), [Number(key.slice(at + 1)), count]]);
  }
  for (const [src, rows] of bySource) {
    const path = src.startsWith('src/') ? src : join('node_modules', src);
    const text = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    const total = rows.reduce((n, [, c]) => n + c, 0);
    console.log(`\n${src}: ${total} minified characters never ran`);
    for (const [line, count] of rows.sort((a, b) => a[0] - b[0]))
      console.log(
        `  ${String(count).padStart(5)}  ${String(line).padStart(5)}: ${(text[line - 1] ?? '').trim().slice(0, 110)}`,
      );
  }
}
