/**
 * Test helpers: a tiny protobuf encoder and a `.wandb` writer (LevelDB log framing with
 * node:zlib's CRC-32, independent of the reader's own CRC), plus an in-memory RunFolder.
 */
import { crc32 } from 'node:zlib';
import type { FolderEntry, RunFolder } from '../../../../src/formats/common/run-folder.js';

const enc = new TextEncoder();

export function varint(v: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x !== 0n) b |= 0x80;
    out.push(b);
  } while (x !== 0n);
  return out;
}

/** A protobuf field. Strings and byte arrays are length-delimited; numbers are varints. */
export function field(no: number, value: string | Uint8Array | number | bigint | number[]): number[] {
  if (typeof value === 'number' || typeof value === 'bigint') return [...varint((no << 3) | 0), ...varint(value)];
  const bytes = typeof value === 'string' ? enc.encode(value) : Uint8Array.from(value);
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}

export function msg(...fields: number[][]): Uint8Array {
  return Uint8Array.from(fields.flat());
}

/** HistoryItem / SummaryItem / ConfigItem with `key` (string) or `nested_key` (array). */
export function item(key: string | string[], valueJson: string): Uint8Array {
  const k = typeof key === 'string' ? field(1, key) : key.flatMap((p) => field(2, p));
  return msg(k, field(16, valueJson));
}

export function timestamp(ms: number): Uint8Array {
  return msg(field(1, Math.floor(ms / 1000)), field(2, Math.round((ms % 1000) * 1e6)));
}

/** A Record with body `no` (and a `num`). */
export function record(no: number, body: Uint8Array, num?: number): Uint8Array {
  return msg(num === undefined ? [] : field(1, num), field(no, body));
}

export function historyRecord(items: [string | string[], string][], step?: number): Uint8Array {
  return record(
    2,
    msg(
      ...items.map(([k, v]) => field(1, item(k, v))),
      step === undefined ? [] : field(2, step === 0 ? msg() : msg(field(1, step))),
    ),
  );
}

export function statsRecord(timeMs: number, items: [string, string][]): Uint8Array {
  return record(7, msg(field(2, timestamp(timeMs)), ...items.map(([k, v]) => field(3, item(k, v)))));
}

export function outputRecord(line: string, stdout = true, raw = false, timeMs?: number): Uint8Array {
  return record(
    raw ? 13 : 4,
    msg(stdout ? field(1, 1) : [], timeMs === undefined ? [] : field(2, timestamp(timeMs)), field(3, line)),
  );
}

export function exitRecord(code: number, runtime?: number): Uint8Array {
  return record(18, msg(code ? field(1, code) : [], runtime === undefined ? [] : field(2, runtime)));
}

export function runRecord(o: {
  id: string;
  project?: string;
  name?: string;
  startMs?: number;
  tags?: string[];
}): Uint8Array {
  return record(
    17,
    msg(
      field(1, o.id),
      o.project ? field(3, o.project) : [],
      o.name ? field(8, o.name) : [],
      ...(o.tags ?? []).map((t) => field(10, t)),
      o.startMs === undefined ? [] : field(17, timestamp(o.startMs)),
    ),
  );
}

export const BLOCK = 32768;

/** Frames payloads the way the W&B writer does: 7-byte header, 32 KiB blocks, FULL/FIRST/MIDDLE/LAST. */
export function frame(
  payloads: Uint8Array[],
  header: number[] = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00],
): Uint8Array {
  const out: number[] = [...header];
  for (const p of payloads) {
    let rest = p;
    let first = true;
    do {
      let blockLeft = BLOCK - (out.length % BLOCK);
      if (blockLeft < 7) {
        for (let i = 0; i < blockLeft; i++) out.push(0);
        blockLeft = BLOCK;
      }
      const n = Math.min(blockLeft - 7, rest.length);
      const last = n === rest.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const data = rest.subarray(0, n);
      const sum = crc32(data, crc32(Uint8Array.of(type))) >>> 0;
      out.push(sum & 0xff, (sum >>> 8) & 0xff, (sum >>> 16) & 0xff, sum >>> 24, n & 0xff, n >> 8, type, ...data);
      rest = rest.subarray(n);
      first = false;
    } while (rest.length > 0);
  }
  return Uint8Array.from(out);
}

/** A payload of `n` bytes that is a valid Record (an output line padded to size). */
export function sizedOutput(n: number, tag: string): Uint8Array {
  // The overhead around the line is a few bytes of tags and length varints.
  for (let lineLen = Math.max(0, n - 16); lineLen <= n; lineLen++) {
    const r = outputRecord(`${tag}${'x'.repeat(Math.max(0, lineLen - tag.length))}`);
    if (r.length === n) return r;
  }
  throw new Error(`cannot size an output record to ${n} bytes`);
}

/**
 * An in-memory RunFolder over `{ 'files/config.yaml': '...' }`. `modified`: the files' modification
 * time (epoch ms), one for all or per path.
 */
export function memoryFolder(
  files: Record<string, string | Uint8Array>,
  opts: { chunk?: number; modified?: number | Record<string, number> } = {},
): RunFolder {
  const modifiedOf = (path: string) => (typeof opts.modified === 'number' ? opts.modified : opts.modified?.[path]);
  const bytes = new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? enc.encode(v) : v]));
  const folder: RunFolder = {
    async list(dir) {
      const prefix = dir === '' ? '' : `${dir}/`;
      const seen = new Map<string, FolderEntry>();
      for (const [path, b] of bytes) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) {
          const entry: FolderEntry = { name: rest, kind: 'file', size: b.length };
          const modified = modifiedOf(path);
          if (modified !== undefined) entry.modified = modified;
          seen.set(rest, entry);
        } else seen.set(rest.slice(0, slash), { name: rest.slice(0, slash), kind: 'dir' });
      }
      if (seen.size === 0 && dir !== '') throw new Error(`no folder ${dir}`);
      return [...seen.values()];
    },
    async read(path) {
      const b = bytes.get(path);
      if (!b) throw new Error(`no file ${path}`);
      return b;
    },
  };
  if (opts.chunk) {
    const size = opts.chunk;
    folder.stream = async function* (path, start = 0) {
      const b = await folder.read(path);
      for (let i = start; i < b.length; i += size) yield b.subarray(i, i + size);
    };
  }
  return folder;
}
