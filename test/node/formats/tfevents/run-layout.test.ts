/**
 * Which event files make one run: TensorBoard's hparams tutorial (an experiment definition at the
 * logdir root, one subfolder per session), a run nested below another, and PyTorch's
 * `add_hparams` folder (part of its writer's run). Logdirs are written here with the test encoder
 * as the writers lay them out; each run's values are compared with the values written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findTfeventsRuns, readTfeventsRun } from '../../../../src/formats/tfevents/folder.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { eventBytes, eventFile, hparamsValue, scalarValue, tensorValue, type Field } from './encode.js';
import { fsFolder } from './fs-folder.js';

const T0 = 1_700_000_000;

function write(root: string, path: string, body: Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

const hparamEntry = (key: string, value: Field[]): Field => [
  1,
  {
    message: [
      [1, { string: key }],
      [2, { message: value }],
    ],
  },
];

/** `hp.hparams_config(hparams=[num_units, dropout], metrics=[accuracy])`: HParamsPluginData.experiment (2). */
const experimentConfig = hparamsValue('_hparams_/experiment', [
  [1, { varint: 0 }],
  [
    2,
    {
      message: [
        [4, { message: [[1, { string: 'num_units' }]] }],
        [4, { message: [[1, { string: 'dropout' }]] }],
        [5, { message: [[1, { message: [[2, { string: 'accuracy' }]] }]] }],
      ],
    },
  ],
]);

/** `hp.hparams({...})`: session_start_info (3) with the hparams map (1). */
const sessionStart = (units: number, dropout: number) =>
  hparamsValue('_hparams_/session_start_info', [
    [1, { varint: 0 }],
    [
      3,
      {
        message: [
          hparamEntry('num_units', [[2, { double: units }]]),
          hparamEntry('dropout', [[2, { double: dropout }]]),
        ],
      },
    ],
  ]);

/** TF2 `tf.summary.scalar`: a float32 scalar tensor of plugin "scalars". */
const tf2Scalar = (tag: string, v: number): Field => {
  const content = new Uint8Array(4);
  new DataView(content.buffer).setFloat32(0, v, true);
  return tensorValue(
    tag,
    [
      [1, { varint: 1 }],
      [2, { message: [] }],
      [4, { bytes: content }],
    ],
    'scalars',
  );
};

const SESSIONS = [
  { name: 'run-0', units: 16, dropout: 0.1, accuracy: 0.8125 },
  { name: 'run-1', units: 32, dropout: 0.2, accuracy: 0.875 },
  { name: 'run-2', units: 32, dropout: 0.1, accuracy: 0.90625 },
];

/** TensorBoard's hparams tutorial: logs/hparam_tuning/{events (config), run-N/events (one session each)}. */
function hparamsTutorial(dir: string): void {
  write(
    dir,
    `logs/hparam_tuning/events.out.tfevents.${T0}.host.1.0.v2`,
    eventFile([eventBytes(T0, 0, [experimentConfig])], T0),
  );
  SESSIONS.forEach((s, i) => {
    const t = T0 + 10 * (i + 1);
    write(
      dir,
      `logs/hparam_tuning/${s.name}/events.out.tfevents.${t}.host.1.${i + 1}.v2`,
      eventFile(
        [
          eventBytes(t, 0, [sessionStart(s.units, s.dropout)]),
          eventBytes(t + 5, 1, [tf2Scalar('accuracy', s.accuracy)]),
        ],
        t,
      ),
    );
  });
}

