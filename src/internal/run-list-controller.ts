import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunListEvent, RunSource } from '../data/source.js';
import { FrameBatch } from './frame-batch.js';

/**
 * Subscribes the host to `source.watchRuns` while it is connected and `enabled` says so, and
 * delivers the listing changes batched once per animation frame. `active` tells whether the
 * source can tell changes at all (else the host lists again from time to time).
 */
export class RunListController implements ReactiveController {
  private stop?: () => void;
  private watchedSource?: RunSource;
  private readonly batch = new FrameBatch<RunListEvent>((events) => this.onEvents(events));

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => { source?: RunSource; enabled: boolean },
    private readonly onEvents: (events: RunListEvent[]) => void,
  ) {
    host.addController(this);
  }

  /** True while subscribed to a source that tells listing changes. */
  get active(): boolean {
    return this.stop !== undefined;
  }

  /** Whether `source` tells listing changes (the host then needs no periodic re-list). */
  static supports(source: RunSource | undefined): boolean {
    return typeof source?.watchRuns === 'function';
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe();
  }

  private sync(): void {
    const { source, enabled } = this.target();
    const usable = enabled && RunListController.supports(source);
    if (usable && source === this.watchedSource && this.stop) return;
    if (!usable && !this.stop) return;
    this.unsubscribe();
    if (!usable) return;
    this.watchedSource = source;
    try {
      const stop: unknown = source!.watchRuns!((e) => this.batch.push(e));
      if (typeof stop === 'function') this.stop = stop as () => void;
      else this.stop = () => {};
      if (stop instanceof Promise)
        stop.catch((e: unknown) => console.warn('runpage: could not watch the runs for changes', e));
    } catch (e) {
      console.warn('runpage: could not watch the runs for changes', e);
      this.stop = () => {};
    }
  }

  private unsubscribe(): void {
    this.batch.clear();
    const stop = this.stop;
    this.stop = undefined;
    this.watchedSource = undefined;
    try {
      stop?.();
    } catch {
      /* a source whose unsubscribe throws is unsubscribed as far as we are concerned */
    }
  }
}
