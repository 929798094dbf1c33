import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TfeventsRunReader,
  metricKey,
  isEventFileName,
  type TfeventsLiveness,
} from '../../../../src/formats/tfevents/run-reader.js';
import { encode, eventBytes, eventFile, scalarValue, tensorValue, type Field } from './encode.js';
import type { MemoryMetric } from '../../../../src/data/memory-source.js';

/** Column metrics as [key, step, value, time, runtime] rows, merged in step-then-time order. */
function rows(metrics: MemoryMetric[]): Array<[string, number, number, number, number]> {
  const out: Array<[string, number, number, number, number]> = [];
  for (const m of metrics)
    for (let i = 0; i < m.step.length; i++) out.push([m.key, m.step[i]!, m.value[i]!, m.time![i]!, m.runtime![i]!]);
  return out.sort((a, b) => a[1] - b[1] || a[3] - b[3]);
}

const T0 = 1_700_000_000;

test('metric keys: subfolders prefix tags; add_scalars folders become <main_tag>/<name>', () => {
  assert.equal(metricKey('', 'loss'), 'loss');
  assert.equal(metricKey('train', 'loss'), 'train/loss');
  assert.equal(metricKey('a/validation', 'epoch/acc'), 'a/validation/epoch/acc');
  assert.equal(
    metricKey('Comparative_Episode_Length_DQN', 'Comparative/Episode_Length'),
    'Comparative/Episode_Length/DQN',
  );
  assert.equal(metricKey('logs/loss_train', 'loss'), 'logs/loss/train');
  assert.equal(metricKey('loss_', 'loss'), 'loss_/loss');
  assert.equal(
    metricKey('loss_curves', 'loss', false),
    'loss_curves/loss',
    'no event file in the parent: not add_scalars',
  );
  assert.ok(isEventFileName('events.out.tfevents.1666350020.67d731bb51ab.314.0.v2'));
  assert.ok(isEventFileName('events.out.tfevents.1666015010.MS-IJHPFNLAGMLT.profile-empty'));
  assert.ok(!isEventFileName('tfevents.txt') && !isEventFileName('events.json'));
});

test('two files are merged by step then wall time, duplicates kept; summary is the last value per key', () => {
  const reader = new TfeventsRunReader({ id: 'r1' });
  reader.push(
    'events.out.tfevents.1',
    eventFile([eventBytes(T0 + 1, 1, [scalarValue('loss', 3)]), eventBytes(T0 + 3, 3, [scalarValue('loss', 1)])], T0),
  );
  reader.push(
    'events.out.tfevents.2',
    eventFile(
      [eventBytes(T0 + 2, 2, [scalarValue('loss', 2)]), eventBytes(T0 + 4, 3, [scalarValue('loss', 0.5)])],
      T0 + 2,
    ),
  );
  reader.push('train/events.out.tfevents.3', eventFile([eventBytes(T0 + 5, 1, [scalarValue('acc', 0.5)])], T0 + 5));
  const run = reader.toRun({ now: (T0 + 10_000) * 1000 });
  assert.deepEqual(
    run.metrics.map((m) => m.key),
    ['loss', 'train/acc'],
  );
  assert.deepEqual(rows(run.metrics), [
    ['loss', 1, 3, (T0 + 1) * 1000, 1],
    ['train/acc', 1, 0.5, (T0 + 5) * 1000, 5],
    ['loss', 2, 2, (T0 + 2) * 1000, 2],
    ['loss', 3, 1, (T0 + 3) * 1000, 3],
    ['loss', 3, 0.5, (T0 + 4) * 1000, 4],
  ]);
  assert.deepEqual(run.info.summary, { loss: 0.5, 'train/acc': 0.5 });
  assert.equal(run.info.state, 'unknown', 'written long ago, and event files hold no exit');
  assert.equal(run.info.startedAt, T0 * 1000);
  assert.equal(run.info.endedAt, (T0 + 5) * 1000);
  assert.equal(run.info.runtime, 5);
  assert.equal(run.info.format, 'tfevents');
  assert.deepEqual(run.info.sdk, { name: 'tensorboard' });
  assert.deepEqual(run.info.warnings, []);
});

