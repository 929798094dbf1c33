/**
 * The runs list of `runpage serve` answers W&B runs from their small files, without reading
 * them (no run is loaded by listing), and sees a run's files change (size or mtime). A page in
 * start order lists only its own runs; listings are kept on disk for a restarted server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRunList } from '../../../src/data/run-query.js';
import type { RunPage } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { createRunpageHandler } from '../../../src/server/handler.js';
import { RunRegistry } from '../../../src/server/registry.js';
import type { LoadedRun } from '../../../src/server/run-loaders.js';
import { exitRecord, frame, historyRecord, runRecord } from '../formats/wandb/helpers.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);

test('W&B runs are listed from their small files, not read, and listed again when they change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-listing-'));
  try {
    const run = join(dir, 'proj', 'wandb', 'run-20240102_030405-abc1');
    mkdirSync(join(run, 'files'), { recursive: true });
    writeFileSync(
      join(run, 'run-abc1.wandb'),
      frame([
        runRecord({ id: 'abc1', project: 'p', name: 'sweep-<b>1</b>', startMs: T0, tags: ['t1'] }),
        historyRecord([['loss', '0.5']], 0),
        exitRecord(0, 60),
      ]),
    );
    writeFileSync(join(run, 'files', 'config.yaml'), 'lr:\n  value: 0.01\n');
    writeFileSync(join(run, 'files', 'wandb-summary.json'), '{"loss": 0.25, "_wandb": {"runtime": 60}}');
    const found = await discoverRuns([dir]);
    const loads: string[] = [];
    const registry = new RunRegistry({
      now: () => T0 + 86_400_000,
      loader: async (loc): Promise<LoadedRun> => {
        loads.push(loc.id);
        throw new Error('listing must not read the run');
      },
    });
    registry.addLocations(found.runs);
    const [ref] = await registry.listRuns();
    assert.deepEqual(loads, [], 'no run was read');
    assert.equal(ref!.id, 'abc1');
    assert.equal(ref!.name, 'sweep-<b>1</b>');
    assert.equal(ref!.project, 'p');
    assert.deepEqual(ref!.tags, ['t1']);
    assert.equal(ref!.state, 'finished');
    assert.equal(ref!.startedAt, T0);
    assert.deepEqual(ref!.config, { lr: 0.01 });
    assert.equal(ref!.summary?.loss, 0.25);

    // The summary grows (as a live run's does): the next listing has the new value.
    writeFileSync(join(run, 'files', 'wandb-summary.json'), '{"loss": 0.125, "acc": 0.9}');
    utimesSync(join(run, 'files', 'wandb-summary.json'), T0 / 1000 + 7, T0 / 1000 + 7);
    const [again] = await registry.listRuns();
    assert.equal(again!.summary?.loss, 0.125);
    assert.equal(again!.summary?.acc, 0.9);
    assert.deepEqual(loads, []);
    registry.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A W&B run folder under `dir`; `bulk`: bytes of history after the run record (past the quick look's ends). */
function writeRun(
  dir: string,
  o: { id: string; startMs?: number; name?: string; bulk?: number; summary?: boolean; later?: number },
): string {
  const run = join(dir, 'wandb', `run-20240102_030405-${o.id}`);
  mkdirSync(join(run, 'files'), { recursive: true });
  const records = [runRecord({ id: o.id, project: 'p', name: o.name ?? o.id, startMs: o.startMs })];
  for (let step = 0, n = 0; n < (o.bulk ?? 0); step++) {
    const r = historyRecord([['loss', String(1 / (step + 1))]], step);
    records.push(r);
    n += r.length;
  }
  // A later run record (a resumed run's) that says another start: the listing takes the later one.
  if (o.later !== undefined)
    records.push(runRecord({ id: o.id, project: 'p', name: o.name ?? o.id, startMs: o.later }));
  records.push(exitRecord(0, 60));
  writeFileSync(join(run, `run-${o.id}.wandb`), frame(records));
  if (o.summary !== false) writeFileSync(join(run, 'files', 'wandb-summary.json'), '{"loss": 0.5}');
  return run;
}

