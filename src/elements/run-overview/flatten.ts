import type { JsonValue } from '../../data/source.js';

export type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'media';

/** One row of a flattened config or summary: `optimizer.lr` at depth 1 under `optimizer`. */
export interface FlatRow {
  /** Dotted path from the root, unique per row. */
  path: string;
  /** The last key of the path. */
  key: string;
  depth: number;
  kind: ValueKind;
  value: JsonValue;
  /** Row index of the parent group, -1 at the top. */
  parent: number;
  /** Rows below this one that belong to it (all descendants). */
  descendants: number;
  /** Lower-cased path and value text, for search. */
  haystack: string;
}

/** A W&B-style media reference (`{"_type": "image-file", "path": …}`). */
export function isMediaValue(v: JsonValue): v is { _type: string; path: string } & Record<string, JsonValue> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof v._type === 'string' &&
    typeof v.path === 'string'
  );
}

function kindOf(v: JsonValue): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isMediaValue(v)) return 'media';
  return typeof v as ValueKind;
}

/**
 * The exact text of a value, as copied and searched: strings as they are, numbers as
 * `String(n)` (the shortest text that reads back as the same number), objects and arrays as
 * JSON in which NaN and ±Infinity stay numbers (`[1,NaN]`, as Python's json writes them) rather
 * than becoming `null`.
 */
export function valueText(v: JsonValue): string {
  return typeof v === 'string' ? v : jsonText(v);
}

function jsonText(v: JsonValue): string {
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
    .join(',')}}`;
}

/**
 * Flattens nested JSON into rows in document order. Objects become group rows followed by their
 * children; arrays of scalars stay one row (shown inline), arrays of objects are groups indexed
 * `[0]`, `[1]`… Keys are sorted within each object unless `keepOrder`.
 */
export function flatten(root: Record<string, JsonValue> | undefined, keepOrder = false): FlatRow[] {
  const rows: FlatRow[] = [];
  const visit = (key: string, path: string, value: JsonValue, depth: number, parent: number): void => {
    const kind = kindOf(value);
    const index = rows.length;
    const isGroup =
      kind === 'object' ||
      (kind === 'array' && (value as JsonValue[]).some((x) => typeof x === 'object' && x !== null));
    rows.push({
      path,
      key,
      depth,
      kind,
      value,
      parent,
      descendants: 0,
      haystack: `${path}\u0000${isGroup ? '' : valueText(value)}`.toLowerCase(),
    });
    if (!isGroup) return;
    const children: [string, JsonValue][] = Array.isArray(value)
      ? value.map((v, i) => [`[${i}]`, v])
      : Object.entries(value as Record<string, JsonValue>);
    if (!keepOrder && !Array.isArray(value)) children.sort(([a], [b]) => a.localeCompare(b));
    for (const [k, v] of children) visit(k, Array.isArray(value) ? `${path}${k}` : `${path}.${k}`, v, depth + 1, index);
    rows[index].descendants = rows.length - index - 1;
  };
  const entries = Object.entries(root ?? {});
  if (!keepOrder) entries.sort(([a], [b]) => a.localeCompare(b));
  for (const [k, v] of entries) visit(k, k, v, 0, -1);
  return rows;
}

/** Row indexes visible given collapsed groups and a search text (matches keep their ancestors). */
export function visibleRows(rows: FlatRow[], collapsed: ReadonlySet<string>, query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  if (!q) {
    for (let i = 0; i < rows.length; i++) {
      out.push(i);
      if (collapsed.has(rows[i].path)) i += rows[i].descendants;
    }
    return out;
  }
  const keep = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].haystack.includes(q)) continue;
    for (let j = i; j >= 0 && !keep[j]; j = rows[j].parent) keep[j] = 1;
    // a matching group shows everything inside it
    for (let k = i + 1; k <= i + rows[i].descendants; k++) keep[k] = 1;
  }
  for (let i = 0; i < rows.length; i++) if (keep[i]) out.push(i);
  return out;
}
