/**
 * Decodes one TensorFlow `Event` protobuf (the payload of a TFRecord in an event file) into the
 * parts a run page uses: wall time, step, file version, and the summary values, with scalars
 * taken from `simple_value` (TF1, Keras, PyTorch) or from scalar tensors (TF2 `tf.summary`).
 *
 * Malformed bytes never throw: the fields decoded before the bad spot are kept and `error` says
 * what went wrong.
 */
import {
  FieldCursor,
  ProtobufError,
  StringTable,
  readFields,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  type ProtoField,
} from '../common/protobuf.js';
import { decodeHparamsPluginData, type TfHparams } from './hparams.js';

/** A histogram as bucket right edges and counts (`HistogramProto`, or a TF2 histogram tensor). */
export interface TfHistogram {
  min: number;
  max: number;
  /** Number of values. */
  num: number;
  sum?: number;
  sumSquares?: number;
  /** Right edge of each bucket (the first bucket starts at `min`). */
  limits: number[];
  counts: number[];
}

interface ValueBase {
  tag: string;
  /** `metadata.plugin_data.plugin_name`, when written. */
  plugin?: string;
  displayName?: string;
}

export type TfValue =
  | (ValueBase & { kind: 'scalar'; value: number })
  | (ValueBase & { kind: 'histogram'; histogram: TfHistogram })
  | (ValueBase & { kind: 'image'; width?: number; height?: number })
  | (ValueBase & { kind: 'audio' })
  /** Hyperparameters and session end of the hparams plugin. */
  | (ValueBase & { kind: 'hparams'; hparams: TfHparams })
  /** A tensor that is not a scalar or histogram (text, images in TF2, custom plugins). */
  | (ValueBase & { kind: 'tensor'; dtype: number; shape: number[] });

export interface TfEvent {
  /** Seconds since the epoch, as written (double). */
  wallTime: number;
  step: number;
  /** Only on the first event of a file: `brain.Event:2`. */
  fileVersion?: string;
  values: TfValue[];
  /** The event carries a graph (`graph_def` or `meta_graph_def`). */
  hasGraph?: boolean;
  /** `SessionLog`: status 1 START, 2 STOP, 3 CHECKPOINT. */
  sessionLog?: { status: number; message?: string; checkpointPath?: string };
  logMessage?: { level: number; message: string };
  /** Set when the bytes were not a valid Event; the fields above hold what came before the bad spot. */
  error?: string;
}

/** TensorFlow `DataType` bfloat16 (its `half_val` bits are read differently from float16's). */
const DT_BFLOAT16 = 14;

/**
 * The TensorFlow `DataType`s that hold numbers, keyed by value: bytes per element of
 * `tensor_content` (a little-endian array) and how one element is read.
 */
const NUMERIC_DTYPES = new Map<number, { size: number; read: (dv: DataView, at: number) => number }>([
  [1 /* DT_FLOAT */, { size: 4, read: (dv, at) => dv.getFloat32(at, true) }],
  [2 /* DT_DOUBLE */, { size: 8, read: (dv, at) => dv.getFloat64(at, true) }],
  [3 /* DT_INT32 */, { size: 4, read: (dv, at) => dv.getInt32(at, true) }],
  [9 /* DT_INT64 */, { size: 8, read: (dv, at) => Number(dv.getBigInt64(at, true)) }],
  [19 /* DT_HALF */, { size: 2, read: (dv, at) => float16(dv.getUint16(at, true)) }],
  [DT_BFLOAT16, { size: 2, read: (dv, at) => bfloat16(dv.getUint16(at, true)) }],
]);

/** `SummaryMetadata.data_class` for scalar time series. */
const DATA_CLASS_SCALAR = 1;

// The hot path reads Event > Summary > Value > metadata > plugin data in place, one cursor per
// level (see FieldCursor.message): decoding is synchronous and never re-enters a level.
const EVENT = new FieldCursor();
/** Tags repeat in every event: decoded once each. */
const TAGS = new StringTable();

