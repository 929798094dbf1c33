import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunEvent, RunSource } from '../data/source.js';
import { FrameBatch } from './frame-batch.js';

/** A watched event with the run it came from. */
export type LiveEvent = RunEvent & { runId: string };

export interface LiveTarget {
  /**
   * An element's checked source (`dataSource`, data/checked-source.ts): its `watch` never throws
   * and always returns the function that stops it, whatever the source behind it does.
   */
  source?: RunSource;
  /** One run… */
  runId?: string;
  /** …or several (a chart comparing runs). */
  runIds?: readonly string[];
  enabled?: boolean;
}

/**
 * Subscribes the host to `source.watch(runId)` for each run it shows while it is connected, and
 * delivers the events batched once per animation frame, so a burst of appends costs one update.
 */
export class LiveController implements ReactiveController {
  private stops: (() => void)[] = [];
  private abort?: AbortController;
  private watchedSource?: RunSource;
  private signature = '';
  private readonly batch = new FrameBatch<LiveEvent>((events) => this.onEvents(events));

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => LiveTarget,
    private readonly onEvents: (events: LiveEvent[]) => void,
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
    const { source, runId, runIds, enabled = true } = this.target();
    const ids = runIds ?? (runId ? [runId] : []);
    const usable = enabled && typeof source?.watch === 'function' && ids.length > 0;
    const signature = usable ? ids.join('\u0000') : '';
    if (signature === this.signature && (!usable || source === this.watchedSource)) return;
    this.stop();
    if (!usable) return;
    this.signature = signature;
    this.watchedSource = source;
    this.abort = new AbortController();
    const { signal } = this.abort;
    for (const id of ids) this.stops.push(source.watch!(id, (e) => this.batch.push({ ...e, runId: id }), { signal }));
  }

  private stop(): void {
    this.batch.clear();
    for (const stop of this.stops) stop();
    this.stops = [];
    this.abort?.abort();
    this.abort = undefined;
    this.signature = '';
    this.watchedSource = undefined;
  }
}

/** An element that shows one run of its source, and whose `no-live` attribute turns live updates off. */
export interface LiveRunHost extends ReactiveControllerHost {
  readonly dataSource: RunSource | undefined;
  readonly runId: string | undefined;
  noLive: boolean;
}

/** Follows the run `host` shows while its `noLive` is off; `onEvents` gets each frame's events. */
export function followLiveRun(host: LiveRunHost, onEvents: (events: LiveEvent[]) => void): LiveController {
  return new LiveController(
    host,
    () => ({ source: host.dataSource, runId: host.runId, enabled: !host.noLive }),
    onEvents,
  );
}
