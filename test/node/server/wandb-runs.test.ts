/**
 * W&B runs on the server: the runs list shows a project for runs that name none themselves and
 * marks runs read with problems; live runs read from files/ alone and live runs that end cut
 * short get their final facts. Feeds are stepped by hand with explicit clocks (no sleeping).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { discoverRuns, settingsProject } from '../../../src/server/discover.js';
import { loadRun, type LoadOptions } from '../../../src/server/run-loaders.js';
import { runsListPage } from '../../../src/server/pages.js';
import { frame, outputRecord, runRecord } from '../formats/wandb/helpers.js';
import { rawGet, serve } from './helpers.js';

const THRESHOLD = 300_000;
const options = (now: number): LoadOptions => ({
  now,
  heartbeatThresholdMs: THRESHOLD,
  pollMs: 1000,
  fileUrl: (p) => `raw/${p}`,
});
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '');

/** Sets the modification time of files (seconds precision is enough for these tests). */
function touch(at: number, ...paths: string[]): void {
  for (const p of paths) utimesSync(p, at / 1000, at / 1000);
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'runpage-wandb-runs-'));
}

test('settings files: project from the [default] section', () => {
  assert.equal(settingsProject('[default]\nentity = me\nproject = vision\n'), 'vision');
  assert.equal(settingsProject('project: early\n'), 'early');
  assert.equal(settingsProject('[other]\nproject = no\n'), undefined);
  assert.equal(settingsProject('[default]\nbase_url = x\n'), undefined);
});

