/**
 * Small helpers for W&B values: `value_json` text, nested key paths, media values.
 */

import type { JsonObject, JsonValue } from '../../data/source.js';
import { parsePythonJson } from './python-json.js';

/**
 * Parses a `value_json`. Python's JSON writer emits bare `NaN`, `Infinity` and `-Infinity`, which
 * `JSON.parse` rejects; they become those numbers, at any depth. Returns `undefined` for text that
 * is not JSON at all.
 */
export function parseValueJson(text: string): JsonValue | undefined {
  // Fast path for plain numbers, by far the most common value.
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return parsePythonJson(text.trim());
}

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets `obj[path[0]][path[1]]… = value`, creating (or replacing non-object) parents. */
export function setPath(obj: JsonObject, path: readonly string[], value: JsonValue): void {
  let o = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = o[k];
    if (!isPlainObject(next)) o[k] = {};
    o = o[k] as JsonObject;
  }
  o[path[path.length - 1]!] = value;
}

/** Deletes `obj[path…]` when it exists. */
export function deletePath(obj: JsonObject, path: readonly string[]): void {
  let o: JsonValue = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isPlainObject(o)) return;
    o = o[path[i]!] as JsonValue;
  }
  if (isPlainObject(o)) delete o[path[path.length - 1]!];
}

/** A parsed value as a JSON value; non-finite numbers stay numbers (the HTTP wire carries them). */
export function toJson(v: JsonValue | undefined): JsonValue {
  return v === undefined ? null : v;
}

/** A W&B media value (`{"_type": "image-file", …}`), or undefined. */
export function mediaType(v: unknown): string | undefined {
  return isPlainObject(v) && typeof v._type === 'string' ? v._type : undefined;
}

/** Numeric leaves of a value, with their dotted sub-keys (`''` for the value itself). Media and strings are skipped. */
export function numericLeaves(v: unknown, prefix: string, out: [string, number][]): void {
  if (typeof v === 'number') out.push([prefix, v]);
  else if (isPlainObject(v) && mediaType(v) === undefined) {
    for (const [k, child] of Object.entries(v)) numericLeaves(child, prefix ? `${prefix}.${k}` : k, out);
  }
}

/** `2022-04-29T20:18:50.727056` (UTC without a zone, as wandb-metadata.json writes it) → epoch ms. */
export function parseIsoTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(v);
  const ms = Date.parse(hasZone ? v : `${v}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
