/**
 * A schema-less protobuf wire-format decoder.
 *
 * `readFields(bytes)` walks one message and yields each field with its number, wire type and raw
 * value; the caller interprets the value according to its own schema (`asUint()`, `asString()`,
 * `asMessage()`…). Nothing is copied: length-delimited values are subarrays of the input.
 *
 * Malformed input (a truncated varint, a length past the end, an unknown wire type) throws a
 * `ProtobufError`; readers catch it and turn it into a warning.
 *
 * Wire format: https://protobuf.dev/programming-guides/encoding/
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export type WireType = 0 | 1 | 2 | 3 | 4 | 5;

/** Groups (wire types 3 and 4, deprecated) are skipped whole; only the decoder meets them. */
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;

export class ProtobufError extends Error {
  /** Byte offset in the buffer being decoded where the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'ProtobufError';
    this.offset = offset;
  }
}

const TWO_32 = 4294967296;
const utf8 = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);

/** A decoded varint: the low and high 32 bits (both unsigned) and the offset after it. */
interface Varint {
  lo: number;
  hi: number;
  next: number;
}

// The last varint read by `scanVarint` (module state avoids an allocation per varint).
let scanLo = 0;
let scanHi = 0;

/** Reads a varint at `pos` into `scanLo`/`scanHi`; returns the offset after it. */
function scanVarint(buf: Uint8Array, pos: number, end: number): number {
  // Fast path: one-byte varints (tags, small lengths and values) are the common case.
  if (pos < end) {
    const b0 = buf[pos]!;
    if (b0 < 0x80) {
      scanLo = b0;
      scanHi = 0;
      return pos + 1;
    }
  }
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let p = pos;
  for (let i = 0; i < 10; i++) {
    if (p >= end) throw new ProtobufError('truncated varint', pos);
    const b = buf[p++]!;
    const bits = b & 0x7f;
    if (shift < 28) {
      lo |= bits << shift;
    } else if (shift === 28) {
      lo |= (bits & 0x0f) << 28;
      hi |= bits >>> 4;
    } else {
      hi |= bits << (shift - 32);
    }
    shift += 7;
    if ((b & 0x80) === 0) {
      scanLo = lo >>> 0;
      scanHi = hi >>> 0;
      return p;
    }
  }
  throw new ProtobufError('varint longer than 10 bytes', pos);
}

/** Reads a base-128 varint of up to 10 bytes starting at `pos`. */
export function readVarint(buf: Uint8Array, pos: number, end: number = buf.length): Varint {
  const next = scanVarint(buf, pos, end);
  return { lo: scanLo, hi: scanHi, next };
}

/** Encodes a non-negative integer (≤ 2^53) as a varint; used by tests and fixture builders. */
export function encodeVarint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

/** Unsigned 64-bit from two halves; exact up to 2^53, rounded above. */
function uint64(lo: number, hi: number): number {
  return hi * TWO_32 + lo;
}

/** Two's-complement signed 64-bit from two halves; exact within ±2^53. */
function int64(lo: number, hi: number): number {
  if (hi & 0x80000000) {
    // -(~x + 1) computed on the halves to stay exact.
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    return -(nhi * TWO_32 + nlo);
  }
  return uint64(lo, hi);
}

/**
 * One field of a message. The value is interpreted by the `as*` method the schema calls for.
 * Length-delimited and fixed-width values are a range of the message's buffer (`buf[start, end)`);
 * `data` makes a view of it only when asked, so fields a decoder skips cost nothing.
 */
export class ProtoField {
  /** Field number. */
  readonly no: number;
  readonly wire: WireType;
  /** Varint fields: low / high 32 bits, unsigned. Fixed fields: the raw bits as well. */
  readonly lo: number;
  readonly hi: number;
  /** The buffer the field was read from, and where its value lies in it. */
  readonly buf: Uint8Array;
  readonly start: number;
  readonly end: number;

  constructor(no: number, wire: WireType, lo: number, hi: number, buf: Uint8Array, start: number, end: number) {
    this.no = no;
    this.wire = wire;
    this.lo = lo;
    this.hi = hi;
    this.buf = buf;
    this.start = start;
    this.end = end;
  }

