/**
 * Line selections in the shared URL hash (internal/url-hash.ts) under the key `L`: `#L=120-140` or
 * `#L=7` (1-based, inclusive). Links made before the keys, GitHub style (`#L120-L140`), still read.
 */
import { bareHashEntries, LEGACY_LINES, readHashKey } from '../../internal/url-hash.js';

/** A selection of whole-log line numbers, 0-based, `from <= to`. */
export interface LineSelection {
  from: number;
  to: number;
}

/** The log viewer's key in the URL hash. */
export const LINE_KEY = 'L';

const VALUE = /^(\d{1,12})(?:-(\d{1,12}))?$/;

function selection(a: string, b: string | undefined): LineSelection | undefined {
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  if (from < 1 || to < 1) return undefined;
  return { from: Math.min(from, to) - 1, to: Math.max(from, to) - 1 };
}

/** The selection a hash names (`L=…`, or an old `L…` link), or undefined when it names none. */
export function parseLineHash(hash: string): LineSelection | undefined {
  const value = readHashKey(hash, LINE_KEY);
  const keyed = value === undefined ? undefined : VALUE.exec(value);
  if (keyed) return selection(keyed[1], keyed[2]);
  for (const bare of bareHashEntries(hash)) {
    const m = LEGACY_LINES.exec(bare);
    if (m) return selection(m[1], m[2]);
  }
  return undefined;
}

/** The value written under `L`: `120-140`, or `7` for one line. */
export function lineHashValue(s: LineSelection): string {
  return s.from === s.to ? `${s.from + 1}` : `${s.from + 1}-${s.to + 1}`;
}

/** An old-style line entry (`L120-L140`), replaced when the viewer writes its key. */
export function isLegacyLineEntry(bare: string): boolean {
  return LEGACY_LINES.test(bare);
}
