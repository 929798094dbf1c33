/**
 * Run infos (names and config for labels, start time for live x) shared by every chart on a source:
 * a workspace with hundreds of charts of one run asks the source once.
 */
import { uncheckedSource } from '../../data/checked-source.js';
import type { RunInfo, RunSource } from '../../data/source.js';

/** By the source itself: each chart reads it through its own checked view, and they share answers. */
const cache = new WeakMap<RunSource, Map<string, Promise<RunInfo | undefined>>>();

/** The run's info, or undefined when the source cannot give it (labels then fall back to the run id). */
export function cachedRunInfo(source: RunSource, runId: string): Promise<RunInfo | undefined> {
  const key = uncheckedSource(source);
  let runs = cache.get(key);
  if (!runs) cache.set(key, (runs = new Map()));
  let info = runs.get(runId);
  if (!info) {
    const map = runs;
    info = Promise.resolve()
      .then(() => source.getRun(runId))
      .then(
        (r) => (r && typeof r === 'object' ? r : undefined),
        () => {
          // a failure is not remembered: the next chart asks again
          map.delete(runId);
          return undefined;
        },
      );
    runs.set(runId, info);
  }
  return info;
}
