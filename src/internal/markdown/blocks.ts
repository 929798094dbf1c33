/**
 * Markdown blocks (paragraphs, headings, fences, quotes, lists, rules and, with the extras chunk,
 * GFM tables) read line by line into DOM elements; the text inside each goes through `inline`.
 */
import { inline, MAX_DEPTH, type InlineExtras } from './inline.js';

/** The rarer parts of Markdown, read by the extras chunk (extras.ts): without it they are text. */
export interface MarkdownExtras extends InlineExtras {
  /** Reads the table whose header row is `lines[start]` into `parent`; returns the line after it. */
  readTable(reader: BlockReader, lines: string[], start: number, parent: Node): number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?: (.*))?$/;
const RULE = /^ {0,3}([-*_])(?:[ ]*\1){2,}[ ]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( +|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ ]*$/;
const TABLE_RULE = /^ {0,3}\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$/;
const BLANK = /^\s*$/;

/** `Title ##` → `Title` (string steps, not a regex that backtracks over long runs of spaces). */
function withoutClosingHashes(text: string): string {
  const t = text.trimEnd();
  let k = t.length;
  while (k > 0 && t[k - 1] === '#') k--;
  return k === t.length ? t : k === 0 ? '' : t[k - 1] === ' ' ? t.slice(0, k).trimEnd() : t;
}

export class BlockReader {
  private depth = 0;

  constructor(
    private readonly doc: Document,
    private readonly headingOffset: number,
    private readonly extras?: MarkdownExtras,
  ) {}

  el<K extends keyof HTMLElementTagNameMap>(tag: K, parent: Node): HTMLElementTagNameMap[K] {
    return parent.appendChild(this.doc.createElement(tag));
  }

  /** Inline Markdown of `text` appended to `parent`. */
  inline(text: string, parent: Node, depth?: number): void {
    inline(this.doc, text, parent, this.extras, depth);
  }

  /** Whether `line` starts a table (its next line is the header's rule) that the extras can read. */
  private tableAt(line: string, next: string | undefined): boolean {
    return !!this.extras && line.includes('|') && next !== undefined && TABLE_RULE.test(next) && next.includes('-');
  }

  /** Whether `line` starts a block that ends a paragraph. */
  interrupts(line: string, next: string | undefined): boolean {
    return (
      FENCE.test(line) ||
      HEADING.test(line) ||
      RULE.test(line) ||
      QUOTE.test(line) ||
      // only a list starting at 1 and not empty interrupts a paragraph ("2019. was a year")
      (ITEM.test(line) && !BLANK.test(line.replace(ITEM, '')) && /^ {0,3}(?:[-*+]|1[.)])/.test(line)) ||
      this.tableAt(line, next)
    );
  }

  blocks(lines: string[], parent: Node): void {
    if (this.depth >= MAX_DEPTH) {
      this.inline(lines.join('\n').trim(), this.el('p', parent), MAX_DEPTH);
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
      if (this.tableAt(line, lines[i + 1])) {
        i = this.extras!.readTable(this, lines, i, parent);
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
      if (body.length) this.inline(body.join('\n').trim(), this.el('p', parent));
    }
  }

  private heading(level: number, text: string, parent: Node): void {
    const tag = `h${Math.min(6, level + this.headingOffset)}` as 'h1';
    this.inline(text.trim(), this.el(tag, parent));
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
}