  /** Length-delimited, fixed32 and fixed64 fields: the raw bytes (a subarray, not a copy). */
  get data(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  /** uint32 / uint64 / enum values ≥ 0; exact up to 2^53. */
  asUint(): number {
    return uint64(this.lo, this.hi);
  }
  /** int64 (two's complement); exact within ±2^53. */
  asInt(): number {
    return int64(this.lo, this.hi);
  }
  /** int32 and enum (negative int32 values are written as 10-byte varints). */
  asInt32(): number {
    return this.lo | 0;
  }
  /** sint32 / sint64 (zigzag). */
  asSint(): number {
    const magnitudeLo = ((this.lo >>> 1) | ((this.hi & 1) << 31)) >>> 0;
    const magnitudeHi = this.hi >>> 1;
    const m = uint64(magnitudeLo, magnitudeHi);
    return this.lo & 1 ? -m - 1 : m;
  }
  asBool(): boolean {
    return this.lo !== 0 || this.hi !== 0;
  }
  /** The exact unsigned 64-bit value of a varint or fixed64 field. */
  asBigUint(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
  /** The exact signed 64-bit value of a varint, fixed64 or sfixed64 field. */
  asBigInt(): bigint {
    return BigInt.asIntN(64, this.asBigUint());
  }
  /** fixed32 */
  asFixed32(): number {
    return this.lo;
  }
  /** sfixed32 */
  asSfixed32(): number {
    return this.lo | 0;
  }
  /** fixed64; exact up to 2^53. */
  asFixed64(): number {
    return uint64(this.lo, this.hi);
  }
  /** sfixed64; exact within ±2^53. */
  asSfixed64(): number {
    return int64(this.lo, this.hi);
  }
  /** float (wire type 5). */
  asFloat(): number {
    SCRATCH_U32[0] = this.lo;
    return SCRATCH_F32[0]!;
  }
  /** double (wire type 1). */
  asDouble(): number {
    SCRATCH_U32[0] = this.lo;
    SCRATCH_U32[1] = this.hi;
    return SCRATCH_F64[0]!;
  }
  /** bytes */
  asBytes(): Uint8Array {
    return this.data;
  }
  /** string; invalid UTF-8 becomes U+FFFD rather than an error. */
  asString(): string {
    return decodeUtf8(this.buf, this.start, this.end);
  }
  /** The fields of an embedded message. */
  asMessage(): IterableIterator<ProtoField> {
    return readFields(this.buf, this.start, this.end);
  }
  /** Packed repeated varints (or a single unpacked varint). */
  asPackedUints(): number[] {
    if (this.wire === WIRE_VARINT) return [this.asUint()];
    const out: number[] = [];
    let p = 0;
    while (p < this.data.length) {
      const v = readVarint(this.data, p);
      out.push(uint64(v.lo, v.hi));
      p = v.next;
    }
    return out;
  }
  /** Packed repeated int32/int64 (or a single unpacked value). */
  asPackedInts(): number[] {
    if (this.wire === WIRE_VARINT) return [this.asInt()];
    const out: number[] = [];
    let p = 0;
    while (p < this.data.length) {
      const v = readVarint(this.data, p);
      out.push(int64(v.lo, v.hi));
      p = v.next;
    }
    return out;
  }
  /** Packed repeated float (or a single unpacked float). */
  asPackedFloats(): Float32Array {
    if (this.wire === WIRE_FIXED32) return Float32Array.of(this.asFloat());
    const n = Math.floor(this.data.length / 4);
    const out = new Float32Array(n);
    const dv = view(this.data);
    for (let i = 0; i < n; i++) out[i] = dv.getFloat32(i * 4, true);
    return out;
  }
  /** Packed repeated double (or a single unpacked double). */
  asPackedDoubles(): Float64Array {
    if (this.wire === WIRE_FIXED64) return Float64Array.of(this.asDouble());
    const n = Math.floor(this.data.length / 8);
    const out = new Float64Array(n);
    const dv = view(this.data);
    for (let i = 0; i < n; i++) out[i] = dv.getFloat64(i * 8, true);
    return out;
  }
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

// Floats and doubles are reassembled from the little-endian bits already read (no DataView per value).
const SCRATCH = new ArrayBuffer(8);
const SCRATCH_U32 = new Uint32Array(SCRATCH);
const SCRATCH_F32 = new Float32Array(SCRATCH);
const SCRATCH_F64 = new Float64Array(SCRATCH);
if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error('runpage readers need a little-endian platform');

/**
 * `bytes` as a plain Uint8Array over the same memory. Node's Buffer makes every `subarray` go
 * through its species constructor, several times slower than a plain view: readers take plain
 * views of what they are given once, at the door.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Short strings that repeat (metric keys in every history row) decoded once: looked up by their
 * bytes, so a repeated key costs a hash and a compare instead of a decode and an allocation.
 * Bounded: full, it starts afresh.
 */
export class StringTable {
  private readonly slots = new Map<number, { bytes: Uint8Array; text: string }[]>();
  private size = 0;
  /** The bytes of the text the last `get` returned, as the table keeps them (undefined: not kept). Never write to them. */
  lastBytes: Uint8Array | undefined;

  constructor(private readonly capacity = 4096) {}

  get(buf: Uint8Array, start: number, end: number): string {
    this.lastBytes = undefined;
    if (end - start > 64) return decodeUtf8(buf, start, end);
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const bucket = this.slots.get(h);
    if (bucket) {
      outer: for (const e of bucket) {
        if (e.bytes.length !== end - start) continue;
        for (let i = 0; i < e.bytes.length; i++) if (e.bytes[i] !== buf[start + i]) continue outer;
        this.lastBytes = e.bytes;
        return e.text;
      }
    }
    if (this.size >= this.capacity) {
      this.slots.clear();
      this.size = 0;
    }
    const text = decodeUtf8(buf, start, end);
    const entry = { bytes: buf.slice(start, end), text };
    if (bucket && this.slots.has(h)) bucket.push(entry);
    else this.slots.set(h, [entry]);
    this.size++;
    this.lastBytes = entry.bytes;
    return text;
  }
}

const SHORT = 32;
/** One reusable array of char codes per short length (`fromCharCode.apply` reads them all). */
const CODES: number[][] = Array.from({ length: SHORT + 1 }, (_, n) => new Array<number>(n).fill(0));

/**
 * UTF-8 text of `buf[start, end)`; invalid UTF-8 becomes U+FFFD. Short ASCII strings (keys,
 * numbers as JSON) are built directly: a TextDecoder call costs more than they do.
 */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= TINY) return tinyAscii(buf, start, n) ?? utf8.decode(buf.subarray(start, end));
  if (n <= SHORT) {
    const codes = CODES[n]!;
    for (let i = 0; i < n; i++) {
      const c = buf[start + i]!;
      if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
      codes[i] = c;
    }
    return String.fromCharCode.apply(null, codes);
  }
  return utf8.decode(buf.subarray(start, end));
}

const TINY = 16;

/**
 * `b[s, s + n)` as text when every byte is ASCII (n ≤ TINY), else undefined. Spelled out per
 * length: `String.fromCharCode` with its arguments written out takes about half the time of
 * `fromCharCode.apply` over an array (history values are mostly numbers of 4 to 12 characters).
 */
function tinyAscii(b: Uint8Array, s: number, n: number): string | undefined {
  switch (n) {
    case 0:
      return '';
    case 1: {
      const c0 = b[s]!;
      return c0 < 0x80 ? String.fromCharCode(c0) : undefined;
    }
    case 2: {
      const c0 = b[s]!,
        c1 = b[s + 1]!;
      return (c0 | c1) < 0x80 ? String.fromCharCode(c0, c1) : undefined;
    }
    case 3: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!;
      return (c0 | c1 | c2) < 0x80 ? String.fromCharCode(c0, c1, c2) : undefined;
    }
    case 4: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!;
      return (c0 | c1 | c2 | c3) < 0x80 ? String.fromCharCode(c0, c1, c2, c3) : undefined;
    }
    case 5: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!;
      return (c0 | c1 | c2 | c3 | c4) < 0x80 ? String.fromCharCode(c0, c1, c2, c3, c4) : undefined;
    }
    case 6: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!;
      return (c0 | c1 | c2 | c3 | c4 | c5) < 0x80 ? String.fromCharCode(c0, c1, c2, c3, c4, c5) : undefined;
    }
    case 7: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6) < 0x80 ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6) : undefined;
    }
    case 8: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7)
        : undefined;
    }
    case 9: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8)
        : undefined;
    }
    case 10: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9)
        : undefined;
    }
    case 11: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
        : undefined;
    }
    case 12: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!,
        c11 = b[s + 11]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11)
        : undefined;
    }
    case 13: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!,
        c11 = b[s + 11]!,
        c12 = b[s + 12]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
        : undefined;
    }
    case 14: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!,
        c11 = b[s + 11]!,
        c12 = b[s + 12]!,
        c13 = b[s + 13]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13)
        : undefined;
    }
    case 15: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!,
        c11 = b[s + 11]!,
        c12 = b[s + 12]!,
        c13 = b[s + 13]!,
        c14 = b[s + 14]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14)
        : undefined;
    }
    case 16: {
      const c0 = b[s]!,
        c1 = b[s + 1]!,
        c2 = b[s + 2]!,
        c3 = b[s + 3]!,
        c4 = b[s + 4]!,
        c5 = b[s + 5]!,
        c6 = b[s + 6]!,
        c7 = b[s + 7]!,
        c8 = b[s + 8]!,
        c9 = b[s + 9]!,
        c10 = b[s + 10]!,
        c11 = b[s + 11]!,
        c12 = b[s + 12]!,
        c13 = b[s + 13]!,
        c14 = b[s + 14]!,
        c15 = b[s + 15]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) < 0x80
        ? String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15)
        : undefined;
    }
  }
  return undefined;
}

