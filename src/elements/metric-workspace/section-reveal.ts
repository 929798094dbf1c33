import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lazyImport } from '../../internal/lazy-import.js';
import type { Panel } from './panel-layout.js';
import type { SectionSlices } from './section-slices.js';

/** Panels rendered with the first screen: the sections beyond them follow in idle slices. */
export const FIRST_PASS_PANELS = 30;

/** The code that renders sections in slices: only listings longer than the first pass need it. */
const slicesCode = lazyImport(() => import('./section-slices.js'));

/**
 * Loads what a listing of `panels` panels needs to render in slices, before its first render;
 * resolves (never rejects) once it is in, or could not load: that listing then renders whole.
 */
export async function prepareReveal(panels: number): Promise<void> {
  if (panels > FIRST_PASS_PANELS && !slicesCode.now) await slicesCode.load();
}

/**
 * Thousands of panels in one render are a long task (building and laying out every placeholder
 * takes hundreds of milliseconds). The workspace renders the sections that hold the first
 * `FIRST_PASS_PANELS` panels at once; the others render as one box of their estimated height,
 * header included (the scrollbar is right from the start, and no header is built before its
 * panels), and get their panels a few sections per idle slice, those near the scroll position
 * first (section-slices.ts). Sections that appear later (live metrics, a
 * new panel) render at once: only the sections of a fresh listing wait. A listing that long whose
 * slicing code is not in yet (see `prepareReveal`) renders whole, and asks for that code.
 */
export class SectionReveal implements ReactiveController {
  private listing?: unknown;
  /** Kept across listings: it keeps the geometry it measured. */
  private slices?: SectionSlices;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scroller: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  /** A new listing (`listing` changed identity): all but the first sections wait their turn. */
  start(listing: unknown, sections: readonly { name: string; panels: readonly Panel[] }[]): void {
    if (listing === this.listing) return;
    this.listing = listing;
    const code = slicesCode.now;
    if (code) (this.slices ??= new code.SectionSlices(this.host, this.scroller, FIRST_PASS_PANELS)).start(sections);
    // (a listing whose task could not load it asks again with the next listing, not on each render)
    else if (!slicesCode.failed) void prepareReveal(sections.reduce((n, s) => n + s.panels.length, 0));
  }

  isPending(section: string): boolean {
    return this.slices?.isPending(section) ?? false;
  }

  /** Estimated height (px) of a waiting section, its header and its grid of `panels` with `columns` (undefined: automatic). */
  estimate(panels: readonly Panel[], columns: number | undefined): number {
    return this.slices?.estimate(panels, columns) ?? 0;
  }

  hostUpdated(): void {
    this.slices?.update();
  }

  hostDisconnected(): void {
    // back in the document: everything renders at once
    this.slices?.stop();
  }
}
