/** A run of the MLflow REST API (`runs/get`, `runs/search`) as the contract's RunInfo. */
import { DEFAULT_HEARTBEAT_THRESHOLD_MS, type JsonObject, type RunInfo } from '../../data/source.js';
import { normalizeStatus } from './meta.js';
import { toNumber } from './rest-client.js';
import { keyValues, list, type ApiRun } from './rest-shapes.js';
import { runInfoFromTags } from './run-info.js';
import { mlflowRunTimes } from './run-state.js';

export interface RunInfoOptions {
  /** The clock a running run's runtime and crash rule read. */
  now?: () => number;
  /** A running run silent this long is shown crashed (run-state.ts). */
  heartbeatThresholdMs?: number;
}

export function runInfoOf(run: ApiRun, fallbackId: string, o: RunInfoOptions): RunInfo {
  const i = run.info ?? {};
  const tags = keyValues(run.data?.tags);
  const params = keyValues(run.data?.params);
  const metrics = list(run.data?.metrics).filter((m) => typeof m?.key === 'string');
  const summary: JsonObject = {};
  let lastLogged = -Infinity;
  for (const m of metrics) {
    const v = toNumber(m.value);
    summary[m.key!] = Number.isFinite(v) ? v : String(v);
    const t = toNumber(m.timestamp);
    if (Number.isFinite(t)) lastLogged = Math.max(lastLogged, t);
  }
  const start = toNumber(i.start_time);
  const end = toNumber(i.end_time);
  const startTime = Number.isFinite(start) && start > 0 ? start : undefined;
  const now = o.now?.() ?? Date.now();
  const lastActivity = Math.max(lastLogged, startTime ?? -Infinity);
  // The same evidence as in the file store, and the same rule (run-state.ts): never a guessed crash.
  const times = mlflowRunTimes({
    status: normalizeStatus(i.status),
    startTime,
    endTime: Number.isFinite(end) && end > 0 ? end : undefined,
    lastActivity: Number.isFinite(lastActivity) ? lastActivity : undefined,
    now,
    thresholdMs: o.heartbeatThresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS,
  });
  const info: RunInfo = {
    ...runInfoFromTags(tags),
    id: i.run_id ?? i.run_uuid ?? fallbackId,
    ...times,
    format: 'mlflow',
    config: { ...params },
    summary,
  };
  if (!info.name && i.run_name) info.name = i.run_name;
  if (!info.user && i.user_id) info.user = i.user_id;
  // A run still running has been running until now, logged or not.
  if (info.state === 'running' && startTime !== undefined) info.runtime = Math.max(0, (now - startTime) / 1000);
  return info;
}
