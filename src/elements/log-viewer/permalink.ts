/** Line selections in the URL hash, GitHub style: `#L120` or `#L120-L140` (1-based, inclusive). */

/** A selection of whole-log line numbers, 0-based, `from <= to`. */
export interface LineSelection {
  from: number;
  to: number;
}

const HASH = /^#L(\d{1,12})(?:-L?(\d{1,12}))?$/;

/** The selection a hash names, or undefined when it names none. */
export function parseLineHash(hash: string): LineSelection | undefined {
  const m = HASH.exec(hash);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return undefined;
  return { from: Math.min(a, b) - 1, to: Math.max(a, b) - 1 };
}

export function formatLineHash(s: LineSelection): string {
  return s.from === s.to ? `#L${s.from + 1}` : `#L${s.from + 1}-L${s.to + 1}`;
}

/**
 * Whether a hash is ours to replace, so other uses of the hash are left alone: empty, a line
 * selection, or `#logs` (the run page's Logs tab, which also opens for `#L…`).
 */
export function isLineHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#logs' || HASH.test(hash);
}