/** Decodes the Event in `data[start, end)`. */
export function decodeEvent(data: Uint8Array, start = 0, end = data.length): TfEvent {
  const event: TfEvent = { wallTime: NaN, step: 0, values: [] };
  if (readScalarEvent(data, start, end, event)) return event;
  event.wallTime = NaN;
  event.step = 0;
  event.values.length = 0;
  try {
    const f = EVENT.reset(data, start, end);
    while (f.next()) {
      switch (f.no) {
        case 1:
          if (f.wire === WIRE_FIXED64) event.wallTime = f.asDouble();
          break;
        case 2:
          if (f.wire === WIRE_VARINT) event.step = f.asInt();
          break;
        case 3:
          if (f.wire === WIRE_LEN) event.fileVersion = f.asString();
          break;
        case 4:
        case 9:
          event.hasGraph = true;
          break;
        case 5:
          if (f.wire === WIRE_LEN) decodeSummary(f.message(), event.values);
          break;
        case 6:
          if (f.wire === WIRE_LEN) event.logMessage = decodeLogMessage(f.asBytes());
          break;
        case 7:
          if (f.wire === WIRE_LEN) event.sessionLog = decodeSessionLog(f.asBytes());
          break;
      }
    }
  } catch (e) {
    event.error = e instanceof ProtobufError ? e.message : String(e);
  }
  return event;
}

const F32 = new Float32Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/**
 * The event as TF1, Keras and PyTorch write scalars, read without a cursor: wall_time, step (a
 * varint of up to four bytes), then a summary of `simple_value` values (tag, then the float),
 * every length under 128. Returns false, having filled part of `event`, for anything else; the
 * general decoder reads that event again.
 */
function readScalarEvent(b: Uint8Array, start: number, end: number, event: TfEvent): boolean {
  let p = start;
  if (p + 9 <= end && b[p] === 0x09) {
    for (let i = 0; i < 8; i++) F64_BYTES[i] = b[p + 1 + i]!;
    event.wallTime = F64[0]!;
    p += 9;
  }
  if (p < end && b[p] === 0x10) {
    let step = 0;
    let i = 0;
    for (; i < 4 && p + 1 + i < end; i++) {
      const byte = b[p + 1 + i]!;
      step |= (byte & 0x7f) << (7 * i);
      if (byte < 0x80) break;
    }
    if (i === 4 || p + 1 + i >= end) return false;
    event.step = step;
    p += 2 + i;
  }
  if (p === end) return true;
  if (b[p] !== 0x2a || p + 2 > end || b[p + 1]! >= 0x80 || p + 2 + b[p + 1]! !== end) return false;
  p += 2;
  while (p < end) {
    // Value: tag (field 1) then simple_value (field 2, fixed32).
    const len = p + 4 <= end ? b[p + 1]! : 0;
    const tagLen = b[p + 3]!;
    const to = p + 2 + len;
    if (b[p] !== 0x0a || len >= 0x80 || b[p + 2] !== 0x0a || len !== tagLen + 7 || to > end || b[to - 5] !== 0x15)
      return false;
    const tag = tagAt(b, p + 4, p + 4 + tagLen);
    for (let i = 0; i < 4; i++) F32_BYTES[i] = b[to - 4 + i]!;
    event.values.push({ tag, kind: 'scalar', value: F32[0]! });
    p = to;
  }
  return true;
}

/** The tag last read at each of a few places (by length and last byte): tags repeat in every event. */
const TAG_BYTES: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(64).fill(undefined);
const TAG_TEXT: string[] = new Array<string>(64).fill('');

function tagAt(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  const slot = (n * 31 + (n > 0 ? b[end - 1]! : 0)) & 63;
  const last = TAG_BYTES[slot];
  if (last !== undefined && last.length === n) {
    let i = 0;
    while (i < n && last[i] === b[start + i]) i++;
    if (i === n) return TAG_TEXT[slot]!;
  }
  const tag = TAGS.get(b, start, end);
  if (n <= 64) {
    TAG_BYTES[slot] = b.slice(start, end);
    TAG_TEXT[slot] = tag;
  }
  return tag;
}

function decodeLogMessage(bytes: Uint8Array): { level: number; message: string } {
  const out = { level: 0, message: '' };
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === WIRE_VARINT) out.level = f.asInt32();
    else if (f.no === 2 && f.wire === WIRE_LEN) out.message = f.asString();
  }
  return out;
}

