/**
 * dist/runpage.autoload.js on docs pages (test/pages/autoload*.html) in Chromium: a page with one
 * <metric-chart> draws it and fetches no other element's code; an element added later loads then;
 * with data-runpage-prefix only <acme-…> tags load, and a run page gets all its tabs; a chunk that
 * fails to load says so on the console and loads when such an element is next added.
 *
 * Needs dist/ (`npm run build`); skips without Chromium or playwright-core.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserMissing, openPage, type PageWatch } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { staticPages } from './support/static-root.js';

const WAIT_MS = 15_000;
const built = existsSync(join(ROOT, 'dist/runpage.autoload.js'));
const skip =
  (await browserMissing()) ?? (built ? undefined : 'dist/runpage.autoload.js is missing: run `npm run build`');

const pages = staticPages(skip);

/** Opens a page, recording the element chunks (`define-<tag>`) it fetches, in order. */
async function open(
  path: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ page: Page; watch: PageWatch; defined: string[]; close(): Promise<void> }> {
  const opened = await openPage(pages.browser);
  const defined: string[] = [];
  opened.page.on('request', (r) => {
    const m = /\/autoload-chunks\/define-([a-z-]+)-[\w-]{8}\.js$/.exec(r.url());
    if (m) defined.push(m[1]);
  });
  await beforeLoad?.(opened.page);
  await opened.page.goto(new URL(path, pages.base).href);
  return { ...opened, defined };
}

/** Waits until the chart `selector` names has drawn points. */
async function chartDrawn(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (s) =>
      ((document.querySelector(s) as { uplot?: { data: ArrayLike<number>[] } } | null)?.uplot?.data[0]?.length ?? 0) >
      0,
    selector,
    { timeout: WAIT_MS },
  );
}

/** Text of an element's shadow tree, runpage elements inside it included (in no particular order). */
const deepText = (page: Page, selector: string): Promise<string> =>
  // a loop, not a named helper: the TypeScript loader would wrap a helper in a function the page lacks
  page.evaluate((s) => {
    const parts: string[] = [];
    const stack: Node[] = [document.querySelector(s)!];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const root = (node as Element).shadowRoot;
      if (root) stack.push(root);
      stack.push(...node.childNodes);
    }
    return parts.join(' ');
  }, selector);

