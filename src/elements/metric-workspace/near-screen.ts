import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { measureThenAct } from './after-frame.js';

/** How far outside the scroll area a panel still counts as near the screen (px). */
export const NEAR_MARGIN_PX = 300;

/**
 * Charts mounted per animation frame, nearest first. A chart's mount runs in a task of its own
 * after the frame (see `measureThenAct`), so this bounds the longest task while the screen fills
 * and keeps scrolling smooth.
 */
export const MOUNTS_PER_FRAME = 1;

/**
 * Decides which placeholders (elements with `data-panel-id`) inside a scroll container get their
 * real content. One IntersectionObserver tracks the panels on or near the screen; `mounted` follows
 * it: panels that leave are dropped at once (their charts leave the DOM and release data and
 * canvas), panels that arrive are mounted a few per frame, those on the screen first, and none
 * while the scroll moves more than a screen a frame. The first screen is measured after the frame
 * that lays out the first render (no waiting for the observer's first report, no layout forced in
 * the render's task) and mounted at the same pace.
 *
 * Until its chart is there, a panel near the screen is `aria-busy`, and so is the scroll area until
 * the first screen is measured: between two mounts nothing else may be loading, and whoever waits
 * for the page to stop being busy (assistive technology, a test) must not take that moment for the
 * end of loading. The attribute is set here, on the placeholders, not rendered: a panel coming near
 * costs no render of the workspace.
 */
export class NearScreenController implements ReactiveController {
  /** Ids of panels whose content the host renders. */
  readonly mounted = new Set<string>();
  private near = new Set<string>();
  private observer?: IntersectionObserver;
  private root?: Element;
  /** The placeholder observed for each id, in document order on the first pass. */
  private observed = new Map<string, Element>();
  /** Cancels the pump waiting for the next frame. */
  private cancelPump?: () => void;
  /** The first screen is still to be measured from the boxes (after the first frame). */
  private measurePending = false;
  /** The scroll position at the last pump, to tell a fling or a scrollbar drag from reading. */
  private lastTop?: number;

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
      this.mark(id);
    }
    let changed = false;
    for (const [id, el] of this.observed) {
      if (present.has(id)) continue;
      this.observer!.unobserve(el);
      el.removeAttribute('aria-busy');
      this.observed.delete(id);
      this.near.delete(id);
      changed = this.mounted.delete(id) || changed;
    }
    // the first screen need not wait for the observer's first report (a frame or more later)
    if (fresh) {
      this.measurePending = true;
      root.setAttribute('aria-busy', 'true');
      this.schedule();
    }
    if (changed) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.unmarkAll();
    this.observer?.disconnect();
    this.observer = undefined;
    this.root = undefined;
    this.observed = new Map();
    this.near = new Set();
    this.mounted.clear();
    this.cancelPump?.();
    this.cancelPump = undefined;
    this.measurePending = false;
  }

  private reset(root: Element): void {
    this.unmarkAll();
    this.observer?.disconnect();
    this.root = root;
    this.lastTop = undefined;
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
        this.mark(id);
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
        this.mark(id);
        changed = true;
      }
    }
    if (changed) this.schedule();
  }

  /** Mounts and drops on the next frame: which panels, read from the boxes in the frame; the mount after it. */
  private schedule(): void {
    this.cancelPump ??= measureThenAct(
      () => {
        const root = this.root;
        const first = this.measurePending && !!root && this.measureNow(root);
        this.measurePending = false;
        root?.removeAttribute('aria-busy');
        return this.pick(first);
      },
      (add) => {
        this.cancelPump = undefined;
        // the scroll jumped between the frame and now: what was picked is probably gone
        if (add.length && this.movedFast()) add = [];
        if (this.apply(add)) this.host.requestUpdate();
        if (this.near.size > this.mounted.size || [...this.mounted].some((id) => !this.near.has(id))) this.schedule();
      },
    );
  }

  /**
   * The panels to mount next (on the first screen everything on the screen, later a few per
   * frame, nearest first), or none while the scroll moves fast. Reads boxes: call it in a frame.
   */
  private pick(firstScreen: boolean): string[] {
    const waiting = [...this.near].filter((id) => !this.mounted.has(id));
    const root = this.root;
    if (!waiting.length || !root) return [];
    // Moving more than a screen a frame: what would be mounted now is gone by the next frame, and
    // each chart costs a frame's time. Mount once the scrolling slows down.
    if (this.movedFast() && !firstScreen) return [];
    const view = root.getBoundingClientRect();
    return waiting
      .map((id) => {
        const box = this.observed.get(id)?.getBoundingClientRect();
        const distance = box ? Math.max(0, view.top - box.bottom, box.top - view.bottom) : Infinity;
        return { id, distance };
      })
      .sort((a, b) => a.distance - b.distance)
      .slice(0, MOUNTS_PER_FRAME)
      .map((r) => r.id);
  }

  /** The scroll moved more than a screen since the last look (which this one becomes). */
  private movedFast(): boolean {
    const root = this.root;
    if (!root) return false;
    const top = root.scrollTop;
    const moved = Math.abs(top - (this.lastTop ?? top));
    this.lastTop = top;
    return moved > root.clientHeight;
  }

  /** Drops the panels that left, mounts `add` (those still near); true when `mounted` changed. */
  private apply(add: string[]): boolean {
    let changed = false;
    for (const id of this.mounted) {
      if (this.near.has(id)) continue;
      this.mounted.delete(id);
      changed = true;
    }
    for (const id of add) {
      if (!this.near.has(id) || this.mounted.has(id)) continue;
      this.mounted.add(id);
      this.mark(id);
      changed = true;
    }
    return changed;
  }

  /** The placeholder of `id` is busy while it is near the screen and its content is not mounted. */
  private mark(id: string): void {
    const el = this.observed.get(id);
    if (!el) return;
    if (this.near.has(id) && !this.mounted.has(id)) el.setAttribute('aria-busy', 'true');
    else el.removeAttribute('aria-busy');
  }

  private unmarkAll(): void {
    this.root?.removeAttribute('aria-busy');
    for (const el of this.observed.values()) el.removeAttribute('aria-busy');
  }
}