function decodeSessionLog(bytes: Uint8Array): NonNullable<TfEvent['sessionLog']> {
  const out: NonNullable<TfEvent['sessionLog']> = { status: 0 };
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === WIRE_VARINT) out.status = f.asInt32();
    else if (f.no === 2 && f.wire === WIRE_LEN) out.checkpointPath = f.asString();
    else if (f.no === 3 && f.wire === WIRE_LEN) out.message = f.asString();
  }
  return out;
}

function decodeSummary(f: FieldCursor, out: TfValue[]): void {
  while (f.next()) {
    if (f.no !== 1 || f.wire !== WIRE_LEN) continue;
    const value = decodeValue(f.message());
    if (value) out.push(value);
  }
}

interface Metadata {
  plugin?: string;
  /** `plugin_data.content`: the plugin's own serialized data. */
  content?: Uint8Array;
  displayName?: string;
  dataClass?: number;
}

function decodeValue(f: FieldCursor): TfValue | undefined {
  let tag = '';
  let nodeName = '';
  let simple: number | undefined;
  let histo: Uint8Array | undefined;
  let tensor: Uint8Array | undefined;
  let image: Uint8Array | undefined;
  let audio = false;
  let meta: Metadata | undefined;
  while (f.next()) {
    if (f.no === 2 && f.wire === WIRE_FIXED32) simple = f.asFloat();
    else if (f.wire !== WIRE_LEN) continue;
    else if (f.no === 1) tag = TAGS.get(f.buf, f.start, f.end);
    else if (f.no === 7) nodeName = f.asString();
    else if (f.no === 4) image = f.asBytes();
    else if (f.no === 5) histo = f.asBytes();
    else if (f.no === 6) audio = true;
    else if (f.no === 8) tensor = f.asBytes();
    else if (f.no === 9) meta = decodeMetadata(f.message());
  }
  if (simple !== undefined && meta === undefined) return { tag: tag || nodeName, kind: 'scalar', value: simple };
  const base: ValueBase = { tag: tag || nodeName };
  meta ??= {};
  if (meta.plugin !== undefined) base.plugin = meta.plugin;
  if (meta.displayName) base.displayName = meta.displayName;
  if (meta.plugin === 'hparams' && meta.content)
    return { ...base, kind: 'hparams', hparams: decodeHparamsPluginData(meta.content) };
  if (simple !== undefined) return { ...base, kind: 'scalar', value: simple };
  if (histo) return { ...base, kind: 'histogram', histogram: decodeHistogramProto(histo) };
  if (image) return { ...base, kind: 'image', ...decodeImageSize(image) };
  if (audio) return { ...base, kind: 'audio' };
  if (tensor) return tensorValue(base, decodeTensor(tensor), meta);
  return undefined;
}

function decodeMetadata(f: FieldCursor): Metadata {
  const meta: Metadata = {};
  while (f.next()) {
    if (f.no === 1 && f.wire === WIRE_LEN) {
      const p = f.message();
      while (p.next()) {
        if (p.no === 1 && p.wire === WIRE_LEN) meta.plugin = p.asString();
        else if (p.no === 2 && p.wire === WIRE_LEN) meta.content = p.asBytes();
      }
    } else if (f.no === 2 && f.wire === WIRE_LEN) meta.displayName = f.asString();
    else if (f.no === 4 && f.wire === WIRE_VARINT) meta.dataClass = f.asInt32();
  }
  return meta;
}

function decodeHistogramProto(bytes: Uint8Array): TfHistogram {
  const h: TfHistogram = { min: NaN, max: NaN, num: 0, limits: [], counts: [] };
  for (const f of readFields(bytes)) {
    if (f.no === 6) h.limits.push(...doubles(f));
    else if (f.no === 7) h.counts.push(...doubles(f));
    else if (f.wire !== WIRE_FIXED64) continue;
    else if (f.no === 1) h.min = f.asDouble();
    else if (f.no === 2) h.max = f.asDouble();
    else if (f.no === 3) h.num = f.asDouble();
    else if (f.no === 4) h.sum = f.asDouble();
    else if (f.no === 5) h.sumSquares = f.asDouble();
  }
  return h;
}

function decodeImageSize(bytes: Uint8Array): { width?: number; height?: number } {
  const out: { width?: number; height?: number } = {};
  for (const f of readFields(bytes)) {
    if (f.wire !== WIRE_VARINT) continue;
    if (f.no === 1) out.height = f.asInt32();
    else if (f.no === 2) out.width = f.asInt32();
  }
  return out;
}

