/** Markdown to sanitized HTML; marked and DOMPurify load only when a Markdown preview opens. */
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { sanitizeHtml } from './sanitize.js';

let marked: Promise<(md: string) => string> | undefined;

function loadMarked(): Promise<(md: string) => string> {
  marked ??= import('marked').then((m) => (md: string) => m.marked.parse(md, { async: false, gfm: true }) as string);
  return marked;
}

/** Sanitized HTML for Markdown text (raw HTML inside it is sanitized too). */
export async function markdownToHtml(text: string): Promise<string> {
  const parse = await loadMarked();
  return sanitizeHtml(parse(text));
}

/** `safeHtml` must come from `markdownToHtml`. */
export function renderMarkdown(safeHtml: string): TemplateResult {
  return html`<div class="markdown" part="markdown">${unsafeHTML(safeHtml)}</div>`;
}