async function waitFor(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const registered = (page: Page, tag: string): Promise<boolean> =>
  page.evaluate((t) => customElements.get(t) !== undefined, tag);

test('a page with one <metric-chart> draws it and fetches no other element’s code', { skip }, async () => {
  const { page, watch, defined, close } = await open('test/pages/autoload.html');
  try {
    await chartDrawn(page, 'metric-chart');
    assert.ok((await deepText(page, 'metric-chart')).includes('train/loss'), 'the chart names its metric');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(defined, ['metric-chart']);
    for (const tag of ['run-overview', 'run-page', 'log-viewer', 'system-panel']) {
      assert.equal(await registered(page, tag), false, `<${tag}> is not loaded`);
    }
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

/** The scripts a page fetched from dist/, by name without the hash (`runtime`, `define-metric-chart`, …). */
function scriptsFetched(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    const m = /\/dist\/(?:autoload-chunks\/)?([\w.-]+?)(?:-[\w-]{8})?\.js$/.exec(new URL(r.url()).pathname);
    if (m) names.push(m[1]);
  });
  return names;
}

test('the one-chart page fetches a few files: entry, runtime, the chart, the bundle reader', { skip }, async () => {
  let fetched: string[] = [];
  const { page, watch, close } = await open('test/pages/autoload.html', async (p) => {
    fetched = scriptsFetched(p);
  });
  try {
    await chartDrawn(page, 'metric-chart');
    await page.waitForLoadState('networkidle');
    for (const name of ['runpage.autoload', 'runtime', 'define-metric-chart', 'bundle-source'])
      assert.ok(fetched.includes(name), `${name} in ${fetched}`);
    // rollup's own grouping made 20 files here (scripts/bundle-report.mjs autoload)
    assert.ok(fetched.length <= 8, `${fetched.length} files: ${fetched}`);
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

test('a page with no runpage element fetches the entry alone', { skip }, async () => {
  let fetched: string[] = [];
  const { page, watch, close } = await open('test/pages/autoload-none.html', async (p) => {
    fetched = scriptsFetched(p);
    await p.route(/\/test\/pages\/autoload-none\.html$/, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><link rel="icon" href="data:,"><script type="module" src="/dist/runpage.autoload.js"></script><p>notes</p>',
      }),
    );
  });
  try {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(fetched, ['runpage.autoload']);
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

test('an entry loaded with a query (?v=…, as Sphinx writes it) starts one observer, not two', { skip }, async () => {
  const { page, watch, close } = await open('test/pages/autoload-query.html', async (p) => {
    // the chunks import the entry without the query: the browser runs that URL as a second module
    await p.addInitScript(() => {
      const observe = MutationObserver.prototype.observe;
      const w = window as unknown as { documentObservers: number };
      w.documentObservers = 0;
      MutationObserver.prototype.observe = function (target, options) {
        // the autoloader watches the tree for elements; the runtime watches attributes (lang, theme)
        if ((target === document || target === document.documentElement) && options?.childList && options.subtree)
          w.documentObservers++;
        return observe.call(this, target, options);
      };
    });
    await p.route(/\/test\/pages\/autoload-query\.html$/, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body:
          '<!doctype html><link rel="icon" href="data:,">' +
          '<script type="module" src="/dist/runpage.autoload.js?v=1.2.3" data-runpage-prefix="acme"></script>' +
          '<acme-run-source src="fixtures/sample.runpage.json"><acme-metric-chart metric="train/loss"' +
          ' style="display: block; width: 600px; height: 300px"></acme-metric-chart></acme-run-source>',
      }),
    );
  });
  try {
    await chartDrawn(page, 'acme-metric-chart');
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => (window as unknown as { documentObservers: number }).documentObservers), 1);
    assert.equal(await registered(page, 'metric-chart'), false, 'the second run keeps the prefix too');
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

test('an element added to the page later loads then', { skip }, async () => {
  const { page, watch, defined, close } = await open('test/pages/autoload.html');
  try {
    await chartDrawn(page, 'metric-chart');
    const runName = await page.evaluate(async () => {
      const bundle = (await (await fetch('fixtures/sample.runpage.json')).json()) as {
        runs: { info: { name: string } }[];
      };
      // nested, as a page's script or framework would add it
      const wrap = document.createElement('section');
      wrap.innerHTML = '<div><run-overview src="fixtures/sample.runpage.json"></run-overview></div>';
      document.body.append(wrap);
      return bundle.runs[0].info.name;
    });
    await page.waitForFunction((t) => customElements.get(t) !== undefined, 'run-overview', { timeout: WAIT_MS });
    await page.waitForFunction(
      (name) => {
        const el = document.querySelector('run-overview');
        return el?.shadowRoot?.textContent?.includes(name) ?? false;
      },
      runName,
      { timeout: WAIT_MS },
    );
    assert.deepEqual(defined, ['metric-chart', 'run-overview']);
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

test('data-runpage-prefix: <acme-…> tags load, the page’s own tags are left alone', { skip }, async () => {
  const { page, watch, close } = await open('test/pages/autoload-prefix.html');
  try {
    await chartDrawn(page, 'acme-metric-chart');
    assert.equal(await registered(page, 'metric-chart'), false, 'an unprefixed tag is not runpage’s');
    assert.equal(
      await page.evaluate(() => document.querySelector('log-viewer')!.textContent),
      'the other library',
      'the other library keeps <log-viewer>',
    );
    // a run page brings every tab, under the prefix
    await page.waitForFunction(
      () => document.querySelector('acme-run-page')?.shadowRoot?.querySelector('#panel-logs > acme-log-viewer'),
      undefined,
      { timeout: WAIT_MS },
    );
    const tabs = await page.evaluate(() =>
      [...document.querySelector('acme-run-page')!.shadowRoot!.querySelectorAll('[data-tab]')].map(
        (t) => (t as HTMLElement).dataset.tab,
      ),
    );
    assert.deepEqual(tabs, ['overview', 'charts', 'system', 'model', 'logs', 'files', 'artifacts']);
    await waitFor(
      async () => (await deepText(page, 'acme-run-page')).includes('Tracking run with wandb'),
      'the logs tab shows',
    );
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});

test('a chunk that fails to load is reported and loads when such an element is next added', { skip }, async () => {
  let refused = 0;
  const { page, watch, defined, close } = await open('test/pages/autoload.html', async (p) => {
    await p.route(/\/autoload-chunks\/define-metric-chart-[\w-]{8}\.js$/, (route) =>
      refused++ === 0 ? route.abort('connectionrefused') : route.continue(),
    );
  });
  try {
    await page.waitForFunction(() => document.readyState === 'complete');
    await waitFor(
      () => watch.errors.some((e) => e.includes('could not load <metric-chart>')),
      'the console names the tag that failed',
    );
    assert.equal(await registered(page, 'metric-chart'), false);

    await page.evaluate(() => {
      const chart = document.createElement('metric-chart');
      chart.setAttribute('src', 'fixtures/sample.runpage.json');
      chart.setAttribute('metric', 'train/loss');
      chart.style.cssText = 'display: block; width: 600px; height: 300px';
      document.body.append(chart);
    });
    // both charts: the one that was there when the load failed, and the new one
    await chartDrawn(page, 'metric-chart');
    await chartDrawn(page, 'metric-chart:last-of-type');
    assert.deepEqual(defined, ['metric-chart', 'metric-chart']);
  } finally {
    await close();
  }
});

test('a <metric-chart> inside a <run-source> whose code comes after its own still gets the run', { skip }, async () => {
  const { page, watch, defined, close } = await open('test/pages/autoload.html', async (p) => {
    await p.route(/\/autoload-chunks\/define-run-source-[\w-]{8}\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
  });
  try {
    await chartDrawn(page, 'metric-chart');
    await page.evaluate(() => {
      const wrap = document.createElement('div');
      wrap.innerHTML =
        '<run-source src="fixtures/sample.runpage.json"><metric-chart id="inside" metric="train/loss" style="display: block; width: 600px; height: 300px"></metric-chart></run-source>';
      document.body.append(wrap);
    });
    await chartDrawn(page, '#inside');
    assert.deepEqual(defined, ['metric-chart', 'run-source']);
    assert.deepEqual(watch.errors, []);
  } finally {
    await close();
  }
});
