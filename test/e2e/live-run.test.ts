/**
 * A run followed live, the way a user watches one train: this test writes W&B-shaped run folders
 * (a `.wandb` datastore growing record by record, and files/) while `runpage serve` (the built
 * CLI) watches them, with the run page open in Chromium. New console lines and metric points
 * appear on the open page within 2 s, all through one live-update stream; when the writer
 * writes its exit record, the page shows Finished (or Failed with the exit code) and the stream
 * closes. Records are written when the test asks for them, never on a timer.
 *
 * Needs dist/ (`npm run build`); skips without Chromium or playwright-core.
 */
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserMissing, openPage, type PageWatch } from './support/browser.js';
import { clickTab, type TabVisit } from './support/click-through.js';
import { serveDuringTests } from './support/serve-session.js';
import { WandbRunWriter } from './support/wandb-run.js';

/** How soon what the writer wrote must be on the page. */
const LIVE_MS = 2000;
/** How soon the page must show that the run ended, and close its stream. */
const END_MS = 5000;
const SETTLE_MS = 5000;

const missingBrowser = await browserMissing();
const work = mkdtempSync(join(tmpdir(), 'runpage-e2e-live-'));
const runs = new Map<number, WandbRunWriter>();

/** The run's first records: what it had written when the user opened its page. */
function startRun(id: string): WandbRunWriter {
  const t0 = Date.now();
  const run = new WandbRunWriter(join(work, 'wandb'), id, { name: `live ${id}`, project: 'runpage-e2e', startMs: t0 });
  for (let i = 0; i < 5; i++) {
    run.history({ 'train/loss': 1 / (1 + i), lr: 0.01 }, t0 + i);
    run.line(`epoch ${i} of ${id}`, t0 + i);
  }
  run.stats({ cpu: 12.5, memory_percent: 30 }, t0 + 5);
  return run;
}

const session = serveDuringTests({
  skip: missingBrowser,
  work,
  paths: () => {
    // The server finds runs when it starts: both folders exist before it does.
    runs.set(0, startRun('e2elivefine'));
    runs.set(3, startRun('e2elivefail'));
    return [work];
  },
});

for (const exitCode of [0, 3]) {
  const shows = exitCode === 0 ? 'Finished' : `Failed with exit code ${exitCode}`;
  test(
    `a live W&B run: new lines and points within 2 s through one stream; exit ${exitCode} shows ${shows}`,
    { skip: missingBrowser ?? false, timeout: 120_000 },
    async () => {
      const run = runs.get(exitCode)!;
      const { page, watch, close } = await openPage(session.browser);
      try {
        await followRun(page, watch, run, exitCode);
      } catch (e) {
        const server = session.served.stderr().trim();
        throw new Error(
          `live run ${run.id} (exit ${exitCode}): ${(e as Error).message}\n  streams: ${watch.streamSummary()}${server ? `\n  server stderr: ${server}` : ''}`,
          { cause: e },
        );
      } finally {
        await close();
      }
    },
  );
}

