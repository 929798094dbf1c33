/**
 * The runs list of `runpage serve` answers W&B runs from their small files, without reading
 * them (no run is loaded by listing), and sees a run's files change (size or mtime).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRuns } from '../../../src/server/discover.js';
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
