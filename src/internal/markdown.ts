/**
 * Markdown (CommonMark's common blocks and GFM tables, strikethrough and autolinks) rendered
 * straight to DOM nodes: text is only ever set as text, and no HTML string is parsed, so nothing in
 * the Markdown can run, load a frame or restyle the page. Raw HTML tags in it are read by our own
 * tag reader: a short list of harmless ones becomes elements with a short list of attributes
 * (links and images only with http(s), mailto or relative URLs); every other tag is left out, and
 * the content of script-like ones with it. Links to the web open in a new tab without handing it
 * this page; an image without a text alternative is named by its file. The tag reader, tables,
 * images and character references are a chunk of their own (markdown/extras.ts), loaded by the
 * first text that may hold one.
 *
 * A few KB instead of a full Markdown parser and an HTML sanitizer (≈ 26 KB gzip), which every
 * page with run notes loaded on first use.
 */
import { AsyncDirective } from 'lit/async-directive.js';
import { directive } from 'lit/directive.js';
import { noChange, nothing } from 'lit';
import { BlockReader } from './markdown/blocks.js';
import type { MarkdownExtras } from './markdown/blocks.js';
import { lazyImport } from './lazy-import.js';

export interface MarkdownOptions {
  /** Added to every heading's level (capped at 6), so headings fit under the page's own. */
  headingOffset?: number;
}

/** Raw HTML tags, tables, images and character references: a chunk loaded by the first text that may hold one. */
export const extras = lazyImport<MarkdownExtras>(() => import('./markdown/extras.js'));

/** Whether `text` may hold a raw HTML tag or comment, a table, an image or a character reference (for the extras). */
export function mayNeedExtras(text: string): boolean {
  return /<[a-zA-Z/!]|[|&]|!\[/.test(text);
}

/**
 * Markdown `text` as DOM nodes in a fragment of `doc`; without `extras`, raw HTML tags, tables,
 * images and character references are text.
 */
export function markdownToFragment(
  text: string,
  options: MarkdownOptions = {},
  doc: Document = document,
  extras?: MarkdownExtras,
): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = String(text)
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+/gm, (indent) => indent.replace(/\t/g, '    '))
    .split('\n');
  new BlockReader(doc, Math.max(0, Math.floor(options.headingOffset ?? 0) || 0), extras).blocks(lines, out);
  return out;
}

/**
 * `${markdown(text)}` in a lit template: the nodes of `text`, made again only when it changes. A
 * text that may need the extras (raw HTML, a table, an image, a character reference) shows once
 * they are in (those as text if they cannot load).
 */
class MarkdownDirective extends AsyncDirective {
  private key?: string;

  render(text: string, options: MarkdownOptions = {}): unknown {
    const key = `${options.headingOffset ?? 0}\n${text}`;
    if (key === this.key) return noChange;
    this.key = key;
    if (extras.now || !mayNeedExtras(String(text))) return this.nodes(text, options);
    void extras.load().then(() => {
      if (this.key === key) this.setValue(this.nodes(text, options));
    });
    return nothing;
  }

  private nodes(text: string, options: MarkdownOptions): ChildNode[] {
    return [...markdownToFragment(text, options, document, extras.now).childNodes];
  }
}
export const markdown = directive(MarkdownDirective);
