/**
 * `runpage serve --cache-dir`: an ended W&B run read once is written to the cache folder, and a
 * server started again over the same folders answers from it with the same data. `--no-cache`
 * writes nothing; the two together are a usage error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/server/cli.js';
import { HttpSource } from '../../../src/data/http-source.js';
import { until } from '../../support/until.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../formats/wandb/helpers.js';

const T0 = Date.UTC(2024, 0, 1, 12);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

async function serveAndAsk(args: string[], env: Record<string, string | undefined> = {}) {
  const cli = io();
  const r = await main(['serve', ...args, '--port', '0'], cli.io, env);
  assert.equal(r.code, 0, cli.err.join('\n'));
  const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(cli.out[0] ?? '')?.[1];
  assert.ok(url, cli.out[0]);
  const source = new HttpSource(url);
  const series = await source.getSeries({ runIds: ['cli1'], keys: ['loss'], x: 'step' });
  const logs = await source.getLogs({ runId: 'cli1', start: 0, count: 100 });
  return { series, logs, close: () => r.server?.close(), err: cli.err };
}

test('serve --cache-dir caches an ended run and a restarted server answers the same from it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-cli-cache-'));
  try {
    const runDir = join(dir, 'wandb', 'run-20240101_120000-cli1');
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const records = [runRecord({ id: 'cli1', project: 'p', startMs: T0 })];
    for (let i = 0; i < 500; i++) {
      records.push(
        historyRecord(
          [
            ['loss', String(Math.cos(i))],
            ['_step', String(i)],
          ],
          i,
        ),
      );
      if (i % 10 === 0) records.push(outputRecord(`line ${i}\n`, true, false, T0 + i));
    }
    records.push(exitRecord(0, 50));
    writeFileSync(join(runDir, 'run-cli1.wandb'), frame(records));
    const cacheDir = join(dir, 'cache');

    const first = await serveAndAsk([runDir, '--cache-dir', cacheDir, '--cache-max-mb', '64']);
    try {
      const runs = join(cacheDir, 'runs');
      await until(
        () => existsSync(runs) && readdirSync(runs).some((f) => f.endsWith('.run')),
        'the cache file is written',
      );
    } finally {
      await first.close();
    }
    const again = await serveAndAsk([runDir, '--cache-dir', cacheDir]);
    await again.close();
    assert.equal(again.series[0]!.total, 500);
    assert.deepEqual(Array.from(again.series[0]!.y), Array.from(first.series[0]!.y));
    assert.equal(again.logs.lines.length, 50);
    assert.deepEqual(again.logs, first.logs);
    assert.deepEqual(again.err, [], 'no warning: the cache file was whole');

    // Without --cache-dir: $XDG_CACHE_HOME/runpage; with --no-cache: nowhere.
    const xdg = join(dir, 'xdg');
    const none = await serveAndAsk([runDir, '--no-cache'], { XDG_CACHE_HOME: xdg });
    await none.close();
    assert.deepEqual(readdirSync(dir).sort(), ['cache', 'wandb'], '--no-cache wrote nothing');
    const byDefault = await serveAndAsk([runDir], { XDG_CACHE_HOME: xdg });
    try {
      await until(
        () =>
          existsSync(join(xdg, 'runpage', 'runs')) &&
          readdirSync(join(xdg, 'runpage', 'runs')).some((f) => f.endsWith('.run')),
        'the cache file is written under XDG_CACHE_HOME',
      );
    } finally {
      await byDefault.close();
    }

    const both = io();
    const r = await main(['serve', runDir, '--no-cache', '--cache-dir', cacheDir], both.io, {});
    assert.equal(r.code, 2);
    assert.match(both.err.join('\n'), /--cache-dir and --no-cache/);
    const bad = io();
    assert.equal((await main(['serve', runDir, '--cache-max-mb', '0'], bad.io, {})).code, 2);
    assert.match(bad.err.join('\n'), /--cache-max-mb must be an integer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
