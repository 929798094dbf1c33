/**
 * CRC-32 (IEEE 802.3 / zlib: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
 * The `.wandb` datastore checksums chunks with it, and the PNG encoder its chunks. (TFRecord uses
 * CRC-32C, a different polynomial.)
 */

import { crcTables, crcUpdate } from './crc-tables.js';

const TABLES = crcTables(0xedb88320);

/**
 * Continues a CRC-32 over `bytes[start, end)`. Start with `crc = 0`; feed pieces in order,
 * passing the previous result: `crc32(b, crc32(a))` equals `crc32(a + b)`.
 */
export function crc32(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  return ~crcUpdate(TABLES, ~crc >>> 0, bytes, start, end) >>> 0;
}
