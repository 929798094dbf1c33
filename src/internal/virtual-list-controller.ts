import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ResizeController } from './resize-controller.js';
import { rowAtScrollTop, scrollTopForRow, virtualWindow, type VirtualWindow } from './virtual-window.js';

export interface VirtualListOptions {
  /** Height of every row, px. */
  rowHeight: number;
  /** Rows drawn beyond each edge of the viewport (default 8); `overscan` can change it later. */
  overscan?: number;
  /** Viewport height assumed until the scroller is measured, px (default 400). */
  initialHeight?: number;
  /** Height at the top of the scroller that rows do not get (a sticky header row inside it), px. */
  headerHeight?: number;
  /** Rows of the ARIA grid above the list's rows (header rows), counted by `ariaRowIndex`. */
  headerRows?: number;
  /** Runs after the scroll position changed, whether the user or the controller scrolled. */
  onScroll?: (scroller: HTMLElement) => void;
  /** Runs when `setActive` (or a key) sets the active row, with the row. */
  onActiveChange?: (row: number) => void;
}

/** Where a row is put by `scrollToRow`: at the top, or a third of the way down (where the eye goes). */
export type RowAlign = 'top' | 'center';

type PendingScroll = { kind: 'end' } | { kind: 'row'; row: number; align: RowAlign };

/**
 * The mechanics of a long list of fixed-height rows, of which only the rows on screen are drawn.
 * It owns the scroller (given through lit's ref directive: `${ref(list.attach)}`), follows its
 * scroll position and, with a ResizeObserver, its height; says which rows to draw (`window()`, with
 * the scroll compression of `virtual-window.ts` past ~10M px); keeps the active row of a grid,
 * moves it with ↑/↓/Page Up/Page Down/Home/End and scrolls it into view; and scrolls to a row or
 * to the end once the next render has laid the rows out. The host draws the rows: each row element
 * carries `data-row` (its index), which is how the controller finds one to focus or to scroll to
 * when the rows are laid out whole (`flow`).
 *
 * Set `rowCount` before calling `window()` in `render()`; keys and scrolling use the rows last drawn.
 */
export class VirtualListController implements ReactiveController {
  /** Rows in the list, as drawn by the last render. */
  rowCount = 0;
  /** Rows drawn beyond each edge of the viewport. */
  overscan: number;
  /**
   * The rows are all laid out in normal flow (short lists of rows of any height): scrolling needs
   * no render, and `scrollToRow` finds the row's element instead of computing its position.
   */
  flow = false;
  /** The active row of a grid (the one keys move and `aria-activedescendant` names). */
  active = 0;
  /** The scroller's scroll position, px. */
  scrollTop = 0;
  /** Height of the part of the scroller that shows rows, px. */
  viewportHeight: number;

