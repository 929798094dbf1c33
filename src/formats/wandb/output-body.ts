/**
 * The fields of an OutputRecord / OutputRawRecord body (output_type 1, timestamp 2, line 3), read
 * without decoding the line: console records are most of a typical datastore's records.
 */

import { FieldCursor, WIRE_LEN, WIRE_VARINT, timestampMs } from '../common/protobuf.js';

const BODY_CURSOR = new FieldCursor();

/** The fields of an OutputRecord / OutputRawRecord body; the line is `lineStart`–`lineEnd` of its buffer. */
export interface OutputBody {
  stdout: boolean;
  time: number | undefined;
  lineStart: number;
  lineEnd: number;
}

const OUTPUT: OutputBody = { stdout: false, time: undefined, lineStart: 0, lineEnd: 0 };

/**
 * Reads an OutputRecord / OutputRawRecord body (output_type 1, timestamp 2, line 3) without
 * decoding its line. The result is reused by the next call. Throws `ProtobufError` on malformed
 * bytes.
 */
export function readOutputBody(b: Uint8Array, start: number, end: number): OutputBody {
  const o = OUTPUT;
  o.stdout = false;
  o.time = undefined;
  o.lineStart = o.lineEnd = 0;
  if (readPlainOutput(b, start, end, o)) return o;
  o.stdout = false;
  o.time = undefined;
  o.lineStart = o.lineEnd = 0;
  const f = BODY_CURSOR.reset(b, start, end);
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_VARINT) o.stdout = f.asInt32() === 1;
    else if (f.no === 2 && f.wire === WIRE_LEN) o.time = timestampMs(b, f.start, f.end);
    else if (f.no === 3 && f.wire === WIRE_LEN) {
      o.lineStart = f.start;
      o.lineEnd = f.end;
    }
  }
  return o;
}

/** Where the last `smallVarint` ended. */
let varintEnd = 0;

/** A varint of at most five bytes (a value below 2^35) at `p`, else -1. */
function smallVarint(b: Uint8Array, p: number, end: number): number {
  let v = 0;
  let scale = 1;
  for (let i = 0; i < 5 && p + i < end; i++) {
    const byte = b[p + i]!;
    v += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      varintEnd = p + i + 1;
      return v;
    }
    scale *= 128;
  }
  return -1;
}

/**
 * The output body as the SDK writes it, read without a cursor: only the three fields, small
 * varints, a Timestamp of seconds and nanos. False for anything else (read it with the cursor).
 */
function readPlainOutput(b: Uint8Array, start: number, end: number, o: OutputBody): boolean {
  let p = start;
  while (p < end) {
    const tag = b[p++]!;
    if (tag === 0x08) {
      const v = smallVarint(b, p, end);
      if (v < 0) return false;
      o.stdout = v % 2 ** 32 === 1; // as asInt32() reads it
      p = varintEnd;
      continue;
    }
    if (tag !== 0x12 && tag !== 0x1a) return false;
    const len = smallVarint(b, p, end);
    if (len < 0 || varintEnd + len > end) return false;
    p = varintEnd;
    const to = p + len;
    if (tag === 0x1a) {
      o.lineStart = p;
      o.lineEnd = to;
    } else {
      let seconds = 0;
      let nanos = 0;
      while (p < to) {
        const t = b[p++]!;
        const v = smallVarint(b, p, to);
        if ((t !== 0x08 && t !== 0x10) || v < 0 || (t === 0x10 && v >= 2 ** 31)) return false;
        if (t === 0x08) seconds = v;
        else nanos = v;
        p = varintEnd;
      }
      o.time = seconds * 1000 + nanos / 1e6;
    }
    p = to;
  }
  return true;
}
