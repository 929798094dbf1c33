/**
 * Optional fields read from a table: each field names its kind and what a repair of it is noted
 * as, and is read in the table's order; a field that is absent stays absent.
 */
import { readJsonObject } from './json.js';
import type { Repairs } from './repairs.js';
import {
  isObj,
  put,
  readBoolean,
  readNumber,
  readString,
  readStrings,
  readTime,
  type NumberRule,
  type Obj,
} from './values.js';

const READERS = {
  string: readString,
  strings: readStrings,
  number: readNumber,
  time: readTime,
  boolean: readBoolean,
  json: readJsonObject,
};
type Kinds = { [K in keyof typeof READERS]: NonNullable<ReturnType<(typeof READERS)[K]>> };
type KindOf<V> = { [K in keyof Kinds]: Kinds[K] extends NonNullable<V> ? K : never }[keyof Kinds];
type AnyReader = (v: unknown, r: Repairs, what: string, rule?: NumberRule) => unknown;

/** How one field is read: its kind, what its repairs are noted as, and for numbers their rule. */
export type Field<V> = readonly [kind: KindOf<V>, what: string, rule?: NumberRule];
export type Fields<T> = { readonly [K in keyof T]?: Field<T[K]> };

/** A whole number from 0 up: counts and sizes. */
export const COUNT: NumberRule = { min: 0, int: true };

/** Reads the `fields` of `o` into `out`; `prefix` goes before each field's `what`. */
export function putFields<T extends object>(out: T, o: Obj, r: Repairs, fields: Fields<T>, prefix = ''): void {
  for (const key in fields) {
    const [kind, what, rule] = fields[key]!;
    put(out, key, (READERS[kind] as AnyReader)(o[key], r, prefix + what, rule) as T[typeof key] | undefined);
  }
}

/** An object of `fields`: undefined when absent, left out (noted as `what`) when it is not an object. */
export function readFields<T extends object>(v: unknown, r: Repairs, what: string, fields: Fields<T>): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.dropped(what);
    return undefined;
  }
  const out = {} as T;
  putFields(out, v, r, fields);
  return out;
}
