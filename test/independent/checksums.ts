/**
 * CRC-32 (IEEE, what the W&B datastore uses) and CRC-32C (Castagnoli, what TFRecord uses), plus
 * TFRecord's mask. CRC-32 comes from Node's zlib; CRC-32C is a plain table-driven implementation.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes) >>> 0;
}

const CASTAGNOLI = 0x82f63b78; // reflected polynomial
const TABLE_C = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? CASTAGNOLI ^ (c >>> 1) : c >>> 1;
  TABLE_C[n] = c >>> 0;
}

export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = TABLE_C[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 bits, add 0xa282ead8 (mod 2^32). */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
