/**
 * The browser side of the benchmarks: pages bundled with esbuild from bench/pages/*.ts into a temp
 * directory, served on 127.0.0.1, opened in one headless Chromium session.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Heap figures need a callable gc() and unrounded performance.memory. */
export const CHROME_ARGS = [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'];

/**
 * Bundles each page on its own, so a page whose element does not build yet is reported as not built
 * while the others run. Returns { dir, built: Map<name, true | error message> }.
 */
export async function buildPages(names) {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-bench-'));
  const built = new Map();
  for (const name of names) {
    try {
      await build({
        entryPoints: [`bench/pages/${name}.ts`],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        minify: true,
        outdir: dir,
        tsconfig: 'tsconfig.json',
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
      const css = existsSync(join(dir, `${name}.css`)) ? `<link rel="stylesheet" href="./${name}.css">` : '';
      writeFileSync(
        join(dir, `${name}.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">${css}</head>` +
          `<body style="margin:0"><script type="module" src="./${name}.js"></script></body></html>`,
      );
      built.set(name, true);
    } catch (e) {
      const first = e?.errors?.[0];
      built.set(name, first ? `${first.text} (${first.location?.file}:${first.location?.line})` : String(e));
    }
  }
  return { dir, built };
}

export async function startBrowser(dir) {
  const server = await serveStatic(dir, { port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROME_ARGS, headless: true });
  return {
    version: browser.version(),
    /** Opens the page in a fresh context (its own heap figures) and runs `window.bench.run(params)`. */
    async run(name, params, { timeoutMs = 600_000 } = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.text().startsWith('[bench]') || m.type() === 'error') console.log(`    ${name}: ${m.text()}`);
      });
      page.on('pageerror', (e) => console.log(`    ${name}: page error: ${e.message}`));
      try {
        await page.goto(`${base}/${name}.html`);
        await page.waitForFunction(() => window.bench, undefined, { timeout: 60_000 });
        let timer;
        const timeout = new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error(`${name} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
        });
        try {
          return await Promise.race([page.evaluate((p) => window.bench.run(p), params), timeout]);
        } finally {
          clearTimeout(timer);
        }
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
