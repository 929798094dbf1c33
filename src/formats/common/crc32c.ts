/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), and the "masked" form that
 * TFRecord framing stores (TensorFlow's `crc32c::Mask`).
 */

import { crcTables, crcUpdate } from '../../data/crc-tables.js';

const TABLES = crcTables(0x82f63b78);

/** CRC-32C of `bytes[start, end)`. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return (crcUpdate(TABLES, 0xffffffff, bytes, start, end) ^ 0xffffffff) >>> 0;
}

const MASK_DELTA = 0xa282ead8;

/** Rotates right by 15 bits and adds a constant, as TFRecord stores checksums. */
export function maskCrc32c(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** The inverse of `maskCrc32c`. */
export function unmaskCrc32c(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

/** Masked CRC-32C of `bytes[start, end)`: what a TFRecord header or footer holds. */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return maskCrc32c(crc32c(bytes, start, end));
}