test('state: running while the newest event is recent; unknown once it is not; finished after SessionLog STOP', () => {
  const reader = new TfeventsRunReader({ id: 'live' });
  reader.push('events.out.tfevents.1', eventFile([eventBytes(T0 + 1, 1, [scalarValue('x', 1)])], T0));
  const lastEvent = (T0 + 1) * 1000;
  const at = (now: number, more: Partial<TfeventsLiveness> = {}) => reader.toRun({ now, ...more }).info;
  assert.equal(at(lastEvent + 1000).state, 'running');
  assert.equal(at(lastEvent + 1000).endedAt, undefined);
  assert.equal(at(lastEvent + 1000).heartbeatAt, lastEvent);
  const quiet = at(lastEvent + 10 * 60_000);
  assert.deepEqual(
    [quiet.state, quiet.startedAt, quiet.endedAt, quiet.runtime, quiet.heartbeatAt],
    ['unknown', T0 * 1000, lastEvent, 1, lastEvent],
  );
  // A fresh mtime (a copied file) does not make old events live…
  assert.equal(at(lastEvent + 10 * 60_000, { lastModified: lastEvent + 10 * 60_000 - 1 }).state, 'unknown');
  // …and a file that stopped changing long ago is not being written, whatever its events say.
  assert.equal(at(lastEvent + 1000, { lastModified: lastEvent - 10 * 60_000 }).state, 'unknown');
  assert.equal(at(lastEvent + 1000, { lastModified: lastEvent }).state, 'running');
  assert.equal(at(lastEvent + 2000, { growingThresholdMs: 1000 }).state, 'unknown');
  assert.equal(at(lastEvent + 999, { growingThresholdMs: 1000 }).state, 'running');
  assert.deepEqual(reader.status({ now: lastEvent + 2000, growingThresholdMs: 1000 }), {
    state: 'unknown',
    startedAt: T0 * 1000,
    endedAt: lastEvent,
    heartbeatAt: lastEvent,
    runtime: 1,
  });
  const stopped = new TfeventsRunReader({ id: 's' });
  stopped.push('e.tfevents.1', eventFile([eventBytes(T0 + 1, 1, [], [[7, { message: [[1, { varint: 2 }]] }]])], T0));
  assert.equal(stopped.toRun({ now: lastEvent + 1 }).info.state, 'finished');
  const empty = new TfeventsRunReader({ id: 'e' });
  empty.push('events.out.tfevents.1', new Uint8Array(0));
  assert.equal(empty.toRun({ now: lastEvent }).info.state, 'unknown', 'no event at all: nothing is being written');
});

test('live: bytes fed as the file grows yield each point once; a partial tail waits silently', () => {
  const events = Array.from({ length: 40 }, (_, i) => eventBytes(T0 + i, i, [scalarValue('loss', 1 / (i + 1))]));
  const file = eventFile(events, T0);
  const reader = new TfeventsRunReader({ id: 'g' });
  const seen: number[] = [];
  for (let at = 0; at < file.length; at += 97) {
    for (const p of reader.push('events.out.tfevents.1', file.subarray(at, at + 97)).metrics) {
      assert.equal(p.time, (T0 + p.step) * 1000);
      assert.equal(p.runtime, p.step);
      seen.push(p.step);
    }
    assert.deepEqual(reader.toRun({ now: T0 * 1000 }).info.warnings, []);
  }
  assert.deepEqual(
    seen,
    Array.from({ length: 40 }, (_, i) => i),
  );
  assert.equal(reader.received('events.out.tfevents.1'), file.length);
});

