/**
 * The state of a run in the MLflow file store, from every piece of evidence the store holds.
 *
 * What MLflow records: the client writes `status: RUNNING` when a run starts and rewrites it with
 * `end_time` when the run ends (FINISHED, FAILED or KILLED: the fluent API does so on exit and on
 * an exception). A process that dies without ending its run (SIGKILL, out of memory, a machine
 * lost, a notebook kernel shut down) leaves RUNNING behind for good, and MLflow's UI shows
 * "Running" forever. The store keeps no heartbeat; the only dated traces of activity are
 * `start_time`, the metric lines' timestamps, and the wall times of TensorBoard events the run
 * wrote into its artifacts. File mtimes are not used: a copied store has fresh ones.
 *
 * The rule:
 * - FINISHED, FAILED, KILLED, SCHEDULED: what the status says (finished, failed, killed, pending).
 * - RUNNING, or a status that cannot be read (meta.yaml missing or malformed): `running` while
 *   the newest dated activity is within the heartbeat threshold of now (the run is being written);
 *   otherwise `unknown`. A run silent for longer may have been killed, may have crashed, or may be
 *   in a long step that logs nothing: nothing in the store tells these apart, so it is never shown
 *   `crashed`. Its end is taken as the last moment it is known to have been alive.
 */
import type { RunState } from '../../data/source.js';
import type { MlflowStatus } from './meta.js';

export interface MlflowStateEvidence {
  /** The status in meta.yaml; absent when it could not be read. */
  status?: MlflowStatus;
  startTime?: number;
  endTime?: number;
  /** Newest dated activity (epoch ms): start time, metric timestamps, TensorBoard event times. */
  lastActivity?: number;
  /** Epoch ms. */
  now: number;
  thresholdMs: number;
}

export interface MlflowRunTimes {
  state: RunState;
  startedAt?: number;
  endedAt?: number;
  /** Newest dated activity. */
  heartbeatAt?: number;
  /** Seconds from start to end, or to the newest activity while running. */
  runtime?: number;
}

const ENDED: Partial<Record<MlflowStatus, RunState>> = {
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'killed',
  SCHEDULED: 'pending',
};

export function mlflowRunTimes(e: MlflowStateEvidence): MlflowRunTimes {
  const recorded = e.status === undefined ? undefined : ENDED[e.status];
  const last = e.lastActivity;
  const state: RunState = recorded ?? (last !== undefined && e.now - last < e.thresholdMs ? 'running' : 'unknown');
  const out: MlflowRunTimes = { state };
  if (e.startTime !== undefined) out.startedAt = e.startTime;
  if (last !== undefined) out.heartbeatAt = last;
  // A RUNNING run with an end_time was resumed (MLflow keeps the old end_time): that end is not its end.
  if (recorded !== undefined && recorded !== 'pending' && e.endTime !== undefined) out.endedAt = e.endTime;
  else if (state === 'unknown' && last !== undefined) out.endedAt = last;
  const end = out.endedAt ?? (state === 'running' ? last : undefined);
  if (e.startTime !== undefined && end !== undefined) out.runtime = Math.max(0, (end - e.startTime) / 1000);
  return out;
}
