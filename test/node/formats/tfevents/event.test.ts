import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvent } from '../../../../src/formats/tfevents/event.js';
import { encode, eventBytes, scalarValue, tensorValue, type Field } from './encode.js';

const f32 = (x: number) => Math.fround(x);
const le = (n: number, write: (dv: DataView) => void) => {
  const b = new Uint8Array(n);
  write(new DataView(b.buffer));
  return b;
};
const scalarShape: Field = [2, { message: [] }];

test('wall time, step, file version and simple_value scalars', () => {
  const e = decodeEvent(eventBytes(1585769947.935316, 42, [scalarValue('loss', 0.25), scalarValue('acc', 0.1)]));
  assert.equal(e.wallTime, 1585769947.935316);
  assert.equal(e.step, 42);
  assert.deepEqual(e.values, [
    { tag: 'loss', kind: 'scalar', value: 0.25 },
    { tag: 'acc', kind: 'scalar', value: f32(0.1) },
  ]);
  const v = decodeEvent(
    encode([
      [1, { double: 5 }],
      [3, { string: 'brain.Event:2' }],
    ]),
  );
  assert.equal(v.fileVersion, 'brain.Event:2');
  assert.equal(v.step, 0);
  assert.deepEqual(v.values, []);
});

test('negative and large int64 steps', () => {
  assert.equal(decodeEvent(eventBytes(1, -3)).step, -3);
  assert.equal(decodeEvent(eventBytes(1, 2 ** 40 + 7)).step, 2 ** 40 + 7);
});

test('scalar tensors: tensor_content in every numeric dtype and the *_val lists', () => {
  const cases: Array<[Field[], number]> = [
    [[[1, { varint: 1 }], scalarShape, [4, { bytes: le(4, (d) => d.setFloat32(0, 1.5, true)) }]], 1.5],
    [[[1, { varint: 2 }], scalarShape, [4, { bytes: le(8, (d) => d.setFloat64(0, 0.1, true)) }]], 0.1],
    [[[1, { varint: 3 }], scalarShape, [4, { bytes: le(4, (d) => d.setInt32(0, -7, true)) }]], -7],
    [
      [[1, { varint: 9 }], scalarShape, [4, { bytes: le(8, (d) => d.setBigInt64(0, 123456789012n, true)) }]],
      123456789012,
    ],
    [[[1, { varint: 1 }], scalarShape, [5, { float: 2.5 }]], 2.5],
    [[[1, { varint: 1 }], scalarShape, [5, { bytes: le(4, (d) => d.setFloat32(0, 3.25, true)) }]], 3.25], // packed
    [[[1, { varint: 2 }], scalarShape, [6, { double: 0.3 }]], 0.3],
    [[[1, { varint: 3 }], scalarShape, [7, { varint: -5 }]], -5],
    [[[1, { varint: 9 }], scalarShape, [10, { varint: 2 ** 35 }]], 2 ** 35],
    [[[1, { varint: 19 }], scalarShape, [13, { varint: 0x3c00 }]], 1], // half 1.0
  ];
  for (const [tensor, expected] of cases) {
    const e = decodeEvent(eventBytes(1, 1, [tensorValue('x', tensor, 'scalars')]));
    assert.deepEqual(
      e.values,
      [{ tag: 'x', plugin: 'scalars', kind: 'scalar', value: expected }],
      JSON.stringify(tensor),
    );
  }
  // no plugin name: a one-element numeric tensor still counts as a scalar
  const noPlugin = decodeEvent(
    eventBytes(1, 1, [
      tensorValue('y', [
        [1, { varint: 2 }],
        [6, { double: 4 }],
      ]),
    ]),
  );
  assert.deepEqual(noPlugin.values, [{ tag: 'y', kind: 'scalar', value: 4 }]);
});

test('tensors of other plugins or shapes are kept as tensors, not scalars', () => {
  const text = decodeEvent(
    eventBytes(1, 1, [tensorValue('note', [[1, { varint: 7 }], scalarShape, [8, { string: 'hi' }]], 'text')]),
  );
  assert.deepEqual(text.values, [{ tag: 'note', plugin: 'text', kind: 'tensor', dtype: 7, shape: [] }]);
  const vec: Field[] = [
    [1, { varint: 1 }],
    [2, { message: [[2, { message: [[1, { varint: 2 }]] }]] }],
    [5, { float: 1 }],
    [5, { float: 2 }],
  ];
  const v = decodeEvent(eventBytes(1, 1, [tensorValue('w', vec, 'scalars')]));
  assert.deepEqual(v.values, [{ tag: 'w', plugin: 'scalars', kind: 'tensor', dtype: 1, shape: [2] }]);
});

