/**
 * The state of a W&B run from what its files say.
 *
 * - An exit record: code 0 (or absent: proto3 does not write a 0) → `finished`, else `failed`.
 * - No exit record: `running` while the latest sign of life (a record's timestamp or the metadata
 *   heartbeat) is within `thresholdMs` of `now`, else `crashed` (killed, OOM, machine lost).
 */

import type { RunState } from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';

export interface StateInput {
  exit?: { exitCode: number };
  /** Epoch ms of the latest record or heartbeat; absent when nothing carried a time. */
  lastActivity?: number;
  /** Epoch ms */
  now: number;
  thresholdMs?: number;
}

export function deriveRunState(s: StateInput): RunState {
  if (s.exit) return s.exit.exitCode === 0 ? 'finished' : 'failed';
  const threshold = s.thresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
  if (s.lastActivity === undefined || !Number.isFinite(s.lastActivity)) return 'crashed';
  return s.now - s.lastActivity <= threshold ? 'running' : 'crashed';
}
