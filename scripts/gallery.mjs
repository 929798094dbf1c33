// The README gallery: every tab of the demo run page at a phone and a desktop width, light and dark,
// as docs/gallery/<tab>-<width>-<theme>.png. Uses the system Chromium (scripts/chromium.mjs); it
// downloads nothing. Builds the demo first unless --no-build is given.
//
// Usage: node scripts/gallery.mjs [--no-build] [--out dir] [--tabs overview,system] [--widths 390,1440]
//                                 [--themes light,dark] [--lang en]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const TABS = ['overview', 'charts', 'system', 'model', 'logs', 'files', 'artifacts'];
const HEIGHT = { 390: 844 };
const DEFAULT_HEIGHT = 900;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const list = (value) => value.split(',').filter(Boolean);

const out = option('out', 'docs/gallery');
const tabs = list(option('tabs', TABS.join(',')));
const widths = list(option('widths', '390,1440')).map(Number);
const themes = list(option('themes', 'light,dark'));
const lang = option('lang', 'en');

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npx', ['rollup', '-c', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, RUNPAGE_BUILD: 'demo' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

mkdirSync(out, { recursive: true });
const server = await serveStatic('.', { port: 0 });
const { port } = server.address();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let failures = 0;
try {
  for (const width of widths) {
    for (const theme of themes) {
      const page = await browser.newPage({
        viewport: { width, height: HEIGHT[width] ?? DEFAULT_HEIGHT },
        deviceScaleFactor: 1,
        colorScheme: theme === 'dark' ? 'dark' : 'light',
      });
      page.on('pageerror', (e) => {
        failures++;
        console.error(`page error (${width}px ${theme}):`, e.message);
      });
      for (const tab of tabs) {
        await page.goto(`http://127.0.0.1:${port}/?theme=${theme}&lang=${lang}#${tab}`);
        await settled(page, tab);
        const file = `${out}/${tab}-${width}-${theme}.png`;
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (failures) process.exit(1);

/** Waits until the tab's element has left its loading state and its charts have drawn. */
async function settled(page, tab) {
  await page.waitForFunction(
    (id) => {
      const runPage = document.querySelector('run-page');
      const panel = runPage?.shadowRoot?.querySelector(`#panel-${id}:not([hidden])`);
      const el = panel?.firstElementChild;
      if (!el?.shadowRoot) return false;
      const busy = el.shadowRoot.querySelector('[aria-busy="true"], .rp-state[data-state="loading"]');
      return !busy;
    },
    tab,
    { timeout: 15_000 },
  );
  // Charts draw on the next frames after their data arrives; live data keeps arriving every second.
  await page.waitForTimeout(1200);
}
