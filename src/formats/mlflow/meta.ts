/**
 * The `meta.yaml` files of the MLflow file store: one per experiment (`<exp_id>/meta.yaml`) and
 * one per run (`<exp_id>/<run_id>/meta.yaml`), and MLflow's run statuses mapped to ours.
 */
import { parse as parseYaml } from 'yaml';
import type { RunState } from '../../data/source.js';

export interface MlflowExperimentMeta {
  experimentId: string;
  name?: string;
  artifactLocation?: string;
  lifecycleStage?: string;
  creationTime?: number;
  lastUpdateTime?: number;
}

export interface MlflowRunMeta {
  runId: string;
  experimentId?: string;
  runName?: string;
  /** The MLflow status name (`RUNNING`, `FINISHED`, …), from the integer or name in the file. */
  status?: MlflowStatus;
  startTime?: number;
  endTime?: number;
  userId?: string;
  lifecycleStage?: string;
  artifactUri?: string;
}

export type MlflowStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** `mlflow.entities.RunStatus` integers as the file store writes them. */
const STATUS_BY_NUMBER: Record<number, MlflowStatus> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};

const STATE_BY_STATUS: Record<MlflowStatus, RunState> = {
  RUNNING: 'running',
  SCHEDULED: 'pending',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'killed',
};

/** Our run state for an MLflow status (integer from the file store or name from the REST API). */
export function mlflowState(status: unknown): RunState | undefined {
  const name = normalizeStatus(status);
  return name ? STATE_BY_STATUS[name] : undefined;
}

export function normalizeStatus(status: unknown): MlflowStatus | undefined {
  if (typeof status === 'number') return STATUS_BY_NUMBER[status];
  if (typeof status === 'string') {
    const upper = status.trim().toUpperCase();
    if (/^\d+$/.test(upper)) return STATUS_BY_NUMBER[Number(upper)];
    if (upper in STATE_BY_STATUS) return upper as MlflowStatus;
  }
  return undefined;
}

type Parsed<T> = { value?: T; warning?: string };

function parseMapping(text: string, what: string): Parsed<Record<string, unknown>> {
  let doc: unknown;
  try {
    // Failsafe schema: every scalar stays a string, so a run id of digits never becomes a number.
    doc = parseYaml(text, { prettyErrors: false, maxAliasCount: 100, schema: 'failsafe' });
  } catch (e) {
    return { warning: `${what} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return { warning: `${what} does not hold a mapping.` };
  return { value: doc as Record<string, unknown> };
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function parseExperimentMeta(text: string, what = 'meta.yaml'): Parsed<MlflowExperimentMeta> {
  const { value: m, warning } = parseMapping(text, what);
  if (!m) return { warning };
  const experimentId = str(m['experiment_id']);
  if (experimentId === undefined) return { warning: `${what} has no experiment_id.` };
  return {
    value: defined({
      experimentId,
      name: str(m['name']),
      artifactLocation: str(m['artifact_location']),
      lifecycleStage: str(m['lifecycle_stage']),
      creationTime: num(m['creation_time']),
      lastUpdateTime: num(m['last_update_time']),
    }),
  };
}

export function parseRunMeta(text: string, what = 'meta.yaml'): Parsed<MlflowRunMeta> {
  const { value: m, warning } = parseMapping(text, what);
  if (!m) return { warning };
  const runId = str(m['run_id']) ?? str(m['run_uuid']);
  if (runId === undefined) return { warning: `${what} has no run_id.` };
  const status = normalizeStatus(m['status']);
  return {
    value: defined({
      runId,
      experimentId: str(m['experiment_id']),
      runName: str(m['run_name']) || undefined,
      status,
      startTime: num(m['start_time']),
      endTime: num(m['end_time']),
      userId: str(m['user_id']) || undefined,
      lifecycleStage: str(m['lifecycle_stage']),
      artifactUri: str(m['artifact_uri']),
    }),
    warning:
      m['status'] !== undefined && status === undefined
        ? `${what}: unknown status ${JSON.stringify(m['status'])}.`
        : undefined,
  };
}
