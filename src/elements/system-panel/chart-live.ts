/**
 * What a system chart's source does with live events: loaded with the first event, since most
 * runs shown have ended. A metrics event is handed on with this chart's lines renamed and
 * converted; a counter's new raw point becomes the rate since the previous raw point (known from
 * the stream or from the last fetch), computed as `rateOf` does (a reset reads as a restart from
 * zero). When there is no previous point yet, the point is handed on without a place on the axis
 * (NaN step and time): the chart then fetches again, and the rate comes from the raw data like
 * every other point.
 */
import type { MetricPoint, RunEvent } from '../../data/source.js';
import type { LiveLines } from './chart-line.js';

/** `e` as this chart's lines see it, or undefined when it has no point of theirs. */
export function chartEvent(chart: LiveLines, runId: string, e: RunEvent): RunEvent | undefined {
  if (e.type !== 'metrics') return e;
  const points: MetricPoint[] = [];
  for (const p of Array.isArray(e.points) ? e.points : []) {
    if (!p || !chart.keys.has(p.key)) continue;
    chart.invalidate();
    const rate = chart.lines.some((l) => l.key === p.key && l.derive === 'rate')
      ? liveRate(chart, runId, p)
      : undefined;
    for (const line of chart.lines) {
      if (line.key !== p.key) continue;
      const factor = line.scale / line.divisor;
      if (line.derive !== 'rate') points.push({ ...p, key: line.alias, value: Number(p.value) * factor });
      else if (rate === undefined) points.push({ key: line.alias, step: NaN, time: NaN, value: NaN });
      else points.push({ ...p, key: line.alias, value: rate * factor });
    }
  }
  return points.length > 0 ? { type: 'metrics', group: e.group, points } : undefined;
}

/** The rate per second up to live point `p` (NaN for a gap), or undefined without a previous point. */
function liveRate(chart: LiveLines, runId: string, p: MetricPoint): number | undefined {
  const id = `${runId}\u0000${p.key}`;
  const time = Number(p.time);
  const value = Number(p.value);
  const base = chart.bases.get(id);
  if (!Number.isFinite(time)) return undefined;
  if (!Number.isFinite(value)) return base ? NaN : undefined;
  chart.bases.set(id, { time, value });
  if (!base || !(time > base.time)) return undefined;
  const increase = value - base.value;
  return (increase < 0 ? Math.max(0, value) : increase) / ((time - base.time) / 1000);
}
