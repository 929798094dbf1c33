/**
 * Inline Markdown (code spans, emphasis, strikethrough, links, autolinks and, with the extras
 * chunk, entities, images and the raw HTML tags `raw-html.ts` keeps) written into a parent node as
 * elements and text.
 * Brackets and delimiters are paired without rescanning, so hostile runs of them stay linear.
 */
import { link } from './html-policy.js';

/** How deep quotes and lists nest, and inline spans inside each other, before the rest is text. */
export const MAX_DEPTH = 16;

const AUTOLINK = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i;
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~)'"]/i;
/** Where each `[` of `s` closes, in one pass (so a run of unclosed `[` costs no rescans). */
export function bracketPairs(s: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === '[') open.push(k);
    else if (c === ']' && open.length) pairs.set(open.pop()!, k);
  }
  return pairs;
}

/** `[text](url "title")` or `![alt](url)` from `s[at]` (the `[`); where it ends, or undefined. */
export function bracketed(
  s: string,
  at: number,
  pairs: Map<number, number>,
): { text: string; url: string; title?: string; end: number } | undefined {
  const k = pairs.get(at);
  if (k === undefined || s[k + 1] !== '(') return undefined;
  const m = /^\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/.exec(
    s.slice(k + 1),
  );
  if (!m) return undefined;
  const url = m[1].startsWith('<') ? m[1].slice(1, -1) : m[1];
  return {
    text: s.slice(at + 1, k),
    url: unescape(url),
    title: m[2] ? unescape(m[2].slice(1, -1)) : undefined,
    end: k + 1 + m[0].length,
  };
}

