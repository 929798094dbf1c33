/**
 * The system Chromium through playwright-core (the path and flags every tool here uses, from
 * scripts/chromium.mjs), and a watcher on each page for what a user's session must never show:
 * console errors, uncaught page errors, and more than one live-update stream.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page, Request } from 'playwright-core';
import { ROOT } from './paths.js';

const PROBE = join(ROOT, 'test/e2e/support/page-probe.js');

/** Undefined when Chromium and playwright-core are there; else why browser tests skip. */
export async function browserMissing(): Promise<string | undefined> {
  const { CHROMIUM_PATH } = await chromiumConfig();
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (set CHROME_PATH)`;
  try {
    await import('playwright-core');
  } catch (e) {
    return `playwright-core is not installed (${(e as Error).message})`;
  }
  return undefined;
}

async function chromiumConfig(): Promise<{ CHROMIUM_PATH: string; CHROMIUM_ARGS: string[] }> {
  // A plain .mjs shared with the non-TypeScript tools; imported by URL so TypeScript needs no types for it.
  return (await import(pathToFileURL(join(ROOT, 'scripts/chromium.mjs')).href)) as {
    CHROMIUM_PATH: string;
    CHROMIUM_ARGS: string[];
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_PATH, CHROMIUM_ARGS } = await chromiumConfig();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh page (its own browser context: own connections, own storage) with the probe loaded. */
export async function openPage(browser: Browser): Promise<{ page: Page; watch: PageWatch; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  return { page, watch: new PageWatch(page), close: () => context.close() };
}

const EVENTS = /\/events(\?|$)/;

/** Records a page's console errors, page errors and live-update (`…/events`) requests. */
export class PageWatch {
  readonly errors: string[] = [];
  /** Live-update requests open now, opened in all, and the most open at one moment. */
  openStreams = 0;
  streamsOpened = 0;
  maxOpenStreams = 0;
  private readonly streams = new Set<Request>();
  private closedWaiters: (() => void)[] = [];

  constructor(page: Page) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location()?.url;
      this.errors.push(`console error: ${m.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!EVENTS.test(r.url())) return;
      this.streams.add(r);
      this.streamsOpened++;
      this.openStreams = this.streams.size;
      this.maxOpenStreams = Math.max(this.maxOpenStreams, this.openStreams);
    });
    const done = (r: Request) => {
      if (!this.streams.delete(r)) return;
      this.openStreams = this.streams.size;
      if (this.openStreams === 0) for (const w of this.closedWaiters.splice(0)) w();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  /** Resolves when no live-update stream is open; rejects after `ms`. */
  streamsClosed(ms: number): Promise<void> {
    if (this.openStreams === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.closedWaiters = this.closedWaiters.filter((w) => w !== onClosed);
        reject(new Error(`${this.openStreams} live-update stream(s) still open after ${ms} ms`));
      }, ms);
      const onClosed = () => {
        clearTimeout(timer);
        resolve();
      };
      this.closedWaiters.push(onClosed);
    });
  }

  /** One line about the streams, for failure messages. */
  streamSummary(): string {
    return `${this.maxOpenStreams} open at once at most, ${this.streamsOpened} opened in all, ${this.openStreams} open now`;
  }
}
