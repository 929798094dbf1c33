/**
 * A user's click-through of one run page: open it, click every tab in turn (real mouse clicks on
 * `role=tab`, inside shadow roots), and on each tab wait until nothing visible is `aria-busy`.
 * Records what each tab left on screen: elements still loading, alerts, warnings, the line counts
 * of log viewers and the point counts of charts. Waiting is always `page.waitForFunction` with
 * a timeout, never a sleep.
 */
import type { Page } from 'playwright-core';
import type { PageWatch } from './browser.js';
import type { ChartProbe } from './probe.js';

export interface TabVisit {
  name: string;
  /** The tab is `aria-disabled`: not clicked. */
  disabled?: boolean;
  /** Why the tab was not clicked. */
  notTried?: string;
  /** Clicking failed, or the tab's panel did not show. */
  problem?: string;
  /** Visible elements still `aria-busy="true"` when the time was up. */
  stuck: string[];
  alerts: string[];
  warnings: string[];
  logCounts: (number | null)[];
  charts: ChartProbe[];
  /** From the click until nothing visible was busy any more. */
  settledMs?: number;
}

export interface Visit {
  /** The page did not load, or showed no tabs. */
  loadProblem?: string;
  tabs: TabVisit[];
}

export interface VisitOptions {
  /** How long every visible element may stay busy after a click (default 5000). */
  settleMs?: number;
  /** How long nothing may be busy before a tab counts as loaded (default 250): loads come in waves. */
  quietMs?: number;
  /** How long the page may take to show its tabs (default 15000). */
  loadMs?: number;
}

/** Chromium's HTTP/1.1 connections per host: this many open streams leave no connection for anything else. */
export const BROWSER_CONNECTIONS_PER_HOST = 6;

export async function visitEveryTab(page: Page, watch: PageWatch, url: string, o: VisitOptions = {}): Promise<Visit> {
  const settleMs = o.settleMs ?? 5000;
  const quietMs = o.quietMs ?? 250;
  const loadMs = o.loadMs ?? 15_000;
  const visit: Visit = { tabs: [] };
  try {
    await page.goto(url, { waitUntil: 'load', timeout: loadMs });
    await page.waitForFunction(() => e2eProbe.tabs().length > 0, undefined, { timeout: loadMs, polling: 100 });
  } catch (e) {
    const busy = await page.evaluate(() => e2eProbe.busy()).catch(() => []);
    const text = await page
      .evaluate(() => document.body.innerText)
      .then((t) => String(t).replace(/\s+/g, ' ').slice(0, 200))
      .catch(() => '');
    visit.loadProblem = `${firstLine(e)}; no role=tab shown${busy.length ? `; busy: ${busy.join('; ')}` : ''}${text ? `; page text: "${text}"` : ''}`;
    return visit;
  }

  const names = (await page.evaluate(() => e2eProbe.tabs())).map((t) => t.name);
  let starved: string | undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (starved) {
      visit.tabs.push({ ...emptyVisit(name), notTried: starved });
      continue;
    }
    const tab = await clickTab(page, name, { settleMs, quietMs });
    visit.tabs.push(tab);
    if (tab.stuck.length && watch.openStreams >= BROWSER_CONNECTIONS_PER_HOST) {
      starved = `${watch.openStreams} open live-update streams hold every connection the browser allows to this host, so this tab could not load either`;
    }
    // A tab may bring tabs of its own.
    for (const t of await page.evaluate(() => e2eProbe.tabs())) if (!names.includes(t.name)) names.push(t.name);
  }
  return visit;
}

/** Opens the tab named `name` with a mouse click, and waits until nothing visible is busy. */
export async function clickTab(
  page: Page,
  name: string,
  o: Pick<VisitOptions, 'settleMs' | 'quietMs'> = {},
): Promise<TabVisit> {
  const settleMs = o.settleMs ?? 5000;
  const quietMs = o.quietMs ?? 250;
  const tab = emptyVisit(name);
  const state = (await page.evaluate(() => e2eProbe.tabs())).find((t) => t.name === name);
  if (!state) {
    tab.problem = 'there is no such tab';
    return tab;
  }
  if (state.disabled) {
    tab.disabled = true;
    return tab;
  }
  await page.evaluate(() => e2eProbe.mark());
  const clickedAt = Date.now();
  const left = () => Math.max(1, settleMs - (Date.now() - clickedAt));
  try {
    await page.getByRole('tab', { name, exact: true }).first().click({ timeout: settleMs });
  } catch (e) {
    tab.problem = `could not click it: ${firstLine(e)}`;
    return tab;
  }
  try {
    await page.waitForFunction((n) => e2eProbe.panelOf(n), name, {
      timeout: left(),
      polling: 50,
    });
  } catch {
    tab.problem = 'no visible tab panel after the click';
  }
  try {
    await page.waitForFunction((q) => e2eProbe.settled(q), quietMs, { timeout: left() + quietMs, polling: 100 });
    tab.settledMs = Date.now() - clickedAt - quietMs;
  } catch {
    tab.stuck = await page.evaluate(() => e2eProbe.busy());
  }
  Object.assign(
    tab,
    await page.evaluate(() => ({
      alerts: e2eProbe.alerts(),
      warnings: e2eProbe.warnings(),
      logCounts: e2eProbe.logCounts(),
      charts: e2eProbe.charts(),
    })),
  );
  return tab;
}

function emptyVisit(name: string): TabVisit {
  return { name, stuck: [], alerts: [], warnings: [], logCounts: [], charts: [] };
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}
