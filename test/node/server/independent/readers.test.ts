/**
 * The independent readers' own building blocks, checked against published check values and
 * hand-built bytes, so the facts test rests on parts that are known to work.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, crc32c, maskedCrc32c } from '../../../independent/checksums.js';
import { tfRecords, wandbRecords } from '../../../independent/framing.js';
import { parsePythonJson, reviveWire } from '../../../independent/json.js';
import { Msg, fields, readVarint } from '../../../independent/protobuf.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('independent readers: building blocks', () => {
  it('CRC-32 and CRC-32C give the catalogued check values for "123456789"', () => {
    assert.equal(crc32(ascii('123456789')), 0xcbf43926);
    assert.equal(crc32c(ascii('123456789')), 0xe3069283);
  });

  it('reads varints and fields of every wire type', () => {
    assert.deepEqual(readVarint(Uint8Array.of(0xac, 0x02), 0), [300n, 2]);
    // field 1 varint 150, field 2 "hi", field 3 fixed64 1.5, field 4 fixed32 0.25
    const f64 = new Uint8Array(new Float64Array([1.5]).buffer);
    const f32 = new Uint8Array(new Float32Array([0.25]).buffer);
    const bytes = Uint8Array.of(0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x19, ...f64, 0x25, ...f32);
    assert.deepEqual(
      fields(bytes).map((f) => [f.no, f.wire]),
      [
        [1, 0],
        [2, 2],
        [3, 1],
        [4, 5],
      ],
    );
    const m = new Msg(bytes);
    assert.equal(m.int(1), 150);
    assert.equal(m.str(2), 'hi');
    assert.equal(m.double(3), 1.5);
    assert.equal(m.float(4), 0.25);
    assert.throws(() => fields(Uint8Array.of(0x12, 0x05, 0x68)), /past the end/);
  });

  it('reassembles W&B records split over 32 KiB blocks, and keeps the intact ones of a cut file', () => {
    const big = new Uint8Array(40_000).fill(7);
    const small = ascii('small record');
    const file = frameWandb([small, big, small]);
    const read = wandbRecords(file);
    assert.equal(read.problem, undefined);
    assert.deepEqual(read.payloads, [small, big, small]);
    const cut = wandbRecords(file.subarray(0, 32_768));
    assert.deepEqual(cut.payloads, [small]);
    assert.match(cut.problem!, /ends inside a record/);
    const flipped = Uint8Array.from(file);
    flipped[20] ^= 1;
    assert.match(wandbRecords(flipped).problem!, /checksum/);
  });

  it('reads TFRecord framing with masked CRC-32C, and notices a bad checksum', () => {
    const payload = ascii('event bytes');
    const file = frameTfRecord(payload);
    assert.deepEqual(tfRecords(file).payloads, [payload]);
    file[14] ^= 1;
    assert.match(tfRecords(file).problem!, /checksum/);
  });

  it('parses Python JSON with bare NaN and Infinity, and revives wire numbers', () => {
    const v = parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN"}') as Record<string, unknown>;
    assert.ok(Number.isNaN(v.a));
    assert.deepEqual(v.b, [Infinity, -Infinity]);
    assert.equal(v.c, 'NaN');
    assert.deepEqual(reviveWire({ x: { $f: 'Infinity' }, y: { $f: 'x' } }), { x: Infinity, y: { $f: 'x' } });
  });
});

/** A `.wandb` writer as FORMATS.md describes it: header, LevelDB-log chunks in 32 KiB blocks. */
function frameWandb(payloads: Uint8Array[]): Uint8Array {
  const out: number[] = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00];
  for (const p of payloads) {
    let at = 0;
    let first = true;
    do {
      const left = 32_768 - (out.length % 32_768);
      if (left < 7) {
        out.push(...new Array<number>(left).fill(0));
        continue;
      }
      const n = Math.min(p.length - at, left - 7);
      const last = at + n === p.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const chunk = p.subarray(at, at + n);
      const header = new DataView(new ArrayBuffer(7));
      header.setUint32(0, crc32(Uint8Array.of(type, ...chunk)), true);
      header.setUint16(4, n, true);
      header.setUint8(6, type);
      out.push(...new Uint8Array(header.buffer), ...chunk);
      at += n;
      first = false;
    } while (at < p.length);
  }
  return Uint8Array.from(out);
}

function frameTfRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(payload.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(payload, 12);
  view.setUint32(12 + payload.length, maskedCrc32c(payload), true);
  return out;
}
