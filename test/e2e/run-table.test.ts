/**
 * The runs table of `runpage serve` over the real public runs in ../shared/fixtures/real, the way
 * a user uses it in Chromium: every run the API lists is in the table; typing part of an id leaves
 * that run alone; a column header sorts (and says so with aria-sort); ticking two runs and pressing
 * Compare shows their metric in one chart with both names in its legend, and the comparison is in
 * the URL, so opening that URL again shows it. No console or page errors on the way.
 *
 * Needs dist/ (`npm run build`); skips without Chromium or playwright-core or the real runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunRef } from '../../src/data/source.js';
import { listRuns } from './support/api.js';
import { browserMissing, openPage, type PageWatch } from './support/browser.js';
import { REAL_FIXTURES, REAL_FIXTURES_MISSING } from './support/paths.js';
import { serveDuringTests } from './support/serve-session.js';

const WAIT_MS = 15_000;
/** Two TensorBoard runs of one sweep: same metrics, different seeds. */
const PAIR = [/DQN_seed_0_.*\/DQN_1$/, /DQN_seed_1_.*\/DQN_1$/];
const METRIC = 'rollout/ep_len_mean';

const skip = (await browserMissing()) ?? REAL_FIXTURES_MISSING;
let runs: RunRef[] = [];
const session = serveDuringTests({
  skip,
  paths: () => [REAL_FIXTURES],
  started: async (served) => void (runs = await listRuns(served.url)),
});

const rowIds = (page: Page): Promise<string[]> =>
  page.locator('run-table .body-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id!));

async function typeSearch(page: Page, text: string): Promise<void> {
  await page.locator('run-table .toolbar > .search').fill(text);
}

/** Every id the table holds, read a screen at a time (only the rows on screen are drawn). */
async function everyRowId(page: Page): Promise<Set<string>> {
  const seen = new Set<string>();
  const scroller = page.locator('run-table .scroller');
  for (let i = 0; i < 1000; i++) {
    for (const id of await rowIds(page)) seen.add(id);
    const done = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight;
      return end;
    });
    if (done) break;
    // The scroll event redraws the rows in the next frame.
    await scroller.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return seen;
}

function check(watch: PageWatch): void {
  assert.deepEqual(watch.errors, [], 'no console or page errors');
}

test('the runs table: every run, search by id, sort, compare two runs in one chart', { skip }, async () => {
  const { page, watch, close } = await openPage(session.browser);
  try {
    await page.goto(session.served.url);
    await page.locator('run-table .body-row').first().waitFor({ timeout: WAIT_MS });
    assert.match(
      (await page.locator('run-table [part~="toolbar"] .count').textContent())!,
      new RegExp(`${runs.length} runs`),
    );

    // every run in the table
    const ids = await everyRowId(page);
    assert.deepEqual([...ids].sort(), runs.map((r) => r.id).sort());

    // part of an id, unique among the runs: that run alone
    const target = runs.find((r) => /^[0-9a-f]{32}$/.test(r.id)) ?? runs[0];
    const part = target.id.slice(3, 11);
    assert.equal(runs.filter((r) => r.id.includes(part) || (r.name ?? '').includes(part)).length, 1, 'a unique part');
    await typeSearch(page, part);
    await page.waitForFunction(
      (id) => {
        const rows = document.querySelector('run-table')!.shadowRoot!.querySelectorAll<HTMLElement>('.body-row');
        return rows.length === 1 && rows[0].dataset.id === id;
      },
      target.id,
      { timeout: WAIT_MS },
    );
    await typeSearch(page, '');

    // sort by name: aria-sort says so, and the rows follow
    const nameHeader = page.locator('run-table .head [data-column="name"]');
    await nameHeader.locator('button.sort').click();
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
    const names = await page
      .locator('run-table .body-row .name-text')
      .evaluateAll((els) => els.map((e) => e.textContent!.toLowerCase()));
    assert.ok(names.length > 3);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );

    // tick two runs and compare them: one chart, both names in its legend
    const pair = PAIR.map((re) => runs.find((r) => re.test(r.id)));
    assert.ok(pair[0] && pair[1], 'the two DQN runs are in the fixtures');
    await typeSearch(page, 'DQN_seed_');
    for (const run of pair)
      await page.locator(`run-table .body-row[data-id="${run!.id}"] input[type="checkbox"]`).check();
    await page.locator('run-table button.compare').click();
    await page.locator('run-compare .charts > *').first().waitFor({ timeout: WAIT_MS });
    const legendOf = (metric: string) =>
      page.waitForFunction(
        ([key, want]) => {
          const compare = document.querySelector('run-table')!.shadowRoot!.querySelector('run-compare');
          const charts = [
            ...(compare?.shadowRoot?.querySelectorAll<HTMLElement & { metric?: string }>('.charts > *') ?? []),
          ];
          const c = charts.find((x) => x.metric === key);
          const items = [...(c?.shadowRoot?.querySelectorAll('[part="legend"] li') ?? [])].map((li) =>
            li.textContent!.trim(),
          );
          return items.length === want.length && want.every((n, i) => items[i] === n) ? items : false;
        },
        [metric, pair.map((r) => r!.name ?? r!.id)] as const,
        { timeout: WAIT_MS },
      );
    await legendOf(METRIC);
    const hash = new URL(page.url()).hash;
    assert.match(hash, /view=compare/);
    assert.match(hash, /compare=/);

    // the comparison is in the URL: a fresh page on it shows the same chart
    const again = await openPage(session.browser);
    try {
      await again.page.goto(page.url());
      await again.page.waitForFunction(
        (key) => {
          const compare = document.querySelector('run-table')?.shadowRoot?.querySelector('run-compare');
          const charts = [
            ...(compare?.shadowRoot?.querySelectorAll<HTMLElement & { metric?: string }>('.charts > *') ?? []),
          ];
          return charts.some((c) => c.metric === key);
        },
        METRIC,
        { timeout: WAIT_MS },
      );
      check(again.watch);
    } finally {
      await again.close();
    }
    check(watch);
  } finally {
    await close();
  }
});
