/**
 * JSON as Python writes it: `json.dumps` spells non-finite floats as the bare tokens `NaN`,
 * `Infinity` and `-Infinity`, which `JSON.parse` rejects. W&B writes such text into `value_json`,
 * `wandb-summary.json` and the `.jsonl` files of old runs. Here they become real numbers, at any
 * depth, so a NaN loss stays a number (and shows as NaN), never the string "NaN".
 */

import type { JsonValue } from '../../data/source.js';

const TOKENS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Parses JSON that may hold bare `NaN` / `Infinity` / `-Infinity`; undefined when it is not JSON at all. */
export function parsePythonJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // Fall through: maybe non-finite tokens, maybe not JSON.
  }
  const mark = freeMark(text);
  const marked = markNonFinite(text, mark);
  if (marked === undefined) return undefined;
  try {
    return JSON.parse(marked, (_key, v: unknown) =>
      typeof v === 'string' && v.startsWith(mark.value) ? TOKENS[v.slice(mark.value.length)] : v,
    ) as JsonValue;
  } catch {
    return undefined;
  }
}

/** `JSON.stringify` that writes non-finite numbers as Python's bare tokens (the inverse of `parsePythonJson`). */
export function stringifyPythonJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!hasNonFinite(value)) return text;
  const mark = freeMark(text);
  const withMarks = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `${mark.value}${String(v)}` : v,
  );
  return withMarks.replace(mark.quoted, '$1');
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasNonFinite);
  return false;
}

interface Mark {
  /** The marker as a parsed string value (starts with a NUL, which JSON text must escape). */
  value: string;
  /** The marker as it appears in JSON text. */
  json: string;
  /** Matches a quoted marked token in JSON text; `$1` is the token. */
  quoted: RegExp;
}

/** A marker that the text does not already contain, so no user string is mistaken for one. */
function freeMark(text: string): Mark {
  for (let k = 0; ; k++) {
    const json = `\\u0000nf${k}:`;
    if (!text.includes(json)) {
      return {
        value: `\u0000nf${k}:`,
        json,
        quoted: new RegExp(`"\\\\u0000nf${k}:(NaN|-?Infinity)"`, 'g'),
      };
    }
  }
}

/**
 * Quotes every bare non-finite token outside string literals with the marker; undefined when a
 * string literal never ends (the text is not JSON, whatever the tokens).
 */
function markNonFinite(text: string, mark: Mark): string | undefined {
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      if (i >= n) return undefined;
      i++;
      continue;
    }
    const token = c === 78 /* N */ ? 'NaN' : c === 73 /* I */ ? 'Infinity' : c === 45 /* - */ ? '-Infinity' : '';
    if (token && text.startsWith(token, i) && !isWordChar(text.charCodeAt(i + token.length))) {
      out += `${text.slice(from, i)}"${mark.json}${token}"`;
      i += token.length;
      from = i;
      continue;
    }
    i++;
  }
  return out + text.slice(from);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
}