test('a damaged file keeps its intact events and reports warnings; nothing throws', () => {
  const events = Array.from({ length: 10 }, (_, i) => eventBytes(T0 + i, i, [scalarValue('v', i)]));
  const file = eventFile(events, T0);
  const damaged = file.slice(0, file.length - 5);
  damaged[60] = damaged[60]! ^ 0x55;
  const reader = new TfeventsRunReader({ id: 'd' });
  reader.push('a/events.out.tfevents.1', damaged);
  reader.end('a/events.out.tfevents.1');
  reader.push('events.out.tfevents.empty', new Uint8Array(0));
  reader.end('events.out.tfevents.empty');
  const run = reader.toRun({ now: 0 });
  const steps = Array.from(run.metrics[0]!.step);
  // byte 60 is inside the 2nd or 3rd record; the last record is cut: 10 - 2 remain
  assert.equal(steps.length, 8);
  assert.ok(steps.every((s, i) => i === 0 || s > steps[i - 1]!));
  assert.equal(run.info.warnings!.length, 3, run.info.warnings!.join('\n'));
  assert.match(run.info.warnings![0]!, /^a\/events.out.tfevents.1: Corrupt event data/);
  assert.match(run.info.warnings![1]!, /^a\/events.out.tfevents.1: Truncated record/);
  assert.equal(run.info.warnings![2], 'events.out.tfevents.empty: empty event file.');
});

test('a record with a valid frame but a malformed Event is reported and its earlier values kept', () => {
  const good = eventBytes(T0 + 1, 5, [scalarValue('ok', 1)]);
  const bad = Uint8Array.from([...good, 0x0a, 0x20]); // field 1, length 32, nothing after
  const reader = new TfeventsRunReader({ id: 'm' });
  reader.push('events.out.tfevents.1', eventFile([bad], T0));
  const run = reader.toRun({ now: 0 });
  assert.deepEqual(
    rows(run.metrics).map((r) => r.slice(0, 3)),
    [['ok', 5, 1]],
  );
  assert.match(run.info.warnings![0]!, /event at byte \d+ is malformed .*kept 1 values/);
});

test('histograms are kept; non-scalar tensors are not metrics', () => {
  const histo = encode([
    [1, { string: 'w' }],
    [
      5,
      {
        message: [
          [1, { double: 0 }],
          [2, { double: 1 }],
          [3, { double: 2 }],
        ],
      },
    ],
  ]);
  const reader = new TfeventsRunReader({ id: 'h' });
  reader.push(
    'train/events.out.tfevents.1',
    eventFile(
      [
        eventBytes(T0, 6, [[1, { message: [[1, { string: 'no data' }]] }]]),
        eventBytes(T0, 7, [[1, { bytes: histo }], tensorValue('t', [[1, { varint: 7 }]], 'text')]),
      ],
      T0,
    ),
  );
  const run = reader.toRun({ now: 0 });
  assert.deepEqual(run.metrics, []);
  assert.equal(run.histograms.length, 1);
  assert.equal(run.histograms[0]!.key, 'train/w');
  assert.equal(run.histograms[0]!.step, 7);
  assert.deepEqual(run.histograms[0]!.histogram.limits, []);
  assert.equal(run.histograms[0]!.histogram.num, 2);
});

test('NaN and infinite scalars are kept as points; the summary holds the last finite value', () => {
  const reader = new TfeventsRunReader({ id: 'nan' });
  reader.push(
    'events.out.tfevents.1',
    eventFile(
      [
        eventBytes(T0 + 1, 1, [scalarValue('loss', 0.5)]),
        eventBytes(T0 + 2, 2, [scalarValue('loss', NaN)]),
        eventBytes(T0 + 3, 3, [scalarValue('loss', Infinity)]),
      ],
      T0,
    ),
  );
  const run = reader.toRun({ now: 0 });
  assert.deepEqual(Array.from(run.metrics[0]!.value), [0.5, NaN, Infinity]);
  assert.deepEqual(run.info.summary, { loss: 0.5 });
});

