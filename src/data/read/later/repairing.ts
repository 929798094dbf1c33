/**
 * The readers' repairing paths: what only an answer that needs repairing runs. A copy of nested
 * JSON that is not plain (json.ts), series columns that are not Float64Arrays (metrics.ts), file
 * entries that are not already entries (files.ts). An answer from a
 * well-behaved source (every `.runpage.json` page) needs none of it, so it loads with the first
 * answer that does (`repairing` in answer.ts), and that answer is read again once it is in.
 */
import type { FileEntry, FileKind, FileLink, JsonValue } from '../../source.js';
import { COUNT, putFields, type Fields } from '../fields.js';
import { circularText, isPlainContainer } from '../json.js';
import type { Repairs } from '../repairs.js';
import { isObj, isObjOrDropped, looseNumber, put, readOneOf, readString } from '../values.js';

type Container = Record<string, unknown> | unknown[];

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

/** A copy of `root` (nested JSON that is not clean) with every problem repaired. Throws when reading it throws. */
export function repairJson(root: Container, r: Repairs, what: string): Container {
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

/** A column that is not a Float64Array: other number arrays converted (junk and null become NaN), anything else left out. */
export function convertColumn(v: unknown, r: Repairs, what: string): Float64Array | undefined {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    r.converted(`${what} that are not Float64Arrays`);
    return Float64Array.from(v as unknown as ArrayLike<number>, Number);
  }
  if (!Array.isArray(v)) {
    r.dropped(what);
    return undefined;
  }
  r.converted(`${what} that are not Float64Arrays`);
  const out = new Float64Array(v.length);
  let junk = 0;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const n = typeof item === 'number' ? item : looseNumber(item);
    if (Number.isNaN(n) && !(typeof item === 'number' || (typeof item === 'string' && /nan/i.test(item)))) junk++;
    out[i] = n;
  }
  if (junk) r.dropped(`points that are not numbers (${what})`, junk);
  return out;
}

const KINDS: readonly FileKind[] = ['file', 'dir'];
const LINK_TO: readonly FileLink['to'][] = ['inside', 'outside', 'nothing'];
const ENTRY_FIELDS: Fields<FileEntry> = {
  size: ['number', 'sizes', { min: 0 }],
  modified: ['time', 'times'],
  mime: ['string', 'types'],
  count: ['number', 'counts', COUNT],
};

/** Where a symbolic link leads; a link whose kind is unknown is one that is not followed. */
function readLink(v: unknown, r: Repairs, what: string): FileLink | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    r.dropped(`${what}: links`);
    return undefined;
  }
  const link: FileLink = { to: readOneOf(v.to, LINK_TO, r, `${what}: links`, 'nothing')! };
  // where an outside link leads is never said, even when a source says it
  if (link.to !== 'outside') put(link, 'target', readString(v.target, r, `${what}: link targets`));
  return link;
}

/** A file entry that is not already one as the contract has it; its path is made from `dir` and its name when it has none. */
export function repairFileEntry(v: unknown, r: Repairs, dir: string, what: string): FileEntry | undefined {
  if (!isObjOrDropped(v, r, what)) return undefined;
  let path = readString(v.path, r, `${what}: paths`);
  let name = readString(v.name, r, `${what}: names`);
  if (path === undefined && name !== undefined) {
    path = dir ? `${dir.replace(/\/+$/, '')}/${name}` : name;
    r.converted(`${what} without a path`);
  }
  if (path === undefined || path === '') {
    r.dropped(`${what} without a path or name`);
    return undefined;
  }
  if (name === undefined) {
    name = path.replace(/\/+$/, '').split('/').pop() || path;
    r.converted(`${what} without a name`);
  }
  const entry: FileEntry = { path, name, kind: readOneOf(v.kind, KINDS, r, `${what}: kinds`, 'file')! };
  putFields(entry, v, r, ENTRY_FIELDS, `${what}: `);
  put(entry, 'link', readLink(v.link, r, what));
  if (v.contents === false) entry.contents = false;
  return entry;
}