/**
 * The fields of one message in wire order. Groups (deprecated wire types 3/4) are skipped whole
 * and not returned. Throws `ProtobufError` when the bytes are not a valid message; fields before
 * the bad spot have already been returned. (An iterator written by hand: a generator costs more
 * per field than decoding the field does.)
 */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): IterableIterator<ProtoField> {
  return new FieldIterator(buf, start, end);
}

class FieldIterator implements IterableIterator<ProtoField> {
  private readonly cursor: FieldCursor;
  private readonly step: IteratorResult<ProtoField> = { done: false, value: undefined as unknown as ProtoField };

  constructor(buf: Uint8Array, start: number, end: number) {
    this.cursor = new FieldCursor().reset(buf, start, end);
  }

  [Symbol.iterator](): IterableIterator<ProtoField> {
    return this;
  }

  next(): IteratorResult<ProtoField> {
    const c = this.cursor;
    if (!c.next()) return DONE;
    this.step.value = new ProtoField(c.no, c.wire, c.lo, c.hi, c.buf, c.start, c.end);
    return this.step;
  }
}

/**
 * The fields of one message, one at a time, in a single reusable object: for the hot decoders,
 * which read a field's value in place (`c.string()`, `c.double()`, a nested cursor over
 * `c.start`–`c.end`) and allocate nothing per field. Groups are skipped. `next()` throws
 * `ProtobufError` on malformed bytes.
 */
