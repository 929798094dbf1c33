import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, appendFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTfeventsRuns, readTfeventsRun, TfeventsFolderRun } from '../../../../src/formats/tfevents/folder.js';
import { eventBytes, eventFile, scalarValue } from './encode.js';
import { fsFolder } from './fs-folder.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;
const T0 = 1_700_000_000;

test('finds run folders: split subfolders and add_scalars folders join their parent run', { skip }, async () => {
  const folder = fsFolder(REAL);
  const kwt = await findTfeventsRuns(folder, 'ARM-software__keyword-transformer/models_data_v2_12_labels');
  assert.deepEqual(
    kwt.map((r) => [r.path, r.files]),
    [
      ['att_mh_rnn_1/logs', 1],
      ['kwt1/logs', 1],
      ['kwt2/logs', 1],
      ['kwt3/logs', 1],
    ],
  );
  const tb = await findTfeventsRuns(folder, 'yuanjun0416__tensorboard_use');
  assert.deepEqual(
    tb.map((r) => [r.path, r.files]),
    [
      ['loop_noise5_cbamconcat_rms10_batchsize512', 2],
      ['loop_noise5_cbamconcat_rms1_batchsize512', 3],
    ],
  );
  const rl = await findTfeventsRuns(folder, '0pk0__rl4avs');
  assert.deepEqual(
    rl.map((r) => [r.path, r.files]),
    [
      ['experiments/results/logs/DQN_debug_seed_0/DQN_1', 1],
      ['projectResults/tensorboard_logs/20250902-220112', 46],
      ['results/logs/DQN_seed_0_20250729_171635/DQN_1', 1],
      ['results/logs/DQN_seed_1_20250729_172948/DQN_1', 1],
      ['results/logs/DQN_seed_2_20250729_174904/DQN_1', 1],
      ['results/logs/PPO_debug_seed_0/PPO_1', 1],
      ['results/logs/PPO_debug_seed_0/PPO_2', 1],
      ['results/logs/PPO_debug_seed_0/PPO_3', 1],
      ['results/logs/PPO_seed_0_20250729_180205/PPO_1', 1],
    ],
  );
  const one = await findTfeventsRuns(folder, 'wandb__wandb/tests/assets');
  assert.deepEqual(
    one.map((r) => r.path),
    [''],
  );
});

test('reads a real run folder through a RunFolder', { skip }, async () => {
  const run = await readTfeventsRun(
    fsFolder(REAL),
    'yuanjun0416__tensorboard_use/loop_noise5_cbamconcat_rms10_batchsize512',
    {
      id: 'rms10',
      growingThresholdMs: 1,
    },
  );
  assert.equal(run.info.state, 'unknown');
  assert.equal(run.metrics.length, 9);
  assert.equal(
    run.metrics.reduce((n, m) => n + m.step.length, 0),
    9000,
  );
  assert.equal(run.info.summary!['train/epoch_loss'], 0.06371122598648071);
  assert.deepEqual(run.info.warnings, []);
});

test('a growing run: refresh reads only the new bytes, running while fresh, unknown once the file stands still', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tfevents-'));
  try {
    mkdirSync(join(dir, 'train'));
    const events = Array.from({ length: 30 }, (_, i) => eventBytes(T0 + i, i, [scalarValue('loss', 30 - i)]));
    const full = eventFile(events, T0);
    const file = join(dir, 'train', 'events.out.tfevents.1700000000.host.1.0');
    writeFileSync(file, full.subarray(0, 500)); // ends mid-record
    const folder = fsFolder(dir);
    const live = new TfeventsFolderRun(folder, '', { id: 'live', growingThresholdMs: 60_000 });
    // 11 s after the last event: fresh by its wall time.
    const now = (T0 + 40) * 1000;
    const first = await live.refresh(now);
    const n1 = first.metrics.length;
    assert.ok(n1 > 0 && n1 < 30);
    assert.ok(first.metrics.every((p) => p.key === 'train/loss'));
    let run = live.toRun(now);
    assert.equal(run.info.state, 'running');
    assert.deepEqual(run.info.warnings, [], 'a record being written is not damage');

    appendFileSync(file, full.subarray(500));
    const second = await live.refresh(now);
    assert.deepEqual(
      second.metrics.map((p) => p.step),
      Array.from({ length: 30 - n1 }, (_, i) => n1 + i),
    );
    assert.equal((await live.refresh(now)).metrics.length, 0, 'nothing new, nothing returned');
    run = live.toRun(now);
    assert.equal(run.metrics[0]!.step.length, 30);

    // a writer whose file ends mid-record and has not changed for an hour: no longer written
    // (whatever its events' wall times say), state unknown, and the cut is reported
    appendFileSync(file, full.subarray(0, 20));
    const old = new Date(now - 3_600_000);
    utimesSync(file, old, old);
    await live.refresh(now);
    run = live.toRun(now);
    assert.equal(run.info.state, 'unknown');
    assert.equal(run.info.endedAt, (T0 + 29) * 1000);
    assert.equal(run.info.warnings!.length, 1);
    assert.match(run.info.warnings![0]!, /^train\/events.out.tfevents.1700000000.host.1.0: Truncated record/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unreadable or missing folders become warnings, not rejections', async () => {
  const folder = fsFolder('/nonexistent-runpage-folder');
  const run = await readTfeventsRun(folder, 'x', { id: 'gone', now: 0 });
  assert.equal(run.metrics.length, 0);
  assert.match(run.info.warnings![0]!, /could not be listed/);
  assert.deepEqual(await findTfeventsRuns(folder, ''), []);
});
