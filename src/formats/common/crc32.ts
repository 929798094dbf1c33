/**
 * CRC-32 (IEEE 802.3 / zlib: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
 * The `.wandb` datastore checksums chunks with it. (TFRecord uses CRC-32C, a different polynomial.)
 */

const TABLE = makeTable(0xedb88320);

function makeTable(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? poly ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/**
 * Continues a CRC-32 over `bytes[start, end)`. Start with `crc = 0`; feed pieces in order,
 * passing the previous result: `crc32(b, crc32(a))` equals `crc32(a + b)`.
 */
export function crc32(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
