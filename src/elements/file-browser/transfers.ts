/**
 * Downloads that take a while: a file read in ranges (when the source has no URL for it) and zips
 * built in the browser. One runs at a time; the transfer bar shows its label and progress and can
 * cancel it, and it is cancelled when the element leaves the page.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError } from '../../data/errors.js';
import type { FileEntry, RunSource } from '../../data/source.js';
import { requireMethod } from '../../internal/base-element.js';
import { formatBytes } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { checkFileBytes, readWhole } from './file-bytes.js';
import { tmsg } from './transfers.messages.js';
import { baseName, parentOf } from './listing.js';
import { safeFileName, saveBlob, saveUrl } from '../../internal/download.js';
import type { ZipProgress } from './zip-builder.js';

export interface Transfer {
  label: string;
  /** 0..1, or undefined while the size is unknown. */
  fraction?: number;
  controller: AbortController;
}

export interface TransferOptions {
  lang(): Lang;
  /** A line for the status region: a transfer finished or failed. */
  say(text: string): void;
}

export class TransferController implements ReactiveController {
  /** The transfer under way, if any. */
  current?: Transfer;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TransferOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.current?.controller.abort();
  }

  cancel = (): void => {
    this.current?.controller.abort();
    this.set(undefined);
  };

  /** The bar of the transfer under way (its label, progress and Cancel), or undefined when none is. */
  renderBar(): TemplateResult | undefined {
    const t = this.current;
    if (!t) return undefined;
    const lang = this.options.lang();
    return html`<div class="transfer" part="transfer">
      <span class="transfer-label">${t.label}</span>
      <progress
        part="progress"
        aria-label=${tmsg(lang, 'progress')}
        max="1"
        .value=${t.fraction ?? 0}
        ?indeterminate=${t.fraction === undefined}
      ></progress>
      <button type="button" class="rp-button" @click=${this.cancel}>${tmsg(lang, 'cancel')}</button>
    </div>`;
  }

  /** Downloads one file: through its URL when the source has one, otherwise read in ranges. */
  async downloadFile(source: RunSource, runId: string, path: string): Promise<void> {
    const lang = this.options.lang;
    const name = safeFileName(baseName(path));
    const url = source.fileUrl?.(runId, path);
    if (url) {
      saveUrl(url, name);
      return;
    }
    const controller = this.start(name);
    try {
      const read = requireMethod(source, 'readFile');
      const whole = await readWhole(
        async (start, end) =>
          checkFileBytes(
            await read(runId, path, { start, end }, { signal: controller.signal }),
            path,
            start,
            end - start,
          ),
        {
          chunk: 1 << 20,
          onProgress: (done, size) =>
            this.progress(
              controller,
              size ? done / size : undefined,
              tmsg(lang(), 'downloading', formatBytes(done, lang()), formatBytes(size, lang())),
            ),
        },
      );
      if (controller.signal.aborted) return;
      saveBlob(new Blob(whole.parts as BlobPart[], { type: whole.mime ?? 'application/octet-stream' }), name);
      this.end(controller, undefined, name);
    } catch (e) {
      this.end(controller, e);
    }
  }

  /**
   * Zips the folder `dir`, walked whole (every page, not only those loaded): a folder's zip keeps the
   * folder's own name as its top level, the root's zip (named after the run) has the root's entries at its top.
   */
  downloadFolder(source: RunSource, runId: string, dir: string): Promise<void> {
    const entries: FileEntry[] = [{ path: dir, name: baseName(dir), kind: 'dir' }];
    return this.downloadZip(source, runId, entries, `${zipBase(dir, runId)}.zip`, dir ? parentOf(dir) : '');
  }

  /** Zips `entries`, selected in the folder `dir`. */
  downloadSelection(source: RunSource, runId: string, dir: string, entries: FileEntry[]): Promise<void> {
    return this.downloadZip(source, runId, entries, `${zipBase(dir, runId)}-selection.zip`, dir);
  }

  /** Zips `entries` (folders walked whole, paths in the zip relative to `base`) and downloads the zip. */
  async downloadZip(
    source: RunSource,
    runId: string,
    entries: FileEntry[],
    zipName: string,
    base: string,
  ): Promise<void> {
    if (entries.length === 0) return;
    const lang = this.options.lang;
    const name = safeFileName(zipName, 'files.zip');
    const controller = this.start(tmsg(lang(), 'collecting'));
    const signal = controller.signal;
    try {
      const list = requireMethod(source, 'listFiles');
      const read = requireMethod(source, 'readFile');
      // fflate and the zip code load only when someone zips.
      const { buildZip, collectZipItems } = await import('./zip-builder.js');
      const items = await collectZipItems(
        entries,
        base,
        (dir, page, s) => list(runId, dir, page, { signal: s }),
        signal,
      );
      const blob = await buildZip(items, (path, range, s) => read(runId, path, range, { signal: s }), {
        signal,
        onProgress: (p: ZipProgress) =>
          this.progress(
            controller,
            p.totalBytes ? p.bytes / p.totalBytes : p.totalFiles ? p.files / p.totalFiles : undefined,
            tmsg(lang(), 'zipping', formatBytes(p.bytes, lang()), formatBytes(p.totalBytes, lang())),
          ),
      });
      if (signal.aborted) return;
      saveBlob(blob, name);
      this.end(controller, undefined, name);
    } catch (e) {
      this.end(controller, e);
    }
  }

  private set(t: Transfer | undefined): void {
    this.current = t;
    this.host.requestUpdate();
  }

  private start(label: string): AbortController {
    this.current?.controller.abort();
    const controller = new AbortController();
    this.set({ label, controller });
    return controller;
  }

  private progress(controller: AbortController, fraction: number | undefined, label: string): void {
    if (this.current?.controller !== controller) return;
    this.set({ ...this.current, fraction, label });
  }

  private end(controller: AbortController, error?: unknown, done?: string): void {
    if (this.current?.controller !== controller) return;
    this.set(undefined);
    const lang = this.options.lang();
    if (error && !isAbortError(error))
      this.options.say(tmsg(lang, 'transferFailed', error instanceof Error ? error.message : String(error)));
    else if (done) this.options.say(tmsg(lang, 'transferDone', done));
  }
}

/** What a zip of the folder `dir` is named after: the folder, or the run at the root. */
function zipBase(dir: string, runId: string): string {
  return dir ? baseName(dir) : runId || 'files';
}
