/** A unified diff drawn per file: header, hunks, added/removed lines coloured, old and new line numbers. */
import { html, type TemplateResult } from 'lit';
import type { Lang } from '../../../internal/i18n.js';
import { pmsg } from '../preview.messages.js';
import type { DiffFile, DiffLine } from './diff-parse.js';

function row(line: DiffLine): TemplateResult {
  return html`<tr class="diff-${line.type}">
    <td class="ln">${line.old ?? ''}</td>
    <td class="ln">${line.new ?? ''}</td>
    <td class="diff-text">${line.text}</td>
  </tr>`;
}

export function renderDiff(files: DiffFile[], lang: Lang): TemplateResult {
  return html`<div class="diff" part="diff">
    ${files.map(
      (f) =>
        html`<section class="diff-file">
          <header class="diff-file-header">
            <span class="diff-title">${f.title}</span>
            <span class="diff-stat"
              ><span class="diff-stat-add">+${f.added}</span> <span class="diff-stat-del">−${f.removed}</span>
              <span class="rp-visually-hidden">${pmsg(lang, 'diffStat', f.added, f.removed)}</span></span
            >
          </header>
          ${f.header.length > 1 ? html`<pre class="diff-meta">${f.header.join('\n')}</pre>` : ''}
          <table class="diff-table">
            <caption class="rp-visually-hidden">
              ${f.title}
            </caption>
            <thead class="rp-visually-hidden">
              <tr>
                <th scope="col">${pmsg(lang, 'oldLine')}</th>
                <th scope="col">${pmsg(lang, 'newLine')}</th>
                <th scope="col">${pmsg(lang, 'change')}</th>
              </tr>
            </thead>
            <tbody>
              ${f.lines.map(row)}
            </tbody>
          </table>
        </section>`,
    )}
  </div>`;
}
