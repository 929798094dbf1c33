/**
 * Live events read as they arrive, for the `watch` and `watchRuns` of a checked source
 * (checked-source.ts): each event is read like an answer, a malformed one is reported and dropped.
 * Loaded with the first event of a subscription: a chart of a finished run gets none. An event whose
 * readers are not in yet (`needs`, or the repairing paths it turns out to need) waits for them, and
 * every event behind it waits too, in order.
 */
import type { LazyModule } from '../../source.js';
import type { RunEvent, RunListEvent } from '../../source.js';
import { repairing } from '../answer.js';
import { NeedsRepairing } from '../repair-slot.js';
import { Repairs, type ReadReport } from '../repairs.js';
import type { readRunRef } from '../run.js';
import { isSignal, otherReaders, readRunEvent, readRunListEvent, type OtherReaders } from './events.js';
import type { SignalThrottle } from './signals.js';

/** The modules of readers, loaded by the checked source, that some events need. */
export interface LiveModules {
  run: LazyModule<NonNullable<OtherReaders['run']> & { readRunRef: typeof readRunRef }>;
  metrics: LazyModule<NonNullable<OtherReaders['metrics']>>;
  logs: LazyModule<NonNullable<OtherReaders['logs']>>;
  signals: LazyModule<NonNullable<OtherReaders['signals']>>;
}

/** What a subscription hands its events to. */
export interface LiveReader {
  read(e: unknown): void;
  /** Nothing is delivered after it, and no signal waits for its turn. */
  stop(): void;
}

/**
 * The reader of the events of one subscription (`request`), delivering to `on` what could be read
 * (a RunEvent or a RunListEvent, as `request` gives); `queued` are events that arrived before
 * it, read first. `events` names them in the repairs.
 */
export function liveReader(
  request: 'watch' | 'watchRuns',
  events: string,
  on: (e: never) => void,
  modules: LiveModules,
  report: ReadReport | undefined,
  queued: unknown[],
): LiveReader {
  let stopped = false;
  let signals: SignalThrottle | undefined;
  const watch = request === 'watch';
  /** The module reading and delivering `e` needs, when it is one that loads apart. */
  const needs = (e: unknown): LazyModule<unknown> | undefined => {
    if (!watch) return modules.run;
    const other = otherReaders(e);
    return other && modules[other];
  };
  // `on` takes the events of `request`: RunEvent for watch, RunListEvent for watchRuns
  const hand = on as (e: RunEvent | RunListEvent) => void;
  const deliver = (event: RunEvent | RunListEvent): void => {
    const throttle = watch && isSignal(event as RunEvent) ? modules.signals.now : undefined;
    if (throttle) (signals ??= new throttle.SignalThrottle(hand)).push(event as RunEvent);
    else hand(event);
  };
  /** Reads and delivers `e`; false, and nothing told, when it needs the repairing paths before they are in. */
  const read = (e: unknown): boolean => {
    const r = new Repairs(request);
    let event: RunEvent | RunListEvent | undefined;
    try {
      event = watch
        ? readRunEvent(e, r, { metrics: modules.metrics.now, logs: modules.logs.now, run: modules.run.now })
        : readRunListEvent(e, r, modules.run.now!.readRunRef);
    } catch (err) {
      if (err instanceof NeedsRepairing) return false;
      r.dropped(`${events} that could not be read`);
    }
    if (!r.empty) report?.repaired(request, r.list);
    if (event) deliver(event);
    return true;
  };
  let waiting: unknown[] | undefined;
  const drain = (): void => {
    while (waiting && waiting.length > 0 && !stopped) {
      const module = needs(waiting[0]);
      if (module && !module.now) {
        module.get().then(drain, fail);
        return;
      }
      if (!read(waiting[0])) {
        repairing.get().then(drain, fail);
        return;
      }
      waiting.shift();
    }
    waiting = undefined;
  };
  const fail = (): void => {
    const r = new Repairs(request);
    r.dropped(`${events} that could not be read`, waiting?.length ?? 0);
    waiting = undefined;
    if (!stopped && !r.empty) report?.repaired(request, r.list);
  };
  const live: LiveReader = {
    read(e) {
      if (stopped) return;
      if (waiting) waiting.push(e);
      else {
        waiting = [e];
        drain();
      }
    },
    stop() {
      stopped = true;
      signals?.stop();
    },
  };
  waiting = queued;
  drain();
  return live;
}