async function followRun(page: Page, watch: PageWatch, run: WandbRunWriter, exitCode: number): Promise<void> {
  const fail = (what: string) => {
    throw new Error(what);
  };
  await page.goto(new URL(`runs/${run.id}`, session.served.url).href, { waitUntil: 'load' });
  await until(
    page,
    () => e2eProbe.badges().some((b) => b.state === 'running'),
    undefined,
    SETTLE_MS,
    async () => {
      return `the page does not show the run as running; badges: ${await badges(page)}`;
    },
  );

  // The console: a new line shows up at the end of the open log viewer.
  expectLoaded(await clickTab(page, 'Logs', { settleMs: SETTLE_MS }));
  await untilLogCount(page, run.lines.length, SETTLE_MS, 'before writing');
  const line = `live line ${run.lines.length} of ${run.id}`;
  run.line(line, Date.now());
  await page
    .getByText(line, { exact: true })
    .waitFor({ state: 'visible', timeout: LIVE_MS })
    .catch(() => fail(`the line "${line}" written to the datastore was not on the page within ${LIVE_MS} ms`));
  await untilLogCount(page, run.lines.length, LIVE_MS, `after writing "${line}"`);

  // The charts: a new point is counted by the open chart.
  expectLoaded(await clickTab(page, 'Charts', { settleMs: SETTLE_MS }));
  const key = 'train/loss';
  await untilChartTotal(page, key, run.counts().get(key)!, SETTLE_MS, 'before writing');
  run.history({ [key]: 0.05, lr: 0.01 }, Date.now());
  await untilChartTotal(page, key, run.counts().get(key)!, LIVE_MS, 'after writing one point');

  // Lines written while the console is not on screen are there when the user comes back.
  const unseen = `written while on Charts, of ${run.id}`;
  run.line(unseen, Date.now());
  expectLoaded(await clickTab(page, 'Logs', { settleMs: SETTLE_MS }));
  await untilLogCount(page, run.lines.length, LIVE_MS, `after writing "${unseen}" with the Charts tab open`);

  if (watch.streamsOpened !== 1 || watch.openStreams !== 1)
    fail(`while the run is live, the page should hold exactly one live-update stream: ${watch.streamSummary()}`);

  // The process exits.
  run.exit(exitCode, Date.now());
  const state = exitCode === 0 ? 'finished' : 'failed';
  const text = exitCode === 0 ? 'Finished' : `exit code ${exitCode}`;
  await until(
    page,
    ([s, t]) => e2eProbe.badges().some((b) => b.state === s && b.text.includes(t)),
    [state, text] as const,
    END_MS,
    async () =>
      `after the exit record (code ${exitCode}) the page does not show "${text}" (${state}) within ${END_MS} ms; badges: ${await badges(page)}`,
  );
  await watch.streamsClosed(END_MS).catch((e: Error) => fail(`after the exit record: ${e.message}`));

  // The ended run, tab by tab: everything it holds, and no new stream.
  for (const { name: tab, disabled } of await page.evaluate(() => e2eProbe.tabs())) {
    if (disabled && tab !== 'Charts' && tab !== 'Logs') continue; // the run has none of it
    expectLoaded(await clickTab(page, tab));
    if (tab === 'Charts') await untilChartTotal(page, key, run.counts().get(key)!, SETTLE_MS, 'after the run ended');
    if (tab === 'Logs') await untilLogCount(page, run.lines.length, SETTLE_MS, 'after the run ended');
  }
  if (watch.errors.length) fail(`errors on the page: ${watch.errors.join('; ')}`);
  if (watch.streamsOpened !== 1)
    fail(`the page opened more than one live-update stream (a reconnect to an ended run?): ${watch.streamSummary()}`);
}

function expectLoaded(tab: TabVisit): void {
  const problems = [
    tab.problem,
    tab.disabled ? 'disabled' : undefined,
    tab.stuck.length ? `still aria-busy ${SETTLE_MS / 1000} s after the click: ${tab.stuck.join('; ')}` : undefined,
    tab.alerts.length ? `role=alert shown: ${tab.alerts.join('; ')}` : undefined,
  ].filter(Boolean);
  if (problems.length) throw new Error(`tab ${tab.name}: ${problems.join('; ')}`);
}

/** Waits until `check(arg)`, run in the page, is truthy; else fails with `why()`. */
async function until<A>(
  page: Page,
  check: (arg: A) => unknown,
  arg: A,
  ms: number,
  why: () => Promise<string>,
): Promise<void> {
  try {
    // Plain values travel as they are (no handles), so the page sees `arg` itself.
    await page.waitForFunction(check as (a: unknown) => unknown, arg as unknown, { timeout: ms, polling: 50 });
  } catch {
    throw new Error(await why());
  }
}

function untilLogCount(page: Page, n: number, ms: number, when: string): Promise<void> {
  return until(
    page,
    (k) => e2eProbe.logCounts().includes(k),
    n,
    ms,
    async () => {
      const counts = await page.evaluate(() => e2eProbe.logCounts());
      return `${when}: the log viewer does not say ${n} lines within ${ms} ms (it says ${JSON.stringify(counts)})`;
    },
  );
}

function untilChartTotal(page: Page, key: string, n: number, ms: number, when: string): Promise<void> {
  return until(
    page,
    ([k, total]) => e2eProbe.charts().some((c) => c.keys.length === 1 && c.keys[0] === k && c.total === total),
    [key, n] as const,
    ms,
    async () => {
      const charts = (await page.evaluate(() => e2eProbe.charts())).map((c) => `${c.keys.join(',')}: ${c.total}`);
      return `${when}: the ${key} chart does not count ${n} raw points within ${ms} ms (charts: ${charts.join('; ') || 'none visible'})`;
    },
  );
}

async function badges(page: Page): Promise<string> {
  return JSON.stringify(await page.evaluate(() => e2eProbe.badges()));
}
