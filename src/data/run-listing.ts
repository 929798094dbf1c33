/**
 * A run's entry in a listing (`RunRef`) from what a source keeps about it: the listing fields of
 * its `RunInfo`, and the last values of its metrics where the summary does not already have them
 * (TensorBoard and some MLflow runs keep no summary; a table of runs still shows final losses).
 */
import type { JsonObject, MetricInfo, RunInfo, RunRef, RunState } from './source.js';

export function listingOf(
  id: string,
  info: RunInfo,
  state: RunState = info.state,
  metrics: Iterable<Pick<MetricInfo, 'key' | 'group' | 'last'>> = [],
): RunRef {
  const ref: RunRef = { id, state };
  if (info.name !== undefined) ref.name = info.name;
  if (info.project !== undefined) ref.project = info.project;
  if (info.group !== undefined) ref.group = info.group;
  if (info.tags?.length) ref.tags = [...info.tags];
  if (info.startedAt !== undefined) ref.startedAt = info.startedAt;
  if (info.endedAt !== undefined) ref.endedAt = info.endedAt;
  if (info.heartbeatAt !== undefined) ref.heartbeatAt = info.heartbeatAt;
  if (info.runtime !== undefined) ref.runtime = info.runtime;
  if (info.config && Object.keys(info.config).length) ref.config = info.config;
  const summary = withLastValues(info.summary, metrics);
  if (summary) ref.summary = summary;
  if (info.format !== undefined) ref.format = info.format;
  if (info.warnings?.length) ref.warnings = info.warnings.length;
  return ref;
}

function withLastValues(
  summary: JsonObject | undefined,
  metrics: Iterable<Pick<MetricInfo, 'key' | 'group' | 'last'>>,
): JsonObject | undefined {
  let out = summary;
  for (const m of metrics) {
    if (m.group !== 'history' || m.last === undefined || (out && m.key in out)) continue;
    if (out === summary) out = { ...summary };
    out![m.key] = m.last;
  }
  return out && Object.keys(out).length ? out : undefined;
}
