/**
 * The runs list of `runpage serve` follows the folder it serves, the way a user watches a sweep:
 * with the list open in Chromium, this test starts a W&B run in the served folder (a run folder
 * that did not exist when the server started) and the table shows it, running, without a reload;
 * when the run writes its exit record the table shows it Finished. The page holds one live
 * stream all along. Records are written when the test asks for them, never on a timer.
 *
 * Needs dist/ (`npm run build`); skips without Chromium or playwright-core.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserMissing, openPage } from './support/browser.js';
import { serveDuringTests } from './support/serve-session.js';
import { WandbRunWriter } from './support/wandb-run.js';
import { until } from '../support/until.js';

/** How soon a change on disk must be in the open table (the server looks once a second, rescans every 5 s). */
const LIVE_MS = 8000;

const missingBrowser = await browserMissing();
const work = mkdtempSync(join(tmpdir(), 'runpage-e2e-list-'));

function startRun(id: string): WandbRunWriter {
  const t0 = Date.now();
  const run = new WandbRunWriter(join(work, 'wandb'), id, { name: `sweep ${id}`, project: 'runpage-e2e', startMs: t0 });
  for (let i = 0; i < 3; i++) run.history({ 'train/loss': 1 / (1 + i) }, t0 + i);
  return run;
}

const session = serveDuringTests({
  skip: missingBrowser,
  work,
  paths: () => {
    mkdirSync(join(work, 'wandb'), { recursive: true });
    startRun('e2elistold').exit(0, Date.now());
    return [work];
  },
});

test(
  'a run started in the served folder appears in the open runs list, running, then finished; one stream',
  { skip: missingBrowser ?? false, timeout: 60_000 },
  async () => {
    const { page, watch, close } = await openPage(session.browser);
    try {
      await page.goto(session.served.url, { waitUntil: 'load' });
      const row = (id: string) => page.locator(`run-table .body-row[data-id="${id}"]`);
      await row('e2elistold').waitFor({ timeout: LIVE_MS });
      // the table listens before the run starts
      await until(() => watch.openStreams > 0, 'the runs list to open its live stream', LIVE_MS);

      const run = startRun('e2elistnew');
      await row('e2elistnew')
        .waitFor({ timeout: LIVE_MS })
        .catch(() => assert.fail(`the new run was not in the table within ${LIVE_MS} ms`));
      const state = () => row('e2elistnew').locator('[data-state]').getAttribute('data-state');
      assert.equal(await state(), 'running');

      run.exit(0, Date.now());
      await page
        .waitForFunction(
          () =>
            document
              .querySelector('run-table')
              ?.shadowRoot?.querySelector('.body-row[data-id="e2elistnew"] [data-state]')
              ?.getAttribute('data-state') === 'finished',
          undefined,
          { timeout: LIVE_MS },
        )
        .catch(async () => assert.fail(`the ended run still shows ${await state()} after ${LIVE_MS} ms`));
      assert.match((await page.locator('run-table .announce').textContent()) ?? '', /run ended/);
      assert.equal(watch.maxOpenStreams, 1, `one live stream at most: ${watch.streamSummary()}`);
      assert.deepEqual(watch.errors, [], 'no console or page errors');
    } catch (e) {
      const server = session.served.stderr().trim();
      throw new Error(`${(e as Error).message}${server ? `\n  server stderr: ${server}` : ''}`, { cause: e });
    } finally {
      await close();
    }
  },
);
