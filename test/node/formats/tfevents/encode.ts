/** A tiny protobuf writer for building Event messages in tests (independent of the reader). */
import { frameTfRecord } from '../../../../src/formats/tfevents/tfrecord.js';

export type Field = [no: number, value: Piece];
export type Piece =
  | { varint: number | bigint }
  | { double: number }
  | { float: number }
  | { bytes: Uint8Array }
  | { string: string }
  | { message: Field[] };

function varint(v: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x) b |= 0x80;
    out.push(b);
  } while (x);
  return out;
}

export function encode(fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const [no, p] of fields) {
    if ('varint' in p) out.push(...varint(no * 8), ...varint(p.varint));
    else if ('double' in p) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, p.double, true);
      out.push(...varint(no * 8 + 1), ...b);
    } else if ('float' in p) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setFloat32(0, p.float, true);
      out.push(...varint(no * 8 + 5), ...b);
    } else {
      const body = 'bytes' in p ? p.bytes : 'string' in p ? new TextEncoder().encode(p.string) : encode(p.message);
      out.push(...varint(no * 8 + 2), ...varint(body.length), ...body);
    }
  }
  return Uint8Array.from(out);
}

export const scalarValue = (tag: string, v: number): Field => [
  1,
  {
    message: [
      [1, { string: tag }],
      [2, { float: v }],
    ],
  },
];

export const tensorValue = (tag: string, tensor: Field[], plugin?: string): Field => {
  const value: Field[] = [
    [1, { string: tag }],
    [8, { message: tensor }],
  ];
  if (plugin !== undefined) value.push([9, { message: [[1, { message: [[1, { string: plugin }]] }]] }]);
  return [1, { message: value }];
};

/** A value of the hparams plugin: HParamsPluginData in metadata.plugin_data.content, an empty tensor. */
export function hparamsValue(tag: string, pluginData: Field[]): Field {
  return [
    1,
    {
      message: [
        [1, { string: tag }],
        [
          9,
          {
            message: [
              [
                1,
                {
                  message: [
                    [1, { string: 'hparams' }],
                    [2, { bytes: encode(pluginData) }],
                  ],
                },
              ],
            ],
          },
        ],
        [8, { message: [[1, { varint: 7 }]] }],
      ],
    },
  ];
}

export function eventBytes(wallTime: number, step: number, values: Field[] = [], extra: Field[] = []): Uint8Array {
  const fields: Field[] = [[1, { double: wallTime }]];
  if (step) fields.push([2, { varint: step }]);
  if (values.length) fields.push([5, { message: values }]);
  return encode([...fields, ...extra]);
}

/** A whole event file: a file_version event, then the given events. */
export function eventFile(events: Uint8Array[], wallTime = 1_700_000_000): Uint8Array {
  const first = encode([
    [1, { double: wallTime }],
    [3, { string: 'brain.Event:2' }],
  ]);
  const framed = [first, ...events].map(frameTfRecord);
  const out = new Uint8Array(framed.reduce((s, f) => s + f.length, 0));
  let at = 0;
  for (const f of framed) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}