export function unescape(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** What the extras chunk (extras.ts) reads inline; without it, these are text. */
export interface InlineExtras {
  /**
   * The raw HTML tag or comment at `s[at]`, its elements appended to `into()` (after `flush()`)
   * and those left open pushed on `open`; where it ends, or -1 when none starts there.
   */
  readRawHtml(doc: Document, s: string, at: number, open: Element[], into: () => Node, flush: () => void): number;
  /** The character reference at `s[at]` (`&amp;`, `&#169;`): its text and where it ends, or undefined. */
  readEntity(s: string, at: number): [text: string, end: number] | undefined;
  /** The image `![alt](url)` whose `!` is at `s[at]`, appended to `into()` (after `flush()`); where it ends, or -1. */
  readImage(
    doc: Document,
    s: string,
    at: number,
    pairs: Map<number, number>,
    into: () => Node,
    flush: () => void,
  ): number;
}

/**
 * Inline Markdown of `s` appended to `parent`: code spans, escapes, links, autolinks, emphasis,
 * strikethrough, line breaks and, read by `extras`, entities, images and the kept raw HTML tags
 * (without it, those are text).
 */
export function inline(doc: Document, s: string, parent: Node, extras?: InlineExtras, depth = 0): void {
  if (depth >= MAX_DEPTH) {
    parent.appendChild(doc.createTextNode(s));
    return;
  }
  let pairs: Map<number, number> | undefined;
  const noCloser = new Map<string, number>();
  // Elements opened by raw HTML tags; text goes into the innermost. Unclosed ones end with `s`.
  const open: Element[] = [];
  const into = (): Node => open[open.length - 1] ?? parent;
  let text = '';
  const flush = (): void => {
    if (text) into().appendChild(doc.createTextNode(text));
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (!SPECIAL.has(c)) {
      text += c;
      i++;
      continue;
    }
    const rest = s.slice(i);
    if (c === '\\' && i + 1 < s.length) {
      if (s[i + 1] === '\n') {
        flush();
        into().appendChild(doc.createElement('br'));
        i += 2;
        continue;
      }
      if (/[!-/:-@[-`{-~]/.test(s[i + 1])) {
        text += s[i + 1];
        i += 2;
        continue;
      }
    }
    if (c === '\n') {
      const hard = text.endsWith('  ');
      let end = text.length;
      while (end > 0 && text[end - 1] === ' ') end--;
      text = text.slice(0, end);
      flush();
      into().appendChild(hard ? doc.createElement('br') : doc.createTextNode('\n'));
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)![0];
      const close = s.indexOf(run, i + run.length);
      if (close > 0 && s[close + run.length] !== '`') {
        flush();
        let body = s.slice(i + run.length, close).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(body)) body = body.slice(1, -1);
        into().appendChild(doc.createElement('code')).textContent = body;
        i = close + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if (c === '&' && extras) {
      const entity = extras.readEntity(s, i);
      if (entity) {
        text += entity[0];
        i = entity[1];
        continue;
      }
    }
    if (c === '!' && s[i + 1] === '[' && extras) {
      const end = extras.readImage(doc, s, i, (pairs ??= bracketPairs(s)), into, flush);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    if (c === '[') {
      const b = bracketed(s, i, (pairs ??= bracketPairs(s)));
      if (b) {
        flush();
        inline(doc, b.text, link(doc, b.url, b.title, into()), extras, depth + 1);
        i = b.end;
        continue;
      }
    }
    if (c === '<') {
      const auto = AUTOLINK.exec(rest);
      if (auto) {
        flush();
        link(doc, auto[1], undefined, into()).textContent = auto[1];
        i += auto[0].length;
        continue;
      }
      const end = extras ? extras.readRawHtml(doc, s, i, open, into, flush) : -1;
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      const run = new RegExp(`^\\${c}+`).exec(rest)![0];
      const size = c === '~' ? (run.length === 2 ? 2 : 0) : Math.min(run.length, 2);
      const before = s[i - 1] ?? ' ';
      const opens =
        size > 0 && rest[run.length] !== undefined && !/\s/.test(rest[run.length]) && (c !== '_' || !/\w/.test(before));
      if (opens) {
        const delim = c.repeat(size);
        // Whether a run closes depends on the run alone: with none after some point, none after any later one.
        const none = noCloser.get(delim);
        const close = none !== undefined && i + size >= none ? -1 : closingDelimiter(s, i + size, delim, c);
        if (close < 0) noCloser.set(delim, Math.min(none ?? Infinity, i + size));
        if (close > i + size) {
          flush();
          const tag = c === '~' ? 'del' : size === 2 ? 'strong' : 'em';
          inline(doc, s.slice(i + size, close), into().appendChild(doc.createElement(tag)), extras, depth + 1);
          i = close + size;
          continue;
        }
      }
      text += run;
      i += run.length;
      continue;
    }
    if ((c === 'h' || c === 'w' || c === 'H' || c === 'W') && /[^\w]|^$/.test(s[i - 1] ?? '')) {
      const m = BARE_URL.exec(rest);
      if (m) {
        flush();
        const href = /^www\./i.test(m[0]) ? `https://${m[0]}` : m[0];
        link(doc, href, undefined, into()).textContent = m[0];
        i += m[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
}

/** The characters that may start inline markup; any other is text as it stands. */
const SPECIAL = new Set('\\\n`&![<*_~hHwW');

/** Where the emphasis opened before `from` closes with `delim`, or -1 (code spans are skipped). */
function closingDelimiter(s: string, from: number, delim: string, c: string): number {
  for (let k = from; k < s.length; k++) {
    if (s[k] === '\\') {
      k++;
      continue;
    }
    if (s[k] === '`') {
      const run = /^`+/.exec(s.slice(k))![0];
      const close = s.indexOf(run, k + run.length);
      if (close > 0) k = close + run.length - 1;
      continue;
    }
    if (!s.startsWith(delim, k) || /\s/.test(s[k - 1])) continue;
    const run = new RegExp(`^\\${c}+`).exec(s.slice(k))![0];
    // `**a**` closes strong with exactly its run; `*a **b** c*` looks past the inner one.
    if (run.length !== delim.length) {
      if (run.length === 3) return k + 3 - delim.length; // `***a***`: the inner delimiter comes first
      k += run.length - 1;
      continue;
    }
    if (c === '_' && /\w/.test(s[k + delim.length] ?? '')) continue;
    return k;
  }
  return -1;
}