test('the runs list: projects from the run, wandb/settings or the folder layout; runs read with problems marked', async () => {
  const dir = tmp();
  try {
    const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
    // A run folder without a datastore, in a folder named after its project.
    const bare = join(dir, 'my-project', 'wandb', 'run-20240102_030405-bare1');
    mkdirSync(join(bare, 'files'), { recursive: true });
    writeFileSync(join(bare, 'files', 'wandb-metadata.json'), JSON.stringify({ startedAt: iso(T0) }));
    writeFileSync(join(bare, 'files', 'wandb-summary.json'), '{"_wandb": {"runtime": 60}}');
    mkdirSync(join(bare, 'files', 'media', 'images', 'val'), { recursive: true });
    writeFileSync(join(bare, 'files', 'media', 'images', 'val', 'pred_7_0123456789abcdef0123.png'), 'png-bytes');
    // wandb/settings names the project.
    const set = join(dir, 'repo', 'wandb', 'run-20240102_030405-set1');
    mkdirSync(join(set, 'files'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'wandb', 'settings'), '[default]\nproject = from-settings\n');
    writeFileSync(join(set, 'files', 'wandb-metadata.json'), JSON.stringify({ startedAt: iso(T0) }));
    // The run record names its own project, and the run is whole: no warnings.
    const own = join(dir, 'repo', 'wandb', 'run-20240102_030405-own1');
    mkdirSync(own, { recursive: true });
    writeFileSync(
      join(own, 'run-own1.wandb'),
      frame([runRecord({ id: 'own1', project: 'recorded', startMs: T0 }), outputRecord('hi\n', true, true, T0)]),
    );
    touch(T0, join(bare, 'files', 'wandb-metadata.json'), join(set, 'files', 'wandb-metadata.json'));

    const found = await discoverRuns([dir]);
    assert.deepEqual(found.runs.map((r) => [r.id, r.project]).sort(), [
      ['bare1', 'my-project'],
      ['own1', 'from-settings'],
      ['set1', 'from-settings'],
    ]);
    const { registry, server } = await serve({ now: () => T0 + 86_400_000 });
    try {
      registry.addLocations(found.runs);
      const runs = await new HttpSource(server.url).listRuns();
      const by = new Map(runs.map((r) => [r.id, r]));
      assert.equal(by.get('bare1')?.project, 'my-project');
      assert.equal(by.get('bare1')?.state, 'unknown');
      assert.equal(by.get('bare1')?.warnings, 1);
      assert.equal(by.get('set1')?.project, 'from-settings');
      // A run record's own project beats any guess; a run read without problems has no count.
      assert.equal(by.get('own1')?.project, 'recorded');
      assert.equal(by.get('own1')?.warnings, undefined);

      // Its image, by step, served from the run folder.
      const http = new HttpSource(server.url);
      assert.deepEqual(await http.listMedia('bare1'), [{ key: 'val/pred', kind: 'image', steps: [7] }]);
      const [item] = await http.getMedia({ runId: 'bare1', key: 'val/pred', step: 7 });
      const image = await fetch(new URL(item!.url, server.url));
      assert.equal(image.status, 200);
      assert.equal(await image.text(), 'png-bytes');

      const html = (await rawGet(server.url, '/')).body.toString();
      assert.match(html, /my-project/);
      assert.match(html, /⚠ 1 warning</);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runs list page shows counts only as numbers', () => {
  const html = runsListPage([
    { id: 'a', state: 'crashed', warnings: 3 },
    { id: 'b', state: 'finished', warnings: '<b>x</b>' as unknown as number },
  ]);
  assert.match(html, /⚠ 3 warnings/);
  assert.doesNotMatch(html, /<b>x<\/b>/);
});

test('the runs list page of a first page of runs says how many there are', () => {
  const html = runsListPage([{ id: 'a' }, { id: 'b' }], [], '', 1000);
  assert.match(html, /<title>runpage: 1000 runs<\/title>/);
  assert.match(html, /The 2 newest of 1000 runs; the table pages through them all\./);
  assert.doesNotMatch(runsListPage([{ id: 'a' }]), /newest of/);
});

test('a live run read from files/ alone: appends what grows, then its final state', async () => {
  const dir = tmp();
  try {
    const T0 = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
    const run = join(dir, 'wandb', 'run-20240102_030405-fl1');
    mkdirSync(join(run, 'files'), { recursive: true });
    mkdirSync(join(run, 'logs'), { recursive: true });
    const f = (name: string) => join(run, 'files', name);
    writeFileSync(f('wandb-metadata.json'), JSON.stringify({ startedAt: iso(T0) }));
    writeFileSync(f('wandb-history.jsonl'), `{"loss": 1.0, "_step": 0, "_timestamp": ${T0 / 1000 + 1}}\n`);
    writeFileSync(f('output.log'), 'epoch 0\n');
    writeFileSync(join(run, 'logs', 'debug.log'), 'start\n');
    let now = T0 + 10_000;
    touch(now, f('wandb-metadata.json'), f('wandb-history.jsonl'), f('output.log'), join(run, 'logs', 'debug.log'));
    const found = await discoverRuns([dir]);
    const loaded = await loadRun(found.runs[0]!, options(now + 1000));
    assert.equal(loaded.run.info.state, 'running');
    const live = loaded.live!;
    assert.ok(live, 'a live feed for a running run without a datastore');

    // The writer goes on: a history row and a console line.
    now += 10_000;
    appendFileSync(f('wandb-history.jsonl'), `{"loss": 0.5, "_step": 1, "_timestamp": ${now / 1000}}\n`);
    appendFileSync(f('output.log'), 'epoch 1\n');
    touch(now, f('wandb-history.jsonl'), f('output.log'));
    const grew = await live.poll(now);
    assert.deepEqual(
      grew?.points?.map((p) => [p.key, p.step, p.value]),
      [['loss', 1, 0.5]],
    );
    assert.deepEqual(
      grew?.logs?.map((l) => l.text),
      ['epoch 1'],
    );
    assert.equal(live.done, false);
    // Nothing changed: no read at all.
    assert.equal(await live.poll(now + 2000), undefined);

    // The writer ends; its debug log says how. Quiet long enough: the last read gives the end.
    writeFileSync(join(run, 'logs', 'debug.log'), 'x got exitcode: 0\n');
    touch(now, join(run, 'logs', 'debug.log'));
    await live.poll(now + 3000); // sees the change
    const end = await live.poll(now + 3000 + THRESHOLD);
    assert.equal(end?.run?.state, 'finished');
    assert.equal(end?.run?.exitCode, 0);
    assert.equal(live.done, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a live datastore that stops without an exit: output.log completes the console, the traceback decides', async () => {
  const dir = tmp();
  try {
    const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
    const run = join(dir, 'wandb', 'run-20240102_030405-cs1');
    mkdirSync(join(run, 'files'), { recursive: true });
    writeFileSync(
      join(run, 'run-cs1.wandb'),
      frame([
        runRecord({ id: 'cs1', startMs: T0 }),
        ...['step 1 of a long training', 'step 2 of a long training'].map((l, k) =>
          outputRecord(`${l}\n`, true, true, T0 + k * 1000),
        ),
      ]),
    );
    const found = await discoverRuns([dir]);
    const loaded = await loadRun(found.runs[0]!, options(T0 + 5000));
    assert.equal(loaded.run.info.state, 'running');
    writeFileSync(
      join(run, 'files', 'output.log'),
      'step 1 of a long training\nstep 2 of a long training\nstep 3 of a long training\nTraceback (most recent call last):\n  File "t.py", line 1\nKeyboardInterrupt\n',
    );
    const end = await loaded.live!.poll(T0 + 5000 + THRESHOLD);
    assert.deepEqual(
      end?.logs?.map((l) => [l.text, l.label]),
      [
        ['step 3 of a long training', 'output.log'],
        ['Traceback (most recent call last):', 'output.log'],
        ['  File "t.py", line 1', 'output.log'],
        ['KeyboardInterrupt', 'output.log'],
      ],
    );
    assert.equal(end?.run?.state, 'failed');
    assert.match(end?.run?.warnings?.join('\n') ?? '', /lines 3–6 come from files\/output\.log/);
    assert.equal(loaded.live!.done, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