/** An hparams plugin value as `tensorboard.plugins.hparams.summary` writes it. */
function hparamsValue(tag: string, pluginData: Field[]): Field {
  const metadata: Field[] = [
    [
      1,
      {
        message: [
          [1, { string: 'hparams' }],
          [2, { bytes: encode(pluginData) }],
        ],
      },
    ],
  ];
  return [
    1,
    {
      message: [
        [1, { string: tag }],
        [9, { message: metadata }],
        [8, { message: [[1, { varint: 1 }]] }],
      ],
    },
  ];
}
const entry = (key: string, value: Field[]): Field => [
  1,
  {
    message: [
      [1, { string: key }],
      [2, { message: value }],
    ],
  },
];

test('hparams plugin: session hyperparameters become the config; a failed session end makes the run failed', () => {
  const start = hparamsValue('_hparams_/session_start_info', [
    [1, { varint: 0 }],
    [
      3,
      {
        message: [
          entry('lr', [[2, { double: 0.001 }]]),
          entry('optimizer', [[3, { string: 'adam' }]]),
          entry('amp', [[4, { varint: 1 }]]),
          entry('layers', [
            [
              6,
              {
                message: [
                  [1, { message: [[2, { double: 64 }]] }],
                  [1, { message: [[2, { double: 32 }]] }],
                ],
              },
            ],
          ]),
          entry('extra', [[5, { message: [entry('seed', [[2, { double: 7 }]])] }]]),
          entry('nothing', [[1, { varint: 0 }]]),
        ],
      },
    ],
  ]);
  const end = hparamsValue('_hparams_/session_end_info', [
    [
      4,
      {
        message: [
          [1, { varint: 2 }],
          [2, { double: T0 + 50 }],
        ],
      },
    ],
  ]);
  const reader = new TfeventsRunReader({ id: 'hp' });
  reader.push(
    '1700000000/events.out.tfevents.1',
    eventFile([eventBytes(T0 + 1, 0, [start]), eventBytes(T0 + 2, 1, [scalarValue('loss', 1)])], T0),
  );
  let run = reader.toRun({ now: (T0 + 3) * 1000 });
  assert.deepEqual(run.info.config, {
    lr: 0.001,
    optimizer: 'adam',
    amp: true,
    layers: [64, 32],
    extra: { seed: 7 },
    nothing: null,
  });
  assert.equal(run.info.state, 'running');
  assert.deepEqual(
    run.metrics.map((m) => m.key),
    ['1700000000/loss'],
    'the hparams value is not a metric',
  );
  reader.push('1700000000/events.out.tfevents.2', eventFile([eventBytes(T0 + 4, 1, [end])], T0 + 4));
  run = reader.toRun({ now: (T0 + 5) * 1000 });
  assert.equal(run.info.state, 'failed');
  assert.equal(run.info.endedAt, (T0 + 50) * 1000);
});

test('add_scalars folders are recognised only next to the parent writer; declared files give live keys that match', () => {
  const child = eventFile([eventBytes(T0 + 1, 1, [scalarValue('loss', 1)])], T0);
  const alone = new TfeventsRunReader({ id: 'alone' });
  alone.push('loss_curves/events.out.tfevents.1', child);
  assert.deepEqual(
    alone.toRun({ now: 0 }).metrics.map((m) => m.key),
    ['loss_curves/loss'],
  );

  const paths = ['loss_train/events.out.tfevents.2', 'events.out.tfevents.1'];
  const undeclared = new TfeventsRunReader({ id: 'u' });
  undeclared.push(paths[0]!, child);
  undeclared.push(paths[1]!, eventFile([], T0));
  assert.deepEqual(
    undeclared.toRun({ now: 0 }).metrics.map((m) => m.key),
    ['loss/train'],
    'settled once every file is known',
  );

  const declared = new TfeventsRunReader({ id: 'd' });
  declared.declare(paths);
  const live = declared.push(paths[0]!, child).metrics.map((p) => p.key);
  assert.deepEqual(live, ['loss/train']);
  assert.deepEqual(
    declared.toRun({ now: 0 }).metrics.map((m) => m.key),
    ['loss/train'],
  );
});
