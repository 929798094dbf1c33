/**
 * The preview of one open file: reads what it needs (byte ranges, never more than one chunk at a
 * time for text), picks the view by kind, and owns what it creates (Blob URLs, the request).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FileBytes, FileEntry, RunSource } from '../../data/source.js';
import { isAbortError, isSourceError, SourceError } from '../../data/errors.js';
import { common } from '../../internal/messages.js';
import { formatBytes } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { renderEmpty, renderError, renderLoading } from '../../internal/states.js';
import { checkFileBytes, joinParts, looksLikeText, mimeOf, readWhole } from './file-bytes.js';
import { renderClosedLink } from './closed-link.js';
import { isClosedLink, linkOf } from './listing.js';
import { languageOf, previewKindOf, type PreviewKind } from './file-kind.js';
import { pmsg } from './preview.messages.js';
import type { CsvView } from './previews/csv.js';
import type { DiffFile } from './previews/diff-parse.js';
import type { JsonTreeView } from './previews/json.js';
import type { LinesView } from './previews/lines.js';
import type { NotebookView } from './previews/notebook.js';
import { DEFAULT_PREVIEW_LIMITS, type PreviewLimits } from './preview-limits.js';
import { adoptStyles } from '../../internal/adopt-styles.js';

export { renderPreviewPane } from './preview-pane.js';

type Views = typeof import('./previews/views.js');
let views: Promise<Views> | undefined;
function loadViews(): Promise<Views> {
  views ??= import('./previews/views.js').catch((e: unknown) => {
    views = undefined; // a failed chunk load may succeed on retry
    throw e;
  });
  return views;
}

type TextView = Extract<View, { type: 'text' }>;

/** Text longer than this (characters) is drawn by lines; highlighting stops well before it. */
const LINES_VIEW_FROM = 300_000;

/** The element the preview draws in: the views' styles and controllers (scrolling lists) go to it. */
export interface PreviewHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** `link`: a link out of the run or to nothing, never read (see file-link.ts). */
type Status = 'loading' | 'ready' | 'error' | 'unsupported' | 'too-large' | 'link';

type View =
  | {
      type: 'text';
      language?: string;
      highlighted?: string;
      note?: 'invalid-json' | 'structured-too-large';
      /** Drawn by lines once the text is too long to draw whole. */
      lines?: LinesView;
    }
  | { type: 'hex' }
  | { type: 'json'; tree: JsonTreeView }
  | { type: 'notebook'; view: NotebookView }
  | { type: 'markdown'; text: string }
  | { type: 'diff'; files: DiffFile[] }
  | { type: 'csv'; table: CsvView }
  | { type: 'media'; kind: 'image' | 'audio' | 'video'; url: string };

export class FilePreview {
  readonly kind: PreviewKind;
  /** The file's entry: listed details, or only a path until the listing provides them. */
  entry: FileEntry;
  /** True while `entry` is only a path (opened before its folder was listed). */
  isStub: boolean;
  status: Status = 'loading';
  error?: unknown;
  /** Size of the whole file, once known. */
  size?: number;
  /** Bytes read from the start of the file. */
  loaded = 0;
  private view?: View;
  private text = '';
  private bytes: Uint8Array = new Uint8Array(0);
  private decoder = new TextDecoder('utf-8');
  private readonly controller = new AbortController();
  private objectUrl?: string;
  private moreLoading = false;
  private moreError?: unknown;
  private version = 0;
  private v!: Views;

  constructor(
    readonly source: RunSource,
    readonly runId: string,
    entry: FileEntry,
    private readonly host: PreviewHost,
    readonly limits: PreviewLimits = DEFAULT_PREVIEW_LIMITS,
  ) {
    this.entry = entry;
    this.isStub = entry.size === undefined && entry.modified === undefined && entry.mime === undefined;
    this.kind = previewKindOf(entry.name, entry.mime);
    this.size = entry.size;
    if (isClosedLink(entry)) this.status = 'link';
    else void this.start();
  }

  /** Takes the listed details of the file (the preview kind stays as chosen). */
  completeEntry(listed: FileEntry): void {
    this.entry = listed;
    this.isStub = false;
    this.size ??= listed.size;
    if (isClosedLink(listed)) {
      // opened by path before the listing said it is a link: stop reading, say what it is
      this.controller.abort();
      this.status = 'link';
      this.error = undefined;
    } else if (this.failedToOpen()) {
      // it failed before the listing came (start() retries a failure that comes after)
      return this.retry();
    }
    this.host.requestUpdate();
  }

