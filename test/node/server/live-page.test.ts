/**
 * The whole path in a real browser: `runpage serve` over a W&B run being written, the run page
 * in headless Chromium, and a writer appending to the datastore. The page shows the new log
 * lines and points, and the state badge turns Finished when the exit record lands.
 *
 * Skips when Chromium or playwright-core is not installed. The script bundle is built here from
 * src/bundle.ts with esbuild (plus HttpSource, which the page takes from the bundle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverRuns } from '../../../src/server/discover.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../formats/wandb/helpers.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer } from '../../../src/server/server.js';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function tools(): Promise<
  { chromium: typeof import('playwright-core').chromium; build: typeof import('esbuild').build } | string
> {
  if (!existsSync(CHROME)) return `no Chromium at ${CHROME}`;
  try {
    const [{ chromium }, { build }] = await Promise.all([import('playwright-core'), import('esbuild')]);
    return { chromium, build };
  } catch (e) {
    return `playwright-core or esbuild is not installed (${(e as Error).message})`;
  }
}

const found = await tools();

test(
  'the run page follows a live W&B run',
  { skip: typeof found === 'string' ? found : false, timeout: 90_000 },
  async () => {
    const { chromium, build } = found as Exclude<typeof found, string>;
    const dir = mkdtempSync(join(tmpdir(), 'runpage-page-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export * from ${JSON.stringify(join(ROOT, 'src/bundle.ts'))};\nexport { HttpSource } from ${JSON.stringify(join(ROOT, 'src/data/http-source.ts'))};\n`,
    );
    const bundlePath = join(dir, 'runpage.bundle.js');
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      outfile: bundlePath,
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });

    const run = join(dir, 'run-20260101_000000-pagelive');
    mkdirSync(join(run, 'files'), { recursive: true });
    const records: Uint8Array[] = [];
    let written = 0;
    const write = (...r: Uint8Array[]) => {
      records.push(...r);
      const all = frame(records);
      appendFileSync(join(run, 'run-pagelive.wandb'), all.subarray(written));
      written = all.length;
    };
    const row = (i: number, t: number) =>
      historyRecord(
        [
          ['train/loss', String(1 / (1 + i))],
          ['_step', String(i)],
          ['_timestamp', String(t / 1000)],
        ],
        i,
      );
    const t0 = Date.now();
    write(runRecord({ id: 'pagelive', name: 'page live', startMs: t0 }));
    for (let i = 0; i < 20; i++) write(row(i, t0 + i), outputRecord(`before ${i}\n`, true, false, t0 + i));

    const registry = new RunRegistry({ pollMs: 100, log: () => {} });
    registry.addLocations((await discoverRuns([dir])).runs);
    const server = await startServer(registry, { bundlePath });
    const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu'] });
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}runs/pagelive#logs`);
      await page.getByText('before 19').waitFor({ timeout: 20_000 });
      await page.getByText('Running', { exact: true }).waitFor({ timeout: 10_000 });

      const t1 = Date.now();
      for (let i = 20; i < 25; i++) write(row(i, t1 + i), outputRecord(`live line ${i}\n`, true, false, t1 + i));
      await page.getByText('live line 24').waitFor({ timeout: 20_000 });
      write(exitRecord(0, 5));
      await page.getByText('Finished', { exact: true }).waitFor({ timeout: 20_000 });

      // The chart says how many raw points it draws: the live ones are among them.
      await page.goto(`${server.url}runs/pagelive#charts`);
      await page.getByText(/\b25 raw points\b/).waitFor({ timeout: 20_000 });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
