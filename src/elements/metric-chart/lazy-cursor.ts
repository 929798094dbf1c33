/**
 * The chart's crosshair (`chart-cursor.ts`: tooltip, values under the cursor, keyboard) loads on
 * first use, not with the first paint: on the first pointer over the plot or focus on it, or the
 * first crosshair that a chart of the same sync group places on this one. Nothing done meanwhile is
 * lost: once the code is in, the crosshair is shown where the cursor is by then, and the keys
 * pressed (and a blur) are handled in order. A failed load says so in the tooltip (and the console)
 * and the next pointer move, key or focus tries again.
 */
import type uPlot from 'uplot';
import type { ChartCursor, CursorHost } from './chart-cursor.js';
import { cursorCode } from './lazy-parts.js';
import type { PlotView } from './plot-view.js';

/**
 * The keys `ChartCursor.onKeyDown` handles: kept from the page (no scrolling) while its code loads.
 * Escape is the cursor's only while zoomed.
 */
const CURSOR_KEYS = ['ArrowRight', 'ArrowLeft', 'Home', 'End', '+', '=', '-', '_', 'Escape'];

export interface LazyCursorHost extends CursorHost {
  /** Shown in the tooltip when the crosshair's code could not be loaded. */
  failedText(): string;
}

export class LazyCursor {
  private cursor?: ChartCursor;
  private tooltip?: HTMLElement;
  /** Keys and blurs while the code was loading, handled in order once it is in. */
  private queued: ((cursor: ChartCursor) => void)[] = [];

  constructor(
    private readonly host: LazyCursorHost,
    private readonly view: PlotView,
  ) {}

  /** The tooltip element of the template. */
  readonly attachTooltip = (el?: Element): void => {
    this.tooltip = el instanceof HTMLElement ? el : undefined;
    this.cursor?.attachTooltip(el);
  };

  /** The plot went: so does the crosshair. */
  reset(): void {
    if (this.cursor) this.cursor.reset();
    else if (this.tooltip) this.tooltip.hidden = true;
  }

  /** uPlot's `setCursor` hook: the pointer, the keyboard or the sync group moved the crosshair. */
  moved(u: uPlot): void {
    if (this.cursor) return this.cursor.moved(u);
    const shown = u.cursor.idx !== null && u.cursor.idx !== undefined && (u.cursor.left ?? -1) >= 0;
    if (shown) this.load();
    else if (this.tooltip) this.tooltip.hidden = true;
  }

  readonly onKeyDown = (e: KeyboardEvent): void => {
    if (this.cursor) return this.cursor.onKeyDown(e);
    if (!CURSOR_KEYS.includes(e.key) || (e.key === 'Escape' && !this.view.zoom)) return;
    e.preventDefault();
    e.stopPropagation();
    this.queued.push((cursor) => cursor.onKeyDown(e));
    this.load();
  };

  readonly onBlur = (): void => {
    if (this.cursor) return this.cursor.onBlur();
    if (this.queued.length) this.queued.push((cursor) => cursor.onBlur());
    else if (this.tooltip) this.tooltip.hidden = true;
  };

  /** The pointer is over the plot or the plot has focus: the crosshair is likely needed soon. */
  readonly prefetch = (): void => {
    if (!this.cursor) this.load();
  };

  private load(): void {
    void cursorCode.load().then((code) => {
      if (this.cursor) return;
      if (!code) return this.showFailed();
      const cursor = new code.ChartCursor(this.host, this.view);
      this.cursor = cursor;
      cursor.attachTooltip(this.tooltip);
      cursor.reset(); // the failure of an earlier try goes
      // the crosshair where it is by now (uPlot keeps its place while the code loads)
      const plot = this.view.uplot;
      if (plot) cursor.moved(plot);
      const queued = this.queued;
      this.queued = [];
      for (const handle of queued) handle(cursor);
    });
  }

  /**
   * What was asked meanwhile is dropped, and the tooltip says why nothing happened (until the
   * pointer leaves or focus goes); the next pointer move, key or focus tries again.
   */
  private showFailed(): void {
    this.queued = [];
    const tip = this.tooltip;
    if (!tip) return;
    tip.textContent = this.host.failedText();
    tip.style.transform = '';
    tip.hidden = false;
  }
}
