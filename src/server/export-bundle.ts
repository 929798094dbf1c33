/**
 * `runpage export`: one read run as a static `.runpage.json` bundle. Each chosen metric is cut to
 * the point budget with M4 over its steps (so every spike survives), keeping the time and runtime
 * of the points kept; console logs and the file list (names and sizes, no contents) are optional.
 */
import type { MemoryMetric, MemoryRun } from '../data/memory-source.js';
import { downsample } from '../data/downsample.js';
import { runsToBundle } from '../data/bundle.js';
import { globToRegExp } from '../data/glob.js';

export interface ExportOptions {
  /** Comma-separated globs of metric keys (`*` within a path segment, `**` across, `?` one character). Default: all. */
  metrics?: string;
  /** Most points per metric. Default 5000. */
  maxPoints?: number;
  logs?: boolean;
  /** The file list: names and sizes, or (`'contents'`) with the bytes each file carries. */
  files?: boolean | 'contents';
}

export const DEFAULT_MAX_POINTS = 5000;

export function exportBundle(run: MemoryRun, o: ExportOptions = {}): ReturnType<typeof runsToBundle> {
  const budget = Math.max(4, Math.floor(o.maxPoints ?? DEFAULT_MAX_POINTS));
  const match = o.metrics ? globMatcher(o.metrics) : () => true;
  const warnings: string[] = [];
  const metrics = (run.metrics ?? []).filter((m) => match(m.key)).map((m) => downsampleMetric(m, budget, warnings));
  const info = { ...run.info };
  if (warnings.length) info.warnings = [...(info.warnings ?? []), ...warnings];
  const out: MemoryRun = { info, metrics };
  if (o.logs && run.logs) out.logs = run.logs;
  if (o.files === 'contents' && run.files) out.files = run.files.map(({ url: _url, ...f }) => f);
  else if (o.files && run.files)
    out.files = run.files.map((f) => ({ path: f.path, size: f.size, modified: f.modified, mime: f.mime }));
  if (run.artifacts) out.artifacts = run.artifacts;
  if (run.model) out.model = run.model;
  return runsToBundle([out]);
}

/** A metric with at most `budget` points: M4 over its steps, keeping each kept point's columns together. */
export function downsampleMetric(m: MemoryMetric, budget: number, warnings: string[]): MemoryMetric {
  const n = Math.min(m.step.length, m.value.length);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(m.step[i])) order.push(i);
  if (order.length < n)
    warnings.push(`Export: ${n - order.length} points of ${m.key} have no usable step and were left out.`);
  order.sort((a, b) => m.step[a] - m.step[b] || a - b);
  const x = Float64Array.from(order, (i) => m.step[i]);
  const y = Float64Array.from(order, (i) => m.value[i]);

  let kept: number[];
  if (x.length <= budget) kept = order;
  else {
    // M4 keeps 2 to 5 points per pixel column, depending on the data: find the most columns that fit.
    let lo = 1;
    let hi = budget;
    let picked = downsample(x, y, { points: 1 });
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const attempt = downsample(x, y, { points: mid });
      if (attempt.x.length <= budget) {
        picked = attempt;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    kept = matchIndexes(x, y, picked.x, picked.y).map((k) => order[k]);
  }
  const pick = (col: ArrayLike<number> | undefined) => (col ? kept.map((i) => col[i]) : undefined);
  const out: MemoryMetric = { key: m.key, step: pick(m.step)!, value: pick(m.value)! };
  if (m.group) out.group = m.group;
  const time = pick(m.time);
  if (time) out.time = time;
  const runtime = pick(m.runtime);
  if (runtime) out.runtime = runtime;
  return out;
}

/** Positions in (x, y) of the points (px, py), which M4 took from it in order. */
function matchIndexes(x: Float64Array, y: Float64Array, px: Float64Array, py: Float64Array): number[] {
  const out: number[] = [];
  let i = 0;
  for (let k = 0; k < px.length && i < x.length; k++) {
    while (i < x.length && !(x[i] === px[k] && Object.is(y[i], py[k]))) i++;
    if (i < x.length) out.push(i++);
  }
  return out;
}

/** `train/*,system.gpu.**` → a test of metric keys. */
export function globMatcher(globs: string): (key: string) => boolean {
  const res = globs
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '')
    .map((g) => globToRegExp(g, { separator: '/' }));
  return (key) => res.some((re) => re.test(key));
}