export class FieldCursor {
  buf: Uint8Array = EMPTY;
  no = 0;
  wire: WireType = 0;
  /** Varint and fixed fields: the low / high 32 bits. Length-delimited: the length. */
  lo = 0;
  hi = 0;
  /** Where the value lies in `buf` (empty for varints). */
  start = 0;
  end = 0;
  private p = 0;
  private limit = 0;
  private inner: FieldCursor | undefined;

  /**
   * A cursor over the current field's embedded message: the same object every time, so one
   * cursor per nesting level serves a decoder that finishes a child before its next sibling.
   */
  message(): FieldCursor {
    return (this.inner ??= new FieldCursor()).reset(this.buf, this.start, this.end);
  }

  reset(buf: Uint8Array, start = 0, end = buf.length): this {
    this.buf = buf;
    this.p = start;
    this.limit = end;
    return this;
  }

  /** Moves to the next field; false at the end of the message. */
  next(): boolean {
    const buf = this.buf;
    const end = this.limit;
    let p = this.p;
    while (p < end) {
      const tagAt = p;
      p = scanVarint(buf, p, end);
      if (scanHi !== 0 || scanLo >>> 3 === 0) throw new ProtobufError('invalid field number', tagAt);
      const no = scanLo >>> 3;
      const wire = (scanLo & 7) as WireType;
      switch (wire) {
        case WIRE_VARINT:
          p = scanVarint(buf, p, end);
          this.lo = scanLo;
          this.hi = scanHi;
          this.start = this.end = p;
          break;
        case WIRE_FIXED64:
          if (p + 8 > end) throw new ProtobufError('truncated fixed64', p);
          this.lo = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
          this.hi = (buf[p + 4]! | (buf[p + 5]! << 8) | (buf[p + 6]! << 16) | (buf[p + 7]! << 24)) >>> 0;
          this.start = p;
          this.end = p += 8;
          break;
        case WIRE_LEN: {
          const lenAt = p;
          p = scanVarint(buf, p, end);
          const n = uint64(scanLo, scanHi);
          if (p + n > end) throw new ProtobufError('length-delimited field runs past the end', lenAt);
          this.lo = n;
          this.hi = 0;
          this.start = p;
          this.end = p += n;
          break;
        }
        case WIRE_FIXED32:
          if (p + 4 > end) throw new ProtobufError('truncated fixed32', p);
          this.lo = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
          this.hi = 0;
          this.start = p;
          this.end = p += 4;
          break;
        case WIRE_START_GROUP:
          p = skipGroup(buf, p, end, no);
          continue;
        default:
          throw new ProtobufError(`unexpected wire type ${wire}`, tagAt);
      }
      this.no = no;
      this.wire = wire;
      this.p = p;
      return true;
    }
    this.p = p;
    return false;
  }

