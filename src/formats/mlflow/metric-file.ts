/**
 * One metric file of the MLflow file store (`metrics/<key>`): one line per logged value,
 * `<timestamp_ms> <value> <step>`, where an older writer left out the step (then it is 0).
 * Values are Python float reprs: `0.5`, `1e-05`, `nan`, `inf`, `-inf`.
 */

export interface MlflowMetricPoint {
  /** Epoch ms. */
  time: number;
  value: number;
  step: number;
}

export interface ParsedMetricFile {
  points: MlflowMetricPoint[];
  warnings: string[];
}

/** Parses a Python float repr (and Java/JS spellings of the special values). */
export function parseMlflowNumber(text: string): number {
  switch (text.toLowerCase()) {
    case 'nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return NaN;
  return Number(text);
}

const isNumberText = (t: string) =>
  /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) || /^[+-]?(nan|inf|infinity)$/i.test(t);

/** Parses the text of a metric file; lines that are not `<ts> <value> [<step>]` become warnings. */
export function parseMetricFile(text: string, key = 'metric'): ParsedMetricFile {
  const points: MlflowMetricPoint[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  const warnings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    // A last line without its line end may be half written (a live run): with two fields it could
    // be a three-field line cut before its step, so it waits for the next read.
    if (i === lines.length - 1 && parts.length < 3) {
      warnings.push(`Metric ${key}: the last line has no line end yet; it was left for the next read.`);
      continue;
    }
    const [ts, value, step] = parts;
    const ok =
      (parts.length === 2 || parts.length === 3) &&
      /^-?\d+$/.test(ts!) &&
      isNumberText(value!) &&
      (step === undefined || /^-?\d+$/.test(step));
    if (!ok) {
      bad.push(i + 1);
      continue;
    }
    points.push({ time: Number(ts), value: parseMlflowNumber(value!), step: step === undefined ? 0 : Number(step) });
  }
  if (bad.length) {
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? `, … (${bad.length} in all)` : '');
    warnings.push(
      `Metric ${key}: skipped ${bad.length} unreadable line${bad.length === 1 ? '' : 's'} (line ${shown}).`,
    );
  }
  return { points, warnings };
}
