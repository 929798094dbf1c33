/**
 * Series labels from a template: `${run}` (run name, else id), `${id}`, `${metric}`, and any value
 * from the run, e.g. `${config.lr}` or `${summary.best/acc}`. Unknown names become an empty string;
 * the result is plain text (shown through lit bindings, never as HTML).
 */
import type { RunInfo } from '../../data/source.js';

export interface LegendContext {
  runId: string;
  metric: string;
  run?: RunInfo;
  /**
   * A value of the run by its path (`config.lr`) as text: `runValue` of run-values.ts, which loads
   * with the run infos (a label naming only the metric needs neither). Without it, such names are empty.
   */
  runValue?: (run: RunInfo | undefined, path: string) => string;
}

/** The label template used when the element names none. */
export function defaultLegendTemplate(runCount: number, metricCount: number): string {
  if (runCount > 1 && metricCount > 1) return '${run} ${metric}';
  if (runCount > 1) return '${run}';
  return '${metric}';
}

export function expandLegend(template: string, c: LegendContext): string {
  return template
    .replace(/\$\{\s*([^}]*?)\s*\}/g, (_, name: string) => {
      if (name === 'run') return c.run?.name || c.runId;
      if (name === 'id') return c.runId;
      if (name === 'metric') return c.metric;
      return c.runValue?.(c.run, name) ?? '';
    })
    .trim();
}
