/**
 * JSON as text for any value, however deep: `JSON.stringify` recurses and throws "Maximum call
 * stack size exceeded" on values nested a few thousand levels deep, and never ends on a value that
 * contains itself. This walks with an explicit stack, writes `[circular]` where a value contains
 * itself, and stops at `limit` characters (then ends with `…`).
 */

export interface JsonTextOptions {
  /** Spaces per level; 0 writes one line. */
  indent?: number;
  /** Most characters written before the text is cut with `…`. */
  limit?: number;
  /**
   * Levels after which the indentation stops growing (default 40), so text nested 5,000 levels
   * deep is not mostly spaces (its size would grow with the square of the depth).
   */
  maxIndentLevels?: number;
}

function leafText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return String(v);
    case 'boolean':
      return String(v);
    case 'bigint':
      return String(v);
    case 'undefined':
      return 'null';
    case 'object':
      return 'null';
    default:
      return JSON.stringify(String(v));
  }
}

type Frame = { value: object; keys: string[]; i: number; array: boolean };

export function jsonText(value: unknown, o: JsonTextOptions = {}): string {
  const indent = Math.max(0, Math.floor(o.indent ?? 0));
  const limit = o.limit ?? Infinity;
  const out: string[] = [];
  let length = 0;
  const write = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length < limit;
  };
  const maxLevels = o.maxIndentLevels ?? 40;
  const newline = (depth: number) => (indent ? `\n${' '.repeat(indent * Math.min(depth, maxLevels))}` : '');
  const open = (v: object): Frame | string => {
    let keys: string[];
    try {
      keys = Object.keys(v);
    } catch {
      return '"[unreadable]"';
    }
    const array = Array.isArray(v);
    if (array) keys = Array.from({ length: (v as unknown[]).length }, (_, i) => String(i));
    if (keys.length === 0) return array ? '[]' : '{}';
    return { value: v, keys, i: 0, array };
  };
  if (value === null || typeof value !== 'object') return leafText(value);
  const first = open(value);
  if (typeof first === 'string') return first;
  const stack: Frame[] = [first];
  const onPath = new Set<object>([value]);
  write(first.array ? '[' : '{');
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.keys.length) {
      stack.pop();
      onPath.delete(top.value);
      if (!write(`${newline(stack.length)}${top.array ? ']' : '}'}`)) break;
      continue;
    }
    const key = top.keys[top.i++];
    let text = `${top.i > 1 ? ',' : ''}${newline(stack.length)}${top.array ? '' : `${JSON.stringify(key)}:${indent ? ' ' : ''}`}`;
    let child: unknown;
    try {
      child = (top.value as Record<string, unknown>)[key];
    } catch {
      child = '[unreadable]';
    }
    if (child !== null && typeof child === 'object' && !onPath.has(child)) {
      const frame = open(child);
      if (typeof frame === 'string') text += frame;
      else {
        text += frame.array ? '[' : '{';
        stack.push(frame);
        onPath.add(child);
      }
    } else text += child !== null && typeof child === 'object' ? '"[circular]"' : leafText(child);
    if (!write(text)) break;
  }
  const s = out.join('');
  return s.length > limit ? `${s.slice(0, limit)}…` : s;
}
