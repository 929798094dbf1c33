/**
 * The W&B reader against the real public runs in ../shared/fixtures/real (see its README).
 *
 * The expected facts were derived independently of this reader: a few lines of Python that
 * walk the LevelDB framing with zlib.crc32 and decode the protobuf fields by hand (record kinds
 * counted, history rows collected per key, output text joined per stream and its newlines
 * counted, stats items flattened), plus reading the files/ JSON and YAML by eye.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWandbRun, type WandbRun } from '../../../../src/formats/wandb/reader.js';
import { findWandbRuns } from '../../../../src/formats/wandb/discover.js';
import { peekWandbRun } from '../../../../src/formats/wandb/peek.js';
import { createDatastoreReader } from '../../../../src/formats/wandb/datastore.js';
import { createNodeFolder } from '../../../../src/server/node-folder.js';
import type { MemoryLogLine } from '../../../../src/data/memory-source.js';
import { BLOCK } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const REAL = resolve(here, '../../../../../shared/fixtures/real');
const ARM = join(REAL, 'ARM-software__keyword-transformer/wandb');
const RL = join(REAL, '0pk0__rl4avs/wandb');
const ASSETS = join(REAL, 'wandb__wandb/tests/assets/wandb');
const skip = existsSync(REAL) ? false : `real run data not found at ${REAL}`;

/** Far after every fixture was written: runs without an exit record are crashed. */
const LATER = Date.UTC(2026, 0, 1);

async function read(dir: string): Promise<WandbRun> {
  return readWandbRun(createNodeFolder(dir), { folderName: basename(dir), now: LATER });
}

function metric(run: WandbRun, key: string) {
  const m = run.metrics!.find((x) => x.key === key);
  assert.ok(m, `metric ${key}`);
  return m;
}

const logs = (run: WandbRun) => run.logs as MemoryLogLine[];
const last = (a: ArrayLike<number>) => a[a.length - 1];
const keys = (run: WandbRun, group: string) =>
  run
    .metrics!.filter((m) => m.group === group)
    .map((m) => m.key)
    .sort();

