/**
 * A MinMaxIndex as bytes, so a run cache file holds the index of its big metrics and a reopened
 * run never builds it. The layout follows from the points covered alone (level 0 has
 * ⌈length / LEAF⌉ nodes, each level above ⌈below / FANOUT⌉, up to one node), so nothing but the
 * arrays is stored, in native (little-endian) order, each 8-byte aligned:
 *
 *   leaf bytes | pad | per level: FIELDS Int32 per node, then 2 Float64 per node
 *
 * Reading one back checks what a damaged file would break: its size, and that every index a node
 * or leaf names lies inside the points it covers (so a query never reads outside y). Values are not
 * checked: `checksum` is for that (a CRC-32 of megabytes would take tens of milliseconds).
 */
import { FANOUT, FINE, LEAF, MinMaxIndex } from './minmax-index.js';

const FIELDS = 6;
const NON_FINITE = 5;
const NOT_FINITE = 0xff;

const align8 = (n: number) => (n + 7) & ~7;

/** Nodes per level of an index over `length` points. */
function levelCounts(length: number): number[] {
  const counts = [Math.ceil(length / LEAF)];
  while (counts[counts.length - 1]! > 1) counts.push(Math.ceil(counts[counts.length - 1]! / FANOUT));
  return counts;
}

/** Bytes of the index of `length` points. */
export function indexByteLength(length: number): number {
  const counts = levelCounts(length);
  return align8(counts[0]! * FANOUT) + counts.reduce((n, c) => n + c * (FIELDS * 4 + 16), 0);
}

/** The index as one array of bytes (`indexByteLength(index.length)` of them). */
export function indexToBytes(index: MinMaxIndex): Uint8Array {
  const p = index.parts;
  const out = new Uint8Array(indexByteLength(p.length));
  out.set(p.leaves, 0);
  let at = align8(p.leaves.byteLength);
  for (let k = 0; k < p.levels.length; k++) {
    for (const a of [p.levels[k]!, p.values[k]!]) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += a.byteLength;
    }
  }
  return out;
}

/** The index over `length` points stored in `bytes` (viewed, not copied, when 8-byte aligned); throws when it cannot be one. */
export function indexFromBytes(bytes: Uint8Array, length: number): MinMaxIndex {
  if (!(Number.isSafeInteger(length) && length >= 0)) throw new Error(`an index of ${length} points`);
  if (bytes.byteLength !== indexByteLength(length))
    throw new Error(`the index of ${length} points holds ${bytes.byteLength} bytes, not ${indexByteLength(length)}`);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const counts = levelCounts(length);
  const leaves = bytes.subarray(0, counts[0]! * FANOUT);
  checkLeaves(leaves, length);
  let at = align8(leaves.byteLength);
  const levels: Int32Array[] = [];
  const values: Float64Array[] = [];
  let span = LEAF;
  for (const count of counts) {
    const nodes = new Int32Array(bytes.buffer, bytes.byteOffset + at, count * FIELDS);
    at += nodes.byteLength;
    values.push(new Float64Array(bytes.buffer, bytes.byteOffset + at, count * 2));
    at += count * 16;
    checkNodes(nodes, span, length);
    levels.push(nodes);
    span *= FANOUT;
  }
  return MinMaxIndex.fromParts({ length, leaves, levels, values });
}

/** Each finite leaf's minimum and maximum lie among its points. */
function checkLeaves(leaves: Uint8Array, length: number): void {
  const whole = Math.floor(length / FINE);
  const last = length - whole * FINE;
  // every leaf before the last partial one holds FINE points: any two offsets are its own
  if (whole < leaves.length && last > 0) {
    const b = leaves[whole]!;
    if (b !== NOT_FINITE && (b >> 4 >= last || (b & 15) >= last))
      throw new Error(`the index names a point past the end of its ${length}`);
  }
}

/** Every index a node names lies inside the points it covers, and its parts agree. */
function checkNodes(nodes: Int32Array, span: number, length: number): void {
  for (let c = 0, i = 0; i < nodes.length; c++, i += FIELDS) {
    const from = c * span;
    const to = Math.min(length, from + span);
    const first = nodes[i]!;
    for (let f = 0; f < NON_FINITE; f++) {
      const v = nodes[i + f]!;
      if (v !== -1 && !(v >= from && v < to)) throw new Error(`index node ${c} names point ${v} outside ${from}–${to}`);
    }
    const bad = nodes[i + NON_FINITE]!;
    if (!(bad >= 0 && bad <= to - from) || (bad === 0) !== (nodes[i + 4] === -1))
      throw new Error(`index node ${c} counts ${bad} non-finite points`);
    for (let f = 1; f < 4; f++)
      if ((nodes[i + f] === -1) !== (first === -1)) throw new Error(`index node ${c} is partly empty`);
  }
}

/** FNV-1a over the 32-bit words of `bytes` (a whole number of them), continued from `seed`. */
export function checksum(bytes: Uint8Array, seed = 0x811c9dc5): number {
  if (bytes.byteLength % 4 !== 0) throw new Error('a checksum of whole 32-bit words only');
  const words =
    bytes.byteOffset % 4 === 0
      ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
      : new Int32Array(bytes.slice().buffer);
  let h = seed | 0;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}
