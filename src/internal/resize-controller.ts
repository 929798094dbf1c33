import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A content-box size in CSS pixels, rounded as `clientWidth` rounds it. */
export interface ObservedSize {
  width: number;
  height: number;
}

/**
 * Follows the size of one element of the host's shadow DOM with a ResizeObserver. The element is
 * given with `observe(el)`, usually from a template as `${ref(resize.observe)}`: lit calls it with
 * the element when it is rendered and with `undefined` when it goes, so the controller follows a
 * scroller that a re-render replaces. Observing stops while the host is disconnected and starts
 * again when it is put back. Where there is no ResizeObserver (server rendering) it does nothing.
 *
 * Each report carries the element's content-box size as the observer saw it, so a follower need
 * not read `clientWidth` (a forced layout when the page has changed since the last frame).
 */
export class ResizeController implements ReactiveController {
  private observer?: ResizeObserver;
  private element?: Element;
  private connected = false;

  /** `onResize` runs with the element once it is observed and after every change of its size. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onResize: (element: Element, size: ObservedSize) => void,
  ) {
    host.addController(this);
  }

  /** The element followed, if any. */
  get target(): Element | undefined {
    return this.element;
  }

  /** Follows `element` instead of the one followed so far; `undefined` follows none. */
  readonly observe = (element?: Element): void => {
    if (element === this.element) return;
    if (this.element) this.observer?.unobserve(this.element);
    this.element = element;
    if (this.connected) this.start();
  };

  /** Stops for good and leaves the host: for a part of the host's view that goes before the host does. */
  dispose(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.element = undefined;
    this.host.removeController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.observer?.disconnect();
  }

  private start(): void {
    const el = this.element;
    if (!el || typeof ResizeObserver === 'undefined') return;
    this.observer ??= new ResizeObserver((entries) => {
      const el = this.element;
      const entry = entries.findLast((e) => e.target === el);
      if (!el || !entry) return;
      const box = entry.contentRect;
      this.onResize(el, { width: Math.round(box.width), height: Math.round(box.height) });
    });
    this.observer.observe(el);
  }
}
