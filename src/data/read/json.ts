/**
 * Nested JSON from a source (config, summary, artifact metadata) made safe to walk: no value that
 * contains itself, nothing JSON cannot hold (functions, symbols, undefined, class instances),
 * no getter that throws. Works with an explicit stack, so a value nested 100,000 levels deep
 * costs memory, never the call stack. Clean values (all JSON-parsed data) come back as they are,
 * without a copy; others are copied with the repairs noted (later/repairing.ts, loaded with the first).
 */
import type { JsonObject } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj } from './values.js';
import { repairPaths } from './repair-slot.js';

/** What a value that contains itself is shown as, where it refers back to `path`. */
export const circularText = (path: string): string => `[circular reference to ${path || 'the top level'}]`;

type Container = Record<string, unknown> | unknown[];

export function isPlainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True when `root` is JSON the elements can walk as it is. Throws when reading it throws. */
function isClean(root: unknown): boolean {
  if (root === null || typeof root !== 'object') return isCleanLeaf(root);
  if (!isPlainContainer(root)) return false;
  // Depth-first with an explicit stack; `onPath` holds the containers between the root and here.
  const onPath = new Set<object>([root]);
  const stack: { value: Container; keys: string[]; i: number }[] = [
    { value: root as Container, keys: Object.keys(root), i: 0 },
  ];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.keys.length) {
      onPath.delete(top.value);
      stack.pop();
      continue;
    }
    const key = top.keys[top.i++];
    const child = (top.value as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object') {
      if (!isCleanLeaf(child)) return false;
      continue;
    }
    if (onPath.has(child) || !isPlainContainer(child)) return false;
    if (Array.isArray(child) && Object.keys(child).length !== child.length) return false; // holes
    onPath.add(child);
    stack.push({ value: child as Container, keys: Object.keys(child), i: 0 });
  }
  return true;
}

function isCleanLeaf(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * A JSON object (a config, a summary, metadata), repaired where needed; undefined when `v` is
 * absent or not an object at all (noted). Reading it must not throw: callers catch.
 */
export function readJsonObject(v: unknown, r: Repairs, what: string): JsonObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.dropped(`${what} that is not an object`);
    return undefined;
  }
  let clean: boolean;
  try {
    clean = isClean(v);
  } catch {
    clean = false;
  }
  if (clean) return v as JsonObject;
  const { repairJson } = repairPaths(); // outside the try: when they are not in yet, the answer is read again once they are
  try {
    return repairJson(v, r, what) as JsonObject;
  } catch {
    r.dropped(`${what} that could not be read`);
    return undefined;
  }
}
