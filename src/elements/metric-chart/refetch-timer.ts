/**
 * When the chart asks its source again for the same settings: after a zoom (debounced), a resize
 * that changed the plot's width a lot, or live points that made the data too dense. Each request is
 * a new `count`, which the chart's task takes as an argument, so it runs again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class RefetchTimer implements ReactiveController {
  /** The x range to ask for: the zoom when the timer fired, undefined for the full view. */
  range?: [number, number];
  /** Counts the requests made again. */
  count = 0;
  private zoomTimer?: ReturnType<typeof setTimeout>;
  private liveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The zoom in effect when a request is made. */
    private readonly zoom: () => [number, number] | undefined,
    /** Whether a request is on its way already (live data then waits for it). */
    private readonly busy: () => boolean,
  ) {
    host.addController(this);
  }

  /** A range request is waiting for its debounce. */
  get waiting(): boolean {
    return this.zoomTimer !== undefined;
  }

  /** Asks again for the zoom (or the full view) after `delay` ms; a later call restarts the wait. */
  afterZoom(delay: number): void {
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => {
      this.zoomTimer = undefined;
      this.now();
    }, delay);
  }

  /** Asks again after `delay` ms for live data, unless a request is on its way by then. */
  afterLive(delay: number): void {
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      if (!this.busy()) this.now();
    }, delay);
  }

  /** Asks again now. */
  now(): void {
    this.cancelZoom();
    this.range = this.zoom();
    this.count++;
    this.host.requestUpdate();
  }

  /** New settings: their first request is for `range`, made by the update under way. */
  restart(range: [number, number] | undefined): void {
    this.cancelZoom();
    this.range = range;
  }

  hostDisconnected(): void {
    this.cancelZoom();
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
  }

  private cancelZoom(): void {
    clearTimeout(this.zoomTimer);
    this.zoomTimer = undefined;
  }
}