  /** Stops reading and frees the Blob URL. */
  dispose(): void {
    this.controller.abort();
    if (this.view?.type === 'csv') this.view.table.dispose();
    if (this.view?.type === 'text') this.view.lines?.dispose();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = undefined;
  }

  /** Whether more of the file can be read into the view. */
  get hasMore(): boolean {
    if (this.status !== 'ready' || !this.view) return false;
    const t = this.view.type;
    return (
      (t === 'text' || t === 'hex' || t === 'diff' || t === 'csv') && this.size !== undefined && this.loaded < this.size
    );
  }

  /** Reads the file again from the start (the retry of the error state). */
  retry = (): void => {
    this.status = 'loading';
    this.error = undefined;
    this.view = undefined;
    this.text = '';
    this.bytes = new Uint8Array(0);
    this.decoder = new TextDecoder('utf-8');
    this.loaded = 0;
    this.host.requestUpdate();
    void this.start();
  };

  private async start(): Promise<void> {
    const stub = this.isStub;
    try {
      this.v = await loadViews();
      adoptStyles(this.host.renderRoot, this.v.previewStyles);
      await this.open();
      if (this.status === 'loading') this.status = 'ready';
    } catch (e) {
      if (this.controller.signal.aborted) return;
      if (isAbortError(e)) return;
      if (e instanceof SourceError && e.code === 'unsupported') {
        this.status = 'unsupported';
        this.error = e;
      } else {
        this.status = 'error';
        this.error = e;
      }
    }
    // opened by path, and the listing told the file's size and type while it was being read: a
    // failure may be one the listing explains (too large to read whole), so read again with them
    if (stub && !this.isStub && this.failedToOpen()) return this.retry();
    this.host.requestUpdate();
  }

  private failedToOpen(): boolean {
    return this.status === 'unsupported' || this.status === 'error';
  }

  private async read(start: number, end: number): Promise<FileBytes> {
    const readFile = this.source.readFile;
    if (typeof readFile !== 'function') throw new SourceError('unsupported', 'This source cannot read files.');
    const raw = await readFile.call(
      this.source,
      this.runId,
      this.entry.path,
      { start, end },
      { signal: this.controller.signal },
    );
    return checkFileBytes(raw, this.entry.path, start, end - start);
  }

  private take(got: FileBytes): void {
    this.size = got.size;
    this.loaded = got.start + got.bytes.length;
  }

  private async open(): Promise<void> {
    const k = this.kind;
    if (k === 'image' || k === 'audio' || k === 'video') return this.openMedia(k);
    if (k === 'svg') return this.openSvg();
    if (typeof this.source.readFile !== 'function')
      throw new SourceError('unsupported', 'This source cannot read files.');
    if (k === 'binary') return this.openHex();
    if (k === 'json' || k === 'notebook' || k === 'markdown') return this.openStructured(k);
    const first = await this.read(0, this.limits.textChunk);
    this.take(first);
    if (k === 'unknown' && !looksLikeText(first.bytes)) {
      this.bytes = first.bytes.slice(0, this.limits.hexChunk);
      this.loaded = this.bytes.length;
      this.view = { type: 'hex' };
      return;
    }
    if (k === 'csv' || k === 'tsv') {
      const table = new this.v.CsvView(k === 'tsv' ? '\t' : ',', this.host);
      this.view = { type: 'csv', table };
      table.push(this.decode(first.bytes), this.loaded >= first.size);
      return;
    }
    this.appendText(first.bytes);
    if (k === 'diff') this.view = { type: 'diff', files: this.v.parseUnifiedDiff(this.completeText()) };
    else this.setTextView(languageOf(this.entry.name));
  }

  private decode(bytes: Uint8Array): string {
    const done = this.size !== undefined && this.loaded >= this.size;
    return this.decoder.decode(bytes, { stream: !done });
  }

  private appendText(bytes: Uint8Array): void {
    this.text += this.decode(bytes);
  }

  private shown?: { from: string; text: string };

  /**
   * The text as shown: terminal colour codes (console logs are full of them) are dropped; the
   * lines stay the same, so line numbers still match the file.
   */
  private shownText(): string {
    if (this.shown?.from !== this.text) {
      const text = this.text.includes('\x1b')
        ? this.text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
        : this.text;
      this.shown = { from: this.text, text };
    }
    return this.shown.text;
  }

  /** Text up to the last full line while more is to come, so a diff never ends mid-line. */
  private completeText(): string {
    if (this.size === undefined || this.loaded >= this.size) return this.text;
    const nl = this.text.lastIndexOf('\n');
    return nl < 0 ? this.text : this.text.slice(0, nl + 1);
  }

