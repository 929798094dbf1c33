/**
 * An MLflow run served live (src/server/run-loaders.ts), with the clock injected: new metric
 * lines, TensorBoard events written into its artifacts and a model logged at the end arrive; the
 * run turns `unknown` when nothing dated has been written for the threshold, or `finished` when
 * MLflow rewrites its status. Expected values are the ones the test writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadRun, type LoadOptions } from '../../../../src/server/run-loaders.js';
import type { RunLocation } from '../../../../src/server/discover.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { eventBytes, eventFile, scalarValue } from '../tfevents/encode.js';

const RUN = 'dddddddddddddddddddddddddddddddd';
const THRESHOLD = 60_000;
const POLL = 1000;
const QUIET = THRESHOLD - 2 * POLL;

function write(root: string, path: string, body: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

const meta = (start: number, status: number, end: number | null) =>
  `artifact_uri: file:///x\nend_time: ${end}\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: ${RUN}\nrun_name: live\nstart_time: ${start}\nstatus: ${status}\nuser_id: me\n`;

function liveStore(t0: number): { dir: string; loc: RunLocation; runDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-mlflow-live-'));
  write(dir, 'mlruns/0/meta.yaml', "experiment_id: '0'\nname: Default\nlifecycle_stage: active\n");
  write(dir, `mlruns/0/${RUN}/meta.yaml`, meta(t0, 1, null));
  write(dir, `mlruns/0/${RUN}/metrics/loss`, `${t0} 1.0 0\n`);
  mkdirSync(join(dir, `mlruns/0/${RUN}/artifacts`));
  const loc: RunLocation = { format: 'mlflow', id: RUN, root: dir, path: `mlruns/0/${RUN}`, project: 'Default' };
  return { dir, loc, runDir: join(dir, `mlruns/0/${RUN}`) };
}

const options = (now: number): LoadOptions => ({
  now,
  heartbeatThresholdMs: THRESHOLD,
  pollMs: POLL,
  fileUrl: (p) => p,
});

test('live: metric lines, TensorBoard events and a logged model arrive; silence turns the run unknown', async () => {
  const t0 = Date.now();
  const { dir, loc, runDir } = liveStore(t0);
  try {
    const loaded = await loadRun(loc, options(t0));
    assert.equal(loaded.run.info.state, 'running');
    const live = loaded.live!;
    let clock = t0;
    const source = new MemorySource(loaded.run, { heartbeatThresholdMs: THRESHOLD, now: () => clock });

    clock = t0 + 5000;
    appendFileSync(join(runDir, 'metrics/loss'), `${clock} 0.5 1\n`);
    const a = await live.poll(clock);
    assert.deepEqual(
      a?.points?.map((p) => [p.key, p.step, p.value, p.time]),
      [['loss', 1, 0.5, t0 + 5000]],
    );
    assert.equal(a?.run?.heartbeatAt, t0 + 5000);
    source.append(RUN, a!);

    clock = t0 + 6000;
    write(
      dir,
      `mlruns/0/${RUN}/artifacts/tb/events.out.tfevents.1.h.1.0`,
      eventFile([eventBytes(clock / 1000, 3, [scalarValue('reward', 7)])], clock / 1000),
    );
    const b = await live.poll(clock);
    assert.deepEqual(
      b?.points?.map((p) => [p.key, p.step, p.value, p.time]),
      [['tensorboard/reward', 3, 7, t0 + 6000]],
    );
    assert.equal(b?.artifacts, undefined, 'event files are not a model');
    source.append(RUN, b!);

    clock = t0 + 7000;
    write(dir, `mlruns/0/${RUN}/artifacts/model/MLmodel`, 'artifact_path: model\nflavors:\n  sklearn: {}\n');
    const c = await live.poll(clock);
    assert.deepEqual(
      c?.artifacts?.map((x) => [x.id, x.files.map((f) => f.path)]),
      [['model:model', ['MLmodel']]],
    );
    source.append(RUN, c!);
    assert.deepEqual(
      (await source.listArtifacts(RUN)).map((x) => x.id),
      ['model:model'],
    );

    // The newest dated write is the event at t0 + 6000.
    clock = t0 + 6000 + QUIET - 1;
    assert.equal(await live.poll(clock), undefined);
    assert.equal((await source.getRun(RUN)).state, 'running');
    clock = t0 + 6000 + QUIET;
    const quiet = await live.poll(clock);
    assert.deepEqual(quiet?.run, { state: 'unknown', endedAt: t0 + 6000 });
    assert.equal(live.done, true);
    source.append(RUN, quiet!);
    clock += 10 * THRESHOLD;
    const info = await source.getRun(RUN);
    assert.deepEqual([info.state, info.endedAt], ['unknown', t0 + 6000], 'never crashed');
    const metrics = await source.listMetrics(RUN);
    assert.deepEqual(
      metrics.map((m) => [m.key, m.count]),
      [
        ['loss', 2],
        ['tensorboard/reward', 1],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('live: the status MLflow rewrites at the end finishes the run', async () => {
  const t0 = Date.now();
  const { dir, loc, runDir } = liveStore(t0);
  try {
    const loaded = await loadRun(loc, options(t0));
    writeFileSync(join(runDir, 'meta.yaml'), '');
    assert.equal(await loaded.live!.poll(t0 + 1000), undefined, 'caught mid-rewrite: wait for the next poll');
    writeFileSync(join(runDir, 'meta.yaml'), meta(t0, 3, t0 + 2000));
    const end = await loaded.live!.poll(t0 + 2000);
    assert.equal(end?.run?.state, 'finished');
    assert.equal(end?.run?.endedAt, t0 + 2000);
    assert.equal(loaded.live!.done, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a copied store whose RUNNING run was last written a year ago: unknown at once, not polled', async () => {
  const t0 = Date.now() - 365 * 24 * 3_600_000;
  const { dir, loc } = liveStore(t0);
  try {
    const loaded = await loadRun(loc, options(Date.now()));
    assert.deepEqual([loaded.run.info.state, loaded.run.info.endedAt], ['unknown', t0]);
    assert.equal(loaded.live, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
