/**
 * The listing watcher over many runs on disk lists again only the runs whose files changed (and
 * live ones), not every run; a run folder deleted is told as `run-removed` and leaves the list.
 */
import { after, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRef } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { ListingDelta } from '../../../src/server/listing-delta.js';
import { openRuns } from '../../../src/server/open-runs.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { RunWatcher, type ListingMessage } from '../../../src/server/run-watcher.js';
import { exitRecord, frame, historyRecord, runRecord } from '../formats/wandb/helpers.js';
import { advance, advanceUntil } from '../../support/advance.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A tiny W&B run folder under `root/wandb`; `ended`: with an exit record. */
function writeRun(root: string, id: string, i: number, ended = true, startMs = T0 + i * 1000): string {
  const run = join(root, 'wandb', `run-20240102_030405-${id}`);
  mkdirSync(join(run, 'files'), { recursive: true });
  const records = [runRecord({ id, project: 'p', name: id, startMs }), historyRecord([['loss', '0.5']], 0)];
  if (ended) records.push(exitRecord(0, 60));
  writeFileSync(join(run, `run-${id}.wandb`), frame(records));
  writeFileSync(join(run, 'files', 'wandb-summary.json'), `{"loss": ${1 / (i + 1)}}`);
  return run;
}

function runsFolder(n: number): string {
  const root = mkdtempSync(join(tmpdir(), 'runpage-watch-scale-'));
  dirs.push(root);
  for (let i = 0; i < n; i++) writeRun(root, `r${String(i).padStart(4, '0')}`, i);
  return root;
}

