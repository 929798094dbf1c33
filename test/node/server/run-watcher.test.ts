import { after, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { RunWatcher, type ListingMessage } from '../../../src/server/run-watcher.js';
import type { RunRef, RunState } from '../../../src/data/source.js';
import { advance } from '../../support/advance.js';
import { until } from '../../support/until.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A folder of "runs": each sub-folder is a run whose `state` file holds its state. */
async function runsFolder(): Promise<{ dir: string; list: () => Promise<RunRef[]> }> {
  const dir = await mkdtemp(nodePath.join(tmpdir(), 'runpage-watch-'));
  dirs.push(dir);
  const list = async () => {
    const refs: RunRef[] = [];
    for (const name of (await readdir(dir)).sort()) {
      const state = (await readFile(nodePath.join(dir, name, 'state'), 'utf8').catch(() => 'pending')) as RunState;
      refs.push({ id: name, state });
    }
    return refs;
  };
  return { dir, list };
}

async function addRun(dir: string, id: string, state: RunState): Promise<void> {
  await mkdir(nodePath.join(dir, id), { recursive: true });
  await writeFile(nodePath.join(dir, id, 'state'), state);
}

describe('RunWatcher', () => {
  it('tells of a run folder created and of a run that ends, from fs.watch notifications', async () => {
    const { dir, list } = await runsFolder();
    await addRun(dir, 'old', 'finished');
    // no rescan within the test: what arrives, fs.watch told
    const watcher = new RunWatcher({ list, folders: [dir], debounceMs: 20, rescanMs: 3_600_000, log: () => {} });
    const got: ListingMessage[] = [];
    const { missed, unsubscribe } = await watcher.subscribe((m) => got.push(m));
    assert.equal(missed, false);
    assert.equal(got.length, 0, 'the baseline listing is no change');
    await addRun(dir, 'new', 'running');
    await until(
      () => got.some((m) => m.event.type === 'run-added' && m.event.run.id === 'new'),
      'the new run folder is told',
    );
    await writeFile(nodePath.join(dir, 'new', 'state'), 'finished');
    await until(
      () => got.some((m) => m.event.type === 'run-changed' && m.event.run.state === 'finished'),
      'the run that ended is told',
    );
    await rm(nodePath.join(dir, 'old'), { recursive: true });
    await until(() => got.some((m) => m.event.type === 'run-removed' && m.event.runId === 'old'), 'a removed run');
    // every change is told once, in order, with rising positions
    const seqs = got.map((m) => Number(m.position.split('.')[1]));
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 1),
    );
    assert.equal(got.filter((m) => m.event.type === 'run-added').length, 1);
    unsubscribe();
    watcher.close();
  });

  describe('with fake timers', () => {
    it('rescans on its interval where folders cannot be watched, debounced, and lists nothing while nobody listens', async () => {
      mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
      try {
        let refs: RunRef[] = [{ id: 'a', state: 'running' }];
        let lists = 0;
        const logged: string[] = [];
        const watcher = new RunWatcher({
          list: async () => {
            lists++;
            return refs;
          },
          folders: ['/nowhere'],
          watch: (() => {
            throw new Error('no watching here');
          }) as never,
          debounceMs: 300,
          rescanMs: 5000,
          lingerMs: 10_000,
          log: (m) => logged.push(m),
        });
        await advance(10_000);
        assert.equal(lists, 0, 'nothing is listed before a client listens');
        const got: ListingMessage[] = [];
        const sub = await watcher.subscribe((m) => got.push(m));
        assert.equal(lists, 1);
        assert.match(logged.join('\n'), /cannot be watched/);
        refs = [
          { id: 'a', state: 'finished' },
          { id: 'b', state: 'running' },
        ];
        await advance(5000);
        assert.equal(got.length, 0, 'the rescan waits for the debounce');
        await advance(300);
        assert.deepEqual(
          got.map((m) => m.event),
          [
            { type: 'run-changed', run: { id: 'a', state: 'finished' } },
            { type: 'run-added', run: { id: 'b', state: 'running' } },
          ],
        );
        // changes that come quickly are looked at once
        watcher.changed();
        await advance(100);
        watcher.changed();
        await advance(100);
        watcher.changed();
        const before = lists;
        await advance(300);
        assert.equal(lists, before + 1);
        // the last client leaves: after the linger time, no more listing
        sub.unsubscribe();
        await advance(10_000);
        assert.equal(watcher.running, false);
        const stopped = lists;
        await advance(20_000);
        assert.equal(lists, stopped);
      } finally {
        mock.timers.reset();
      }
    });

    it('replays what a reconnecting client missed, and says when it cannot', async () => {
      mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
      try {
        let refs: RunRef[] = [];
        const watcher = new RunWatcher({
          list: async () => refs,
          debounceMs: 10,
          rescanMs: 1_000_000,
          capacity: 2,
          log: () => {},
        });
        const first: ListingMessage[] = [];
        const keep = await watcher.subscribe((m) => first.push(m));
        const start = watcher.position;
        refs = [{ id: 'x' }];
        watcher.changed();
        await advance(10);
        const afterX = watcher.position;
        refs = [{ id: 'x' }, { id: 'y' }];
        watcher.changed();
        await advance(10);
        assert.equal(first.length, 2);

        const replayed: ListingMessage[] = [];
        const r1 = await watcher.subscribe((m) => replayed.push(m), afterX);
        assert.equal(r1.missed, false);
        assert.deepEqual(
          replayed.map((m) => m.event),
          [{ type: 'run-added', run: { id: 'y' } }],
        );
        r1.unsubscribe();

        refs = [{ id: 'y' }];
        watcher.changed();
        await advance(10);
        // three changes since `start`, two kept: the client must list again
        assert.equal((await watcher.subscribe(() => {}, start)).missed, true);
        assert.equal((await watcher.subscribe(() => {}, 'another-process.1')).missed, true);
        assert.equal((await watcher.subscribe(() => {}, 'garbage')).missed, true);
        keep.unsubscribe();
        watcher.close();
      } finally {
        mock.timers.reset();
      }
    });
  });
});
