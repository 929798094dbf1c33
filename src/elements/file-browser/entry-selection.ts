/**
 * The selected entries of the listing: toggled one at a time (Space, a checkbox), in ranges from
 * an anchor (Shift+click, Shift+↑/↓), all (Ctrl/⌘+A) or none (Escape). Each change the user makes
 * is announced with `file-browser-select`, the paths in listing order.
 */
import type { ReactiveControllerHost } from 'lit';
import type { FileEntry } from '../../data/source.js';
import { emit } from '../../internal/emit.js';

/** Detail of `file-browser-select`. */
export interface FileBrowserSelectDetail {
  /** Selected paths, in listing order. */
  paths: string[];
}

export class EntrySelection {
  /** The selected paths. */
  paths: ReadonlySet<string> = new Set();
  /** Row of the last entry selected on its own: the anchor of a Shift range. */
  anchor = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The rows shown, in order. */
    private readonly rows: () => readonly FileEntry[],
  ) {}

  get size(): number {
    return this.paths.size;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Forgets the selection without announcing it (another folder is shown). */
  forget(): void {
    this.paths = new Set();
    this.host.requestUpdate();
  }

  /** Selects exactly `next`. */
  set(next: ReadonlySet<string>): void {
    this.paths = next;
    this.host.requestUpdate();
    const paths = this.rows()
      .map((r) => r.path)
      .filter((p) => next.has(p));
    for (const p of next) if (!paths.includes(p)) paths.push(p);
    emit<FileBrowserSelectDetail>(this.host, 'file-browser-select', { paths });
  }

  selectAll(): void {
    this.set(new Set(this.rows().map((r) => r.path)));
  }

  /** Selects or unselects `entry`; at `row`, it becomes the anchor. */
  toggle(entry: FileEntry, row?: number): void {
    const next = new Set(this.paths);
    if (next.has(entry.path)) next.delete(entry.path);
    else next.add(entry.path);
    if (row !== undefined) this.anchor = row;
    this.set(next);
  }

  /** Adds every row from the anchor to `row`. */
  selectRange(row: number): void {
    const rows = this.rows();
    const next = new Set(this.paths);
    const [from, to] = row < this.anchor ? [row, this.anchor] : [this.anchor, row];
    for (let i = Math.max(0, from); i <= Math.min(rows.length - 1, to); i++) next.add(rows[i].path);
    this.set(next);
  }
}
