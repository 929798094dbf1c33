/**
 * What a comparison shows besides charts: the config keys whose values differ between the runs,
 * the summaries side by side, and which metrics to chart first. No DOM here.
 */
import type { JsonValue, MetricInfo, RunRef } from '../../data/source.js';
import { toRow, valueText } from '../run-table/run-rows.js';

export interface CompareRow {
  key: string;
  /** One per compared run, in order; undefined where the run has no such key. */
  values: (JsonValue | undefined)[];
  /** Not every run has the same value. */
  differs: boolean;
}

/** Rows of `config.*` or `summary.*` keys (without the prefix), sorted by key. */
export function compareValues(refs: readonly RunRef[], prefix: 'config' | 'summary'): CompareRow[] {
  const flat = refs.map((r) => toRow(r).values);
  const keys = new Set<string>();
  for (const m of flat) for (const k of m.keys()) if (k.startsWith(`${prefix}.`)) keys.add(k);
  return [...keys]
    .sort((a, b) => a.localeCompare(b))
    .map((k) => {
      const values = flat.map((m) => m.get(k));
      const first = valueText(values[0]) + (values[0] === undefined ? '\u0000' : '');
      const differs = values.some((v) => valueText(v) + (v === undefined ? '\u0000' : '') !== first);
      return { key: k.slice(prefix.length + 1), values, differs };
    });
}

export interface MetricChoice {
  key: string;
  /** How many of the compared runs logged it. */
  runs: number;
  order: number;
}

/** Training metrics of the runs, those most runs share first, then in logged order. */
export function metricChoices(lists: readonly (readonly MetricInfo[])[]): MetricChoice[] {
  const byKey = new Map<string, MetricChoice>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((m, i) => {
      if (!m || typeof m.key !== 'string' || m.group === 'system') return;
      const c = byKey.get(m.key);
      const order = typeof m.order === 'number' ? m.order : i;
      if (c) {
        c.runs++;
        c.order = Math.min(c.order, order);
      } else byKey.set(m.key, { key: m.key, runs: 1, order });
    });
  }
  return [...byKey.values()].sort((a, b) => b.runs - a.runs || a.order - b.order || a.key.localeCompare(b.key));
}

/** Metrics charted when the user chose none: up to `n` shared by the most runs, skipping `_`-prefixed bookkeeping. */
export function defaultMetrics(choices: readonly MetricChoice[], n = 4): string[] {
  return choices
    .filter((c) => !c.key.startsWith('_'))
    .slice(0, n)
    .map((c) => c.key);
}
