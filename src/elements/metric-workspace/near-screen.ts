import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far outside the scroll area a panel still counts as near the screen (px). */
export const NEAR_MARGIN_PX = 300;

/**
 * Tracks which placeholders (elements with `data-panel-id`) are on or near the screen of a scroll
 * container, with one IntersectionObserver. The host renders a real chart only for those ids, so
 * charts far away are removed and release their data and canvas.
 */
export class NearScreenController implements ReactiveController {
  /** Ids of panels on or near the screen. */
  near = new Set<string>();
  private observer?: IntersectionObserver;
  private root?: Element;
  /** The placeholder observed for each id. */
  private observed = new Map<string, Element>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scroller: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.scroller();
    if (!root) return;
    const fresh = root !== this.root;
    if (fresh) this.reset(root);
    const present = new Set<string>();
    for (const el of root.querySelectorAll<HTMLElement>('[data-panel-id]')) {
      const id = el.dataset.panelId!;
      present.add(id);
      const old = this.observed.get(id);
      if (old === el) continue;
      if (old) this.observer!.unobserve(old);
      this.observed.set(id, el);
      this.observer!.observe(el);
    }
    let dropped = false;
    for (const [id, el] of this.observed) {
      if (present.has(id)) continue;
      this.observer!.unobserve(el);
      this.observed.delete(id);
      dropped = this.near.delete(id) || dropped;
    }
    // a collapsed section or a search removed near panels: render without them
    if (dropped) this.host.requestUpdate();
    // the first screen need not wait for the observer's first report (a frame or more later)
    if (fresh && this.measureNow(root)) this.host.requestUpdate();
  }

  /** Adds the panels near the screen now, from their boxes; true when it found any. */
  private measureNow(root: Element): boolean {
    const view = root.getBoundingClientRect();
    const top = view.top - NEAR_MARGIN_PX;
    const bottom = view.bottom + NEAR_MARGIN_PX;
    let found = false;
    for (const [id, el] of this.observed) {
      const box = el.getBoundingClientRect();
      if (box.height === 0 && box.width === 0) continue;
      if (box.top > bottom) break; // panels come in document order, top to bottom
      if (box.bottom >= top) {
        this.near.add(id);
        found = true;
      }
    }
    return found;
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.root = undefined;
    this.observed = new Map();
    this.near = new Set();
  }

  private reset(root: Element): void {
    this.observer?.disconnect();
    this.root = root;
    this.observed = new Map();
    this.near = new Set();
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), {
      root,
      rootMargin: `${NEAR_MARGIN_PX}px 0px`,
    });
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    let changed = false;
    for (const e of entries) {
      const id = (e.target as HTMLElement).dataset.panelId;
      if (id === undefined) continue;
      if (this.observed.get(id) !== e.target) continue;
      const inside = e.isIntersecting && e.target.isConnected;
      if (inside && !this.near.has(id)) {
        this.near.add(id);
        changed = true;
      } else if (!inside && this.near.has(id)) {
        this.near.delete(id);
        changed = true;
      }
    }
    if (changed) this.host.requestUpdate();
  }
}
