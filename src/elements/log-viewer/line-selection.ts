/**
 * The lines the user selected: click, Shift+click and Shift+↑/↓, kept in the page URL as a
 * permalink (`#L=120-140`, see permalink.ts) unless the element has `no-hash`. A selection is
 * a range of whole-log line numbers; under a stream or label filter it also remembers where it sits
 * in the filtered log it was made in, so copying copies the lines that were shown.
 */
import type { ReactiveControllerHost } from 'lit';
import { UrlHashController } from '../../internal/url-hash.js';
import { isLegacyLineEntry, LINE_KEY, lineHashValue, parseLineHash, type LineSelection } from './permalink.js';

export interface LineSelectionHost extends ReactiveControllerHost, HTMLElement {
  /** The element leaves the URL hash alone (`no-hash`). */
  readonly hashOff: boolean;
}

/** Positions `from..to` in the (filtered) log shown as `view` (a key of the filter in effect). */
export interface SelectedPositions {
  from: number;
  to: number;
  view: string;
}

export interface LineSelectionOptions {
  /** The selection changed (by the user, or cleared). */
  onChange(range: LineSelection | undefined): void;
  /** The URL hash named other lines while the log was open. */
  onHashSelect(range: LineSelection): void;
}

export class LineSelectionController {
  /** The selected lines. */
  range?: LineSelection;
  /** Where the selection sits in the filtered log it was made in. */
  positions?: SelectedPositions;
  /** The selection came from the URL and waits to be scrolled to once the log is there. */
  fromUrl = false;
  private anchor?: number;
  private focus?: number;
  private anchorPosition?: number;
  private readonly hash: UrlHashController;

  constructor(
    private readonly host: LineSelectionHost,
    private readonly options: LineSelectionOptions,
  ) {
    this.hash = new UrlHashController(host, {
      enabled: () => !host.hashOff,
      onChange: (hash, initial) => this.onHashChange(hash, initial),
    });
  }

  /** A click on line `n` at `position` of the view `view`: selects it, or with Shift the range to it. */
  click(e: MouseEvent, n: number, position: number, view: string): void {
    const target = e.target as HTMLElement;
    if (target.closest('a, button')) return;
    if (hasTextSelection(this.host) && !target.closest('.gutter')) return;
    if (e.shiftKey && this.anchor !== undefined) {
      e.preventDefault();
      this.focus = n;
      const anchor = this.anchorPosition ?? position;
      this.positions = { from: Math.min(anchor, position), to: Math.max(anchor, position), view };
      this.set({ from: Math.min(this.anchor, n), to: Math.max(this.anchor, n) });
      window.getSelection()?.removeAllRanges();
    } else {
      this.anchor = n;
      this.focus = n;
      this.anchorPosition = position;
      this.positions = { from: position, to: position, view };
      this.set({ from: n, to: n });
    }
  }

  /**
   * Shift+↑/↓: moves the end of the selection a line, and returns that line (to bring into view).
   * Line numbers are rows only in the whole, unfiltered log (`linear`); elsewhere, and with nothing
   * selected yet, it selects the top line shown (`top`: its line number and position).
   */
  extend(
    delta: number,
    o: { linear: boolean; top?: { n: number; position: number }; total: number; view: string },
  ): number | undefined {
    if (this.focus === undefined || this.anchor === undefined || !o.linear) {
      if (!o.top) return undefined;
      this.anchor = this.focus = o.top.n;
      this.anchorPosition = o.top.position;
      this.positions = { from: o.top.position, to: o.top.position, view: o.view };
      this.set({ from: o.top.n, to: o.top.n });
      return undefined;
    }
    const focus = Math.max(0, Math.min(o.total - 1, this.focus + delta));
    this.focus = focus;
    this.positions = undefined; // unfiltered: positions are line numbers
    this.set({ from: Math.min(this.anchor, focus), to: Math.max(this.anchor, focus) });
    return focus;
  }

  /** Selects `range` (undefined: nothing), writes the permalink and tells the element. */
  set(range: LineSelection | undefined): void {
    this.range = range;
    if (!range) this.anchor = this.focus = this.anchorPosition = this.positions = undefined;
    this.writeHash();
    this.host.requestUpdate();
    this.options.onChange(range);
  }

  private take(s: LineSelection): void {
    this.positions = this.anchorPosition = undefined;
    this.range = s;
    this.anchor = s.from;
    this.focus = s.to;
    this.host.requestUpdate();
  }

  private onHashChange(hash: string, initial: boolean): void {
    const s = parseLineHash(hash);
    if (!s) return;
    this.take(s);
    if (initial) this.fromUrl = true;
    else this.options.onHashSelect(s);
  }

  private writeHash(): void {
    this.hash.write(LINE_KEY, this.range ? lineHashValue(this.range) : undefined, isLegacyLineEntry);
  }
}

/** Whether the user has selected text in the host (then a click or Ctrl+C is theirs, not ours). */
export function hasTextSelection(host: HTMLElement): boolean {
  const root = host.shadowRoot as (ShadowRoot & { getSelection?: () => Selection | null }) | null;
  const sel = root?.getSelection?.() ?? window.getSelection();
  return !!sel && !sel.isCollapsed && sel.toString().length > 0;
}
