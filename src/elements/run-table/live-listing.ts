/**
 * Live changes to a listed run: its facts as they change (state, end, heartbeat, tags…) and the
 * last value of each training metric it logs, kept in its summary so a summary column moves.
 */
import type { JsonObject, RunEvent, RunRef } from '../../data/source.js';

const FACTS = ['name', 'project', 'group', 'tags', 'state', 'startedAt', 'endedAt', 'heartbeatAt', 'runtime'] as const;

/** `ref` changed by the events, or `ref` itself when none of them touches what the listing shows. */
export function applyRunEvents(ref: RunRef, events: readonly RunEvent[]): RunRef {
  let out = ref;
  const copy = () => (out === ref ? (out = { ...ref }) : out);
  for (const e of events) {
    if (e.type === 'run' && e.run && typeof e.run === 'object') {
      for (const k of FACTS) if (e.run[k] !== undefined) (copy() as unknown as Record<string, unknown>)[k] = e.run[k];
      if (e.run.config && typeof e.run.config === 'object') copy().config = { ...ref.config, ...e.run.config };
      if (e.run.summary && typeof e.run.summary === 'object') copy().summary = { ...out.summary, ...e.run.summary };
    } else if (e.type === 'metrics' && e.group === 'history' && Array.isArray(e.points)) {
      let summary: JsonObject | undefined;
      for (const p of e.points) {
        if (!p || typeof p.key !== 'string' || typeof p.value !== 'number' || !Number.isFinite(p.value)) continue;
        summary ??= { ...out.summary };
        summary[p.key] = p.value;
      }
      if (summary) copy().summary = summary;
    }
  }
  return out;
}
