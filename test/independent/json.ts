/**
 * JSON as Python's `json` module writes it: standard JSON plus the bare tokens `NaN`, `Infinity`
 * and `-Infinity` (W&B `value_json`, `wandb-summary.json`). They come back as numbers.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MARK = '\u0000nonfinite';

/** Parses Python-flavoured JSON; throws on anything else. */
export function parsePythonJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return parseWithNonFinite(text);
  }
}

function parseWithNonFinite(text: string): Json {
  // Rewrite bare NaN / Infinity / -Infinity outside strings into a marked string, then revive.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
    if (token) {
      out += JSON.stringify(MARK + token);
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) ? Number(value.slice(MARK.length)) : value,
  ) as Json;
}

/** The value a protocol answer carries, with `{"$f": "NaN"}` objects turned back into numbers (docs/protocol.md). */
export function reviveWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveWire);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$f' && typeof entries[0][1] === 'string') {
      const n = Number(entries[0][1]);
      if (!Number.isNaN(n) || entries[0][1] === 'NaN') return n;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, reviveWire(v)]));
  }
  return value;
}
