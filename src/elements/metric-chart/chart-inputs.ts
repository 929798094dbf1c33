/** What the chart's attributes ask for, read once into plain values: keys, runs, smoothing, the request. */
import { isActiveSmoothing, SMOOTHING_KINDS, type Smoothing, type SmoothingKind } from '../../data/source.js';
import { defaultLegendTemplate } from './legend-template.js';

export function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

const DEFAULT_WEIGHTS: Record<SmoothingKind, number> = { none: 0, ema: 0.6, twema: 0.6, average: 10, gaussian: 3 };

/** The metric keys: `metrics` (without blanks and repeats), else `metric`. */
export function chartKeys(metrics: readonly string[] | undefined, metric: string | undefined): string[] {
  if (metrics && metrics.length > 0) return [...new Set(metrics.filter((k) => typeof k === 'string' && k !== ''))];
  return metric ? [metric] : [];
}

/** The runs: `runs` (without repeats), else the element's run. */
export function chartRunIds(runs: readonly string[] | undefined, runId: string | undefined): string[] {
  if (runs && runs.length > 0) return [...new Set(runs)];
  return runId ? [runId] : [];
}

/** The smoothing to ask for, or undefined when the settings smooth nothing. */
export function smoothingOf(kind: SmoothingKind, weight: number | undefined): Smoothing | undefined {
  const k = SMOOTHING_KINDS.includes(kind) ? kind : 'none';
  if (k === 'none') return undefined;
  const s = { kind: k, weight: finite(weight) ? weight : DEFAULT_WEIGHTS[k] };
  return isActiveSmoothing(s) ? s : undefined;
}

/** The full x view asked for with `x-min`/`x-max`, open ends as far as numbers go. */
export function fullQueryRange(xMin: number | undefined, xMax: number | undefined): [number, number] | undefined {
  if (!finite(xMin) && !finite(xMax)) return undefined;
  return [finite(xMin) ? xMin : -Number.MAX_VALUE, finite(xMax) ? xMax : Number.MAX_VALUE];
}

/** The legend template in effect. */
export function legendTemplate(legend: string | undefined, runs: number, keys: number): string {
  return legend || defaultLegendTemplate(runs, keys);
}

/** Whether labels name values of the run (`${config.lr}`), read by run-values.ts. */
export function templateNamesRunValues(template: string): boolean {
  return /\$\{\s*(?!(?:metric|id|run)\s*\})/.test(template);
}

/** Whether labels name more than the metric and id (and so need the runs' infos). */
export function templateNeedsRun(template: string): boolean {
  return /\$\{\s*(?!(?:metric|id)\s*\})/.test(template);
}
