/**
 * The file open in the preview pane. Its preview is opened when `file` names one, and only while
 * the element is connected (a preview reads and holds Blob URLs); it is replaced when the file, the
 * source, the run or the limits change, and disposed when it closes or the element leaves the
 * page. A file opened before its folder was listed (from the URL hash, or `file` set early) has
 * only a path until the listing has it; then the preview gets its size, date and type.
 *
 * The preview's code (reading and showing a file, and the pane around it) loads when the first file
 * opens: meanwhile a pane with the file's name says it is busy, or why the code could not load.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { FileEntry } from '../../data/source.js';
import type { RunpageElement } from '../../internal/base-element.js';
import type { Lang } from '../../internal/i18n.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { renderError, renderLoading } from '../../internal/states.js';
import { msg } from './file-browser.messages.js';
import type { FilePreview } from './file-preview.js';
import type { PreviewLimits } from './preview-limits.js';
import type { Folder } from './folder-listing.js';
import type { PreviewPaneActions } from './preview-pane.js';
import { baseName, cleanPath } from './listing.js';

export interface OpenFileState {
  /** The `file` property. */
  file: string;
  limits: PreviewLimits;
  /** The folder's listing as read so far, and how many pages it has had. */
  folder?: Folder;
  pages: number;
}

export const previewCode = lazyImport(() => import('./file-preview.js'));

export class OpenFileController implements ReactiveController {
  /** The open file's preview, if a file is open. */
  preview?: FilePreview;
  /** The file waiting for the preview's code to load (or that could not load it). */
  waitingFor?: FileEntry;
  /** Pages count at the last search for the open file's listed entry (searched once per page, not per render). */
  private entryLookedUpAt = -1;

  constructor(private readonly host: RunpageElement) {
    host.addController(this);
  }

  /** Why the preview's code could not be loaded, if it could not (`retry`, or another file, tries again). */
  get failed(): unknown {
    return previewCode.failed;
  }

  /** Loads the preview's code again after a failure; the waiting file's preview follows. */
  retry(): void {
    void previewCode.load(this.host);
  }

  hostDisconnected(): void {
    this.preview?.dispose();
    this.preview = undefined;
    this.host.requestUpdate();
  }

  /**
   * The preview pane of the open file, if one is open: the preview's own once its code is in.
   * `busy`: a transfer is under way; `blocked`: why the file cannot be downloaded.
   */
  renderPane(
    lang: Lang,
    a: PreviewPaneActions,
    busy: boolean,
    blocked: (e: FileEntry) => string | undefined,
  ): TemplateResult | typeof nothing {
    const p = this.preview;
    const code = previewCode.now;
    if (p && code) return code.renderPreviewPane(p, lang, busy, a, blocked(p.entry));
    const e = this.waitingFor;
    return e ? renderWaitingPane(e, lang, previewCode.failed, () => this.retry(), a) : nothing;
  }

  /** Call from `willUpdate`: cheap when nothing changed, and catches a source that arrives later. */
  sync(s: OpenFileState): void {
    const file = cleanPath(s.file ?? '') ?? '';
    const source = this.host.dataSource;
    const runId = this.host.runId;
    const p = this.preview;
    if (p && p.entry.path === file && p.source === source && p.runId === runId && p.limits === s.limits) {
      this.completeEntry(s);
      return;
    }
    this.entryLookedUpAt = -1;
    p?.dispose();
    this.preview = undefined;
    const waited = this.waitingFor;
    this.waitingFor = undefined;
    if (!file || !source || !runId || !this.host.isConnected) return;
    const listed = s.folder?.entries.find((e) => e.path === file);
    const entry: FileEntry = listed ?? { path: file, name: baseName(file), kind: 'file' };
    const code = previewCode.now;
    if (!code) {
      // a failed load is tried again when another file opens, not on every update
      if (!previewCode.failed || waited?.path !== file) void previewCode.load(this.host);
      this.waitingFor = entry;
      return;
    }
    this.preview = new code.FilePreview(source, runId, entry, this.host, s.limits);
  }

  private completeEntry(s: OpenFileState): void {
    const p = this.preview;
    if (!p || !p.isStub || !s.folder || this.entryLookedUpAt === s.pages) return;
    this.entryLookedUpAt = s.pages;
    const listed = s.folder.entries.find((e) => e.path === p.entry.path && e.kind === 'file');
    if (listed) p.completeEntry(listed);
  }
}

/** The pane of a file whose preview's code is loading (busy), or could not load (`failed`: why, and a retry). */
export function renderWaitingPane(
  e: FileEntry,
  lang: Lang,
  failed: unknown,
  retry: () => void,
  a: Pick<PreviewPaneActions, 'close' | 'onKeydown'>,
): TemplateResult {
  return html`<section
    class="preview-pane"
    part="preview"
    aria-label=${msg(lang, 'preview')}
    aria-busy=${failed === undefined ? 'true' : nothing}
    @keydown=${a.onKeydown}
  >
    <header class="preview-header" part="preview-header">
      <h2 class="preview-name" title=${e.path}>${e.name}</h2>
      <button type="button" class="rp-button" aria-label=${msg(lang, 'closePreview')} @click=${a.close}>✕</button>
    </header>
    <div class="preview-body">${failed === undefined ? renderLoading(lang) : renderError(lang, failed, retry)}</div>
  </section>`;
}
