/**
 * For the tests of what the checked source loads with live events (one file each: every test
 * file runs in a fresh process, so no reader is loaded before its test): a running run whose
 * events the test emits through a checked source, and what reached the subscriber.
 */
import { checkSource } from '../../../../src/data/checked-source.js';
import type { RunEvent, RunSource } from '../../../../src/data/source.js';

export interface WatchedRun {
  /** Hands an event to the checked source as the raw source would. */
  emit: (e: unknown) => void;
  /** The events the subscriber got, in order. */
  got: RunEvent[];
}

/** Subscribes to run `r` of a raw source whose events the test emits. */
export function watchedRun(): WatchedRun {
  let emit: (e: unknown) => void = () => {};
  const raw: RunSource = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'running', startedAt: 0, tags: [] }),
    watch: (_id, on) => ((emit = on as (e: unknown) => void), () => {}),
  };
  const got: RunEvent[] = [];
  checkSource(raw).watch!('r', (e) => got.push(e));
  return { emit: (e) => emit(e), got };
}

/** A live event with one history point of `loss` at `step`. */
export const historyPoint = (step: number, value = step) => ({
  type: 'metrics',
  group: 'history',
  points: [{ key: 'loss', step, time: step, value }],
});
