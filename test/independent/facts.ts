/**
 * The neutral shape every independent reader produces for one run, and the helpers they share.
 * Times are epoch milliseconds, durations seconds (as in the project's contract, so values line up,
 * but nothing here comes from the project's code).
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './json.js';

export type State = 'running' | 'finished' | 'failed' | 'crashed' | 'killed' | 'pending' | 'unknown';

/**
 * How long a run may stay silent and still count as running. The data's own timestamps decide,
 * never file modification times (a fresh copy or checkout of old runs would look alive).
 */
export const SILENCE_MS = 5 * 60_000;

export interface Point {
  /** Absent for system metrics, which have no step. */
  step?: number;
  value: number;
  /** Epoch ms the point was logged, where the format says. */
  time?: number;
}

export interface MetricFacts {
  key: string;
  group: 'history' | 'system';
  /** In the order the file holds them. */
  points: Point[];
}

export interface ConsoleLine {
  text: string;
  /** Absent where the source does not say (W&B `files/output.log` mixes both streams). */
  stream?: 'stdout' | 'stderr';
}

export interface Gpu {
  name: string;
  memoryBytes?: number;
}

export interface Hardware {
  cpuCount?: number;
  cpuCountLogical?: number;
  memoryBytes?: number;
  gpus: Gpu[];
}

export interface RunFacts {
  format: 'wandb' | 'tfevents' | 'mlflow';
  state: State;
  /** The rule that decided `state`, in words, for the failure message. */
  stateWhy: string;
  exitCode?: number;
  startedAt?: number;
  endedAt?: number;
  runtime?: number;
  metrics: Map<string, MetricFacts>;
  console: ConsoleLine[];
  config: { [key: string]: Json };
  summary: { [key: string]: Json };
  /** Every regular file the run shows, by `/`-separated path from its files root. */
  files: Map<string, Uint8Array>;
  /** Symbolic links under the files root, by path: listed, never followed. */
  links: Set<string>;
  hardware?: Hardware;
  /** What the reader met that the comparison does not check (cut files, files named but absent). */
  notes: string[];
}

export function emptyFacts(format: RunFacts['format']): RunFacts {
  return {
    format,
    state: 'unknown',
    stateWhy: '',
    metrics: new Map(),
    console: [],
    config: {},
    summary: {},
    files: new Map(),
    links: new Set(),
    notes: [],
  };
}

/** Appends a point to `key`, creating the metric on first sight. */
export function addPoint(facts: RunFacts, key: string, group: MetricFacts['group'], point: Point): void {
  let m = facts.metrics.get(key);
  if (!m) facts.metrics.set(key, (m = { key, group, points: [] }));
  m.points.push(point);
}

/** Every file under `root`, read whole; links are recorded, not followed. */
export function readTree(root: string, facts: RunFacts, prefix = ''): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // no such folder: the run shows no files
  }
  for (const name of names.sort()) {
    const path = join(root, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      facts.links.add(rel);
      facts.notes.push(`${rel} is a link to ${readlinkSync(path)}`);
    } else if (stat.isDirectory()) readTree(path, facts, rel);
    else if (stat.isFile()) facts.files.set(rel, readFileSync(path));
  }
}

/** A `now`-relative decision shared by every format: still writing, or gone quiet. */
export function isSilent(lastSeen: number | undefined, now: number): boolean {
  return lastSeen === undefined || now - lastSeen >= SILENCE_MS;
}
