/**
 * CRC register updates over many ranges of one buffer (the chunks of a `.wandb` push), by a small
 * WebAssembly module written out below: the same slicing-by-16 as `data/crc-tables.ts`, some
 * 25–30 % faster on record-sized ranges, copies of the bytes into its memory included. The bytes
 * are copied in 64 KiB windows as the ranges reach them (a chunk never crosses a 32 KiB block, so
 * a chunk always fits one window). Where WebAssembly is missing or refused (a page's CSP), the
 * same tables are folded in JS.
 */

import { crcUpdate } from '../../data/crc-tables.js';

const TABLE_BYTES = 16 * 256 * 4;
const WINDOW = 64 * 1024;
/** Tables, then the window: two 64 KiB pages. */
const PAGES = 2;

// Opcodes of the module.
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_AND = 0x71;
const I32_XOR = 0x73;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_LOAD = 0x28;
const I32_LOAD8_U = 0x2d;
const I32_LT_U = 0x49;
const I32_GE_U = 0x4f;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const EMPTY_TYPE = 0x40;
const I32 = 0x7f;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Every constant below is positive and under 2^13: two bytes of signed LEB128 at most. */
function i32Const(n: number): number[] {
  return n < 64 ? [I32_CONST, n] : [I32_CONST, (n & 0x7f) | 0x80, n >>> 7];
}

/**
 * `crc(c, p, n)`: the register `c` folded over memory `[p, p + n)`, tables at address 0 (table k
 * at k × 1024, as `crcTables` lays them out). Locals: 0 c, 1 p, 2 n, 3 end, 4–7 the four words.
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const C = 0;
  const P = 1;
  const N = 2;
  const E = 3;
  const W = 4;
  const body: number[] = [LOCAL_GET, P, LOCAL_GET, N, I32_ADD, LOCAL_SET, E];
  // Sixteen bytes per turn while sixteen remain: four words, sixteen table lookups.
  body.push(BLOCK, EMPTY_TYPE, LOOP, EMPTY_TYPE);
  body.push(LOCAL_GET, E, LOCAL_GET, P, I32_SUB, ...i32Const(16), I32_LT_U, BR_IF, 1);
  body.push(LOCAL_GET, C, LOCAL_GET, P, I32_LOAD, 2, 0, I32_XOR, LOCAL_SET, W);
  for (let j = 1; j < 4; j++) body.push(LOCAL_GET, P, I32_LOAD, 2, ...uleb(4 * j), LOCAL_SET, W + j);
  for (let i = 0; i < 16; i++) {
    // Byte i of the sixteen, times four (a table index in bytes), looks in table 15 - i.
    const shift = 8 * (i & 3);
    body.push(LOCAL_GET, W + (i >> 2));
    if (shift === 0) body.push(...i32Const(2), I32_SHL);
    else body.push(...i32Const(shift - 2), I32_SHR_U);
    body.push(...i32Const(0x3fc), I32_AND, I32_LOAD, 2, ...uleb((15 - i) * 1024));
    if (i > 0) body.push(I32_XOR);
  }
  body.push(LOCAL_SET, C, LOCAL_GET, P, ...i32Const(16), I32_ADD, LOCAL_SET, P, BR, 0, END, END);
  // Then a byte per turn.
  body.push(BLOCK, EMPTY_TYPE, LOOP, EMPTY_TYPE);
  body.push(LOCAL_GET, P, LOCAL_GET, E, I32_GE_U, BR_IF, 1);
  body.push(LOCAL_GET, C, LOCAL_GET, P, I32_LOAD8_U, 0, 0, I32_XOR, ...i32Const(0xff), I32_AND);
  body.push(...i32Const(2), I32_SHL, I32_LOAD, 2, 0);
  body.push(LOCAL_GET, C, ...i32Const(8), I32_SHR_U, I32_XOR, LOCAL_SET, C);
  body.push(LOCAL_GET, P, ...i32Const(1), I32_ADD, LOCAL_SET, P, BR, 0, END, END);
  body.push(LOCAL_GET, C, END);
  const code = [1, 5, I32, ...body]; // locals: five i32
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 3, I32, I32, I32, 1, I32]), // type: (i32, i32, i32) -> i32
    ...section(3, [1, 0]), // one function of that type
    ...section(5, [1, 0, PAGES]), // a memory of PAGES pages
    ...section(7, [2, ...name('crc'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

interface Module {
  crc: (c: number, p: number, n: number) => number;
  memory: Uint8Array;
  /** The ranges whose window the memory holds, and where that window lies in their buffer. */
  owner: CrcRanges | undefined;
  from: number;
  to: number;
}

/** One module per table set (the tables live in its memory); undefined: no WebAssembly here. */
const modules = new WeakMap<Uint32Array, Module | null>();
let compiled: WebAssembly.Module | null | undefined;

function moduleFor(tables: Uint32Array): Module | undefined {
  let m = modules.get(tables);
  if (m === undefined) {
    m = null;
    try {
      compiled ??= new WebAssembly.Module(moduleBytes());
      const exports = new WebAssembly.Instance(compiled).exports as {
        crc: Module['crc'];
        memory: WebAssembly.Memory;
      };
      const memory = new Uint8Array(exports.memory.buffer);
      memory.set(new Uint8Array(tables.buffer, tables.byteOffset, TABLE_BYTES));
      m = { crc: exports.crc, memory, owner: undefined, from: 0, to: 0 };
    } catch {
      compiled = null;
    }
    modules.set(tables, m);
  }
  return m ?? undefined;
}

/** CRC updates over ranges of one buffer at a time (`begin` it), with the tables of `crcTables`. */
export class CrcRanges {
  private readonly module: Module | undefined;
  private buf: Uint8Array = new Uint8Array(0);

  constructor(private readonly tables: Uint32Array) {
    this.module = moduleFor(tables);
  }

  /** Ranges of `buf` come next (its bytes may differ from an earlier buffer's, even the same one's). */
  begin(buf: Uint8Array): void {
    this.buf = buf;
    if (this.module?.owner === this) this.module.owner = undefined;
  }

  /** The register `c` folded over `buf[start, end)` (no inversions: see `crcUpdate`). */
  update(c: number, start: number, end: number): number {
    const m = this.module;
    if (m === undefined || end - start > WINDOW) return crcUpdate(this.tables, c, this.buf, start, end);
    if (m.owner !== this || start < m.from || end > m.to) {
      const to = Math.min(this.buf.length, start + WINDOW);
      m.memory.set(this.buf.subarray(start, to), TABLE_BYTES);
      m.owner = this;
      m.from = start;
      m.to = to;
    }
    return m.crc(c, TABLE_BYTES + start - m.from, end - start) >>> 0;
  }
}
