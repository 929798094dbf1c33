import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MetricPoint, RunEvent, RunSource } from '../../data/source.js';

/** Appended metric points of one run. */
export interface RunPoints {
  runId: string;
  points: MetricPoint[];
}

/**
 * Watches several runs of one source while the host is connected and delivers their metric
 * points batched once per animation frame (the shared LiveController follows one run).
 */
export class MultiRunWatch implements ReactiveController {
  private abort?: AbortController;
  private stops: (() => void)[] = [];
  private signature = '';
  private watchedSource?: RunSource;
  private queue: RunPoints[] = [];
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => { source?: RunSource; runIds: readonly string[]; enabled: boolean },
    private readonly onPoints: (batch: RunPoints[]) => void,
  ) {
    host.addController(this);
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
    const { source, runIds, enabled } = this.target();
    const usable = enabled && source && typeof source.watch === 'function' && runIds.length > 0;
    const signature = usable ? runIds.join('\u0000') : '';
    if (signature === this.signature && source === this.watchedSource) return;
    this.stop();
    if (!usable) return;
    this.signature = signature;
    this.watchedSource = source;
    this.abort = new AbortController();
    for (const runId of runIds) {
      try {
        const stop: unknown = source.watch!(runId, (e) => this.push(runId, e), { signal: this.abort.signal });
        if (typeof stop === 'function') this.stops.push(stop as () => void);
        // a source breaking the contract with a promise: report its failure instead of leaving it unhandled
        else if (stop instanceof Promise)
          stop.catch((e: unknown) => console.warn(`runpage: could not watch run ${runId} for live updates`, e));
      } catch (e) {
        console.warn(`runpage: could not watch run ${runId} for live updates`, e);
      }
    }
  }

  private push(runId: string, e: RunEvent): void {
    if (e.type !== 'metrics' || !Array.isArray(e.points) || e.points.length === 0) return;
    this.queue.push({ runId, points: e.points });
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) this.onPoints(batch);
  }

  private stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
    for (const stop of this.stops) stop();
    this.stops = [];
    this.abort?.abort();
    this.abort = undefined;
    this.signature = '';
    this.watchedSource = undefined;
  }
}
