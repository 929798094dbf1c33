/** The Markdown preview: DOM nodes made from the text, never an HTML string (src/internal/markdown.ts). */
import { html, type TemplateResult } from 'lit';
import { markdown } from '../../../internal/markdown.js';

export function renderMarkdown(text: string): TemplateResult {
  return html`<div class="markdown" part="markdown">${markdown(text)}</div>`;
}
