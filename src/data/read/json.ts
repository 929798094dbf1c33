/**
 * Nested JSON from a source (config, summary, artifact metadata) made safe to walk: no value that
 * contains itself, nothing JSON cannot hold (functions, symbols, undefined, class instances),
 * no getter that throws. Works with an explicit stack, so a value nested 100,000 levels deep
 * costs memory, never the call stack. Clean values (all JSON-parsed data) come back as they are,
 * without a copy; others are copied with the repairs noted.
 */
import type { JsonObject, JsonValue } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj } from './values.js';

/** What a value that contains itself is shown as, where it refers back to `path`. */
export const circularText = (path: string): string => `[circular reference to ${path || 'the top level'}]`;

type Container = Record<string, unknown> | unknown[];

function isPlainContainer(v: object): boolean {
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

/** A leaf that JSON can hold, or undefined (with the repair noted) when `v` has to go. */
function repairLeaf(v: unknown, r: Repairs, what: string): JsonValue | undefined {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      r.converted(`${what}: big integers`);
      return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    case 'undefined':
      r.dropped(`${what}: undefined values`);
      return undefined;
    case 'object':
      return null;
    default:
      r.dropped(`${what}: functions and symbols`);
      return undefined;
  }
}

/** A copy of `root` with every problem repaired. */
function repair(root: Container, r: Repairs, what: string): Container {
  const out: Container = Array.isArray(root) ? [] : {};
  const onPath = new Map<object, number>([[root, 0]]);
  const keyPath: string[] = [];
  const stack: { src: Container; dst: Container; keys: string[]; i: number }[] = [
    { src: root, dst: out, keys: Object.keys(root), i: 0 },
  ];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.keys.length) {
      onPath.delete(top.src);
      stack.pop();
      keyPath.pop();
      continue;
    }
    const key = top.keys[top.i++];
    const isArray = Array.isArray(top.dst);
    const set = (v: JsonValue | undefined) => {
      if (v !== undefined) (top.dst as Record<string, unknown>)[key] = v;
      else if (isArray) (top.dst as unknown[])[Number(key)] = null;
    };
    let child: unknown;
    try {
      child = (top.src as Record<string, unknown>)[key];
    } catch {
      r.dropped(`${what}: values that could not be read`);
      set(undefined);
      continue;
    }
    if (child === null || typeof child !== 'object') {
      set(repairLeaf(child, r, what));
      continue;
    }
    const ancestor = onPath.get(child);
    if (ancestor !== undefined) {
      r.converted(`${what}: values that contain themselves`);
      set(circularText([what, ...keyPath.slice(0, ancestor)].join('.')));
      continue;
    }
    if (child instanceof Date) {
      r.converted(`${what}: dates`);
      set(Number.isNaN(child.getTime()) ? null : child.toISOString());
      continue;
    }
    let keys: string[];
    try {
      keys = Object.keys(child);
    } catch {
      r.dropped(`${what}: values that could not be read`);
      set(undefined);
      continue;
    }
    if (!isPlainContainer(child)) r.converted(`${what}: objects that are not plain JSON`);
    const dst: Container = Array.isArray(child) ? [] : {};
    if (Array.isArray(child) && keys.length !== child.length) {
      r.converted(`${what}: lists with holes`);
      keys = Array.from({ length: child.length }, (_, i) => String(i));
    }
    set(dst as JsonValue);
    onPath.set(child, stack.length);
    keyPath.push(key);
    stack.push({ src: child as Container, dst, keys, i: 0 });
  }
  return out;
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
  try {
    return repair(v, r, what) as JsonObject;
  } catch {
    r.dropped(`${what} that could not be read`);
    return undefined;
  }
}