describe('RunWatcher over runs on disk', () => {
  it('lists again only the run whose files changed among 1,000, on a rescan and on a notification', async () => {
    const root = runsFolder(1000);
    const registry = new RunRegistry({ now: () => T0 + 86_400_000, log: () => {} });
    registry.addLocations((await discoverRuns([root])).runs);
    const relisted: string[][] = [];
    let fullListings = 0;
    const delta = new ListingDelta({
      runs: registry,
      list: (ids) => {
        relisted.push(ids);
        return registry.listRunsOf(ids);
      },
    });
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const watcher = new RunWatcher({
        list: () => {
          fullListings++;
          return registry.listRuns();
        },
        changes: delta,
        folders: [root],
        watch: (() => {
          throw new Error('no watching here');
        }) as never,
        debounceMs: 100,
        // rescans are made below as the timer makes them (`changed(true, null)`), not left to the clock
        rescanMs: 3_600_000,
        log: () => {},
      });
      const got: ListingMessage[] = [];
      const sub = await watcher.subscribe((m) => got.push(m));
      assert.equal(fullListings, 1, 'the baseline lists every run once');
      assert.equal(delta.stamped, 1000);

      // a rescan with nothing changed stamps every run and lists none
      watcher.changed(true, null);
      await advanceUntil(() => delta.stamped === 2000, 'the rescan stamps every run', 30_000);
      await advance(200);
      assert.deepEqual(relisted, []);
      assert.equal(delta.stamped, 2000);
      assert.equal(got.length, 0);

      const summary = join(root, 'wandb', 'run-20240102_030405-r0500', 'files', 'wandb-summary.json');
      writeFileSync(summary, '{"loss": 0.001}');
      utimesSync(summary, T0 / 1000 + 9, T0 / 1000 + 9);
      watcher.changed(true, null);
      await advanceUntil(() => got.length > 0, 'the rescan tells of the changed run', 30_000);
      assert.deepEqual(relisted, [['r0500']], 'one run of 1,000 is listed again');
      assert.equal(got.length, 1);
      assert.equal(got[0]!.event.type, 'run-changed');
      assert.equal((got[0]!.event as { run: RunRef }).run.summary?.loss, 0.001);

      // a notification naming a file: only the run holding it is stamped
      const stampedBefore = delta.stamped;
      writeFileSync(summary, '{"loss": 0.0001}');
      utimesSync(summary, T0 / 1000 + 10, T0 / 1000 + 10);
      watcher.changed(false, summary);
      await advanceUntil(() => got.length > 1, 'the notification tells of the changed run', 30_000);
      assert.equal(delta.stamped - stampedBefore, 1, 'one run stamped, not 1,000');
      assert.deepEqual(relisted, [['r0500'], ['r0500']]);
      assert.equal(fullListings, 1, 'every run was listed once, for the baseline');
      sub.unsubscribe();
      watcher.close();
    } finally {
      mock.timers.reset();
      await registry.close();
    }
  });

  it('lists a live run again on every look (its state moves with the clock), ended ones only when they change', async () => {
    const root = runsFolder(20);
    writeRun(root, 'live1', 99, false, Date.now());
    // the listing's heartbeat is the datastore's mtime: the clock starts at the real one
    let now = Date.now();
    const registry = new RunRegistry({ now: () => now, heartbeatThresholdMs: 60_000, log: () => {} });
    registry.addLocations((await discoverRuns([root])).runs);
    // asked for when the listing starts, listed when it is done
    const relisted: string[][] = [];
    let listed = 0;
    const delta = new ListingDelta({
      runs: registry,
      list: async (ids) => {
        relisted.push(ids);
        const refs = await registry.listRunsOf(ids);
        listed++;
        return refs;
      },
    });
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const watcher = new RunWatcher({
        list: () => registry.listRuns(),
        changes: delta,
        debounceMs: 10,
        // advanceUntil moves the clock 1 ms a turn: a slow look must not reach a rescan's first tick
        rescanMs: 3_600_000,
        log: () => {},
      });
      const got: ListingMessage[] = [];
      const sub = await watcher.subscribe((m) => got.push(m));
      watcher.changed();
      await advanceUntil(() => listed === 1, 'a look');
      await advance(20);
      assert.deepEqual(relisted, [['live1']]);
      assert.equal(got.length, 0, 'still running');
      // silent past the threshold: shown crashed, though no file changed
      now += 120_000;
      watcher.changed();
      await advanceUntil(() => got.length > 0, 'the run silent too long is told');
      assert.deepEqual(relisted, [['live1'], ['live1']]);
      assert.equal(listed, 2);
      assert.equal(got[0]!.event.type, 'run-changed');
      assert.equal((got[0]!.event as { run: RunRef }).run.state, 'crashed');
      // no longer live: not listed again until its files change
      watcher.changed();
      await advance(20);
      assert.equal(relisted.length, 2);
      sub.unsubscribe();
      watcher.close();
    } finally {
      mock.timers.reset();
      await registry.close();
    }
  });

  it('tells run-removed when a run folder is deleted (fs.watch), and the run leaves the list', async () => {
    const root = runsFolder(3);
    const cacheDir = mkdtempSync(join(tmpdir(), 'runpage-watch-cache-'));
    dirs.push(cacheDir);
    const opened = await openRuns({ paths: [root], cacheDir, log: () => {} });
    const { watcher, catalog } = opened;
    assert.ok((await catalog.listRuns()).some((r) => r.id === 'r0001'));
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const got: ListingMessage[] = [];
      const sub = await watcher.subscribe((m) => got.push(m));
      rmSync(join(root, 'wandb', 'run-20240102_030405-r0001'), { recursive: true });
      // the notification comes in real time; the debounce (1 s) runs on the fake clock
      await advanceUntil(() => got.length > 0, 'the deleted run is told', 30_000);
      assert.deepEqual(
        got.map((m) => m.event),
        [{ type: 'run-removed', runId: 'r0001' }],
      );
      assert.equal(catalog.has('r0001'), false);
      assert.deepEqual(
        (await catalog.listRuns()).map((r) => r.id),
        ['r0000', 'r0002'],
        'no longer listed (with a read error or otherwise)',
      );
      // a new folder is told as added, the same way
      writeRun(root, 'r0009', 9);
      await advanceUntil(() => got.length > 1, 'the new run is told', 30_000);
      assert.equal(got[1]!.event.type, 'run-added');
      sub.unsubscribe();
      watcher.close();
    } finally {
      mock.timers.reset();
      await catalog.close();
    }
    // the runs list kept on disk let go of it too
    const [file] = readdirSync(join(cacheDir, 'listing')).filter((f) => f.endsWith('.json'));
    const kept = (JSON.parse(readFileSync(join(cacheDir, 'listing', file!), 'utf8')) as { runs: { dir: string }[] })
      .runs;
    assert.deepEqual(kept.map((r) => r.dir.split('-').at(-1)).sort(), ['r0000', 'r0002', 'r0009']);
  });
});
