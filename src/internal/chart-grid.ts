import { css, type CSSResult, type ReactiveControllerHost } from 'lit';
import { ResizeController } from './resize-controller.js';

/** `auto` fits as many columns of at least `--_panel-min-width` as the width holds; a number caps them. */
export type GridColumns = 'auto' | number;

/** Reads a `columns` attribute: `auto`, or a whole number from 1 to 12; anything else is `auto`. */
export function parseGridColumns(value: unknown): GridColumns {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : 'auto';
}

/**
 * A responsive chart grid: `repeat(auto-fill, …)` columns at least `--_panel-min-width` wide
 * (never wider than the grid, so a phone gets one full-width column). A column count caps the
 * columns by raising the minimum to that share of the width, so the grid still falls back to
 * fewer columns when it is narrow. Put `.rp-chart-grid` on the grid and `style=${grid.style()}`.
 */
export const chartGridStyles: CSSResult = css`
  .rp-chart-grid {
    --_grid-gap: var(--_space-4);
    display: grid;
    column-gap: var(--_grid-gap);
    row-gap: var(--_grid-gap);
    grid-template-columns: repeat(
      auto-fill,
      minmax(max(min(100%, var(--_grid-min, var(--_panel-min-width))), var(--_grid-share, 0px)), 1fr)
    );
    align-items: start;
  }
`;

/**
 * Follows a chart grid's width (through a ResizeController) and tells how many columns its
 * `auto-fill` template gives at that width, so a part of the grid can span as many columns as it
 * has charts. The count is read from the grid's resolved template, so it is always the one CSS drew.
 */
export class ChartGridController {
  /** Columns of the grid as last drawn; 1 before it was measured. */
  columns = 1;
  private readonly resize: ResizeController;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    // Measured on the next frame: a re-render inside the observer's callback would resize what it
    // observes in the same frame (a "ResizeObserver loop").
    this.resize = new ResizeController(host, (el) => {
      if (!this.frame)
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          this.measure(el);
        });
    });
    host.addController({ hostDisconnected: () => this.cancel() });
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** For the grid element's template: `${ref(grid.observe)}`. */
  get observe(): (el?: Element) => void {
    return this.resize.observe;
  }

  /** The inline custom property that caps the columns at `columns` (none for `auto`). */
  style(columns: GridColumns): Record<string, string | undefined> {
    return {
      '--_grid-share': columns === 'auto' ? undefined : `calc((100% - ${columns - 1} * var(--_grid-gap)) / ${columns})`,
    };
  }

  /** Measures again now (after the template or the cap changed). */
  remeasure(): void {
    const el = this.resize.target;
    if (el) this.measure(el);
  }

  private measure(el: Element): void {
    if (!el.isConnected) return;
    const template = getComputedStyle(el).gridTemplateColumns;
    const count = template && template !== 'none' ? template.trim().split(/\s+/).length : 1;
    if (count !== this.columns) {
      this.columns = count;
      this.host.requestUpdate();
    }
  }
}
