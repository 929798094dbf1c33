/**
 * The preview pane around an open file's preview: its icon, name, size and date, and the
 * download, copy-path and close buttons. Escape inside the pane closes it. It loads with the
 * preview's code (file-preview.ts); until then the pane is open-file.ts's `renderWaitingPane`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatBytes, formatDateTime } from '../../internal/format.js';
import type { FileEntry } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { iconKindOf } from './file-kind.js';
import { msg } from './file-browser.messages.js';
import { renderIcon } from './icons.js';

export interface PreviewPaneActions {
  download(path: string): void;
  copyPath(path: string): void;
  close(): void;
  onKeydown(e: KeyboardEvent): void;
}

/** What the pane shows of a FilePreview (file-preview.ts). */
export interface ShownPreview {
  readonly entry: FileEntry;
  readonly size?: number;
  readonly status: string;
  render(lang: Lang): TemplateResult;
}

/** `busy`: a transfer is under way, so Download waits; `blocked`: why the file cannot be downloaded at all. */
export function renderPreviewPane(
  p: ShownPreview,
  lang: Lang,
  busy: boolean,
  a: PreviewPaneActions,
  blocked?: string,
): TemplateResult {
  const e = p.entry;
  return html`<section class="preview-pane" part="preview" aria-label=${msg(lang, 'preview')} @keydown=${a.onKeydown}>
    <header class="preview-header" part="preview-header">
      <div class="preview-title">
        ${renderIcon(iconKindOf(e.name, 'file', e.mime))}
        <h2 class="preview-name" title=${e.path}>${e.name}</h2>
      </div>
      <div class="preview-meta">
        <span>${formatBytes(p.size, lang)}</span>
        ${e.modified !== undefined ? html`<span>${formatDateTime(e.modified, lang)}</span>` : nothing}
      </div>
      <div class="preview-actions">
        <button
          type="button"
          class="rp-button"
          ?disabled=${busy || p.status === 'link' || !!blocked}
          title=${blocked ?? nothing}
          @click=${() => a.download(e.path)}
        >
          ${msg(lang, 'downloadFile')}
        </button>
        <button type="button" class="rp-button" @click=${() => a.copyPath(`/${e.path}`)}>
          ${msg(lang, 'copyPath')}
        </button>
        <button
          type="button"
          class="rp-button"
          aria-label=${msg(lang, 'closePreview')}
          title=${msg(lang, 'closePreview')}
          @click=${a.close}
        >
          ✕
        </button>
      </div>
    </header>
    <div class="preview-body">${p.render(lang)}</div>
  </section>`;
}
