/**
 * Table-driven reflected CRC-32 of any polynomial, eight bytes per step ("slicing-by-8"): eight
 * 256-entry tables let one loop turn fold eight input bytes, several times faster in JS than the
 * byte-at-a-time loop. `data/crc32.ts` (zlib's polynomial: `.wandb` chunks, PNG) and
 * `formats/common/crc32c.ts` (Castagnoli: TFRecord) use it.
 */

/** The eight tables of a reflected polynomial, one Uint32Array of 8 × 256 entries. */
export function crcTables(poly: number): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
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
  for (; i + 8 <= end; i += 8) {
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
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}