test('HistogramProto and TF2 histogram tensors become histograms', () => {
  const packed = (xs: number[]) => le(xs.length * 8, (d) => xs.forEach((x, i) => d.setFloat64(i * 8, x, true)));
  const histo: Field = [
    1,
    {
      message: [
        [1, { string: 'weights' }],
        [
          5,
          {
            message: [
              [1, { double: -1 }],
              [2, { double: 2 }],
              [3, { double: 10 }],
              [4, { double: 3 }],
              [5, { double: 9 }],
              [6, { bytes: packed([0, 1, 2]) }],
              [7, { bytes: packed([4, 5, 1]) }],
            ],
          },
        ],
      ],
    },
  ];
  const h = decodeEvent(eventBytes(1, 3, [histo]));
  assert.deepEqual(h.values, [
    {
      tag: 'weights',
      kind: 'histogram',
      histogram: { min: -1, max: 2, num: 10, sum: 3, sumSquares: 9, limits: [0, 1, 2], counts: [4, 5, 1] },
    },
  ]);
  const rows: Field[] = [
    [1, { varint: 2 }],
    [
      2,
      {
        message: [
          [2, { message: [[1, { varint: 2 }]] }],
          [2, { message: [[1, { varint: 3 }]] }],
        ],
      },
    ],
    [4, { bytes: packed([0, 0.5, 3, 0.5, 1, 7]) }],
  ];
  const t = decodeEvent(eventBytes(1, 3, [tensorValue('acts', rows, 'histograms')]));
  assert.deepEqual(t.values, [
    {
      tag: 'acts',
      plugin: 'histograms',
      kind: 'histogram',
      histogram: { min: 0, max: 1, num: 10, limits: [0.5, 1], counts: [3, 7] },
    },
  ]);
});

test('images, session logs and graphs are recognised', () => {
  const image: Field = [
    1,
    {
      message: [
        [1, { string: 'img' }],
        [
          4,
          {
            message: [
              [1, { varint: 28 }],
              [2, { varint: 32 }],
              [4, { bytes: new Uint8Array(3) }],
            ],
          },
        ],
      ],
    },
  ];
  const e = decodeEvent(
    eventBytes(
      1,
      1,
      [image],
      [
        [
          7,
          {
            message: [
              [1, { varint: 2 }],
              [3, { string: 'bye' }],
            ],
          },
        ],
        [4, { bytes: new Uint8Array(2) }],
      ],
    ),
  );
  assert.deepEqual(e.values, [{ tag: 'img', kind: 'image', height: 28, width: 32 }]);
  assert.deepEqual(e.sessionLog, { status: 2, message: 'bye' });
  assert.equal(e.hasGraph, true);
});

test('malformed bytes keep what came before and report an error instead of throwing', () => {
  const good = eventBytes(12.5, 9, [scalarValue('a', 1)]);
  const cut = decodeEvent(good.subarray(0, good.length - 3));
  assert.equal(cut.wallTime, 12.5);
  assert.equal(cut.step, 9);
  assert.match(cut.error!, /runs past the end|truncated/);
  const junk = decodeEvent(Uint8Array.of(0xff, 0xff, 0xff));
  assert.ok(junk.error);
  assert.deepEqual(junk.values, []);
  // a field with an unexpected wire type is ignored, not misread
  const odd = decodeEvent(
    encode([
      [1, { varint: 3 }],
      [2, { varint: 4 }],
      [5, { varint: 1 }],
    ]),
  );
  assert.deepEqual(
    { wallTime: odd.wallTime, step: odd.step, values: odd.values, error: odd.error },
    { wallTime: NaN, step: 4, values: [], error: undefined },
  );
});

test('random corruption of valid events never throws', () => {
  const base = eventBytes(1585769947.5, 12, [
    scalarValue('loss', 0.5),
    tensorValue(
      't',
      [[1, { varint: 1 }], scalarShape, [4, { bytes: le(4, (d) => d.setFloat32(0, 2, true)) }]],
      'scalars',
    ),
  ]);
  let s = 17;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 3000; i++) {
    const b = base.slice(0, Math.floor(next() * (base.length + 1)));
    for (let k = 0; k < 1 + Math.floor(next() * 3); k++)
      if (b.length) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
    const e = decodeEvent(b);
    assert.ok(Array.isArray(e.values));
  }
});

test('scalar events in every length class and field order decode to the same values', () => {
  const long = 't'.repeat(140);
  const steps = [0, 1, 127, 128, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 40, -1];
  for (const step of steps) {
    for (const tags of [['loss'], ['loss', 'acc', 'loss'], [long], ['', 'ü/é']]) {
      const values = tags.map((t, i) => scalarValue(t, i + step / 7));
      const expected = {
        wallTime: 1_700_000_000.25,
        step,
        values: tags.map((t, i) => ({ tag: t, kind: 'scalar', value: f32(i + step / 7) })),
      };
      assert.deepEqual(decodeEvent(eventBytes(1_700_000_000.25, step, values)), expected, `step ${step}, ${tags}`);
      // step before wall_time, and the summary before both: the general decoder's shapes.
      const reordered = encode([
        [5, { message: values }],
        [2, { varint: step }],
        [1, { double: 1_700_000_000.25 }],
      ]);
      assert.deepEqual(decodeEvent(reordered), expected, `reordered, step ${step}, ${tags}`);
    }
  }
  // A value with metadata or a node name is not a plain scalar; a cut event keeps what came before.
  const meta = encode([
    [1, { double: 5 }],
    [
      5,
      {
        message: [
          [
            1,
            {
              message: [
                [1, { string: 'x' }],
                [2, { float: 2 }],
                [7, { string: 'node' }],
              ],
            },
          ],
        ],
      },
    ],
  ]);
  assert.deepEqual(decodeEvent(meta).values, [{ tag: 'x', kind: 'scalar', value: 2 }]);
  const whole = eventBytes(7, 3, [scalarValue('a', 1), scalarValue('b', 2)]);
  const cut = decodeEvent(whole.subarray(0, whole.length - 3));
  assert.equal(cut.wallTime, 7);
  assert.equal(cut.step, 3);
  assert.match(cut.error ?? '', /past the end|truncated/);
});