test('a page in start order lists its runs only, and is the page a listing of every run gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-listing-page-'));
  try {
    // Starts out of folder order, two runs starting together, one run without a start.
    const starts = [5, 3, 9, 1, 7, 3, 8, undefined, 2, 6];
    starts.forEach((s, i) => writeRun(dir, { id: `r${i}`, startMs: s === undefined ? undefined : T0 + s * 1000 }));
    // A run whose quick look is unsure (no wandb-summary.json, a datastore not read whole) and
    // which starts first: off the first pages, listing it would read it.
    writeRun(dir, { id: 'old', startMs: T0 - 86_400_000, bulk: 200_000, summary: false });
    const found = await discoverRuns([dir]);
    const loads: string[] = [];
    const registry = new RunRegistry({
      now: () => T0 + 86_400_000,
      loader: async (loc): Promise<LoadedRun> => {
        loads.push(loc.id);
        throw new Error('not read in this test');
      },
    });
    registry.addLocations(found.runs);
    const first = await registry.queryRuns({ limit: 4 });
    assert.deepEqual(loads, [], 'no run off the page was read');
    assert.deepEqual(
      first?.runs.map((r) => r.id),
      ['r2', 'r6', 'r4', 'r9'],
    );
    assert.equal(first?.total, 11);
    assert.equal(first?.next, '4');

    // Every page, both directions, as the API answers it (a page the registry cannot answer
    // cheaply is paged from every run's listing), against paging a listing of every run.
    const reference = new RunRegistry({
      now: () => T0 + 86_400_000,
      loader: async () => {
        throw new Error('not read in this test');
      },
    });
    reference.addLocations(found.runs);
    const all = await reference.listRuns();
    const ids = (p: RunPage) => p.runs.map((r) => r.id);
    for (const dirn of ['desc', 'asc'] as const) {
      for (const limit of [1, 3, 100]) {
        let cursor: string | undefined;
        do {
          const q = { limit, cursor, sort: { column: 'started' as const, dir: dirn } };
          const page = (await registry.queryRuns(q)) ?? (await queryRunList(await registry.listRuns(), q));
          const expected = await queryRunList(all, q);
          assert.deepEqual(ids(page), ids(expected), `${dirn} ${limit} ${cursor}`);
          assert.equal(page.total, expected.total);
          assert.equal(page.next, expected.next);
          assert.deepEqual(page.runs, expected.runs);
          cursor = page.next;
        } while (cursor);
      }
    }
    // What a start order cannot answer is left to a listing of every run.
    assert.equal(await registry.queryRuns({ search: 'r1' }), undefined);
    assert.equal(await registry.queryRuns({ filters: { state: 'finished' } }), undefined);
    assert.equal(await registry.queryRuns({ sort: { column: 'name', dir: 'asc' } }), undefined);
    await assert.rejects(registry.queryRuns({ cursor: 'x' }), /cursor/);
    registry.close();
    reference.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run whose listing starts elsewhere than its first run record says is still put in its place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-listing-later-'));
  try {
    writeRun(dir, { id: 'a', startMs: T0 + 1000 });
    writeRun(dir, { id: 'b', startMs: T0 + 2000 });
    // Its first run record says newest; the one in its tail (what the listing shows) says oldest.
    writeRun(dir, { id: 'c', startMs: T0 + 9000, bulk: 100_000, later: T0 });
    const registry = new RunRegistry({ now: () => T0 + 86_400_000 });
    registry.addLocations((await discoverRuns([dir])).runs);
    const page = await registry.queryRuns({ limit: 1 });
    // Either answer is right, as long as it is the true first page.
    const ids = page
      ? page.runs.map((r) => r.id)
      : (await queryRunList(await registry.listRuns(), { limit: 1 })).runs.map((r) => r.id);
    assert.deepEqual(ids, ['b']);
    assert.equal(page, undefined, 'the contradiction is noticed: every run is listed instead');
    registry.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runs list kept on disk answers a restarted server until a run changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-listing-store-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'runpage-cache-'));
  try {
    const run = writeRun(dir, { id: 'kept', startMs: T0, name: 'real-name' });
    const found = await discoverRuns([dir]);
    const first = new RunRegistry({ now: () => T0 + 86_400_000, cacheDir });
    first.addLocations(found.runs);
    assert.equal((await first.listRuns())[0]!.name, 'real-name');
    await first.flush();
    first.close();
    const [file] = readdirSync(join(cacheDir, 'listing'));
    const path = join(cacheDir, 'listing', file!);
    assert.ok(!path.startsWith(dir), 'nothing is written inside the run folders');
    // Prove the next server answers from the file: change the name kept there.
    writeFileSync(path, readFileSync(path, 'utf8').replace('real-name', 'name-from-cache'));

    const second = new RunRegistry({ now: () => T0 + 86_400_000, cacheDir });
    second.addLocations(found.runs);
    assert.equal((await second.queryRuns({ limit: 10 }))?.runs[0]!.name, 'name-from-cache');
    assert.equal((await second.listRuns())[0]!.name, 'name-from-cache');
    // A file of the run changes: it is looked at again.
    utimesSync(join(run, 'files', 'wandb-summary.json'), T0 / 1000 + 9, T0 / 1000 + 9);
    assert.equal((await second.listRuns())[0]!.name, 'real-name');
    second.close();

    // A cache file that is not what it should be is ignored.
    writeFileSync(path, '{"version": 1, "root": "nope", "runs": [');
    const third = new RunRegistry({ now: () => T0 + 86_400_000, cacheDir });
    third.addLocations(found.runs);
    assert.equal((await third.listRuns())[0]!.name, 'real-name');
    third.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a server over a registry counts its runs without listing them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-listing-count-'));
  try {
    // Listing this run would read it (its quick look is unsure): the loader sees whether it was listed.
    writeRun(dir, { id: 'big', startMs: T0, bulk: 100_000, summary: false });
    const loads: string[] = [];
    const registry = new RunRegistry({
      loader: async (loc): Promise<LoadedRun> => {
        loads.push(loc.id);
        throw new Error('not read in this test');
      },
    });
    registry.addLocations((await discoverRuns([dir])).runs);
    const handler = createRunpageHandler({ catalog: registry });
    assert.deepEqual(await handler.ready, { runs: 1, problems: [] });
    assert.deepEqual(loads, [], 'opening the server listed no run');
    await handler.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
