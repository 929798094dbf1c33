/**
 * Table-driven reflected CRC-32 of any polynomial, sixteen bytes per step ("slicing-by-16"):
 * sixteen 256-entry tables let one loop turn fold sixteen input bytes, several times faster in JS
 * than the byte-at-a-time loop (and some 5–15 % faster than eight per step on record-sized
 * input). `data/crc32.ts` (zlib's polynomial: `.wandb` chunks, PNG) and
 * `formats/common/crc32c.ts` (Castagnoli: TFRecord) use it.
 */

/** The sixteen tables of a reflected polynomial, one Uint32Array of 16 × 256 entries. */
export function crcTables(poly: number): Uint32Array {
  const t = new Uint32Array(16 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 16; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/**
 * Folds `bytes[start, end)` into the running register `c` (the CRC before its final inversion)
 * and returns the new register.
 */
export function crcUpdate(t: Uint32Array, c: number, bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  for (; i + 16 <= end; i += 16) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[3840 + (lo & 0xff)]! ^
      t[3584 + ((lo >>> 8) & 0xff)]! ^
      t[3328 + ((lo >>> 16) & 0xff)]! ^
      t[3072 + (lo >>> 24)]! ^
      t[2816 + bytes[i + 4]!]! ^
      t[2560 + bytes[i + 5]!]! ^
      t[2304 + bytes[i + 6]!]! ^
      t[2048 + bytes[i + 7]!]! ^
      t[1792 + bytes[i + 8]!]! ^
      t[1536 + bytes[i + 9]!]! ^
      t[1280 + bytes[i + 10]!]! ^
      t[1024 + bytes[i + 11]!]! ^
      t[768 + bytes[i + 12]!]! ^
      t[512 + bytes[i + 13]!]! ^
      t[256 + bytes[i + 14]!]! ^
      t[bytes[i + 15]!]!;
  }
  if (i + 8 <= end) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^
      t[1536 + ((lo >>> 8) & 0xff)]! ^
      t[1280 + ((lo >>> 16) & 0xff)]! ^
      t[1024 + (lo >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
    i += 8;
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}
