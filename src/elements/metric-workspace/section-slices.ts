import type { ReactiveControllerHost } from 'lit';
import { measureThenAct } from './after-frame.js';
import type { Panel } from './panel-layout.js';

/** Panels rendered per idle slice (whole sections, at least one). */
export const PANELS_PER_SLICE = 60;

/** Geometry of the rendered grids, to size the sections not rendered yet. */
interface Measure {
  autoColumns: number;
  narrow: boolean;
  chartHeight: number;
  mediaHeight: number;
  gap: number;
  /** Height of a section around its grid: the header with its margin. */
  chrome: number;
}

const GUESS: Measure = { autoColumns: 2, narrow: false, chartHeight: 300, mediaHeight: 360, gap: 8, chrome: 38 };

type Idle = (cb: () => void) => () => void;

const idle: Idle =
  typeof requestIdleCallback === 'function'
    ? (cb) => {
        const id = requestIdleCallback(cb, { timeout: 200 });
        return () => cancelIdleCallback(id);
      }
    : (cb) => {
        const id = setTimeout(cb, 16);
        return () => clearTimeout(id);
      };

/**
 * The sections of a listing beyond its first `firstPass` panels, rendered a few per idle slice (see
 * SectionReveal, which loads this code for listings that long).
 */
export class SectionSlices {
  private pending = new Set<string>();
  private cancel?: () => void;
  private cancelMeasure?: () => void;
  private measure: Measure = GUESS;
  /** The geometry was read for this listing (once after its first render, then in each slice). */
  private measured = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scroller: () => Element | null | undefined,
    /** Panels rendered with the first screen (FIRST_PASS_PANELS in section-reveal.ts). */
    private readonly firstPass: number,
  ) {}

  /** A new listing: all but the first sections wait their turn. */
  start(sections: readonly { name: string; panels: readonly Panel[] }[]): void {
    this.measured = false;
    this.pending = new Set();
    let count = 0;
    for (const s of sections) {
      if (count >= this.firstPass) this.pending.add(s.name);
      count += s.panels.length;
    }
  }

  isPending(section: string): boolean {
    return this.pending.has(section);
  }

  /** Estimated height (px) of a section, header and grid of `panels` with `columns` (undefined: automatic). */
  estimate(panels: readonly Panel[], columns: number | undefined): number {
    const m = this.measure;
    const cols = m.narrow ? 1 : Math.max(1, columns ?? m.autoColumns);
    let chartRows = 0;
    let mediaRows = 0;
    let col = 0;
    for (const p of panels) {
      if (p.kind === 'media') {
        if (col > 0) chartRows++;
        col = 0;
        mediaRows++;
      } else if (++col === cols) {
        chartRows++;
        col = 0;
      }
    }
    if (col > 0) chartRows++;
    const rows = chartRows + mediaRows;
    return m.chrome + (rows ? chartRows * m.chartHeight + mediaRows * m.mediaHeight + (rows - 1) * m.gap : 0);
  }

  /** After each render of the host: reads the geometry, and schedules the next slice. */
  update(): void {
    if (!this.pending.size) return;
    // the first render's geometry, read in the next frame (not in the render's task: a forced layout)
    if (!this.measured && !this.cancelMeasure)
      this.cancelMeasure = measureThenAct(
        () => {
          this.cancelMeasure = undefined;
          this.remeasure();
          return undefined;
        },
        () => undefined,
      );
    // each slice waits for an idle moment, then reads the boxes in a frame and renders after it
    this.cancel ??= idle(() => {
      this.cancel = measureThenAct(
        () => {
          const names = this.pick();
          if (!names) this.cancel = undefined;
          return names;
        },
        (names) => {
          this.cancel = undefined;
          for (const name of names) this.pending.delete(name);
          this.host.requestUpdate();
        },
        { yieldFirst: true },
      );
    });
  }

  /** The host left the document: nothing more is scheduled. */
  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.cancelMeasure?.();
    this.cancelMeasure = undefined;
    // back in the document: everything renders at once
    this.pending = new Set();
  }

  /**
   * The pending sections to show next: those near the scroll position first, then in order.
   * Reads boxes (and the geometry for the estimates): call it in a frame.
   */
  private pick(): string[] | undefined {
    const root = this.scroller();
    if (!root || !this.pending.size) return undefined;
    this.remeasure();
    const view = root.getBoundingClientRect();
    const boxes = [...root.querySelectorAll<HTMLElement>('[data-pending-section]')].map((el) => {
      const box = el.getBoundingClientRect();
      const distance = Math.max(0, view.top - box.bottom, box.top - view.bottom);
      return { name: el.dataset.pendingSection!, distance, count: Number(el.dataset.count) || 0 };
    });
    // pending sections with nothing to render (collapsed, no search hits) need no slice
    if (!boxes.length) return [...this.pending];
    // sections near the screen, then document order
    const near = boxes.filter((b) => b.distance < view.height);
    const order = [...near.sort((a, b) => a.distance - b.distance), ...boxes.filter((b) => !near.includes(b))];
    const names: string[] = [];
    let count = 0;
    for (const b of order) {
      if (count > 0 && count + b.count > PANELS_PER_SLICE) break;
      names.push(b.name);
      count += b.count;
    }
    return names;
  }

  /** Reads the geometry of a rendered grid (in a frame, where the layout is done anyway). */
  private remeasure(): void {
    const root = this.scroller();
    const grid = root?.querySelector<HTMLElement>('.grid--auto');
    const chart = grid?.querySelector<HTMLElement>('.panel--chart');
    if (!root || !grid || !chart) return;
    this.measured = true;
    const style = getComputedStyle(grid);
    const media = root.querySelector<HTMLElement>('.panel--media');
    const next: Measure = {
      autoColumns: style.gridTemplateColumns.split(' ').length || 1,
      narrow: (root as HTMLElement).clientWidth < 600,
      chartHeight: chart.offsetHeight || GUESS.chartHeight,
      mediaHeight: media?.offsetHeight || chart.offsetHeight || GUESS.mediaHeight,
      gap: parseFloat(style.rowGap) || 0,
      chrome: Math.max(0, (grid.parentElement?.offsetHeight ?? 0) - grid.offsetHeight),
    };
    const m = this.measure;
    if (
      next.autoColumns !== m.autoColumns ||
      next.narrow !== m.narrow ||
      next.chartHeight !== m.chartHeight ||
      next.mediaHeight !== m.mediaHeight ||
      next.gap !== m.gap ||
      next.chrome !== m.chrome
    ) {
      this.measure = next;
      this.host.requestUpdate();
    }
  }
}
