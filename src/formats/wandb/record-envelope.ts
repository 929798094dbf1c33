/**
 * The envelope of a `.wandb` `Record`: which oneof body it holds (its field number and byte range)
 * and its `num`. Every record is read through it, so the fields are walked by hand; anything
 * unusual (a long varint, a group, bytes that are not a message) is read again with the general
 * cursor, which throws `ProtobufError` where the bytes are malformed.
 */

import { FieldCursor, WIRE_LEN, WIRE_VARINT } from '../common/protobuf.js';

/** Where a Record's body lies (`RecordBody.no` 0: it has none), and its `num`. Reused by each read. */
export interface RecordBody {
  no: number;
  start: number;
  end: number;
  num: number | undefined;
}

const BODY: RecordBody = { no: 0, start: 0, end: 0, num: undefined };
const RECORD = new FieldCursor();

/** Fields of a Record that are not its body: control (16), uuid (19) and info (200). */
function isBody(no: number): boolean {
  return no !== 16 && no !== 19 && no !== 200;
}

/**
 * Reads the envelope of the Record in `buf[start, end)`: the body is its first length-delimited
 * field other than control (16), uuid (19) and info (200). The result is reused by the next call.
 * Throws `ProtobufError` on malformed bytes.
 */
export function readRecordBody(buf: Uint8Array, start = 0, end = buf.length): RecordBody {
  if (readPlainEnvelope(buf, start, end)) return BODY;
  BODY.no = 0;
  BODY.num = undefined;
  const f = RECORD.reset(buf, start, end);
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_VARINT) BODY.num = f.asInt();
    else if (f.wire === WIRE_LEN && isBody(f.no) && BODY.no === 0) {
      BODY.no = f.no;
      BODY.start = f.start;
      BODY.end = f.end;
    }
  }
  return BODY;
}

/** Where the last `shortVarint` ended. */
let after = 0;

/** A varint of at most four bytes (below 2^28) at `p`, else -1 (longer, or cut off by `end`). */
function shortVarint(b: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const b0 = b[p]!;
  if (b0 < 0x80) {
    after = p + 1;
    return b0;
  }
  if (p + 1 >= end) return -1;
  const b1 = b[p + 1]!;
  if (b1 < 0x80) {
    after = p + 2;
    return (b0 & 0x7f) | (b1 << 7);
  }
  if (p + 2 >= end) return -1;
  const b2 = b[p + 2]!;
  if (b2 < 0x80) {
    after = p + 3;
    return (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
  }
  if (p + 3 >= end) return -1;
  const b3 = b[p + 3]!;
  if (b3 < 0x80) {
    after = p + 4;
    return (b0 & 0x7f) | ((b1 & 0x7f) << 7) | ((b2 & 0x7f) << 14) | (b3 << 21);
  }
  return -1;
}

/**
 * The envelope when every tag, length and varint is short and every field is a varint, a
 * length-delimited or a fixed field lying within the record; false otherwise (nothing is thrown).
 */
function readPlainEnvelope(b: Uint8Array, start: number, end: number): boolean {
  let no = 0;
  let bodyStart = 0;
  let bodyEnd = 0;
  let num: number | undefined;
  let p = start;
  while (p < end) {
    const tag = shortVarint(b, p, end);
    if (tag < 8) return false; // field number 0, or a long tag
    p = after;
    switch (tag & 7) {
      case 0: {
        const v = shortVarint(b, p, end);
        if (v < 0) return false;
        if (tag === 8) num = v;
        p = after;
        break;
      }
      case 2: {
        const n = shortVarint(b, p, end);
        if (n < 0 || after + n > end) return false;
        const field = tag >>> 3;
        if (no === 0 && isBody(field)) {
          no = field;
          bodyStart = after;
          bodyEnd = after + n;
        }
        p = after + n;
        break;
      }
      case 1:
        if (p + 8 > end) return false;
        p += 8;
        break;
      case 5:
        if (p + 4 > end) return false;
        p += 4;
        break;
      default:
        return false;
    }
  }
  BODY.no = no;
  BODY.start = bodyStart;
  BODY.end = bodyEnd;
  BODY.num = num;
  return true;
}

/**
 * The `num` of the HistoryStep message `b[start, end)` when it is as the SDK writes it: empty
 * (step 0) or exactly field 1 as a varint below 2^28. Otherwise -1: read it with a cursor.
 */
export function plainStep(b: Uint8Array, start: number, end: number): number {
  if (start === end) return 0;
  if (b[start] !== 0x08) return -1;
  const v = shortVarint(b, start + 1, end);
  return v >= 0 && after === end ? v : -1;
}
