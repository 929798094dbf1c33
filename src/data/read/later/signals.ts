/**
 * Live events that only say "ask again" (files, artifacts or media changed; `isSignal` in
 * events.ts), let through at most a few times a second however fast a source emits them. Loaded
 * with the first such event: a chart gets none.
 */
import type { RunEvent } from '../../source.js';

/** Signals are delivered at most once per this many ms per type (the last one always arrives). */
const SIGNAL_INTERVAL_MS = 250;

/** Lets "something changed" events through at most once per SIGNAL_INTERVAL_MS per type, the last one always. */
export class SignalThrottle {
  private readonly last = new Map<string, number>();
  private readonly waiting = new Map<string, { event: RunEvent; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly on: (e: RunEvent) => void) {}

  push(event: RunEvent): void {
    const now = Date.now();
    const since = now - (this.last.get(event.type) ?? -Infinity);
    const waiting = this.waiting.get(event.type);
    if (waiting) {
      waiting.event = merge(waiting.event, event);
      return;
    }
    if (since >= SIGNAL_INTERVAL_MS) {
      this.last.set(event.type, now);
      this.on(event);
      return;
    }
    const timer = setTimeout(() => {
      const w = this.waiting.get(event.type);
      this.waiting.delete(event.type);
      this.last.set(event.type, Date.now());
      if (w) this.on(w.event);
    }, SIGNAL_INTERVAL_MS - since);
    this.waiting.set(event.type, { event, timer });
  }

  stop(): void {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
  }
}

/** Two signals of one type as one: media keys are joined. */
function merge(a: RunEvent, b: RunEvent): RunEvent {
  if (a.type === 'media-changed' && b.type === 'media-changed')
    return { type: 'media-changed', keys: [...new Set([...a.keys, ...b.keys])] };
  return b;
}
