import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldCursor, ProtobufError, WIRE_LEN, WIRE_VARINT } from '../../../../src/formats/common/protobuf.js';
import { readRecordBody } from '../../../../src/formats/wandb/record-envelope.js';
import { decodeRecord } from '../../../../src/formats/wandb/records.js';
import { field, historyRecord, item, msg, varint } from './helpers.js';

/** The envelope as the general cursor reads it (the reference the hand-walked reading must match). */
function byCursor(b: Uint8Array) {
  let no = 0;
  let start = 0;
  let end = 0;
  let num: number | undefined;
  const f = new FieldCursor().reset(b);
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_VARINT) num = f.asInt();
    else if (f.wire === WIRE_LEN && f.no !== 16 && f.no !== 19 && f.no !== 200 && no === 0) {
      no = f.no;
      start = f.start;
      end = f.end;
    }
  }
  return { no, start, end, num };
}

const body = msg(field(1, item('loss', '0.5')));
const envelopes: [string, Uint8Array][] = [
  ['body only', msg(field(2, body))],
  ['num, then body', msg(field(1, 7), field(2, body))],
  [
    'control, uuid and info before the body',
    msg(field(16, msg(field(1, 1))), field(19, 'u-1'), field(200, msg()), field(4, body)),
  ],
  ['two bodies: the first wins', msg(field(3, body), field(2, body))],
  ['no body', msg(field(1, 3), field(16, msg()))],
  [
    'fixed64 and fixed32 fields',
    msg([(3 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8], [...varint((31 << 3) | 5), 1, 2, 3, 4], field(2, body)),
  ],
  ['a num of five bytes', msg(field(1, 2 ** 33 + 5), field(2, body))],
  ['a num of ten bytes (negative)', msg(field(1, -2n), field(2, body))],
  ['a long tag', msg(field(3000, 'x'), field(2, body))],
  ['a group, skipped', msg([(9 << 3) | 3, ...field(1, 5), (9 << 3) | 4], field(2, body))],
  ['a body of 300 bytes', msg(field(2, new Uint8Array(300)))],
  ['empty', msg()],
];

for (const [name, b] of envelopes) {
  test(`the envelope read by hand equals the cursor's: ${name}`, () => {
    assert.deepEqual({ ...readRecordBody(b, 0, b.length) }, byCursor(b));
    // the same record inside a larger buffer
    const padded = Uint8Array.from([9, 9, 9, ...b, 9]);
    const inner = readRecordBody(padded, 3, 3 + b.length);
    const ref = byCursor(b);
    assert.deepEqual(
      { ...inner },
      { ...ref, start: ref.no ? ref.start + 3 : inner.start, end: ref.no ? ref.end + 3 : inner.end },
    );
  });
}

test('malformed envelopes throw ProtobufError as the cursor does', () => {
  const bad = [
    Uint8Array.from([0x12, 5, 1, 2]), // length past the end
    Uint8Array.from([0x08]), // varint cut off
    Uint8Array.from([0x02, 0]), // field number 0
    Uint8Array.from([0x17, 1]), // wire type 7
    Uint8Array.from([0x09, 1, 2, 3]), // fixed64 cut off
    Uint8Array.from([0x12, ...varint(2 ** 40)]), // huge length
  ];
  for (const b of bad) {
    assert.throws(() => byCursor(b), ProtobufError);
    assert.throws(() => readRecordBody(b), ProtobufError);
  }
});

test('history rows read by hand equal the general decoding (keys, nested keys, long values, step)', () => {
  const long = `"${'x'.repeat(200)}"`;
  const cases: [Uint8Array, object][] = [
    [
      historyRecord(
        [
          ['loss', '0.5'],
          ['acc', '1'],
        ],
        3,
      ),
      {
        type: 'history',
        step: 3,
        items: [
          { path: ['loss'], valueJson: '0.5' },
          { path: ['acc'], valueJson: '1' },
        ],
      },
    ],
    [historyRecord([['a', '1']], 0), { type: 'history', step: 0, items: [{ path: ['a'], valueJson: '1' }] }],
    [
      historyRecord([[['n', 'k'], '2']]),
      { type: 'history', step: undefined, items: [{ path: ['n', 'k'], valueJson: '2' }] },
    ],
    [historyRecord([['s', long]]), { type: 'history', step: undefined, items: [{ path: ['s'], valueJson: long }] }],
    [historyRecord([['', '1']]), { type: 'history', step: undefined, items: [{ path: [''], valueJson: '1' }] }],
    [historyRecord([['v', '']]), { type: 'history', step: undefined, items: [{ path: ['v'], valueJson: '' }] }],
    [historyRecord([['é', '"ü"']]), { type: 'history', step: undefined, items: [{ path: ['é'], valueJson: '"ü"' }] }],
  ];
  // Twice: the second time each key is found by its place in the row.
  for (let round = 0; round < 2; round++) for (const [b, want] of cases) assert.deepEqual(decodeRecord(b), want);
  // A key that differs from the one at its place last time is read anew.
  assert.deepEqual(decodeRecord(historyRecord([['lost', '0.5']])), {
    type: 'history',
    step: undefined,
    items: [{ path: ['lost'], valueJson: '0.5' }],
  });
  assert.throws(() => decodeRecord(msg(field(2, Uint8Array.from([0x12, 3, 0x08])))), ProtobufError);
});
