/** What the server's own API says about a run: the figures the page must agree with. */
import type { MetricInfo, RunInfo, RunRef } from '../../../src/data/source.js';

export interface RunFacts {
  info: RunInfo;
  metrics: MetricInfo[];
  /** Lines in the run's console log. */
  logTotal: number;
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, base));
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

export const listRuns = (base: string): Promise<RunRef[]> => getJson(base, 'api/runs');

export async function runFacts(base: string, id: string): Promise<RunFacts> {
  const run = `api/runs/${encodeURIComponent(id)}`;
  const [info, metrics, logs] = await Promise.all([
    getJson<RunInfo>(base, run),
    getJson<MetricInfo[]>(base, `${run}/metrics`),
    getJson<{ total: number }>(base, `${run}/logs?start=0&count=0`),
  ]);
  return { info, metrics, logTotal: logs.total };
}

/** The raw-point count the API gives for a key (0 when the run has no such metric). */
export function countOf(facts: RunFacts, key: string): number {
  return facts.metrics.find((m) => m.key === key)?.count ?? 0;
}