  asUint(): number {
    return uint64(this.lo, this.hi);
  }
  asInt(): number {
    return int64(this.lo, this.hi);
  }
  asInt32(): number {
    return this.lo | 0;
  }
  asFloat(): number {
    SCRATCH_U32[0] = this.lo;
    return SCRATCH_F32[0]!;
  }
  asDouble(): number {
    SCRATCH_U32[0] = this.lo;
    SCRATCH_U32[1] = this.hi;
    return SCRATCH_F64[0]!;
  }
  asString(): string {
    return decodeUtf8(this.buf, this.start, this.end);
  }
  asBytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }
}

const DONE: IteratorResult<ProtoField> = { done: true, value: undefined };

/** Skips a (deprecated) group whose start tag has been read; returns the offset after its end tag. */
function skipGroup(buf: Uint8Array, pos: number, end: number, groupNo: number): number {
  let p = pos;
  while (p < end) {
    const tag = readVarint(buf, p, end);
    p = tag.next;
    const no = tag.lo >>> 3;
    const wire = tag.lo & 7;
    if (wire === WIRE_END_GROUP) {
      if (no !== groupNo) throw new ProtobufError('mismatched group end', p);
      return p;
    }
    if (wire === WIRE_VARINT) p = readVarint(buf, p, end).next;
    else if (wire === WIRE_FIXED64) p += 8;
    else if (wire === WIRE_FIXED32) p += 4;
    else if (wire === WIRE_LEN) {
      const len = readVarint(buf, p, end);
      p = len.next + uint64(len.lo, len.hi);
    } else if (wire === WIRE_START_GROUP) p = skipGroup(buf, p, end, no);
    else throw new ProtobufError(`unexpected wire type ${wire}`, p);
    if (p > end) break;
  }
  throw new ProtobufError('unterminated group', pos);
}

/** All fields of a message, grouped by field number (repeated fields keep their order). */
export function fieldsByNumber(buf: Uint8Array): Map<number, ProtoField[]> {
  const out = new Map<number, ProtoField[]>();
  for (const f of readFields(buf)) {
    const list = out.get(f.no);
    if (list) list.push(f);
    else out.set(f.no, [f]);
  }
  return out;
}

const TIMESTAMP = new FieldCursor();

/** A google.protobuf.Timestamp message (seconds 1, nanos 2) as epoch milliseconds. */
export function timestampMs(buf: Uint8Array, start = 0, end = buf.length): number {
  let seconds = 0;
  let nanos = 0;
  const c = TIMESTAMP.reset(buf, start, end);
  while (c.next()) {
    if (c.no === 1 && c.wire === WIRE_VARINT) seconds = c.asInt();
    else if (c.no === 2 && c.wire === WIRE_VARINT) nanos = c.asInt32();
  }
  return seconds * 1000 + nanos / 1e6;
}