  private setTextView(language: string | undefined, note?: 'invalid-json' | 'structured-too-large'): void {
    const view: TextView = { type: 'text', language, note };
    this.view = view;
    this.highlight(view);
  }

  /** (Re)highlights the text of `view`; until it is ready the text shows plain. */
  private highlight(view: TextView): void {
    view.highlighted = undefined;
    if (!this.v.canHighlight(view.language)) return;
    const version = ++this.version;
    void this.v.highlightCode(this.shownText(), view.language).then((highlighted) => {
      if (version !== this.version || this.view !== view || highlighted === undefined) return;
      view.highlighted = highlighted;
      this.host.requestUpdate();
    });
  }

  private async openHex(): Promise<void> {
    const got = await this.read(0, this.limits.hexChunk);
    this.take(got);
    this.bytes = got.bytes;
    this.view = { type: 'hex' };
  }

  private async openStructured(k: 'json' | 'notebook' | 'markdown'): Promise<void> {
    if (this.size !== undefined && this.size > this.limits.structured) {
      const got = await this.read(0, this.limits.textChunk);
      this.take(got);
      this.appendText(got.bytes);
      this.setTextView(languageOf(this.entry.name), 'structured-too-large');
      return;
    }
    const got = await this.read(0, this.limits.structured);
    this.take(got);
    this.appendText(got.bytes);
    if (this.loaded < got.size) {
      this.setTextView(languageOf(this.entry.name), 'structured-too-large');
      return;
    }
    if (k === 'markdown') {
      this.view = { type: 'markdown', text: this.text };
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(this.text);
    } catch {
      this.setTextView('json', 'invalid-json');
      return;
    }
    const notebook = k === 'notebook' ? this.v.parseNotebook(value) : undefined;
    if (notebook) this.view = { type: 'notebook', view: new this.v.NotebookView(notebook, this.host) };
    else this.view = { type: 'json', tree: new this.v.JsonTreeView(value, this.host) };
  }

  private async openMedia(kind: 'image' | 'audio' | 'video'): Promise<void> {
    const url = this.source.fileUrl?.(this.runId, this.entry.path);
    if (url) {
      this.view = { type: 'media', kind, url };
      return;
    }
    if (typeof this.source.readFile !== 'function')
      throw new SourceError('unsupported', 'This source cannot read files.');
    const bytes = await this.readWhole(this.limits.media);
    if (!bytes) return;
    this.view = {
      type: 'media',
      kind,
      url: this.ownUrl(new Blob([bytes as BlobPart], { type: mimeOf(this.entry.name, this.entry.mime) })),
    };
  }

  private async openSvg(): Promise<void> {
    if (typeof this.source.readFile !== 'function') {
      const url = this.source.fileUrl?.(this.runId, this.entry.path);
      // An SVG drawn through <img> runs no script and loads nothing, so a URL is safe as it is.
      if (url) {
        this.view = { type: 'media', kind: 'image', url };
        return;
      }
      throw new SourceError('unsupported', 'This source cannot read files.');
    }
    const bytes = await this.readWhole(this.limits.structured);
    if (!bytes) return;
    const clean = await this.v.sanitizeSvg(new TextDecoder().decode(bytes));
    this.view = { type: 'media', kind: 'image', url: this.ownUrl(new Blob([clean], { type: 'image/svg+xml' })) };
  }

  /** The whole file in ranges, or undefined (status too-large) when it exceeds `limit`. */
  /** The whole file, or undefined (status `too-large`) when it is, or turns out to be, over `limit` bytes. */
  private async readWhole(limit: number): Promise<Uint8Array | undefined> {
    if (this.size !== undefined && this.size > limit) {
      this.status = 'too-large';
      return undefined;
    }
    const whole = await readWhole((start, end) => this.read(start, end), { chunk: this.limits.textChunk * 4, limit });
    this.size = whole.size;
    if (!whole.complete) {
      this.status = 'too-large';
      return undefined;
    }
    this.loaded = whole.size;
    return joinParts(whole.parts);
  }

  private ownUrl(blob: Blob): string {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(blob);
    return this.objectUrl;
  }

