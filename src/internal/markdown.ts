/**
 * Markdown (CommonMark's common blocks and GFM tables, strikethrough and autolinks) rendered
 * straight to DOM nodes: text is only ever set as text, and no HTML string is parsed, so nothing in
 * the Markdown can run, load a frame or restyle the page. Raw HTML tags in it are read by our own
 * tag reader: a short list of harmless ones becomes elements with a short list of attributes (links
 * and images only with http(s), mailto or relative URLs); every other tag is left out, and the
 * content of script-like ones with it. Links to the web open in a new tab without handing it this
 * page; an image without a text alternative is named by its file.
 *
 * A few KB instead of a full Markdown parser and an HTML sanitizer (≈ 26 KB gzip), which every
 * page with run notes loaded on first use.
 */
import { Directive, directive } from 'lit/directive.js';
import { noChange } from 'lit';
import { decodeComponent } from './decode.js';

export interface MarkdownOptions {
  /** Added to every heading's level (capped at 6), so headings fit under the page's own. */
  headingOffset?: number;
}

/** Markdown `text` as DOM nodes in a fragment of `doc`. */
export function markdownToFragment(
  text: string,
  options: MarkdownOptions = {},
  doc: Document = document,
): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = String(text)
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+/gm, (indent) => indent.replace(/\t/g, '    '))
    .split('\n');
  new BlockReader(doc, Math.max(0, Math.floor(options.headingOffset ?? 0) || 0)).blocks(lines, out);
  return out;
}

/** `${markdown(text)}` in a lit template: the nodes of `text`, made again only when it changes. */
class MarkdownDirective extends Directive {
  private key?: string;

  render(text: string, options: MarkdownOptions = {}): unknown {
    const key = `${options.headingOffset ?? 0}\n${text}`;
    if (key === this.key) return noChange;
    this.key = key;
    return [...markdownToFragment(text, options).childNodes];
  }
}
export const markdown = directive(MarkdownDirective);

// ─── blocks ───────────────────────────────────────────────────────────────────────────────────

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?: (.*))?$/;
const RULE = /^ {0,3}([-*_])(?:[ ]*\1){2,}[ ]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( +|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ ]*$/;
const TABLE_RULE = /^ {0,3}\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$/;
const BLANK = /^\s*$/;

/** How deep quotes and lists nest, and inline spans inside each other, before the rest is text. */
const MAX_DEPTH = 16;

/** `Title ##` → `Title` (string steps, not a regex that backtracks over long runs of spaces). */
function withoutClosingHashes(text: string): string {
  const t = text.trimEnd();
  let k = t.length;
  while (k > 0 && t[k - 1] === '#') k--;
  return k === t.length ? t : k === 0 ? '' : t[k - 1] === ' ' ? t.slice(0, k).trimEnd() : t;
}

class BlockReader {
  private depth = 0;

