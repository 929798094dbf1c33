/**
 * `runpage/react` as an app gets it: the package packed with `npm pack` (what npm publishes),
 * unpacked into an app's node_modules, the app (test/e2e/react-app/) built by Vite against React 18
 * (the test/react18 workspace) and against React 19 (the root's), and rendered in Chromium. What
 * React 18 gets wrong with bare custom elements must work through the wrappers: an object prop
 * reaches the element as a property, and an element event reaches its `on…` prop.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { ROOT } from './support/paths.js';
import { browserMissing, launchChromium, openPage } from './support/browser.js';

// Inside the repository's node_modules, so the unpacked package finds its dependencies (lit, @lit/react…)
// by walking up, as it would in an app that installed it.
const CACHE = join(ROOT, 'node_modules/.cache');
const REACTS = {
  18: join(ROOT, 'test/react18/node_modules'),
  19: join(ROOT, 'node_modules'),
} as const;

let work: string;
let browser: Browser | undefined;
const skip = await browserMissing();

before(() => {
  if (!existsSync(join(ROOT, 'dist/react.js')))
    throw new Error('dist/ is missing: the end-to-end tests use the built package; run `npm run build` first.');
  mkdirSync(CACHE, { recursive: true });
  work = mkdtempSync(join(CACHE, 'react-apps-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
  ) as { filename: string }[];
  execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', work]);
  mkdirSync(join(work, 'node_modules'));
  renameSync(join(work, 'package'), join(work, 'node_modules/runpage'));
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function buildApp(react: 18 | 19): Promise<string> {
  const app = join(work, `app${react}`);
  cpSync(join(ROOT, 'test/e2e/react-app'), app, { recursive: true });
  const { build } = (await import(pathToFileURL(join(ROOT, 'node_modules/vite/dist/node/index.js')).href)) as {
    build(config: object): Promise<unknown>;
  };
  await build({
    root: app,
    configFile: false,
    logLevel: 'error',
    base: './',
    resolve: {
      alias: [
        { find: /^react$/, replacement: join(REACTS[react], 'react') },
        { find: /^react\/(.*)$/, replacement: join(REACTS[react], 'react/$1') },
        { find: /^react-dom\/(.*)$/, replacement: join(REACTS[react], 'react-dom/$1') },
      ],
    },
    build: { outDir: join(app, 'dist'), emptyOutDir: true, minify: false },
  });
  return join(app, 'dist');
}

async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const { serveStatic } = (await import(pathToFileURL(join(ROOT, 'scripts/static-server.mjs')).href)) as {
    serveStatic(root: string, options: { port: number }): Promise<Server>;
  };
  const server = await serveStatic(dir, { port: 0 });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

for (const react of [18, 19] as const) {
  describe(`React ${react} app built from the packed package`, { skip }, () => {
    test('props reach the elements as properties and events reach on… props', async () => {
      const dist = await buildApp(react);
      const site = await serve(dist);
      browser ??= await launchChromium();
      const { page, watch, close } = await openPage(browser);
      try {
        await page.goto(site.url);
        await page
          .locator('#status')
          .filter({ hasText: `React ${react}.` })
          .waitFor({ timeout: 20_000 });
        const seen = await page.evaluate(() => {
          const el = document.querySelector('run-page') as HTMLElement & { source?: unknown; noHash?: boolean };
          return {
            defined: customElements.get('run-page') === el.constructor,
            sourceIsObject: typeof el.source === 'object' && el.source !== null,
            sourceAttribute: el.getAttribute('source'),
            noHash: el.noHash,
            theme: el.getAttribute('theme'),
          };
        });
        assert.deepEqual(seen, {
          defined: true,
          sourceIsObject: true,
          sourceAttribute: null,
          noHash: true,
          theme: 'dark',
        });
        // Children of <RunSource> get its source: the overview shows the run's name.
        const name = (await page.locator('main').getAttribute('data-run-name'))!;
        await page.locator('#overview').getByText(name).first().waitFor({ timeout: 20_000 });
        // A user's click on a tab reaches onRunPageTabChange, which re-renders the app.
        await page.locator('#page').getByRole('tab', { name: 'Logs' }).click();
        await page.locator('#status').filter({ hasText: 'tab: logs' }).waitFor({ timeout: 10_000 });
        assert.deepEqual(watch.errors, []);
      } finally {
        await close();
        await site.close();
      }
    });
  });
}
