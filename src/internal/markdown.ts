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
import { BlockReader } from './markdown/blocks.js';

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
