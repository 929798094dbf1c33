/** Order statistics of benchmark samples. */

function sorted(values) {
  return values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(values, p) {
  const s = sorted(values);
  if (s.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  const s = sorted(values);
  if (s.length === 0) return undefined;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** { median, min, max, n } of a list of samples. */
export function summary(values) {
  const s = sorted(values);
  return { median: median(s), min: s[0], max: s[s.length - 1], n: s.length };
}

/** Summary of one statistic (e.g. p95) taken over several runs: median of the runs, with min and max. */
export function overRuns(runs, stat) {
  return summary(runs.map(stat));
}
