/**
 * A minimal protobuf wire-format walker (https://protobuf.dev/programming-guides/encoding/), written
 * for the independent readers only. It knows wire types, not schemas: callers pick fields by number.
 */

export interface Field {
  no: number;
  /** 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
  wire: number;
  /** Varint value (wire 0). */
  varint: bigint;
  /** Raw bytes: the payload for wire 2, the 8 or 4 little-endian bytes for wire 1 and 5. */
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder();

/** Reads one varint at `pos`; returns the value and the position after it. */
export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let value = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (pos >= buf.length) throw new Error('varint runs past the end');
    const b = buf[pos++];
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [value, pos];
  }
  throw new Error('varint longer than 10 bytes');
}

/** Every field of one message, in file order. Throws on bytes that are not a message. */
export function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p] = readVarint(buf, pos);
    pos = p;
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (no === 0) throw new Error('field number 0');
    if (wire === 0) {
      const [v, q] = readVarint(buf, pos);
      out.push({ no, wire, varint: v, bytes: EMPTY });
      pos = q;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) throw new Error('fixed field runs past the end');
      out.push({ no, wire, varint: 0n, bytes: buf.subarray(pos, pos + n) });
      pos += n;
    } else if (wire === 2) {
      const [len, q] = readVarint(buf, pos);
      const end = q + Number(len);
      if (end > buf.length) throw new Error('length-delimited field runs past the end');
      out.push({ no, wire, varint: 0n, bytes: buf.subarray(q, end) });
      pos = end;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

/** A decoded message: its fields grouped by number, with typed getters for the usual cases. */
export class Msg {
  readonly byNo = new Map<number, Field[]>();
  constructor(bytes: Uint8Array) {
    for (const f of fields(bytes)) {
      const list = this.byNo.get(f.no);
      if (list) list.push(f);
      else this.byNo.set(f.no, [f]);
    }
  }
  has(no: number): boolean {
    return this.byNo.has(no);
  }
  /** The last occurrence wins, as protobuf merges repeated scalar fields. */
  last(no: number): Field | undefined {
    const list = this.byNo.get(no);
    return list?.[list.length - 1];
  }
  all(no: number): Field[] {
    return this.byNo.get(no) ?? [];
  }
  str(no: number): string | undefined {
    const f = this.last(no);
    return f ? utf8.decode(f.bytes) : undefined;
  }
  strs(no: number): string[] {
    return this.all(no).map((f) => utf8.decode(f.bytes));
  }
  /** A varint as a JS number (int32/int64/uint/enum; negative int32 come as 64-bit two's complement). */
  int(no: number): number | undefined {
    const f = this.last(no);
    return f ? Number(BigInt.asIntN(64, f.varint)) : undefined;
  }
  msg(no: number): Msg | undefined {
    const f = this.last(no);
    return f ? new Msg(f.bytes) : undefined;
  }
  msgs(no: number): Msg[] {
    return this.all(no).map((f) => new Msg(f.bytes));
  }
  double(no: number): number | undefined {
    const f = this.last(no);
    return f ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true) : undefined;
  }
  float(no: number): number | undefined {
    const f = this.last(no);
    return f ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true) : undefined;
  }
}

/** google.protobuf.Timestamp (seconds 1, nanos 2) as epoch milliseconds. */
export function timestampMs(m: Msg | undefined): number | undefined {
  if (!m) return undefined;
  return (m.int(1) ?? 0) * 1000 + (m.int(2) ?? 0) / 1e6;
}