  constructor(
    private readonly doc: Document,
    private readonly headingOffset: number,
  ) {}

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, parent: Node): HTMLElementTagNameMap[K] {
    return parent.appendChild(this.doc.createElement(tag));
  }

  /** Whether `line` starts a block that ends a paragraph. */
  private interrupts(line: string, next: string | undefined): boolean {
    return (
      FENCE.test(line) ||
      HEADING.test(line) ||
      RULE.test(line) ||
      QUOTE.test(line) ||
      // only a list starting at 1 and not empty interrupts a paragraph ("2019. was a year")
      (ITEM.test(line) && !BLANK.test(line.replace(ITEM, '')) && /^ {0,3}(?:[-*+]|1[.)])/.test(line)) ||
      (line.includes('|') && next !== undefined && TABLE_RULE.test(next) && next.includes('-'))
    );
  }

  blocks(lines: string[], parent: Node): void {
    if (this.depth >= MAX_DEPTH) {
      inline(this.doc, lines.join('\n').trim(), this.el('p', parent), MAX_DEPTH);
      return;
    }
    this.depth++;
    try {
      this.read(lines, parent);
    } finally {
      this.depth--;
    }
  }

  private read(lines: string[], parent: Node): void {
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (BLANK.test(line)) {
        i++;
        continue;
      }
      const fence = FENCE.exec(line);
      if (fence) {
        const close = new RegExp(`^ {0,3}${fence[1][0]}{${fence[1].length},}\\s*$`);
        const body: string[] = [];
        for (i++; i < lines.length && !close.test(lines[i]); i++) body.push(lines[i]);
        i++;
        this.code(body, fence[2], parent);
        continue;
      }
      const heading = HEADING.exec(line);
      if (heading) {
        this.heading(heading[1].length, withoutClosingHashes(heading[2] ?? ''), parent);
        i++;
        continue;
      }
      if (RULE.test(line)) {
        this.el('hr', parent);
        i++;
        continue;
      }
      if (QUOTE.test(line)) {
        const body: string[] = [];
        for (; i < lines.length && !BLANK.test(lines[i]); i++) body.push(lines[i].replace(QUOTE, ''));
        this.blocks(body, this.el('blockquote', parent));
        continue;
      }
      if (ITEM.test(line)) {
        i = this.list(lines, i, parent);
        continue;
      }
      if (/^ {4}/.test(line)) {
        const body: string[] = [];
        for (; i < lines.length && (/^ {4}/.test(lines[i]) || BLANK.test(lines[i])); i++) body.push(lines[i].slice(4));
        while (body.length && BLANK.test(body[body.length - 1])) body.pop();
        this.code(body, '', parent);
        continue;
      }
      if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes('-')) {
        i = this.table(lines, i, parent);
        continue;
      }
      // A paragraph: lines up to a blank one or a block that interrupts it; `===`/`---` under it make a heading.
      const body = [line];
      for (i++; i < lines.length && !BLANK.test(lines[i]); i++) {
        const setext = SETEXT.exec(lines[i]);
        if (setext) {
          this.heading(setext[1][0] === '=' ? 1 : 2, body.join('\n'), parent);
          body.length = 0;
          i++;
          break;
        }
        if (this.interrupts(lines[i], lines[i + 1])) break;
        body.push(lines[i]);
      }
      if (body.length) inline(this.doc, body.join('\n').trim(), this.el('p', parent));
    }
  }

  private heading(level: number, text: string, parent: Node): void {
    const tag = `h${Math.min(6, level + this.headingOffset)}` as 'h1';
    inline(this.doc, text.trim(), this.el(tag, parent));
  }

  private code(body: string[], lang: string, parent: Node): void {
    const code = this.el('code', this.el('pre', parent));
    if (/^[\w+#.-]+$/.test(lang)) code.className = `language-${lang}`;
    code.textContent = body.length ? `${body.join('\n')}\n` : '';
  }

  /** A list from line `start`: its items, each read as blocks (nested lists included); returns the next line. */
  private list(lines: string[], start: number, parent: Node): number {
    const first = ITEM.exec(lines[start])!;
    const ordered = /\d/.test(first[2]);
    const marker = first[2].slice(-1);
    const list = this.el(ordered ? 'ol' : 'ul', parent);
    if (ordered && Number.parseInt(first[2], 10) !== 1)
      list.setAttribute('start', String(Number.parseInt(first[2], 10)));
    let i = start;
    let loose = false;
    const items: string[][] = [];
    while (i < lines.length) {
      const m = ITEM.exec(lines[i]);
      if (!m || /\d/.test(m[2]) !== ordered || m[2].slice(-1) !== marker) break;
      const indent =
        m[0].length > m[1].length + m[2].length + 4 || m[3] === '' ? m[1].length + m[2].length + 1 : m[0].length;
      const body = [lines[i].slice(Math.min(indent, lines[i].length))];
      let gap = false;
      for (i++; i < lines.length; i++) {
        const l = lines[i];
        if (BLANK.test(l)) {
          gap = true;
          body.push('');
          continue;
        }
        const indented = l.length - l.trimStart().length >= indent;
        if (indented) body.push(l.slice(indent));
        else if (!gap && !ITEM.test(l) && !this.interrupts(l, lines[i + 1]))
          body.push(l); // a lazy continuation
        else break;
        gap = false;
      }
      while (body.length && BLANK.test(body[body.length - 1])) body.pop();
      if (gap && i < lines.length && ITEM.test(lines[i])) loose = true;
      if (body.some(BLANK.test.bind(BLANK))) loose = true;
      items.push(body);
    }
    for (const body of items) {
      const li = this.el('li', list);
      this.blocks(body, li);
      // A tight list's items hold their text, not paragraphs.
      if (!loose) for (const p of [...li.children]) if (p.tagName === 'P') p.replaceWith(...p.childNodes);
    }
    return i;
  }

  private table(lines: string[], start: number, parent: Node): number {
    const cells = (line: string): string[] => {
      const trimmed = line
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '');
      return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
    };
    const aligns = cells(lines[start + 1]).map((c) =>
      c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : '',
    );
    const table = this.el('table', parent);
    const row = (texts: string[], section: HTMLElement, tag: 'th' | 'td'): void => {
      const tr = this.el('tr', section);
      aligns.forEach((align, k) => {
        const cell = this.el(tag, tr);
        if (align) cell.style.textAlign = align;
        inline(this.doc, texts[k] ?? '', cell);
      });
    };
    row(cells(lines[start]), this.el('thead', table), 'th');
    let i = start + 2;
    const body = this.el('tbody', table);
    for (
      ;
      i < lines.length && !BLANK.test(lines[i]) && lines[i].includes('|') && !this.interrupts(lines[i], undefined);
      i++
    )
      row(cells(lines[i]), body, 'td');
    return i;
  }
}

