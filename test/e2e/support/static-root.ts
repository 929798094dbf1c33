/**
 * The repository served as static files (scripts/static-server.mjs), as a docs site serves the
 * script-tag builds beside its pages: for the tests that open test/pages/*.html over dist/.
 */
import { after, before } from 'node:test';
import type { AddressInfo, Server } from 'node:net';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './browser.js';
import { ROOT } from './paths.js';

export interface StaticRoot {
  /** `http://127.0.0.1:PORT/`, the repository's root. */
  base: string;
  close(): Promise<void>;
}

export async function serveRoot(): Promise<StaticRoot> {
  const { serveStatic } = (await import(pathToFileURL(join(ROOT, 'scripts/static-server.mjs')).href)) as {
    serveStatic(root: string, o: { port: number }): Promise<Server>;
  };
  const server = await serveStatic(ROOT, { port: 0 });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** What `staticPages` opens for a test file: read them inside its tests. */
export interface StaticPages {
  browser: Browser;
  /** `http://127.0.0.1:PORT/`, the repository's root. */
  base: string;
}

/**
 * The repository served and Chromium launched before the file's tests (unless `skip` says why
 * not), both closed after them.
 */
export function staticPages(skip: string | undefined): StaticPages {
  const pages = {} as StaticPages;
  let served: StaticRoot | undefined;
  before(async () => {
    if (skip) return;
    served = await serveRoot();
    pages.base = served.base;
    pages.browser = await launchChromium();
  });
  after(async () => {
    await pages.browser?.close();
    await served?.close();
  });
  return pages;
}
