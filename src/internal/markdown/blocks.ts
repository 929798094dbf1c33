/**
 * Markdown blocks (paragraphs, headings, fences, quotes, lists, rules, GFM tables) read line by
 * line into DOM elements; the text inside each goes through `inline`.
 */
import { inline, MAX_DEPTH, type RawHtmlReader } from './inline.js';

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
    /** Reads raw HTML tags; without it they are text. */
    private readonly html?: RawHtmlReader,
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
      inline(this.doc, lines.join('\n').trim(), this.el('p', parent), this.html, MAX_DEPTH);
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
      if (body.length) inline(this.doc, body.join('\n').trim(), this.el('p', parent), this.html);
    }
  }

  private heading(level: number, text: string, parent: Node): void {
    const tag = `h${Math.min(6, level + this.headingOffset)}` as 'h1';
    inline(this.doc, text.trim(), this.el(tag, parent), this.html);
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
        inline(this.doc, texts[k] ?? '', cell, this.html);
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
