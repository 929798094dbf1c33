/**
 * Series labels from a template: `${run}` (run name, else id), `${id}`, `${metric}`, and any value
 * from the run, e.g. `${config.lr}` or `${summary.best/acc}`. Unknown names become an empty string;
 * the result is plain text (shown through lit bindings, never as HTML).
 */
import type { JsonValue, RunInfo } from '../../data/source.js';

export interface LegendContext {
  runId: string;
  metric: string;
  run?: RunInfo;
}

/** The label template used when the element names none. */
export function defaultLegendTemplate(runCount: number, metricCount: number): string {
  if (runCount > 1 && metricCount > 1) return '${run} ${metric}';
  if (runCount > 1) return '${run}';
  return '${metric}';
}

function lookup(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(record, part)) return undefined;
    node = record[part];
  }
  return node;
}

/** A value from the run as text: strings as they are, numbers and objects as JSON. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // W&B configs wrap values as {value: …, desc: …}
  if (typeof v === 'object' && !Array.isArray(v) && 'value' in (v as object))
    return text((v as { value: JsonValue }).value);
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

export function expandLegend(template: string, c: LegendContext): string {
  return template
    .replace(/\$\{\s*([^}]*?)\s*\}/g, (_, name: string) => {
      if (name === 'run') return c.run?.name || c.runId;
      if (name === 'id') return c.runId;
      if (name === 'metric') return c.metric;
      return text(lookup(c.run, name));
    })
    .trim();
}
