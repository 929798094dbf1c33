import type { JsonValue } from '../../data/source.js';
import { jsonText } from '../../internal/json-text.js';
import { matchesQuery, parseQuery } from '../../data/search-query.js';

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
 * than becoming `null`. Any depth: `jsonText` does not recurse.
 */
export function valueText(v: JsonValue): string {
  return typeof v === 'string' ? v : jsonText(v);
}

/**
 * Levels flattened into rows. A group this deep is one row showing its JSON text (cut, with
 * "Show more"), so a config nested thousands of levels deep costs rows for the first levels only.
 */
export const MAX_FLAT_DEPTH = 16;

function isGroupValue(kind: ValueKind, value: JsonValue): boolean {
  return (
    kind === 'object' || (kind === 'array' && (value as JsonValue[]).some((x) => typeof x === 'object' && x !== null))
  );
}

function childrenOf(value: JsonValue, keepOrder: boolean): [string, JsonValue][] {
  if (Array.isArray(value)) return value.map((v, i) => [`[${i}]`, v]);
  const entries = Object.entries(value as Record<string, JsonValue>);
  if (!keepOrder) entries.sort(([a], [b]) => a.localeCompare(b));
  return entries;
}

/**
 * Flattens nested JSON into rows in document order. Objects become group rows followed by their
 * children; arrays of scalars stay one row (shown inline), arrays of objects are groups indexed
 * `[0]`, `[1]`… Keys are sorted within each object unless `keepOrder`. Works with an explicit
 * stack; groups deeper than `MAX_FLAT_DEPTH` stay one row.
 */
export function flatten(root: Record<string, JsonValue> | undefined, keepOrder = false): FlatRow[] {
  const rows: FlatRow[] = [];
  type Frame = { children: [string, JsonValue][]; i: number; row: number; path: string; isArray: boolean };
  const stack: Frame[] = [{ children: childrenOf(root ?? {}, keepOrder), i: 0, row: -1, path: '', isArray: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.children.length) {
      stack.pop();
      if (top.row >= 0) rows[top.row].descendants = rows.length - top.row - 1;
      continue;
    }
    const [key, value] = top.children[top.i++];
    const depth = stack.length - 1;
    const path = top.row < 0 ? key : top.isArray ? `${top.path}${key}` : `${top.path}.${key}`;
    const kind = kindOf(value);
    const isGroup = isGroupValue(kind, value) && depth < MAX_FLAT_DEPTH;
    const index = rows.length;
    rows.push({
      path,
      key,
      depth,
      kind,
      value,
      parent: top.row,
      descendants: 0,
      haystack: `${path}\u0000${isGroup ? '' : valueText(value)}`.toLowerCase(),
    });
    if (isGroup)
      stack.push({ children: childrenOf(value, keepOrder), i: 0, row: index, path, isArray: Array.isArray(value) });
  }
  return rows;
}

/** Row indexes visible given collapsed groups and a search text (matches keep their ancestors). */
export function visibleRows(rows: FlatRow[], collapsed: ReadonlySet<string>, query: string): number[] {
  const { terms } = parseQuery(query);
  const out: number[] = [];
  if (!terms.length) {
    for (let i = 0; i < rows.length; i++) {
      out.push(i);
      if (collapsed.has(rows[i].path)) i += rows[i].descendants;
    }
    return out;
  }
  const keep = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (!matchesQuery(terms, rows[i].haystack)) continue;
    for (let j = i; j >= 0 && !keep[j]; j = rows[j].parent) keep[j] = 1;
    // a matching group shows everything inside it
    for (let k = i + 1; k <= i + rows[i].descendants; k++) keep[k] = 1;
  }
  for (let i = 0; i < rows.length; i++) if (keep[i]) out.push(i);
  return out;
}
