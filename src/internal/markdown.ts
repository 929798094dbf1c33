/**
 * Markdown (CommonMark's common blocks and GFM tables, strikethrough and autolinks) rendered
 * straight to DOM nodes: text is only ever set as text, and no HTML string is parsed, so nothing in
 * the Markdown can run, load a frame or restyle the page. Raw HTML tags in it are read by our own
 * tag reader (markdown/raw-html.ts, a chunk loaded by the first text that may hold a tag): a short
 * list of harmless ones becomes elements with a short list of attributes (links and images only
 * with http(s), mailto or relative URLs); every other tag is left out, and the content of
 * script-like ones with it. Links to the web open in a new tab without handing it this page; an
 * image without a text alternative is named by its file.
 *
 * A few KB instead of a full Markdown parser and an HTML sanitizer (≈ 26 KB gzip), which every
 * page with run notes loaded on first use.
 */
import { AsyncDirective } from 'lit/async-directive.js';
import { directive } from 'lit/directive.js';
import { noChange, nothing } from 'lit';
import { BlockReader } from './markdown/blocks.js';
import type { RawHtmlReader } from './markdown/inline.js';
import { lazyImport } from './lazy-import.js';

export interface MarkdownOptions {
  /** Added to every heading's level (capped at 6), so headings fit under the page's own. */
  headingOffset?: number;
}

/** The reader of raw HTML tags: a chunk loaded the first time a text may hold one. */
const rawHtml = lazyImport(() => import('./markdown/raw-html.js'));

/** Whether `text` may hold a raw HTML tag or comment (and so needs the raw HTML reader). */
export function mayHaveRawHtml(text: string): boolean {
  return /<[a-zA-Z/!]/.test(text);
}

/** Markdown `text` as DOM nodes in a fragment of `doc`; raw HTML tags are read by `html`, else shown as text. */
export function markdownToFragment(
  text: string,
  options: MarkdownOptions = {},
  doc: Document = document,
  html?: RawHtmlReader,
): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = String(text)
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+/gm, (indent) => indent.replace(/\t/g, '    '))
    .split('\n');
  new BlockReader(doc, Math.max(0, Math.floor(options.headingOffset ?? 0) || 0), html).blocks(lines, out);
  return out;
}

/**
 * `${markdown(text)}` in a lit template: the nodes of `text`, made again only when it changes. A
 * text that may hold raw HTML shows once the raw HTML reader is in (its tags as text if it cannot
 * load).
 */
class MarkdownDirective extends AsyncDirective {
  private key?: string;

  render(text: string, options: MarkdownOptions = {}): unknown {
    const key = `${options.headingOffset ?? 0}\n${text}`;
    if (key === this.key) return noChange;
    this.key = key;
    if (rawHtml.now || !mayHaveRawHtml(String(text))) return this.nodes(text, options);
    void rawHtml.load().then(() => {
      if (this.key === key) this.setValue(this.nodes(text, options));
    });
    return nothing;
  }

  private nodes(text: string, options: MarkdownOptions): ChildNode[] {
    return [...markdownToFragment(text, options, document, rawHtml.now?.readRawHtml).childNodes];
  }
}
export const markdown = directive(MarkdownDirective);
