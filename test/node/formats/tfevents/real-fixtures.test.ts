/**
 * The tfevents reader against real event files (../shared/fixtures/real). Expected counts and
 * values were read independently with a few lines of Python walking the framing and protobuf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TfeventsRunReader, isEventFileName, type TfeventsRun } from '../../../../src/formats/tfevents/run-reader.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;

function eventFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...eventFiles(p));
    else if (isEventFileName(name)) out.push(p);
  }
  return out;
}

function readRun(dir: string): TfeventsRun {
  const root = join(REAL, dir);
  const reader = new TfeventsRunReader({ id: dir });
  for (const file of eventFiles(root)) {
    const path = relative(root, file);
    reader.push(path, new Uint8Array(readFileSync(file)));
    reader.end(path);
  }
  return reader.toRun({ now: Date.now() });
}

const byKey = (run: TfeventsRun) => {
  const m = new Map<string, { step: number; value: number; time: number }[]>();
  for (const c of run.metrics)
    m.set(
      c.key,
      Array.from(c.step, (step, i) => ({ step, value: c.value[i]!, time: c.time![i]! })),
    );
  return m;
};
const pointCount = (run: TfeventsRun) => run.metrics.reduce((n, m) => n + m.step.length, 0);

test('W&B test asset (Keras TF1 simple_value): 6 tags × 17 points', { skip }, () => {
  const run = readRun('wandb__wandb/tests/assets');
  const keys = byKey(run);
  assert.deepEqual([...keys.keys()].sort(), [
    'batch_acc',
    'batch_loss',
    'epoch_acc',
    'epoch_loss',
    'epoch_val_acc',
    'epoch_val_loss',
  ]);
  for (const points of keys.values()) assert.equal(points.length, 17);
  const loss = keys.get('batch_loss')!;
  assert.deepEqual([loss[0]!.step, loss[0]!.value], [0, 3.9135773181915283]);
  assert.deepEqual([loss[16]!.step, loss[16]!.value], [16, 2.932505594799295e-5]);
  assert.equal(loss[0]!.time, 1585769947.935316 * 1000);
  assert.equal(run.info.startedAt, 1585769947 * 1000);
  assert.equal(run.info.state, 'unknown');
  assert.equal(run.info.endedAt, 1585769982.149663 * 1000);
  assert.equal(run.info.summary!['epoch_val_loss'], 2.932505594799295e-5);
  assert.deepEqual(run.info.warnings, []);
});

test('keyword-transformer kwt1 (Keras, validation/ subfolder): 2,608 accuracy points', { skip }, () => {
  const run = readRun('ARM-software__keyword-transformer/models_data_v2_12_labels/kwt1/logs');
  const acc = byKey(run).get('validation/accuracy')!;
  assert.equal(pointCount(run), 2608);
  assert.equal(acc.length, 2608);
  assert.deepEqual([acc[0]!.step, acc[0]!.value], [72, 0.14453125]);
  assert.deepEqual([acc.at(-1)!.step, acc.at(-1)!.value], [23438, 0.978515625]);
  assert.equal(run.info.startedAt, 1614214754000);
});

test('TF2 .v2 files with float32 tensor scalars (plugin "scalars"), train/ and validation/', { skip }, () => {
  const run = readRun('yuanjun0416__tensorboard_use/loop_noise5_cbamconcat_rms10_batchsize512');
  const keys = byKey(run);
  assert.deepEqual([...keys.keys()].sort(), [
    'train/epoch_Euclidean',
    'train/epoch_cosine_similarity',
    'train/epoch_loss',
    'validation/epoch_Euclidean',
    'validation/epoch_cosine_similarity',
    'validation/epoch_loss',
    'validation/evaluation_Euclidean_vs_iterations',
    'validation/evaluation_cosine_similarity_vs_iterations',
    'validation/evaluation_loss_vs_iterations',
  ]);
  for (const points of keys.values()) assert.equal(points.length, 1000);
  const loss = keys.get('train/epoch_loss')!;
  assert.deepEqual(
    [loss[0]!.step, loss[0]!.value, loss[999]!.step, loss[999]!.value],
    [0, 2.1815621852874756, 999, 0.06371122598648071],
  );
  const evalLoss = keys.get('validation/evaluation_loss_vs_iterations')!;
  assert.deepEqual(
    [evalLoss[0]!.step, evalLoss[0]!.value, evalLoss[999]!.step, evalLoss[999]!.value],
    [5, 2.3374407291412354, 5000, 0.06530080735683441],
  );
  assert.equal(run.info.startedAt, 1666350020000);
  for (const m of run.metrics)
    assert.ok(
      Array.from(m.step).every((s, i) => i === 0 || s >= m.step[i - 1]!),
      m.key,
    );
});

test('TF2 run with a profile-empty file and simple_value scalars', { skip }, () => {
  const run = readRun('yuanjun0416__tensorboard_use/loop_noise5_cbamconcat_rms1_batchsize512');
  const v = byKey(run).get('validation/epoch_loss')!;
  assert.equal(v.length, 1000);
  assert.deepEqual([v[0]!.value, v[999]!.value], [1.363363265991211, 0.02572011947631836]);
  assert.deepEqual(run.info.warnings, []);
});

test('PyTorch add_scalars subfolders (Stable-Baselines3 project results): 1,457 points in 85 series', { skip }, () => {
  const run = readRun('0pk0__rl4avs/projectResults/tensorboard_logs/20250902-220112');
  const keys = byKey(run);
  assert.equal(pointCount(run), 1457);
  assert.equal(keys.size, 85);
  const dqn = keys.get('Comparative/Episode_Length/DQN')!;
  assert.equal(dqn.length, 50);
  assert.deepEqual([dqn[0]!.step, dqn[0]!.value, dqn[49]!.step, dqn[49]!.value], [0, 31, 49, 2]);
  assert.deepEqual(
    keys.get('A2C/Final/success_rate')!.map((p) => p.value),
    [0.8799999952316284],
  );
  assert.ok(keys.has('A2C/Total_Action_Distribution/Action_2'));
});

test('Stable-Baselines3 PPO run: 12 series, approx_kl from step 4096', { skip }, () => {
  const run = readRun('0pk0__rl4avs/results/logs/PPO_seed_0_20250729_180205/PPO_1');
  const keys = byKey(run);
  assert.equal(keys.size, 12);
  assert.deepEqual(
    keys.get('train/approx_kl')!.map((p) => [p.step, p.value]),
    [
      [4096, 0.01380362268537283],
      [6144, 0.010268671438097954],
    ],
  );
  assert.deepEqual(
    keys.get('rollout/ep_rew_mean')!.map((p) => p.step),
    [2048, 4096, 6144],
  );
});

test('every real event file reads without a warning', { skip }, () => {
  for (const file of eventFiles(REAL)) {
    const reader = new TfeventsRunReader({ id: 'x' });
    reader.push('f', new Uint8Array(readFileSync(file)));
    reader.end('f');
    assert.deepEqual(reader.toRun({ now: 0 }).info.warnings, [], file);
  }
});

/** Record ends found by walking the length fields only (no checksums): independent of the reader. */
function recordEnds(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends: number[] = [];
  let p = 0;
  while (p + 12 <= bytes.length) {
    p += 16 + dv.getUint32(p, true) + dv.getUint32(p + 4, true) * 2 ** 32;
    if (p <= bytes.length) ends.push(p);
  }
  return ends;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

test('a real event file cut at random offsets keeps every whole record, with one warning', { skip }, () => {
  const bytes = new Uint8Array(
    readFileSync(join(REAL, 'wandb__wandb/tests/assets/events.out.tfevents.1585769947.cvp')),
  );
  const ends = recordEnds(bytes);
  assert.equal(ends.length, 105);
  assert.equal(ends.at(-1), bytes.length);
  const next = rng(5);
  for (let i = 0; i < 40; i++) {
    const cut = Math.floor(next() * bytes.length);
    const reader = new TfeventsRunReader({ id: 'cut' });
    reader.push('f', bytes.subarray(0, cut));
    reader.end('f');
    const run = reader.toRun({ now: 0 });
    // the same file cut at the end of its last whole record (no damage) gives the same points
    const lastWhole = ends.filter((e) => e <= cut).at(-1) ?? 0;
    const clean = new TfeventsRunReader({ id: 'clean' });
    clean.push('f', bytes.subarray(0, lastWhole));
    clean.end('f');
    assert.deepEqual(run.metrics, clean.toRun({ now: 0 }).metrics, `cut at ${cut}`);
    assert.deepEqual(clean.toRun({ now: 0 }).info.warnings, []);
    assert.equal(run.info.warnings!.length, ends.includes(cut) || cut === 0 ? 0 : 1);
  }
});

test('a real event file with flipped bytes loses exactly the record hit', { skip }, () => {
  const bytes = new Uint8Array(
    readFileSync(
      join(
        REAL,
        'yuanjun0416__tensorboard_use/loop_noise5_cbamconcat_rms1_batchsize512/validation/events.out.tfevents.1666015011.MS-IJHPFNLAGMLT.11164.37325.v2',
      ),
    ),
  );
  const ends = recordEnds(bytes);
  const next = rng(9);
  for (let i = 0; i < 25; i++) {
    const damaged = bytes.slice();
    const at = 100 + Math.floor(next() * (damaged.length - 100)); // past the file_version record
    damaged[at] = damaged[at]! ^ 0xa5;
    const reader = new TfeventsRunReader({ id: 'flip' });
    reader.push('f', damaged);
    reader.end('f');
    const run = reader.toRun({ now: 0 });
    assert.equal(pointCount(run), 3000 - 1, `flip at ${at} (record ${ends.findIndex((e) => at < e)})`);
    assert.equal(run.info.warnings!.length, 1);
  }
});

/**
 * Independent of the reader: the first and last wall time of every event in a file, walking the
 * TFRecord framing (u64 length, u32 crc, data, u32 crc) and taking field 1 (tag 0x09, a double)
 * wherever an Event begins with it, as every writer serialises it first.
 */
function wallTimeRange(file: string): [number, number] | undefined {
  const b = readFileSync(file);
  let lo = Infinity;
  let hi = -Infinity;
  for (let at = 0; at + 12 <= b.length;) {
    const len = Number(b.readBigUInt64LE(at));
    const data = at + 12;
    if (data + len + 4 > b.length) break;
    if (len >= 9 && b[data] === 0x09) {
      const t = b.readDoubleLE(data + 1);
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    at = data + len + 4;
  }
  return Number.isFinite(lo) ? [lo * 1000, hi * 1000] : undefined;
}

test(
  'every real TensorBoard run: unknown (no exit, written long ago), times from its first and last event',
  { skip },
  async () => {
    const { findTfeventsRuns } = await import('../../../../src/formats/tfevents/folder.js');
    const { fsFolder } = await import('./fs-folder.js');
    const refs = await findTfeventsRuns(fsFolder(REAL), '');
    assert.ok(refs.length >= 10, `${refs.length} runs found`);
    for (const ref of refs) {
      if (ref.path.includes('/wandb/')) continue; // belongs to a W&B run
      const run = readRun(ref.path);
      let lo = Infinity;
      let hi = -Infinity;
      for (const f of eventFiles(join(REAL, ref.path))) {
        const r = wallTimeRange(f);
        if (r) [lo, hi] = [Math.min(lo, r[0]), Math.max(hi, r[1])];
      }
      assert.equal(run.info.state, 'unknown', ref.path);
      assert.equal(run.info.startedAt, lo, `${ref.path} startedAt`);
      assert.equal(run.info.endedAt, hi, `${ref.path} endedAt`);
      assert.equal(run.info.heartbeatAt, hi, `${ref.path} heartbeatAt`);
      assert.equal(run.info.runtime, (hi - lo) / 1000, `${ref.path} runtime`);
    }
  },
);
