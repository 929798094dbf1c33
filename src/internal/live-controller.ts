import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunEvent, RunSource } from '../data/source.js';

/**
 * Subscribes the host to `source.watch(runId)` while it is connected and delivers the events
 * batched once per animation frame, so a burst of appends costs one update.
 */
export class LiveController implements ReactiveController {
  private unsubscribe?: () => void;
  private abort?: AbortController;
  private watching?: { source: RunSource; runId: string };
  private queue: RunEvent[] = [];
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => { source?: RunSource; runId?: string; enabled?: boolean },
    private readonly onEvents: (events: RunEvent[]) => void,
  ) {
    host.addController(this);
  }

  /** True while subscribed to a source that can watch. */
  get active(): boolean {
    return this.unsubscribe !== undefined;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private sync(): void {
    const { source, runId, enabled = true } = this.target();
    const wanted = enabled && source?.watch && runId ? { source, runId } : undefined;
    if (wanted?.source === this.watching?.source && wanted?.runId === this.watching?.runId) return;
    this.stop();
    if (!wanted) return;
    this.watching = wanted;
    this.abort = new AbortController();
    try {
      this.unsubscribe = wanted.source.watch!(wanted.runId, (e) => this.push(e), { signal: this.abort.signal });
    } catch (e) {
      console.warn('runpage: could not watch the run for live updates', e);
    }
  }

  private push(event: RunEvent): void {
    this.queue.push(event);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    const events = this.queue;
    this.queue = [];
    if (events.length) this.onEvents(events);
  }

  private stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
    this.unsubscribe?.();
    this.abort?.abort();
    this.unsubscribe = undefined;
    this.abort = undefined;
    this.watching = undefined;
  }
}
