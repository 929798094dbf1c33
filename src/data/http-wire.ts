/**
 * The wire encoding of the runpage HTTP protocol (docs/protocol.md), shared by `HttpSource` and
 * the server. No DOM, no Node APIs.
 *
 * - JSON bodies are plain JSON, except that a non-finite number anywhere is written as the object
 *   `{"$f": "NaN"}`, `{"$f": "Infinity"}` or `{"$f": "-Infinity"}` (JSON has no such numbers, and
 *   `JSON.stringify` would silently turn them into `null`).
 * - Series columns (`x`, `y`, `original.x`, `original.y`) are base64 strings of the column's
 *   IEEE-754 float64 values, little-endian, 8 bytes per point: compact, exact, and NaN/±Inf/-0
 *   survive without any special case.
 */
import { base64ToBytes, bytesToBase64 } from './base64.js';
import type { Series } from './source.js';

export { base64ToBytes, bytesToBase64 };

const NON_FINITE_TAG = '$f';

/** `JSON.stringify` with non-finite numbers written as `{"$f": "NaN" | "Infinity" | "-Infinity"}`. */
export function stringifyWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE_TAG]: String(v) } : v,
  );
}

/** `JSON.parse` that turns `{"$f": …}` back into NaN / ±Infinity. Throws SyntaxError on bad JSON. */
export function parseWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const tag = (v as Record<string, unknown>)[NON_FINITE_TAG];
      if (typeof tag === 'string' && Object.keys(v).length === 1) {
        if (tag === 'NaN') return NaN;
        if (tag === 'Infinity') return Infinity;
        if (tag === '-Infinity') return -Infinity;
      }
    }
    return v;
  });
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** A float64 column as base64 of its little-endian bytes. */
export function encodeFloat64(values: Float64Array): string {
  const copy = new Float64Array(values);
  const bytes = new Uint8Array(copy.buffer);
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return bytesToBase64(bytes);
}

/** The inverse of `encodeFloat64`. Throws TypeError when the text is not 8-byte-aligned base64. */
export function decodeFloat64(text: string): Float64Array {
  const bytes = base64ToBytes(text);
  if (bytes.length % 8 !== 0)
    throw new TypeError(`A float64 column must be a multiple of 8 bytes, got ${bytes.length}`);
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}

/** A series as it travels: the same fields, columns as base64 float64. */
export type WireSeries = Omit<Series, 'x' | 'y' | 'original'> & {
  x: string;
  y: string;
  original?: { x: string; y: string };
};

export function seriesToWire(s: Series): WireSeries {
  const { original, ...rest } = s;
  const out: WireSeries = { ...rest, x: encodeFloat64(s.x), y: encodeFloat64(s.y) };
  if (original) out.original = { x: encodeFloat64(original.x), y: encodeFloat64(original.y) };
  return out;
}

/** Throws TypeError when a column is not valid base64 float64 or x and y differ in length. */
export function seriesFromWire(w: WireSeries): Series {
  const x = decodeFloat64(w.x);
  const y = decodeFloat64(w.y);
  if (x.length !== y.length) throw new TypeError(`Series ${w.key}: x has ${x.length} points and y ${y.length}`);
  const s: Series = { ...w, x, y } as Series;
  if (w.original) s.original = { x: decodeFloat64(w.original.x), y: decodeFloat64(w.original.y) };
  return s;
}