  /** Reads the next chunk into the view. */
  loadMore = async (): Promise<void> => {
    if (!this.hasMore || this.moreLoading || !this.view) return;
    this.moreLoading = true;
    this.moreError = undefined;
    this.host.requestUpdate();
    const view = this.view;
    try {
      const chunk = view.type === 'hex' ? this.limits.hexChunk : this.limits.textChunk;
      const got = await this.read(this.loaded, this.loaded + chunk);
      if (this.view !== view) return;
      this.take(got);
      if (view.type === 'hex') {
        const joined = new Uint8Array(this.bytes.length + got.bytes.length);
        joined.set(this.bytes);
        joined.set(got.bytes, this.bytes.length);
        this.bytes = joined;
      } else if (view.type === 'csv') {
        view.table.push(this.decode(got.bytes), this.loaded >= got.size);
      } else {
        this.appendText(got.bytes);
        if (view.type === 'diff') view.files = this.v.parseUnifiedDiff(this.completeText());
        else if (view.type === 'text') this.highlight(view);
      }
    } catch (e) {
      if (!isAbortError(e)) this.moreError = e;
    } finally {
      this.moreLoading = false;
      this.host.requestUpdate();
    }
  };

  render(lang: Lang): TemplateResult {
    switch (this.status) {
      case 'loading':
        return renderLoading(lang, 6);
      case 'error':
        if (isSourceError(this.error) && this.error.code === 'not-found')
          return renderEmpty(common(lang, 'notFound'), this.error.message);
        return renderError(lang, this.error, this.retry);
      case 'unsupported':
        // The source's own reason ("contents not kept") says more than the generic line, when it gave one.
        return renderEmpty(
          pmsg(lang, 'previewUnsupported'),
          this.error instanceof Error && this.error.message && typeof this.source.readFile === 'function'
            ? this.error.message
            : pmsg(lang, 'previewUnsupportedDetail'),
        );
      case 'too-large':
        return renderEmpty(pmsg(lang, 'tooLarge'), pmsg(lang, 'tooLargeDetail', formatBytes(this.size, lang)));
      case 'link':
        return renderClosedLink(linkOf(this.entry) ?? { to: 'unknown' }, lang);
    }
    return html`${this.renderView(lang)}${this.renderMore(lang)}`;
  }

  private renderView(lang: Lang): TemplateResult | typeof nothing {
    const v = this.view;
    if (!v) return nothing;
    const label = pmsg(lang, 'contentsOf', this.entry.name);
    switch (v.type) {
      case 'text':
        return html`${v.note ? html`<p class="preview-note" role="note">${pmsg(lang, v.note === 'invalid-json' ? 'invalidJson' : 'structuredTooLarge')}</p>` : nothing}
        ${this.renderText(v, label)}`;
      case 'hex':
        return html`<p class="preview-note">
            ${pmsg(lang, 'binaryInfo', formatBytes(this.size, lang), mimeOf(this.entry.name, this.entry.mime))}
          </p>
          ${this.v.renderHex(this.bytes, label)}`;
      case 'json':
        return v.tree.render(lang);
      case 'notebook':
        return v.view.render(lang);
      case 'markdown':
        return this.v.renderMarkdown(v.text);
      case 'diff':
        return this.v.renderDiff(v.files, lang);
      case 'csv':
        return v.table.render(lang);
      case 'media':
        return v.kind === 'image'
          ? this.v.renderImage(v.url, this.entry.name)
          : v.kind === 'audio'
            ? this.v.renderAudio(v.url, this.entry.name)
            : this.v.renderVideo(v.url, this.entry.name);
    }
  }

  /** Whole text (highlighted when ready) while it is short; a virtual window of lines past that. */
  private renderText(v: TextView, label: string): TemplateResult {
    const text = this.shownText();
    if (text.length <= LINES_VIEW_FROM && !v.lines) return this.v.renderCode(text, v.highlighted, label);
    v.lines ??= new this.v.LinesView(this.host);
    return v.lines.render(text, label);
  }

  private renderMore(lang: Lang): TemplateResult | typeof nothing {
    if (!this.hasMore && !this.moreError) return nothing;
    return html`<div class="load-more" part="load-more">
      <span>${pmsg(lang, 'partShown', formatBytes(this.loaded, lang), formatBytes(this.size, lang))}</span>
      ${
        this.moreError
          ? html`<span class="load-more-error" role="alert"
              >${this.moreError instanceof Error ? this.moreError.message : String(this.moreError)}</span
            >`
          : nothing
      }
      <button type="button" class="rp-button" ?disabled=${this.moreLoading} @click=${this.loadMore}>
        ${this.moreLoading ? pmsg(lang, 'loadingMore') : pmsg(lang, 'loadMore')}
      </button>
    </div>`;
  }
}
