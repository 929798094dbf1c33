// Takes docs/screenshot.png (and any `--page url=file` pairs) of the demo in headless Chromium.
// Usage: npm run build && node scripts/screenshot.mjs [path-after-host] [out.png] [width] [height]
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const [path = '/', out = 'docs/screenshot.png', width = '1280', height = '820'] = process.argv.slice(2);
const server = await serveStatic('.', { port: 0 });
const { port } = server.address();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({
    viewport: { width: Number(width), height: Number(height) },
    deviceScaleFactor: 1,
  });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}${path}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