  private scroller?: HTMLElement;
  /** How far the last scroll moved, px. */
  private lastMove = 0;
  private pending?: PendingScroll;
  private focusActive = false;
  /** The scroller has not been measured yet (lit gives it while it is still outside the document). */
  private unmeasured = false;
  private readonly resize: ResizeController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VirtualListOptions,
  ) {
    this.overscan = options.overscan ?? 8;
    this.viewportHeight = options.initialHeight ?? 400;
    host.addController(this);
    this.resize = new ResizeController(host, () => this.measure());
  }

  /** The scroller, once rendered. */
  get element(): HTMLElement | undefined {
    return this.scroller;
  }

  /** The scroll that waits for the next render (`scrollToRow`, `scrollToEnd`), if any. */
  get pendingScroll(): 'row' | 'end' | undefined {
    return this.pending?.kind;
  }

  /** Takes the scrolling element (`undefined`: it went); bind it with `${ref(list.attach)}`. */
  readonly attach = (element?: Element): void => {
    const scroller = element as HTMLElement | undefined;
    if (scroller === this.scroller) return;
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = scroller;
    this.resize.observe(scroller);
    if (!scroller) return;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.scrollTop = scroller.scrollTop;
    this.unmeasured = true;
    this.measure();
  };

  /** Stops for good and leaves the host: for a list that goes before its host does (a preview closed). */
  dispose(): void {
    this.attach(undefined);
    this.resize.dispose();
    this.host.removeController(this);
  }

  hostUpdated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    // Measured now rather than when the ResizeObserver reports, so the next render draws enough rows.
    if (this.unmeasured && scroller.isConnected) this.measure();
    if (this.pending && this.rowCount > 0) this.applyPending(scroller);
    if (this.focusActive) {
      this.focusActive = false;
      this.rowElement(this.active)?.focus({ preventScroll: true });
    }
  }

  /**
   * The rows to draw now. After a jump further than a screen (a scrollbar drag, a fling, End) the
   * rows beyond the screen are not drawn: the next position is as far again, so they would not be
   * seen, and each costs its render and layout in a frame that has little time.
   */
  window(): VirtualWindow {
    return virtualWindow({
      rowCount: this.rowCount,
      rowHeight: this.options.rowHeight,
      scrollTop: this.scrollTop,
      viewportHeight: this.viewportHeight,
      overscan: this.lastMove > this.viewportHeight ? 0 : this.overscan,
    });
  }

  /** Top of `row`, px, for a row positioned absolutely in the scroll content. */
  rowTop(row: number): number {
    const win = this.window();
    return win.top + (row - win.first) * this.options.rowHeight;
  }

  /** `aria-rowindex` of `row` (1-based, after the header rows). */
  ariaRowIndex(row: number): number {
    return row + 1 + (this.options.headerRows ?? 0);
  }

  /** The (fractional) row at the top of the viewport, in a list of `rowCount` rows. */
  topRow(rowCount = this.rowCount): number {
    return rowAtScrollTop(this.scrollTop, rowCount, this.options.rowHeight, this.viewportHeight);
  }

  /** Rows that fit whole in the viewport (at least one). */
  get fullRows(): number {
    return Math.max(1, Math.floor(this.viewportHeight / this.options.rowHeight));
  }

  /**
   * The row a navigation key goes to from `from`: ↑/↓ one row, Page Up/Down a screen less one row
   * (so one row stays in view), Home/End the ends. Undefined for any other key.
   */
  keyTarget(key: string, from: number): number | undefined {
    const page = Math.max(1, this.fullRows - 1);
    const last = this.rowCount - 1;
    const to = new Map([
      ['ArrowDown', from + 1],
      ['ArrowUp', from - 1],
      ['PageDown', from + page],
      ['PageUp', from - page],
      ['Home', 0],
      ['End', last],
    ]).get(key);
    return to === undefined ? undefined : clamp(to, 0, last);
  }

  /** Moves the active row for a navigation key; true (and the key's default prevented) when it was one. */
  handleKey(e: KeyboardEvent, o: { focus?: boolean } = {}): boolean {
    const to = this.rowCount > 0 ? this.keyTarget(e.key, this.active) : undefined;
    if (to === undefined) return false;
    e.preventDefault();
    this.setActive(to, o);
    return true;
  }

  /**
   * Makes `row` the active row and scrolls it into view now; with `focus`, its element (the one
   * with `data-row`) takes the focus once it is drawn.
   */
  setActive(row: number, o: { focus?: boolean } = {}): void {
    if (this.rowCount <= 0) return;
    const i = clamp(row, 0, this.rowCount - 1);
    this.active = i;
    this.reveal(i);
    if (o.focus) this.focusActive = true;
    this.options.onActiveChange?.(i);
    this.host.requestUpdate();
  }

  /** Scrolls the least that shows `row` whole. */
  reveal(row: number): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const { rowHeight } = this.options;
    const count = this.rowCount;
    const view = this.viewportHeight;
    const top = rowAtScrollTop(scroller.scrollTop, count, rowHeight, view);
    const fit = view / rowHeight;
    if (row < top) scroller.scrollTop = scrollTopForRow(row, count, rowHeight, view);
    else if (row + 1 > top + fit) scroller.scrollTop = scrollTopForRow(row + 1 - fit, count, rowHeight, view);
    this.takeScroll(scroller);
  }

  /** Scrolls `row` into place once the next render has drawn the rows. */
  scrollToRow(row: number, align: RowAlign = 'top'): void {
    this.pending = { kind: 'row', row, align };
    this.host.requestUpdate();
  }

  /** Scrolls to the end once the next render has drawn the rows. */
  scrollToEnd(): void {
    this.pending = { kind: 'end' };
    this.host.requestUpdate();
  }

  /** Back to the first row at once (a new folder, a new search). */
  scrollToTop(): void {
    this.pending = undefined;
    this.scrollTop = 0;
    if (this.scroller) this.scroller.scrollTop = 0;
    this.host.requestUpdate();
  }

  private applyPending(scroller: HTMLElement): void {
    const p = this.pending!;
    this.pending = undefined;
    const count = this.rowCount;
    if (p.kind === 'end') {
      scroller.scrollTop = scroller.scrollHeight;
    } else if (this.flow) {
      const row = this.rowElement(clamp(p.row, 0, count - 1));
      const offset = p.align === 'center' ? scroller.clientHeight / 3 : 0;
      if (row) scroller.scrollTop = Math.max(0, row.offsetTop - offset);
    } else {
      const offset = p.align === 'center' ? Math.floor(this.fullRows / 3) : 0;
      const row = clamp(p.row - offset, 0, count);
      scroller.scrollTop = scrollTopForRow(row, count, this.options.rowHeight, this.viewportHeight);
    }
    this.takeScroll(scroller);
  }

  private rowElement(row: number): HTMLElement | null | undefined {
    return this.scroller?.querySelector<HTMLElement>(`[data-row="${row}"]`);
  }

  private onScroll = (): void => {
    const scroller = this.scroller;
    if (!scroller || scroller.scrollTop === this.scrollTop) return;
    this.lastMove = Math.abs(scroller.scrollTop - this.scrollTop);
    this.scrollTop = scroller.scrollTop;
    this.options.onScroll?.(scroller);
    // Rows laid out whole have nothing to draw again when they scroll.
    if (!this.flow) this.host.requestUpdate();
  };

  /** Takes the position the controller scrolled to. */
  private takeScroll(scroller: HTMLElement): void {
    if (scroller.scrollTop === this.scrollTop) return;
    this.lastMove = Math.abs(scroller.scrollTop - this.scrollTop);
    this.scrollTop = scroller.scrollTop;
    this.options.onScroll?.(scroller);
    this.host.requestUpdate();
  }

  private measure(): void {
    const scroller = this.scroller;
    // A hidden scroller (an inactive tab) measures 0: keep the last height.
    if (!scroller || scroller.clientHeight <= 0) return;
    this.unmeasured = false;
    const height = Math.max(this.options.rowHeight, scroller.clientHeight - (this.options.headerHeight ?? 0));
    if (height === this.viewportHeight) return;
    this.viewportHeight = height;
    this.host.requestUpdate();
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
