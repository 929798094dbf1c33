import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far outside the scroll area a panel still counts as near the screen (px). */
export const NEAR_MARGIN_PX = 300;

/**
 * Charts mounted per animation frame, nearest first. A chart's mount, fetch and first draw run in
 * one task, so this bounds the longest task while the screen fills and keeps scrolling smooth.
 */
export const MOUNTS_PER_FRAME = 1;

/**
 * Decides which placeholders (elements with `data-panel-id`) inside a scroll container get their
 * real content. One IntersectionObserver tracks the panels on or near the screen; `mounted` follows
 * it: panels that leave are dropped at once (their charts leave the DOM and release data and
 * canvas), panels that arrive are mounted a few per frame, those on the screen first, and none
 * while the scroll moves more than a screen a frame. The first screen is measured right after the
 * first render (no waiting for the observer's first report) and mounted at the same pace.
 */
export class NearScreenController implements ReactiveController {
  /** Ids of panels whose content the host renders. */
  readonly mounted = new Set<string>();
  private near = new Set<string>();
  private observer?: IntersectionObserver;
  private root?: Element;
  /** The placeholder observed for each id, in document order on the first pass. */
  private observed = new Map<string, Element>();
  private frame = 0;
  /** The scroll position at the last pump, to tell a fling or a scrollbar drag from reading. */
  private lastTop = 0;

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
    let changed = false;
    for (const [id, el] of this.observed) {
      if (present.has(id)) continue;
      this.observer!.unobserve(el);
      this.observed.delete(id);
      this.near.delete(id);
      changed = this.mounted.delete(id) || changed;
    }
    // the first screen need not wait for the observer's first report (a frame or more later)
    if (fresh && this.measureNow(root)) changed = this.pump(true) || changed;
    if (changed) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.root = undefined;
    this.observed = new Map();
    this.near = new Set();
    this.mounted.clear();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private reset(root: Element): void {
    this.observer?.disconnect();
    this.root = root;
    this.lastTop = root.scrollTop;
    this.observed = new Map();
    this.near = new Set();
    this.mounted.clear();
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), {
      root,
      rootMargin: `${NEAR_MARGIN_PX}px 0px`,
    });
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

  private onEntries(entries: IntersectionObserverEntry[]): void {
    let changed = false;
    for (const e of entries) {
      const id = (e.target as HTMLElement).dataset.panelId;
      if (id === undefined || this.observed.get(id) !== e.target) continue;
      const inside = e.isIntersecting && e.target.isConnected;
      if (inside !== this.near.has(id)) {
        if (inside) this.near.add(id);
        else this.near.delete(id);
        changed = true;
      }
    }
    if (changed) this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.pump(false)) this.host.requestUpdate();
    });
  }

  /**
   * Brings `mounted` closer to `near`: drops what left, mounts what arrived (on the first screen
   * everything on the screen, later a few per frame, nearest first). True when `mounted` changed.
   */
  private pump(firstScreen: boolean): boolean {
    let changed = false;
    for (const id of this.mounted) {
      if (this.near.has(id)) continue;
      this.mounted.delete(id);
      changed = true;
    }
    const waiting = [...this.near].filter((id) => !this.mounted.has(id));
    if (!waiting.length || !this.root) return changed;
    const top = this.root.scrollTop;
    const moved = Math.abs(top - this.lastTop);
    this.lastTop = top;
    // Moving more than a screen a frame: what would be mounted now is gone by the next frame, and
    // each chart costs a frame's time. Mount once the scrolling slows down.
    if (!firstScreen && moved > this.root.clientHeight) {
      this.schedule();
      return changed;
    }
    const view = this.root.getBoundingClientRect();
    const ranked = waiting
      .map((id) => {
        const box = this.observed.get(id)?.getBoundingClientRect();
        const distance = box ? Math.max(0, view.top - box.bottom, box.top - view.bottom) : Infinity;
        return { id, distance };
      })
      .sort((a, b) => a.distance - b.distance);
    const limit = MOUNTS_PER_FRAME;
    for (const r of ranked.slice(0, limit)) this.mounted.add(r.id);
    if (ranked.length > limit) this.schedule();
    return true;
  }
}