test('hparams tutorial: each session folder is a run with its own hparams and accuracy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-hparams-'));
  try {
    hparamsTutorial(dir);
    const folder = fsFolder(dir);
    const refs = await findTfeventsRuns(folder);
    assert.deepEqual(
      refs.map((r) => [r.path, r.files]),
      [
        ['logs/hparam_tuning', 1],
        ['logs/hparam_tuning/run-0', 1],
        ['logs/hparam_tuning/run-1', 1],
        ['logs/hparam_tuning/run-2', 1],
      ],
    );
    for (const s of SESSIONS) {
      const run = await readTfeventsRun(folder, `logs/hparam_tuning/${s.name}`, {
        id: s.name,
        now: (T0 + 3600) * 1000,
      });
      assert.deepEqual(run.info.config, { num_units: s.units, dropout: s.dropout }, s.name);
      assert.deepEqual(
        run.metrics.map((m) => [m.key, Array.from(m.step), Array.from(m.value)]),
        [['accuracy', [1], [s.accuracy]]],
        s.name,
      );
    }
    // The experiment root holds the definition only: none of its sessions' values.
    const root = await readTfeventsRun(folder, 'logs/hparam_tuning', { id: 'root', now: (T0 + 3600) * 1000 });
    assert.deepEqual(root.metrics, []);
    assert.equal(root.info.config, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run nested below another is read once, in its own run; add_hparams and add_scalars folders stay in theirs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-nested-'));
  try {
    // A writer at runs/exp, another (a separate run) two levels below it, in a folder without events between.
    write(
      dir,
      `runs/exp/events.out.tfevents.${T0}.host.1.0`,
      eventFile([eventBytes(T0 + 1, 1, [scalarValue('loss', 0.5)])], T0),
    );
    write(
      dir,
      `runs/exp/finetune/seed1/events.out.tfevents.${T0}.host.2.0`,
      eventFile([eventBytes(T0 + 2, 1, [scalarValue('loss', 0.25)])], T0),
    );
    // PyTorch add_hparams: a <time.time()> folder beside the writer's file; add_scalars: <main_tag>_<name>.
    write(
      dir,
      `runs/exp/1700000100.5/events.out.tfevents.${T0 + 100}.host.1.1`,
      eventFile(
        [eventBytes(T0 + 100, 0, [sessionStart(64, 0.5)]), eventBytes(T0 + 100, 0, [scalarValue('hparam/acc', 0.75)])],
        T0,
      ),
    );
    write(
      dir,
      `runs/exp/lr_group0/events.out.tfevents.${T0}.host.1.2`,
      eventFile([eventBytes(T0 + 1, 1, [scalarValue('lr', 0.001)])], T0),
    );
    const found = await discoverRuns([dir]);
    assert.deepEqual(found.problems, []);
    const byPath = new Map(found.runs.map((r) => [r.path, r.id]));
    assert.deepEqual([...byPath.keys()].sort(), ['runs/exp', 'runs/exp/finetune/seed1']);
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const exp = byPath.get('runs/exp')!;
      assert.deepEqual((await source.listMetrics(exp)).map((m) => m.key).sort(), [
        '1700000100.5/hparam/acc',
        'loss',
        'lr/group0',
      ]);
      assert.deepEqual((await source.getRun(exp)).config, { num_units: 64, dropout: 0.5 });
      const [loss] = await source.getSeries({ runIds: [exp], keys: ['loss'], x: 'step' });
      assert.deepEqual(Array.from(loss!.y), [0.5]);
      const nested = byPath.get('runs/exp/finetune/seed1')!;
      const [nestedLoss] = await source.getSeries({ runIds: [nested], keys: ['loss'], x: 'step' });
      assert.deepEqual(Array.from(nestedLoss!.y), [0.25]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PyTorch add_hparams in a loop: each call’s folder is a run with its hparams; the writer’s own file stays a run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-add-hparams-'));
  try {
    // The example of SummaryWriter.add_hparams' documentation: calls in a loop on one writer.
    write(dir, `runs/sweep/events.out.tfevents.${T0}.host.9.0`, eventFile([], T0));
    const calls = [0, 1, 2].map((i) => ({ folder: `${T0 + i}.${100 + i}`, lr: 0.1 * i, acc: 10 * i }));
    for (const c of calls) {
      write(
        dir,
        `runs/sweep/${c.folder}/events.out.tfevents.${T0}.host.9.1`,
        eventFile(
          [
            eventBytes(T0 + 1, 0, [experimentConfig]),
            eventBytes(T0 + 1, 0, [
              hparamsValue('_hparams_/session_start_info', [
                [3, { message: [hparamEntry('lr', [[2, { double: c.lr }]])] }],
              ]),
            ]),
            eventBytes(T0 + 1, 0, [scalarValue('hparam/accuracy', c.acc)]),
          ],
          T0,
        ),
      );
    }
    const folder = fsFolder(dir);
    const refs = await findTfeventsRuns(folder);
    assert.deepEqual(
      refs.map((r) => r.path),
      ['runs/sweep', ...calls.map((c) => `runs/sweep/${c.folder}`)],
    );
    for (const c of calls) {
      const run = await readTfeventsRun(folder, `runs/sweep/${c.folder}`, { id: c.folder, now: (T0 + 3600) * 1000 });
      assert.deepEqual(run.info.config, { lr: c.lr }, c.folder);
      assert.deepEqual(
        run.metrics.map((m) => [m.key, Array.from(m.value)]),
        [['hparam/accuracy', [c.acc]]],
      );
    }
    const writer = await readTfeventsRun(folder, 'runs/sweep', { id: 'sweep', now: (T0 + 3600) * 1000 });
    assert.deepEqual([writer.metrics, writer.info.config], [[], undefined]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
