/**
 * Readers of single values in a source's answer. Each returns the value the contract wants, or
 * undefined when there is none to be had, and notes in `r` what it converted or left out.
 * `undefined` and `null` mean "absent" and are not problems.
 */
import type { Repairs } from './repairs.js';

/** Largest distance from the epoch, in ms, a JavaScript Date can hold. */
export const MAX_TIME_MS = 8.64e15;

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` is an object; when it is not, notes it as one of the `what` that were left out. */
export function isObjOrDropped(v: unknown, r: Repairs, what: string): v is Obj {
  if (isObj(v)) return true;
  r.dropped(`${what} that are not objects`);
  return false;
}

const absent = (v: unknown): v is null | undefined => v === undefined || v === null;

export interface NumberRule {
  /** Smallest value allowed (inclusive). */
  min?: number;
  /** Round to an integer. */
  int?: boolean;
}

/** A finite number; numeric strings and bigints are converted. */
export function readNumber(v: unknown, r: Repairs, what: string, rule: NumberRule = {}): number | undefined {
  if (absent(v)) return undefined;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '') n = Number(v.trim());
  else if (typeof v === 'bigint') n = Number(v);
  else n = NaN;
  if (!Number.isFinite(n) || (rule.min !== undefined && n < rule.min)) {
    r.dropped(what);
    return undefined;
  }
  if (typeof v !== 'number') r.converted(what);
  return rule.int ? Math.round(n) : n;
}

/**
 * A value that may be NaN or ±Infinity (a metric value): numbers pass as they are, numeric
 * strings ("NaN", "inf" included) are converted, anything else is NaN and noted.
 */
export function readValue(v: unknown, r: Repairs, what: string): number {
  if (typeof v === 'number') return v;
  const n = looseNumber(v);
  if (Number.isNaN(n) && !(typeof v === 'string' && /^\s*[+-]?nan\s*$/i.test(v))) r.dropped(what);
  else r.converted(what);
  return n;
}

/** Any value as a number the way a metric column reads it: `null`, non-numbers and junk are NaN. */
export function looseNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string' || v.trim() === '') return NaN;
  const t = v.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(t);
}

/** Epoch milliseconds inside the range a Date can show; ISO date strings are converted. */
export function readTime(v: unknown, r: Repairs, what: string): number | undefined {
  if (absent(v)) return undefined;
  let n = typeof v === 'number' ? v : NaN;
  if (typeof v === 'string') {
    const t = v.trim();
    n = t !== '' && Number.isFinite(Number(t)) ? Number(t) : Date.parse(t);
  } else if (v instanceof Date) n = v.getTime();
  if (!Number.isFinite(n) || Math.abs(n) > MAX_TIME_MS) {
    r.dropped(what);
    return undefined;
  }
  if (typeof v !== 'number') r.converted(what);
  return n;
}

/** A string; numbers and booleans are converted. */
export function readString(v: unknown, r: Repairs, what: string): string | undefined {
  if (absent(v)) return undefined;
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || typeof v === 'bigint') {
    r.converted(what);
    return String(v);
  }
  r.dropped(what);
  return undefined;
}

/** A string that must be there and not be empty (an id, a key); else `missing` is noted as left out. */
export function readRequired(v: unknown, r: Repairs, what: string, missing: string): string | undefined {
  const s = readString(v, r, what);
  if (s !== undefined && s !== '') return s;
  r.dropped(missing);
  return undefined;
}

/** A list of strings; one string becomes a list of one, items that are not text are left out. */
export function readStrings(v: unknown, r: Repairs, what: string): string[] | undefined {
  if (absent(v)) return undefined;
  if (typeof v === 'string') {
    r.converted(what);
    return [v];
  }
  if (!Array.isArray(v)) {
    r.dropped(what);
    return undefined;
  }
  const out: string[] = [];
  for (const item of v) {
    const s = readString(item, r, what);
    if (s !== undefined) out.push(s);
    else if (absent(item)) r.dropped(what);
  }
  return out;
}

/** A boolean; `"true"`/`"false"`, 1 and 0 are converted. */
export function readBoolean(v: unknown, r: Repairs, what: string): boolean | undefined {
  if (absent(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1) return (r.converted(what), true);
  if (v === 'false' || v === 0) return (r.converted(what), false);
  r.dropped(what);
  return undefined;
}

/** One of `allowed`; anything else is `fallback` (noted) or undefined when there is no fallback. */
export function readOneOf<T extends string>(
  v: unknown,
  allowed: readonly T[],
  r: Repairs,
  what: string,
  fallback?: T,
): T | undefined {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  if (fallback !== undefined) {
    r.converted(what);
    return fallback;
  }
  if (!absent(v)) r.dropped(what);
  return undefined;
}

/** Items of a list; a missing list is empty, a value that is not a list is left out (noted). */
export function readList(v: unknown, r: Repairs, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (!absent(v)) r.dropped(what);
  return [];
}

/** Sets `o[key]` only when `value` is defined (optional fields stay absent). */
export function put<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
