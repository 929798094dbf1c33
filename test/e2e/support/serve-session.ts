/**
 * One `runpage serve` and one Chromium shared by the tests of a file, the way every end-to-end
 * file uses them: started in a `before` hook (unless the file skips), closed in an `after` hook,
 * which also removes the file's work folder.
 */
import { after, before } from 'node:test';
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { runpageServe, type Served } from './serve.js';

export interface ServeSession {
  /** The server; only read inside a test that did not skip. */
  readonly served: Served;
  readonly browser: Browser;
}

export interface ServeSessionOptions {
  /** Why the file skips (a missing browser or fixtures): then nothing starts. */
  skip: string | undefined;
  /** The folders to serve, once whatever the server must find at start has been written. */
  paths: () => readonly string[] | Promise<readonly string[]>;
  /** What the file reads from the server before its tests (node:test runs root hooks unordered). */
  started?: (served: Served) => Promise<void>;
  /** A temporary folder the file writes runs into, removed after its tests. */
  work?: string;
}

export function serveDuringTests(o: ServeSessionOptions): ServeSession {
  let served: Served | undefined;
  let browser: Browser | undefined;
  before(async () => {
    if (o.skip) return;
    served = await runpageServe(await o.paths());
    browser = await launchChromium();
    await o.started?.(served);
  });
  after(async () => {
    await browser?.close();
    await served?.close();
    if (o.work) rmSync(o.work, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: the file skips, or its before hook failed`);
    return value;
  };
  return {
    get served() {
      return started(served, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