// ─── inline ───────────────────────────────────────────────────────────────────────────────────

/** Tags kept from raw HTML, each with the attributes it keeps. */
const KEPT_TAGS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  s: [],
  del: [],
  ins: [],
  mark: [],
  small: [],
  sub: [],
  sup: [],
  code: [],
  kbd: [],
  span: [],
  abbr: ['title'],
  br: [],
};
const VOID_TAGS = new Set([
  'br',
  'img',
  'hr',
  'wbr',
  'input',
  'meta',
  'link',
  'source',
  'embed',
  'col',
  'area',
  'base',
]);
/** Tags whose content is no text for a reader: left out with them. */
const DROPPED_WITH_CONTENT =
  /^(?:script|style|template|textarea|title|iframe|noscript|noembed|noframes|xmp|object|svg|math|select)$/;

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const COMMENT = /^<!--[\s\S]*?-->/;
const AUTOLINK = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i;
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~)'"]/i;
const ENTITY =
  /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp|copy|reg|mdash|ndash|hellip|laquo|raquo));/;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
};

/** A URL as an attribute value, or undefined when its scheme is not one we link to or load from. */
function safeUrl(raw: string, image: boolean): string | undefined {
  // Browsers drop tabs and newlines inside a URL and spaces and control characters around it.
  const inner = raw.replace(/[\t\n\r]/g, '');
  let from = 0;
  let to = inner.length;
  while (from < to && inner.charCodeAt(from) <= 0x20) from++;
  while (to > from && inner.charCodeAt(to - 1) <= 0x20) to--;
  const url = inner.slice(from, to);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
  if (scheme === undefined) return url;
  const allowed = image ? ['http', 'https'] : ['http', 'https', 'mailto'];
  return allowed.includes(scheme) ? url : undefined;
}

function link(doc: Document, href: string, title: string | undefined, parent: Node): HTMLElement {
  const a = parent.appendChild(doc.createElement('a'));
  const url = safeUrl(href, false);
  if (url !== undefined) a.setAttribute('href', url);
  if (title) a.title = title;
  finishLink(a);
  return a;
}

