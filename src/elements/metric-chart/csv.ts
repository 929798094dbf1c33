/** CSV of series points (RFC 4180 quoting), one row per point: run, metric, x, value. */
import type { Series } from '../../data/source.js';

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}

/** `xName` heads the x column (`step`, `runtime`…); rows keep each series' x order. */
export function seriesToCsv(series: readonly Series[], xName: string): string {
  const lines = [['run', 'metric', xName, 'value'].map(field).join(',')];
  for (const s of series) {
    const run = field(s.runId);
    const key = field(s.key);
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) lines.push(`${run},${key},${num(s.x[i])},${num(s.y[i])}`);
  }
  return lines.join('\r\n') + '\r\n';
}