interface Tensor {
  dtype: number;
  shape: number[];
  /** Numeric contents, when the dtype is numeric. */
  numbers?: number[];
}

/** Decodes a `TensorProto`'s dtype, shape and, for numeric dtypes, its values. */
export function decodeTensor(bytes: Uint8Array): Tensor {
  let dtype = 0;
  const shape: number[] = [];
  let content: Uint8Array | undefined;
  const listed: number[] = [];
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === WIRE_VARINT) dtype = f.asInt32();
    else if (f.no === 2 && f.wire === WIRE_LEN) shape.push(...decodeShape(f.data));
    else if (f.no === 4 && f.wire === WIRE_LEN) content = f.data;
    else if (f.no === 5) listed.push(...floats(f));
    else if (f.no === 6) listed.push(...doubles(f));
    else if ((f.no === 7 || f.no === 10) && (f.wire === WIRE_VARINT || f.wire === WIRE_LEN))
      listed.push(...f.asPackedInts());
    else if (f.no === 13 && (f.wire === WIRE_VARINT || f.wire === WIRE_LEN)) {
      for (const bits of f.asPackedUints()) listed.push(dtype === DT_BFLOAT16 ? bfloat16(bits) : float16(bits));
    }
  }
  const tensor: Tensor = { dtype, shape };
  if (content) {
    const numbers = numbersFromContent(dtype, content);
    if (numbers) tensor.numbers = numbers;
  } else if (NUMERIC_DTYPES.has(dtype)) {
    tensor.numbers = listed;
  }
  return tensor;
}

function decodeShape(bytes: Uint8Array): number[] {
  const dims: number[] = [];
  for (const f of readFields(bytes)) {
    if (f.no !== 2 || f.wire !== WIRE_LEN) continue;
    let size = 0;
    for (const d of readFields(f.data)) if (d.no === 1 && d.wire === WIRE_VARINT) size = d.asInt();
    dims.push(size);
  }
  return dims;
}

/** `tensor_content` is the raw little-endian array. */
function numbersFromContent(dtype: number, content: Uint8Array): number[] | undefined {
  const type = NUMERIC_DTYPES.get(dtype);
  if (!type) return undefined;
  const dv = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const out: number[] = [];
  for (let at = 0; at + type.size <= content.length; at += type.size) out.push(type.read(dv, at));
  return out;
}

function tensorValue(base: ValueBase, t: Tensor, meta: Metadata): TfValue {
  const elements = t.shape.reduce((n, d) => n * d, 1);
  const plugin = meta.plugin;
  const scalarLike =
    plugin === undefined || plugin === '' || plugin === 'scalars' || meta.dataClass === DATA_CLASS_SCALAR;
  if (scalarLike && elements === 1 && t.numbers?.length === 1) return { ...base, kind: 'scalar', value: t.numbers[0]! };
  // TF2 histograms: a [k, 3] tensor of (left edge, right edge, count) rows.
  if (plugin === 'histograms' && t.shape.length === 2 && t.shape[1] === 3 && t.numbers) {
    return { ...base, kind: 'histogram', histogram: histogramFromRows(t.numbers) };
  }
  return { ...base, kind: 'tensor', dtype: t.dtype, shape: t.shape };
}

function histogramFromRows(numbers: number[]): TfHistogram {
  const h: TfHistogram = { min: NaN, max: NaN, num: 0, limits: [], counts: [] };
  for (let i = 0; i + 2 < numbers.length; i += 3) {
    const [left, right, count] = [numbers[i]!, numbers[i + 1]!, numbers[i + 2]!];
    if (i === 0) h.min = left;
    h.max = right;
    h.limits.push(right);
    h.counts.push(count);
    h.num += count;
  }
  return h;
}

function floats(f: ProtoField): number[] {
  if (f.wire !== WIRE_FIXED32 && f.wire !== WIRE_LEN) return [];
  return Array.from(f.asPackedFloats());
}

function doubles(f: ProtoField): number[] {
  if (f.wire !== WIRE_FIXED64 && f.wire !== WIRE_LEN) return [];
  return Array.from(f.asPackedDoubles());
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function bfloat16(bits: number): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, (bits & 0xffff) << 16);
  return dv.getFloat32(0);
}
