/**
 * The live events of one served run, numbered: every `RunEvent` the run's MemorySource emits gets
 * the next id and is kept in a bounded buffer, so a client that reconnects with `Last-Event-ID`
 * receives exactly what it missed (or learns that it has to refetch, when the gap is too old).
 */
import type { RunEvent, RunSource } from '../data/source.js';
import { stringifyWire } from '../data/http-wire.js';

export interface HubMessage {
  id: number;
  /** The event as wire JSON. */
  data: string;
}

export type HubListener = (m: HubMessage) => void;

export class EventHub {
  private seq = 0;
  private readonly buffer: HubMessage[] = [];
  /** Characters held in `buffer`. */
  private held = 0;
  private readonly listeners = new Set<HubListener>();
  private readonly stopWatching: () => void;
  /** Called with every event before it is sent (the registry tracks the run's state with it). */
  private readonly observe: (e: RunEvent) => void;

  constructor(
    source: RunSource,
    runId: string,
    observe: (e: RunEvent) => void = () => {},
    /** Most events kept for replay, and most characters of them (big point batches count by size). */
    private readonly capacity = 2000,
    private readonly capacityChars = 16 * 1024 * 1024,
  ) {
    this.observe = observe;
    this.stopWatching = source.watch ? source.watch(runId, (e) => this.publish(e)) : () => {};
  }

  /** The id of the newest event (0: none yet). */
  get lastId(): number {
    return this.seq;
  }

  /** Clients currently subscribed. */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** Sends an event that does not come from the source (`files-changed` found on disk). */
  emit(e: RunEvent): void {
    this.publish(e);
  }

  private publish(e: RunEvent): void {
    this.observe(e);
    const m: HubMessage = { id: ++this.seq, data: stringifyWire(e) };
    this.buffer.push(m);
    this.held += m.data.length;
    let drop = 0;
    while (
      drop < this.buffer.length - 1 &&
      (this.buffer.length - drop > this.capacity || this.held > this.capacityChars)
    ) {
      this.held -= this.buffer[drop++].data.length;
    }
    if (drop > 0) this.buffer.splice(0, drop);
    for (const l of [...this.listeners]) l(m);
  }

  /**
   * Starts delivering events. With `since` (a Last-Event-ID), first replays the buffered events
   * after it; returns `missed: true` when events after `since` have already left the buffer.
   */
  subscribe(listener: HubListener, since?: number): { missed: boolean; unsubscribe: () => void } {
    let missed = false;
    if (since !== undefined && Number.isInteger(since) && since >= 0 && since <= this.seq) {
      const first = this.buffer.length > 0 ? this.buffer[0].id : this.seq + 1;
      if (since + 1 < first) missed = true;
      for (const m of this.buffer) if (m.id > since) listener(m);
    } else if (since !== undefined) {
      // An id from another server process (restarted): everything may have changed.
      missed = true;
    }
    this.listeners.add(listener);
    return { missed, unsubscribe: () => this.listeners.delete(listener) };
  }

  close(): void {
    this.stopWatching();
    this.listeners.clear();
  }
}
