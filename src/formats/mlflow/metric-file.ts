/**
 * One metric file of the MLflow file store (`metrics/<key>`): one line per logged value,
 * `<timestamp_ms> <value> <step>`, where an older writer left out the step (then it is 0).
 * Values are Python float reprs: `0.5`, `1e-05`, `nan`, `inf`, `-inf`.
 */
import { GrowableColumn } from '../../data/growable.js';
import { exactDecimal } from '../common/ascii-number.js';

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

/** The columns of a metric file, in line order; `time` in epoch ms. */
export interface MetricColumns {
  step: Float64Array;
  value: Float64Array;
  time: Float64Array;
  warnings: string[];
}

/** Parses the text of a metric file; lines that are not `<ts> <value> [<step>]` become warnings. */
export function parseMetricFile(text: string, key = 'metric'): ParsedMetricFile {
  const c = parseMetricColumns(text, key);
  const points: MlflowMetricPoint[] = [];
  for (let i = 0; i < c.value.length; i++) points.push({ time: c.time[i]!, value: c.value[i]!, step: c.step[i]! });
  return { points, warnings: c.warnings };
}

/**
 * `parseMetricFile` straight into columns, scanning the text once without a string per line or
 * field (a metric logged every step of a long run has millions of lines).
 */
export function parseMetricColumns(text: string, key = 'metric'): MetricColumns {
  const time = new GrowableColumn();
  const value = new GrowableColumn();
  const step = new GrowableColumn();
  const bad: number[] = [];
  const warnings: string[] = [];
  /** Start and end of the first three fields of the line. */
  const at = [0, 0, 0, 0, 0, 0];
  const length = text.length;
  let line = 0;
  let pos = 0;
  while (pos <= length) {
    let end = text.indexOf('\n', pos);
    const last = end < 0;
    if (last) end = length;
    line++;
    let fields = 0;
    for (let i = pos; i < end;) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const start = i;
      while (i < end && !isSpace(text.charCodeAt(i))) i++;
      if (fields < 3) {
        at[2 * fields] = start;
        at[2 * fields + 1] = i;
      }
      fields++;
    }
    pos = end + 1;
    if (fields === 0) continue;
    // A last line without its line end may be half written (a live run): with two fields it could
    // be a three-field line cut before its step, so it waits for the next read.
    if (last && fields < 3) {
      warnings.push(`Metric ${key}: the last line has no line end yet; it was left for the next read.`);
      continue;
    }
    const ts = fields === 2 || fields === 3 ? integerAt(text, at[0]!, at[1]!) : undefined;
    const v = ts === undefined ? undefined : numberAt(text, at[2]!, at[3]!);
    const st = v === undefined ? undefined : fields === 3 ? integerAt(text, at[4]!, at[5]!) : 0;
    if (st === undefined) {
      bad.push(line);
      continue;
    }
    time.push(ts!);
    value.push(v!);
    step.push(st);
  }
  if (bad.length) {
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? `, … (${bad.length} in all)` : '');
    warnings.push(
      `Metric ${key}: skipped ${bad.length} unreadable line${bad.length === 1 ? '' : 's'} (line ${shown}).`,
    );
  }
  return { step: step.view().slice(), value: value.view().slice(), time: time.view().slice(), warnings };
}

/** What `\\s` matches (String.prototype.trim and the line's field splits). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** `-?\\d+` in `text[start, end)`, as `Number` reads it; undefined for anything else. */
function integerAt(text: string, start: number, end: number): number | undefined {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  if (i >= end) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  // Up to 15 digits the sum is exact; longer ones are rounded as Number rounds them.
  if (end - start > 15) return Number(text.slice(start, end));
  return text.charCodeAt(start) === 45 ? -v : v;
}

/**
 * A Python float repr (`[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?`, or nan / inf / infinity spellings)
 * in `text[start, end)`, equal to `parseMlflowNumber`; undefined when it is not one. What
 * `exactDecimal` cannot compute exactly goes to `Number`.
 */
function numberAt(text: string, start: number, end: number): number | undefined {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  let digits = 0;
  let mantissa = 0;
  let scale = 0;
  while (i < end && c >= 48 && c <= 57) {
    digits++;
    mantissa = mantissa * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  if (i < end && c === 46) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      digits++;
      scale--;
      mantissa = mantissa * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) {
    const word = text.slice(start, end);
    return /^[+-]?(nan|inf|infinity)$/i.test(word) ? parseMlflowNumber(word) : undefined;
  }
  if (i < end && (c === 101 || c === 69)) {
    c = text.charCodeAt(++i);
    const negativeExp = c === 45;
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let expDigits = 0;
    let exp = 0;
    while (i < end && c >= 48 && c <= 57) {
      expDigits++;
      exp = exp * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    if (expDigits === 0) return undefined;
    scale += negativeExp ? -exp : exp;
  }
  if (i !== end) return undefined;
  const v = exactDecimal(mantissa, scale, negative);
  return Number.isNaN(v) ? Number(text.slice(start, end)) : v;
}