test('ARM 3ojed7lz (SDK 0.12, key encoding, killed mid-record)', { skip }, async () => {
  const run = await read(join(ARM, 'run-20220429_201936-3ojed7lz'));
  const i = run.info;
  assert.equal(i.id, '3ojed7lz');
  assert.equal(i.name, 'First try');
  assert.equal(i.project, 'kwt-improvements');
  assert.equal(i.entity, 'adeeplearners');
  assert.equal(i.state, 'crashed');
  assert.equal(i.exitCode, undefined);
  assert.equal(i.sdk?.version, '0.12.15');
  assert.match(i.warnings!.join('\n'), /ends inside a record/);
  assert.deepEqual(keys(run, 'history'), [
    'Training/accuracy',
    'Training/loss',
    'Training/step',
    'Validation/accuracy',
    'Validation/step',
  ]);
  // 862 history rows; Validation/* is in every row, Training/* from the second row on.
  assert.equal(metric(run, 'Validation/accuracy').step.length, 862);
  assert.equal(metric(run, 'Training/loss').step.length, 861);
  assert.equal(last(metric(run, 'Training/loss').step), 861);
  assert.equal(last(metric(run, 'Training/loss').value), 1.6868462562561035);
  assert.equal(last(metric(run, 'Training/accuracy').value), 47.65625);
  assert.equal(last(metric(run, 'Validation/accuracy').value), 68.17555147058823);
  assert.equal(last(metric(run, 'Validation/step').value), 792);
  assert.equal(metric(run, 'Training/loss').time![0], 1651263597000);
  // 18 stats records, 21 keys (legacy `network` dict flattened into sent/recv).
  const sys = keys(run, 'system');
  assert.equal(sys.length, 21);
  assert.ok(
    sys.includes('system.network.sent') &&
      sys.includes('system.gpu.process.0.powerWatts') &&
      sys.includes('system.proc.memory.rssMB'),
  );
  assert.equal(metric(run, 'system.cpu').step.length, 18);
  assert.equal(metric(run, 'system.cpu').value[0], 31.78);
  // 222 output records holding 976 newline-ended lines, 960 of them on stderr; the datastore
  // stops at step 858, files/output.log at step 863: its last 5 lines follow, labelled.
  assert.equal(logs(run).length, 981);
  assert.equal(logs(run).filter((l) => l.stream === 'stderr').length, 960);
  assert.equal(logs(run)[975]!.label, undefined);
  assert.match(logs(run)[975]!.text, /Step #858:/);
  assert.deepEqual(
    logs(run)
      .slice(976)
      .map((l) => [l.label, /Step #(\d+):/.exec(l.text)?.[1]]),
    [859, 860, 861, 862, 863].map((n) => ['output.log', String(n)]),
  );
  assert.match(i.warnings!.join('\n'), /lines 977–981 come from files\/output\.log/);
  assert.ok(
    logs(run)[0]!.text.startsWith('2022-04-29 20:19:39.100607: I tensorflow/core/platform/cpu_feature_guard.cc:142]'),
  );
  // The datastore has no summary record: wandb-summary.json fills it.
  assert.equal(i.summary?.['Training/loss'], 1.4769244194030762);
  assert.equal(i.summary?._step, 863);
  assert.deepEqual(i.config, { Notes: 'Default Hyper Parameters, Swish activation.' });
  assert.equal(i.host, 'ip-172-31-3-98');
  assert.deepEqual(i.hardware?.gpus, [{ name: 'Tesla T4' }]);
  assert.equal(i.hardware?.cudaVersion, '11.0.228');
  assert.equal(i.git?.commit, 'aadc900f2ef27603512450dba218d24bc8a76fb0');
  assert.equal(i.command?.program, '-m kws_streaming.train.model_train_eval');
  assert.equal(i.startedAt, Date.UTC(2022, 3, 29, 20, 19, 36));
});

test('ARM 2zuxwf70 (exit code 1, no history)', { skip }, async () => {
  const run = await read(join(ARM, 'run-20220429_201847-2zuxwf70'));
  assert.equal(run.info.state, 'failed');
  assert.equal(run.info.exitCode, 1);
  assert.equal(run.info.runtime, 2);
  assert.deepEqual(keys(run, 'history'), []);
  assert.equal(keys(run, 'system').length, 15);
  assert.equal(logs(run).length, 36);
  assert.ok(logs(run).every((l) => l.stream === 'stderr'));
  assert.equal(
    logs(run)[35]!.text,
    "FileExistsError: [Errno 17] File exists: '/home/ubuntu/idl_project/keyword-transformer/models_data_v2_12_labels/my_model/'",
  );
  assert.equal(run.info.warnings, undefined);
});

test('rl4avs 01tt2qoy (SDK 0.21, nested_key, output_raw, finished)', { skip }, async () => {
  const run = await read(join(RL, 'offline-run-20250818_154253-01tt2qoy'));
  const i = run.info;
  assert.equal(i.state, 'finished');
  assert.equal(i.exitCode, 0);
  assert.equal(i.runtime, 80);
  assert.equal(i.project, 'rl4avs_model_comparison');
  assert.equal(i.sdk?.version, '0.21.0');
  const hist = keys(run, 'history');
  assert.equal(hist.length, 24);
  for (const algo of ['A2C', 'DQN', 'PPO']) assert.ok(hist.includes(`${algo}/mean_reward`));
  assert.equal(last(metric(run, 'PPO/mean_reward').value), 103.9795739634436);
  assert.equal(last(metric(run, 'DQN/success_rate').value), 0.34);
  assert.equal(metric(run, 'A2C/mean_reward').step[0], 0);
  assert.equal(metric(run, 'A2C/mean_reward').runtime![0], 37.8529595);
  assert.equal(Math.max(...run.metrics!.filter((m) => m.group === 'history').map((m) => last(m.step)!)), 8);
  assert.equal(keys(run, 'system').length, 28);
  // 10 stats records: the Apple sampler (cpu.avg_temp…) and the process sampler (cpu…) alternate.
  assert.deepEqual([...metric(run, 'system.cpu').step], [1, 3, 5, 6, 8]);
  assert.deepEqual([...metric(run, 'system.cpu.avg_temp').step], [0, 2, 4, 7, 9]);
  assert.equal(last(metric(run, 'system.cpu').value), 11.967285150585216);
  assert.equal(logs(run).length, 4128);
  assert.equal(logs(run).filter((l) => l.stream === 'stderr').length, 4);
  assert.equal(
    logs(run)[0]!.text,
    'Loading model from: /Users/praveenk/Documents/rl4avs/experiments/results/models/A2C_debug_seed_0.zip',
  );
  assert.equal(i.summary?.['PPO/mean_reward'], 103.9795739634436);
  assert.equal(i.summary?._step, 8);
  assert.equal(i.summary?._wandb, undefined);
  assert.deepEqual(
    { n: i.config?.n_episodes, env: i.config?.use_custom_env, models: i.config?.models_evaluated },
    { n: 50, env: true, models: 3 },
  );
  assert.equal(i.host, 'pkMac.local');
  assert.equal(i.os, 'macOS-15.5-arm64-arm-64bit');
  assert.equal(i.python?.version, 'CPython 3.12.8');
  assert.equal(i.command?.args?.[0], '--models');
  assert.equal(i.hardware?.cpu, 'Apple M1');
  assert.equal(i.hardware?.memoryBytes, 8589934592);
  assert.equal(i.git?.remote, 'https://github.com/0pk0/rl4avs.git');
  assert.equal(i.warnings, undefined);
});

test('rl4avs 0pd7u9c1 (exit code 255), tlqs7r45 (finished, no history, no stats)', { skip }, async () => {
  const a = await read(join(RL, 'offline-run-20250818_152032-0pd7u9c1'));
  assert.equal(a.info.state, 'failed');
  assert.equal(a.info.exitCode, 255);
  assert.equal(logs(a).length, 31);
  assert.equal(logs(a).filter((l) => l.stream === 'stderr').length, 6);
  assert.equal(keys(a, 'system').length, 27);
  assert.deepEqual([...metric(a, 'system.cpu').step], [0, 3, 5]);
  assert.deepEqual([...metric(a, 'system.cpu.avg_temp').step], [1, 2, 4]);
  assert.equal(last(metric(a, 'system.cpu').value), 1.2784002837344526);
  assert.equal(a.info.group, 'A2C');
  // The input() prompt (no newline) stands where it was printed, before the Ctrl-C traceback.
  assert.match(logs(a)[24]!.text, /^🎬 Press Enter/);
  assert.equal(logs(a)[25]!.text, 'Traceback (most recent call last):');
  assert.equal(logs(a)[30]!.text, 'KeyboardInterrupt');

  const b = await read(join(RL, 'offline-run-20250818_153628-tlqs7r45'));
  assert.equal(b.info.state, 'finished');
  assert.equal(b.metrics!.length, 0);
  assert.equal(logs(b).length, 41);
});

test('rl4avs fu2alym7 and 0t11yvt5 (cut at exactly 32 KiB, no exit)', { skip }, async () => {
  for (const [dir, samples] of [
    ['offline-run-20250818_133918-fu2alym7', 57],
    ['offline-run-20250818_152140-0t11yvt5', 58],
  ] as const) {
    const run = await read(join(RL, dir));
    assert.equal(run.info.state, 'crashed', dir);
    assert.match(run.info.warnings!.join('\n'), /ends inside a record/, dir);
    assert.equal(logs(run).length, 25, dir);
    assert.equal(keys(run, 'system').length, 28, dir);
    assert.equal(Math.max(...run.metrics!.map((m) => last(m.step)!)), samples - 1, dir);
  }
});

test('wandb test asset g9dvvkua (2021, artifact record)', { skip }, async () => {
  const run = await read(join(ASSETS, 'offline-run-20210216_154407-g9dvvkua'));
  assert.equal(run.info.state, 'finished');
  assert.equal(run.info.sdk?.version, '0.10.20.dev1');
  assert.equal(run.info.project, 'code-toad');
  assert.deepEqual(
    run.artifacts!.map((a) => [a.name, a.type, a.direction, a.aliases, a.files.length, a.size]),
    [['source-g9dvvkua', 'code', 'output', ['latest'], 54, 153959]],
  );
  assert.deepEqual(keys(run, 'system'), [
    'system.cpu',
    'system.disk',
    'system.memory',
    'system.network.recv',
    'system.network.sent',
    'system.proc.cpu.threads',
    'system.proc.memory.availableMB',
    'system.proc.memory.percent',
    'system.proc.memory.rssMB',
  ]);
  assert.equal(run.info.user, 'vanpelt');
  assert.equal(run.info.hardware?.cpuCount, 16);
});

test('discovery finds every run once and ignores latest-run', { skip }, async () => {
  const arm = await findWandbRuns(createNodeFolder(join(REAL, 'ARM-software__keyword-transformer')));
  assert.deepEqual(
    arm.map((r) => [r.path, r.id, r.offline]),
    [
      ['wandb/run-20220429_201847-2zuxwf70', '2zuxwf70', false],
      ['wandb/run-20220429_201936-3ojed7lz', '3ojed7lz', false],
    ],
  );
  const all = await findWandbRuns(createNodeFolder(REAL), { maxDepth: 5 });
  assert.deepEqual(all.map((r) => r.id).sort(), [
    '01tt2qoy',
    '0pd7u9c1',
    '0t11yvt5',
    '2zuxwf70',
    '3ojed7lz',
    'fu2alym7',
    'g9dvvkua',
    'tlqs7r45',
  ]);
  const rl = await findWandbRuns(createNodeFolder(RL));
  assert.equal(rl.length, 5);
  assert.ok(rl.every((r) => r.offline && r.path.startsWith('offline-run-')));
});

test(
  'every real datastore cut at each 32 KiB boundary and at random offsets keeps a prefix of its records',
  { skip },
  () => {
    const files = [
      join(ARM, 'run-20220429_201936-3ojed7lz/run-3ojed7lz.wandb'),
      join(RL, 'offline-run-20250818_154253-01tt2qoy/run-01tt2qoy.wandb'),
      join(ASSETS, 'offline-run-20210216_154407-g9dvvkua/run-g9dvvkua.wandb'),
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const whole = createDatastoreReader();
      // Records identified by their whole content (older writers leave `num` out).
      const all = whole.push(bytes).records.map((r) => JSON.stringify(r));
      const cuts: number[] = [0, 3, 7]; // 7: a header alone is a valid, empty datastore
      for (let b = BLOCK; b < bytes.length; b += BLOCK) cuts.push(b);
      for (let k = 0; k < 10; k++) cuts.push(Math.floor(rand() * bytes.length));
      for (const cut of cuts) {
        const r = createDatastoreReader();
        const batch = r.push(bytes.subarray(0, cut));
        const got = batch.records.map((x) => JSON.stringify(x));
        const end = { warnings: [...batch.warnings, ...r.finish().warnings] };
        assert.deepEqual(got, all.slice(0, got.length), `${basename(file)} cut at ${cut}`);
        assert.ok(got.length <= all.length);
        if (cut < bytes.length && cut !== 7 && end.warnings.length === 0) {
          // No warning is right only when the cut falls between records: a new FULL or FIRST chunk starts there.
          assert.ok(
            cut % BLOCK <= BLOCK - 7 && (bytes[cut + 6] === 1 || bytes[cut + 6] === 2),
            `${basename(file)} cut at ${cut}: a warning`,
          );
        }
      }
      // Wrong magic: every record is still read (checksums vouch for them), with a warning.
      const wrongMagic = bytes.slice();
      wrongMagic.set([0x50, 0x4b, 0x03, 0x04], 0);
      const wm = createDatastoreReader();
      const wmBatch = wm.push(wrongMagic);
      assert.deepEqual(
        wmBatch.records.map((x) => JSON.stringify(x)),
        all,
      );
      assert.match(wmBatch.warnings.join(), /not a W&B datastore header/);
      // Which records complete in which block (fed one block at a time).
      const blockOf: number[] = [];
      const byBlock = createDatastoreReader();
      for (let b = 0; b * BLOCK < bytes.length; b++) {
        for (const _ of byBlock.push(bytes.subarray(b * BLOCK, (b + 1) * BLOCK)).records) blockOf.push(b);
      }
      // Flipped bytes: no throw; every record completed before the damaged block is kept, at most
      // the records completing in that block and the next are lost, and the loss is reported.
      for (let k = 0; k < 6; k++) {
        const d = bytes.slice();
        const at = 7 + Math.floor(rand() * (bytes.length - 7));
        d[at] ^= 0x5a;
        const damagedBlock = Math.floor(at / BLOCK);
        const r = createDatastoreReader();
        const batch = r.push(d);
        const got = batch.records.map((x) => JSON.stringify(x));
        const warnings = [...batch.warnings, ...r.finish().warnings];
        const before = all.filter((_, j) => blockOf[j]! < damagedBlock);
        assert.deepEqual(got.slice(0, before.length), before, `${basename(file)} flip at ${at}`);
        const mayLose = all.filter((_, j) => blockOf[j] === damagedBlock || blockOf[j] === damagedBlock + 1).length;
        assert.ok(
          all.length - got.length <= mayLose,
          `${basename(file)} flip at ${at}: lost ${all.length - got.length}`,
        );
        let j = 0;
        for (const n of got) {
          while (j < all.length && all[j] !== n) j++;
          assert.ok(j < all.length, `${basename(file)} flip at ${at}: a record out of order or altered`);
          j++;
        }
        if (got.length < all.length) assert.ok(warnings.length > 0, `${basename(file)} flip at ${at}: a warning`);
      }
    }
  },
);

test(
  'peeking at the head and tail of real datastores gives the same listing facts as a full read',
  { skip },
  async () => {
    for (const dir of [
      join(ARM, 'run-20220429_201936-3ojed7lz'),
      join(ARM, 'run-20220429_201847-2zuxwf70'),
      join(RL, 'offline-run-20250818_154253-01tt2qoy'),
      join(RL, 'offline-run-20250818_152032-0pd7u9c1'),
      join(ASSETS, 'offline-run-20210216_154407-g9dvvkua'),
    ]) {
      const full = (await read(dir)).info;
      const ref = await peekWandbRun(createNodeFolder(dir), {
        folderName: basename(dir),
        now: LATER,
        peekBytes: BLOCK,
      });
      assert.deepEqual(
        ref,
        {
          id: full.id,
          state: full.state,
          format: 'wandb',
          ...(full.name ? { name: full.name } : {}),
          ...(full.project ? { project: full.project } : {}),
          startedAt: full.startedAt,
        },
        basename(dir),
      );
    }
    const missing = await peekWandbRun(createNodeFolder(join(REAL, 'nope')), {
      folderName: 'run-20200101_000000-nope',
    });
    assert.equal(missing.id, 'nope');
    assert.match(missing.error!, /could not read/);
  },
);

test('a real datastore growing on disk: read part, then tail the rest from the file', { skip }, async () => {
  const src = join(RL, 'offline-run-20250818_154253-01tt2qoy');
  const bytes = readFileSync(join(src, 'run-01tt2qoy.wandb'));
  const tmp = mkdtempSync(join(tmpdir(), 'runpage-live-'));
  try {
    const dir = join(tmp, 'offline-run-20250818_154253-01tt2qoy');
    mkdirSync(dir);
    const file = join(dir, 'run-01tt2qoy.wandb');
    const full = await read(src);
    // The writer's clock: shortly after the records written so far.
    const cut = 200_003; // mid-record, not on a block boundary
    writeFileSync(file, bytes.subarray(0, cut));
    const folder = createNodeFolder(dir);
    const partial = await readWandbRun(folder, { folderName: basename(dir), now: full.info.startedAt! + 20_000 });
    assert.equal(partial.info.state, 'running');
    assert.equal(partial.info.warnings, undefined);
    let lines = partial.logs.length;
    const points = new Map(partial.metrics.map((m) => [m.key, m.step.length]));
    let state: string | undefined;
    for (const step of [150_000, 100_000, bytes.length]) {
      appendFileSync(file, bytes.subarray(partial.tail!.offset, Math.min(bytes.length, partial.tail!.offset + step)));
      const chunks: Uint8Array[] = [];
      for await (const c of folder.stream!('run-01tt2qoy.wandb', partial.tail!.offset)) chunks.push(c);
      // The clock of a live run: never far from its last record.
      const update = partial.tail!.push(Buffer.concat(chunks), full.info.endedAt);
      lines += update.logs.length;
      for (const p of update.points) points.set(p.key, (points.get(p.key) ?? 0) + 1);
      state = update.run?.state;
      if (state !== 'running') break;
    }
    assert.equal(lines, full.logs.length);
    assert.equal(partial.tail!.offset, bytes.length);
    assert.equal(state, 'finished');
    assert.deepEqual([...points].sort(), full.metrics.map((m) => [m.key, m.step.length] as [string, number]).sort());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

/** Every W&B run folder of the fixtures. */
const ALL_RUNS = [
  join(ARM, 'run-20220429_201847-2zuxwf70'),
  join(ARM, 'run-20220429_201936-3ojed7lz'),
  join(RL, 'offline-run-20250818_133918-fu2alym7'),
  join(RL, 'offline-run-20250818_152032-0pd7u9c1'),
  join(RL, 'offline-run-20250818_152140-0t11yvt5'),
  join(RL, 'offline-run-20250818_153628-tlqs7r45'),
  join(RL, 'offline-run-20250818_154253-01tt2qoy'),
  join(ASSETS, 'offline-run-20210216_154407-g9dvvkua'),
];

/** A copy of a real run folder (file times kept) with its datastore replaced by `store`, or removed. */
function damagedCopy(tmp: string, src: string, store: Uint8Array | undefined): string {
  const dir = join(tmp, basename(src));
  cpSync(src, dir, { recursive: true, preserveTimestamps: true });
  const name = readdirSync(dir).find((n) => n.endsWith('.wandb'))!;
  rmSync(join(dir, name), { force: true });
  if (store) writeFileSync(join(dir, name), store);
  return dir;
}

test(
  'every real run read from files/ alone: never crashed, the end from the evidence, never the start',
  { skip },
  async () => {
    // How each run ended, as its debug logs (or nothing) tell it without the datastore.
    const expected: Record<string, [string, number | undefined]> = {
      '2zuxwf70': ['failed', 1], // debug.log: got exitcode: 1
      '3ojed7lz': ['unknown', undefined], // killed: its logs just stop
      fu2alym7: ['unknown', undefined],
      '0pd7u9c1': ['unknown', undefined], // the Go writer closed its stream; no code recorded
      '0t11yvt5': ['unknown', undefined],
      tlqs7r45: ['finished', 0],
      '01tt2qoy': ['finished', 0],
      g9dvvkua: ['unknown', undefined], // no logs/ in this test asset
    };
    const header = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0);
    for (const [label, store] of [
      ['no datastore', undefined],
      ['header only', header],
      ['empty', new Uint8Array(0)],
    ] as const) {
      const tmp = mkdtempSync(join(tmpdir(), 'runpage-files-only-'));
      try {
        for (const src of ALL_RUNS) {
          const full = (await read(src)).info;
          const dir = damagedCopy(tmp, src, store);
          const run = await read(dir);
          const i = run.info;
          const what = `${label}: ${basename(src)}`;
          assert.deepEqual([i.state, i.exitCode], expected[i.id], what);
          assert.match(i.warnings!.join('\n'), /the run is read from files\/ only/, what);
          assert.equal(i.sdk?.version, full.sdk?.version, what);
          if (i.startedAt !== undefined) {
            assert.ok(Math.abs(i.startedAt - full.startedAt!) < 1000, `${what}: start`);
            if (i.endedAt !== undefined) assert.ok(i.endedAt > i.startedAt, `${what}: end after start`);
          }
          // Ended runs whose files tell how long they ran end within a few seconds of the full read.
          if (full.state !== 'crashed' && i.endedAt !== undefined) {
            assert.ok(Math.abs(i.endedAt - full.endedAt!) < 3000, `${what}: end ${i.endedAt} vs ${full.endedAt}`);
          }
          // The console is output.log when it has lines.
          const outputLog = readFileSync(join(src, 'files/output.log'), 'utf8');
          if (outputLog !== '') assert.equal(logs(run).at(-1)!.text, outputLog.replace(/\n$/, '').split('\n').at(-1));
          const ref = await peekWandbRun(createNodeFolder(dir), { folderName: basename(dir), now: LATER });
          assert.deepEqual([ref.state, ref.startedAt], [i.state, i.startedAt], `${what}: peek`);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  },
);

test('every real run cut short: the console ends as output.log does, its extra lines labelled', { skip }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'runpage-cut-'));
  try {
    for (const src of ALL_RUNS) {
      const name = readdirSync(src).find((n) => n.endsWith('.wandb'))!;
      const bytes = readFileSync(join(src, name));
      const outputLog = readFileSync(join(src, 'files/output.log'), 'utf8');
      const full = await read(src);
      for (const cut of [Math.floor(bytes.length / 2), Math.floor(bytes.length * 0.9)]) {
        const dir = damagedCopy(tmp, src, bytes.subarray(0, cut));
        const run = await read(dir);
        const what = `${basename(src)} cut at ${cut}`;
        const lines = logs(run);
        if (outputLog.trim() === '') {
          assert.ok(
            lines.every((l) => l.label === undefined),
            what,
          );
          continue;
        }
        // Whatever the datastore kept, the console ends where output.log ends.
        assert.equal(lines.at(-1)!.text, outputLog.replace(/\n$/, '').split('\n').at(-1), what);
        const added = lines.filter((l) => l.label === 'output.log');
        if (added.length) {
          assert.ok(lines.indexOf(added[0]!) + added.length === lines.length, `${what}: labelled lines come last`);
          assert.match(run.info.warnings!.join('\n'), /come from files\/output\.log/, what);
        }
        // No line of the datastore is lost (the last may be cut: a prefix of the whole line).
        const kept = lines.filter((l) => l.label === undefined).map((l) => l.text);
        const whole = logs(full).map((l) => l.text);
        assert.deepEqual(kept.slice(0, -1), whole.slice(0, kept.length - 1), `${what}: datastore lines`);
        assert.ok(whole[kept.length - 1]!.startsWith(kept.at(-1)!), `${what}: last datastore line`);
      }
      rmSync(join(tmp, basename(src)), { recursive: true, force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
