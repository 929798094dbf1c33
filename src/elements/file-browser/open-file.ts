/**
 * The file open in the preview pane. Its preview is opened when `file` names one, and only while
 * the element is connected (a preview reads and holds Blob URLs); it is replaced when the file, the
 * source, the run or the limits change, and disposed when it closes or the element leaves the
 * page. A file opened before its folder was listed (from the URL hash, or `file` set early) has
 * only a path until the listing has it; then the preview gets its size, date and type.
 */
import type { ReactiveController } from 'lit';
import type { FileEntry } from '../../data/source.js';
import type { RunpageElement } from '../../internal/base-element.js';
import { FilePreview, type PreviewLimits } from './file-preview.js';
import type { Folder } from './folder-listing.js';
import { baseName, cleanPath } from './listing.js';

export interface OpenFileState {
  /** The `file` property. */
  file: string;
  limits: PreviewLimits;
  /** The folder's listing as read so far, and how many pages it has had. */
  folder?: Folder;
  pages: number;
}

export class OpenFileController implements ReactiveController {
  /** The open file's preview, if a file is open. */
  preview?: FilePreview;
  /** Pages count at the last search for the open file's listed entry (searched once per page, not per render). */
  private entryLookedUpAt = -1;

  constructor(private readonly host: RunpageElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.preview?.dispose();
    this.preview = undefined;
    this.host.requestUpdate();
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
    if (!file || !source || !runId || !this.host.isConnected) return;
    const listed = s.folder?.entries.find((e) => e.path === file);
    const entry: FileEntry = listed ?? { path: file, name: baseName(file), kind: 'file' };
    this.preview = new FilePreview(source, runId, entry, this.host, s.limits);
  }

  private completeEntry(s: OpenFileState): void {
    const p = this.preview;
    if (!p || !p.isStub || !s.folder || this.entryLookedUpAt === s.pages) return;
    this.entryLookedUpAt = s.pages;
    const listed = s.folder.entries.find((e) => e.path === p.entry.path && e.kind === 'file');
    if (listed) p.completeEntry(listed);
  }
}
