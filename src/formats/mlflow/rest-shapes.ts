/**
 * The MLflow REST API's JSON shapes (fields as the API documents them, every one optional: a
 * server may send less, or something else) and the small conversions MlflowSource makes of them.
 */
import { SourceError } from '../../data/errors.js';
import { toNumber } from './rest-client.js';

export interface KeyValue {
  key?: string;
  value?: string;
}
export interface ApiMetric {
  key?: string;
  value?: number | string;
  timestamp?: number | string;
  step?: number | string;
  run_id?: string;
}
export interface ApiRunInfo {
  run_id?: string;
  run_uuid?: string;
  run_name?: string;
  experiment_id?: string;
  user_id?: string;
  status?: string;
  start_time?: number | string;
  end_time?: number | string;
  artifact_uri?: string;
  lifecycle_stage?: string;
}
export interface ApiRun {
  info?: ApiRunInfo;
  data?: { metrics?: ApiMetric[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: unknown;
}
export interface ApiFile {
  path?: string;
  is_dir?: boolean;
  file_size?: number | string;
}

export interface Point {
  step: number;
  value: number;
  time: number;
}

export interface History {
  points: Point[];
  /** Every raw point of the step range is present. */
  complete: boolean;
}

export function toPoint(m: ApiMetric): Point {
  return { step: toNumber(m.step ?? 0), value: toNumber(m.value), time: toNumber(m.timestamp) };
}

export function isObject<T>(v: T): v is T & object {
  return typeof v === 'object' && v !== null;
}

/** The array a field should hold, or none when a server sent something else. */
export function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

export function keyValues(items: KeyValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list(items))
    if (typeof kv?.key === 'string') out[kv.key] = typeof kv.value === 'string' ? kv.value : String(kv.value ?? '');
  return out;
}

/** A relative artifact path without empty or `.` segments; `..` is refused. */
export function normalizePath(path: string): string {
  const parts = String(path ?? '')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.includes('..') || parts.some((p) => p.includes('\0'))) {
    throw new SourceError('invalid-data', `The path ${JSON.stringify(path)} leaves the run's artifacts.`);
  }
  return parts.join('/');
}