/** Links to the web open in a new tab without handing it this page. */
function finishLink(a: Element): void {
  if (/^https?:/i.test(a.getAttribute('href') ?? '')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
}

function image(doc: Document, src: string, alt: string | undefined, title: string | undefined, parent: Node): void {
  const url = safeUrl(src, true);
  if (url === undefined) {
    if (alt) parent.appendChild(doc.createTextNode(alt));
    return;
  }
  const img = parent.appendChild(doc.createElement('img'));
  img.setAttribute('src', url);
  if (title) img.title = title;
  img.setAttribute('alt', alt ?? fileName(url));
}

/** An image without a text alternative is named by its file, as a screen reader would. */
function fileName(src: string): string {
  const file = src.split(/[?#]/)[0].split('/').pop() || 'image';
  return decodeComponent(file) ?? file;
}

/** Where each `[` of `s` closes, in one pass (so a run of unclosed `[` costs no rescans). */
function bracketPairs(s: string): Map<number, number> {
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
function bracketed(
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

function unescape(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The raw HTML of `s` from `at` that is left out with a script-like tag: up to its closing tag. */
function skipContent(s: string, at: number, name: string): number {
  const close = new RegExp(`</${name}\\s*>`, 'i').exec(s.slice(at));
  return close ? at + close.index + close[0].length : s.length;
}

/**
 * Inline Markdown of `s` appended to `parent`: code spans, escapes, entities, links, images,
 * autolinks, emphasis, strikethrough, line breaks and the kept raw HTML tags.
 */
function inline(doc: Document, s: string, parent: Node, depth = 0): void {
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
    if (c === '&') {
      const m = ENTITY.exec(rest);
      if (m) {
        const code = m[1] ? Number(m[1]) : m[2] ? Number.parseInt(m[2], 16) : -1;
        text += code >= 0 ? (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd') : NAMED[m[3]];
        i += m[0].length;
        continue;
      }
    }
    if (c === '!' && s[i + 1] === '[') {
      const b = bracketed(s, i + 1, (pairs ??= bracketPairs(s)));
      if (b) {
        flush();
        image(doc, b.url, plainText(b.text), b.title, into());
        i = b.end;
        continue;
      }
    }
    if (c === '[') {
      const b = bracketed(s, i, (pairs ??= bracketPairs(s)));
      if (b) {
        flush();
        inline(doc, b.text, link(doc, b.url, b.title, into()), depth + 1);
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
      const comment = COMMENT.exec(rest);
      if (comment) {
        i += comment[0].length;
        continue;
      }
      const tag = TAG.exec(rest);
      if (tag) {
        flush();
        i += tag[0].length;
        const name = tag[2].toLowerCase();
        if (tag[1]) {
          for (let at = open.length - 1; at >= 0; at--)
            if (open[at].localName === name) {
              open.length = at;
              break;
            }
        } else if (name in KEPT_TAGS && open.length < MAX_DEPTH) {
          const e = into().appendChild(doc.createElement(name));
          for (const [, key, ...values] of tag[3].matchAll(ATTR)) {
            const attr = key.toLowerCase();
            if (!KEPT_TAGS[name].includes(attr)) continue;
            const value = decodeEntities(values.find((v) => v !== undefined) ?? '');
            const url = attr === 'href' || attr === 'src' ? safeUrl(value, attr === 'src') : value;
            if (url !== undefined) e.setAttribute(attr, url);
          }
          if (name === 'a') finishLink(e);
          if (name === 'img') {
            if (!e.hasAttribute('src')) e.remove();
            else if (!e.hasAttribute('alt')) e.setAttribute('alt', fileName(e.getAttribute('src')!));
          }
          if (!VOID_TAGS.has(name) && !tag[0].endsWith('/>')) open.push(e);
        } else if (DROPPED_WITH_CONTENT.test(name)) {
          i = skipContent(s, i, name);
        }
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
          inline(doc, s.slice(i + size, close), into().appendChild(doc.createElement(tag)), depth + 1);
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

/** The text of inline Markdown, for an image's alt. */
function plainText(s: string): string {
  return unescape(s.replace(/[*_~`]/g, ''));
}

function decodeEntities(s: string): string {
  return s.replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]+);/g, (e) => {
    const m = ENTITY.exec(e);
    if (!m) return e;
    if (m[3]) return NAMED[m[3]];
    const code = m[1] ? Number(m[1]) : Number.parseInt(m[2], 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}
