/**
 * Values of a run named by a legend template (`${config.lr}`, `${summary.best/acc}`): loaded with
 * the run infos they are read from (see lazy-parts.ts).
 */
import type { JsonValue, RunInfo } from '../../data/source.js';

function lookup(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(record, part)) return undefined;
    node = record[part];
  }
  return node;
}

/** A value from the run as text: strings as they are, numbers and objects as JSON. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // W&B configs wrap values as {value: …, desc: …}
  if (typeof v === 'object' && !Array.isArray(v) && 'value' in (v as object))
    return text((v as { value: JsonValue }).value);
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/** The value at `path` (dot-separated) of the run, as text; empty when there is none. */
export function runValue(run: RunInfo | undefined, path: string): string {
  return text(lookup(run, path));
}
