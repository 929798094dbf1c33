/**
 * Symbolic links that lead back into a run folder (`files/a -> .`, several links to `.`, a link to
 * a parent): every walk lists each folder once, keeps every file, and says which links it did not
 * follow. Before the shared walk each such link multiplied the paths below it: listing never
 * answered and `runpage serve` never started.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeFolder } from '../../../src/server/node-folder.js';
import { readWandbRun } from '../../../src/formats/wandb/reader.js';
import { readTfeventsRun } from '../../../src/formats/tfevents/folder.js';
import { readMlflowRun } from '../../../src/formats/mlflow/file-store.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { walkFolder } from '../../../src/formats/common/walk.js';
import type { FolderEntry, RunFolder } from '../../../src/formats/common/run-folder.js';
import {
  WANDB_RUN,
  metricLines,
  scalarFile,
  tempDir,
  wandbDatastore,
  writeLinks,
  writeMlflowStore,
  writeTree,
} from './writers.js';

/** Each case must answer well within this (the old walks never answered at all). */
const DEADLINE = { timeout: 20_000 };
const LOOPS = { 'files/a': '.', 'files/b': '.', 'files/c': '.', 'files/up': '..', 'files/sub/top': '../..' };

let root: string;
before(() => {
  root = tempDir('loops');
  const run = join(root, WANDB_RUN);
  writeTree(run, {
    'run-hostile1.wandb': wandbDatastore('hostile1', [0, 1, 2]),
    'files/notes.txt': 'kept',
    'files/sub/deep.txt': 'kept too',
    'files/config.yaml': 'lr:\n  value: 0.1\n',
  });
  writeLinks(run, LOOPS);
  writeLinks(root, { 'wandb/loop': '.', 'wandb/parent': '..' });
  writeTree(join(root, 'tb', 'run1'), { 'events.out.tfevents.1.host': scalarFile('loss', [1, 2, 3]) });
  writeLinks(join(root, 'tb', 'run1'), { a: '.', b: '.', c: '..', 'train/up': '..' });
  writeTree(join(root, 'tb', 'run1', 'train'), { 'events.out.tfevents.2.host': scalarFile('acc', [1, 2]) });
  writeMlflowStore(root, [
    {
      id: 'mlrun1',
      metrics: { loss: metricLines([0, 1, 2]) },
      params: { lr: '0.1' },
      artifacts: { 'model/weights.bin': 'w', 'model/MLmodel': 'flavors: {}\n' },
    },
  ]);
  writeLinks(join(root, 'mlruns', '1', 'mlrun1'), {
    'artifacts/a': '.',
    'artifacts/model/up': '..',
    'artifacts/model/again': '.',
    'params/self': '.',
  });
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('symbolic link loops in run folders', () => {
  it('a W&B run lists each file once, keeps its metrics and names the loops', DEADLINE, async () => {
    const run = await readWandbRun(createNodeFolder(join(root, WANDB_RUN)), { now: 1_800_000_000_000 });
    const paths = (run.files ?? []).map((f) => f.path);
    for (const kept of ['files/notes.txt', 'files/sub/deep.txt', 'files/config.yaml', 'run-hostile1.wandb'])
      assert.equal(paths.filter((p) => p === kept).length, 1, kept);
    assert.ok(paths.length < 20, `${paths.length} files listed: ${paths.slice(0, 10).join(', ')}`);
    for (const link of ['files/a', 'files/b', 'files/c']) {
      const f = run.files!.find((x) => x.path === link);
      assert.equal(f?.mime, 'inode/symlink', `${link} is listed as a link`);
    }
    assert.deepEqual(Array.from(run.metrics!.find((m) => m.key === 'loss')!.value), [0, 0.1, 0.2]);
    assert.match(run.info.warnings!.join('\n'), /link loop.*files\/a/);
  });

  it('discovery finds every run once and reports the loops', DEADLINE, async () => {
    const { runs, problems } = await discoverRuns([root]);
    const byFormat = (f: string) => runs.filter((r) => r.format === f).map((r) => r.path);
    assert.deepEqual(byFormat('wandb'), [WANDB_RUN]);
    assert.deepEqual(byFormat('tfevents'), ['tb/run1']);
    assert.deepEqual(
      runs.filter((r) => r.format === 'mlflow').map((r) => r.id),
      ['mlrun1'],
    );
    assert.match(problems.join('\n'), /link loop/);
  });

  it('a TensorBoard run reads each event file once', DEADLINE, async () => {
    const run = await readTfeventsRun(createNodeFolder(root), 'tb/run1', { id: 'tb', now: 1_800_000_000_000 });
    const loss = run.metrics.find((m) => m.key === 'loss')!;
    assert.deepEqual(Array.from(loss.step), [1, 2, 3]);
    const acc = run.metrics.find((m) => m.key === 'train/acc')!;
    assert.deepEqual(Array.from(acc.step), [1, 2]);
    assert.match(run.info.warnings!.join('\n'), /link loop/);
  });

  it('an MLflow run lists its artifacts once and keeps metrics and params', DEADLINE, async () => {
    const run = await readMlflowRun(createNodeFolder(root), 'mlruns/1/mlrun1', { now: 1_800_000_000_000 });
    const paths = run.files!.map((f) => f.path).sort();
    assert.deepEqual(paths, ['model/MLmodel', 'model/weights.bin']);
    assert.deepEqual(Array.from(run.metrics!.find((m) => m.key === 'loss')!.value), [0, 0.1, 0.2]);
    assert.equal(run.info.config?.lr, '0.1');
    assert.match(run.info.warnings!.join('\n'), /link loop/);
  });

  it('`runpage serve` starts and lists the runs', DEADLINE, async () => {
    const { url, stop } = await serveWithin(root, 15_000);
    try {
      const answer = await fetch(new URL('/api/runs', url));
      const list = (await answer.json()) as { id: string }[];
      assert.ok(Array.isArray(list), JSON.stringify(list));
      const ids = list.map((r) => r.id);
      assert.ok(ids.includes('hostile1') && ids.includes('mlrun1'), ids.join(', '));
      const files = await fetch(new URL('/api/runs/hostile1/files?dir=files', url));
      assert.equal(files.status, 200);
    } finally {
      stop();
    }
  });
});

describe('the shared walk', () => {
  /** A folder of `width` links to the root, `depth` times over, as an in-memory RunFolder. */
  function loopFolder(width: number): RunFolder {
    return {
      async list(): Promise<FolderEntry[]> {
        const out: FolderEntry[] = [{ name: 'f.txt', kind: 'file', size: 1 }];
        for (let i = 0; i < width; i++) out.push({ name: `l${i}`, kind: 'dir', link: { to: 'inside', target: '' } });
        return out;
      },
      async read() {
        return new Uint8Array(0);
      },
    };
  }

  it('lists a folder of links to itself once', DEADLINE, async () => {
    const walk = await walkFolder(loopFolder(10), '');
    assert.equal(walk.entries.length, 11);
    assert.equal(walk.entries.filter((e) => e.loop).length, 10);
    assert.match(walk.warnings.join('\n'), /10 folder links lead back/);
  });

  it('stops at the entry bound with a warning when links give no identity', DEADLINE, async () => {
    // A folder that says nothing of where links lead: only the bounds stop the walk.
    const blind: RunFolder = {
      async list() {
        return [
          { name: 'x', kind: 'dir' },
          { name: 'y', kind: 'dir' },
          { name: 'f', kind: 'file' },
        ];
      },
      async read() {
        return new Uint8Array(0);
      },
    };
    const walk = await walkFolder(blind, '', { maxEntries: 500, warnDepth: true });
    assert.equal(walk.entries.length, 500);
    assert.equal(walk.complete, false);
    assert.match(walk.warnings.join('\n'), /Stopped after listing 500 entries/);
    const deep = await walkFolder(blind, '', { maxDepth: 3, warnDepth: true });
    assert.equal(deep.complete, false);
    assert.match(deep.warnings.join('\n'), /deeper than 3 levels/);
    assert.equal(Math.max(...deep.entries.map((e) => e.depth)), 3);
  });
});

/** Starts the hostile test server over `dir` in its own process; fails when it is not listening within `ms`. */
async function serveWithin(dir: string, ms: number): Promise<{ url: string; stop: () => void }> {
  const script = fileURLToPath(new URL('../server/child-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => child.kill('SIGKILL');
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server was not listening within ${ms} ms`)), ms);
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => {
        out += c;
        const m = /READY (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    });
    return { url, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
