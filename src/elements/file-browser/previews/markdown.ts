/** The Markdown preview; marked and DOMPurify load only when a Markdown preview opens. */
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { markdownToSafeHtml } from '../../../internal/markdown.js';

/** Sanitized HTML for Markdown text (raw HTML inside it is sanitized too). */
export const markdownToHtml = markdownToSafeHtml;

/** `safeHtml` must come from `markdownToHtml`. */
export function renderMarkdown(safeHtml: string): TemplateResult {
  return html`<div class="markdown" part="markdown">${unsafeHTML(safeHtml)}</div>`;
}
