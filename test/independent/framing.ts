/**
 * The two record framings, from FORMATS.md: the W&B datastore (LevelDB log blocks after a 7-byte
 * header) and TFRecord (TensorBoard event files). Each returns every intact payload and says where
 * and why reading stopped early.
 */
import { crc32, maskedCrc32c } from './checksums.js';

export interface Framed {
  payloads: Uint8Array[];
  /** Why the file stopped being readable before its end; absent when every byte was accounted for. */
  problem?: string;
}

const BLOCK = 32768;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;

/** `.wandb`: header `:W&B` + 0xBEE1 LE + version 0, then LevelDB-log chunks in 32 KiB blocks. */
export function wandbRecords(file: Uint8Array): Framed {
  const payloads: Uint8Array[] = [];
  if (file.length === 0) return { payloads, problem: 'empty file' };
  const header = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00];
  if (file.length < 7 || header.some((b, i) => file[i] !== b)) return { payloads, problem: 'bad header' };
  let pos = 7;
  let pending: Uint8Array[] | undefined;
  let pendingStart = 0;
  while (pos < file.length) {
    const left = BLOCK - (pos % BLOCK);
    if (left < 7) {
      pos += left; // zero padding at a block's end
      continue;
    }
    if (pos + 7 > file.length) return { payloads, problem: `chunk header cut at offset ${pos}` };
    const view = new DataView(file.buffer, file.byteOffset + pos, 7);
    const checksum = view.getUint32(0, true);
    const length = view.getUint16(4, true);
    const type = file[pos + 6];
    const start = pos + 7;
    if (start + length > file.length) return { payloads, problem: `chunk cut at offset ${pos}` };
    if (length > left - 7) return { payloads, problem: `chunk crosses a block at offset ${pos}` };
    const data = file.subarray(start, start + length);
    const typed = new Uint8Array(length + 1);
    typed[0] = type;
    typed.set(data, 1);
    if (crc32(typed) !== checksum) return { payloads, problem: `checksum mismatch at offset ${pos}` };
    if (type === FULL) {
      payloads.push(data);
    } else if (type === FIRST) {
      pending = [data];
      pendingStart = pos;
    } else if (type === MIDDLE || type === LAST) {
      if (!pending) return { payloads, problem: `chunk type ${type} without FIRST at offset ${pos}` };
      pending.push(data);
      if (type === LAST) {
        payloads.push(concat(pending));
        pending = undefined;
      }
    } else {
      return { payloads, problem: `unknown chunk type ${type} at offset ${pos}` };
    }
    pos = start + length;
  }
  if (pending) return { payloads, problem: `file ends inside a record started at offset ${pendingStart}` };
  return { payloads };
}

/** TFRecord: uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the data. */
export function tfRecords(file: Uint8Array): Framed {
  const payloads: Uint8Array[] = [];
  let pos = 0;
  while (pos < file.length) {
    if (pos + 12 > file.length) return { payloads, problem: `length cut at offset ${pos}` };
    const view = new DataView(file.buffer, file.byteOffset + pos);
    const length = Number(view.getBigUint64(0, true));
    if (view.getUint32(8, true) !== maskedCrc32c(file.subarray(pos, pos + 8)))
      return { payloads, problem: `length checksum mismatch at offset ${pos}` };
    const start = pos + 12;
    if (start + length + 4 > file.length) return { payloads, problem: `record cut at offset ${pos}` };
    const data = file.subarray(start, start + length);
    if (view.getUint32(12 + length, true) !== maskedCrc32c(data))
      return { payloads, problem: `data checksum mismatch at offset ${pos}` };
    payloads.push(data);
    pos = start + length + 4;
  }
  return { payloads };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
