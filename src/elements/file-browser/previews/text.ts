/** Text and code: line numbers and (once loaded) highlighted HTML, or plain text. */
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/** Lines in `text`, not counting the empty line after a final newline. */
export function countLines(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function lineNumbers(count: number): string {
  let out = '';
  for (let i = 1; i <= count; i++) out += `${i}\n`;
  return out;
}

/**
 * `highlighted` must be sanitized highlight.js output (see highlight.ts); without it the text is
 * bound as text, so nothing in a file can become markup.
 */
export function renderCode(text: string, highlighted: string | undefined, label: string): TemplateResult {
  return html`<div class="code" part="code" role="region" aria-label=${label} tabindex="0">
    <pre class="gutter" aria-hidden="true">${lineNumbers(countLines(text))}</pre>
    <pre class="code-text"><code class="hljs">${highlighted === undefined ? text : unsafeHTML(highlighted)}</code></pre>
  </div>`;
}
