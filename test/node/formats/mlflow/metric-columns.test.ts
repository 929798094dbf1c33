/**
 * The metric-file scanner (one pass, straight into columns) against an independent reader that
 * follows MLflow's own `_get_metric_from_line`: strip, split on blanks, two or three parts,
 * `int(ts)`, `float(value)`, `int(step)` (0 when absent). Lines are generated at random from the
 * spellings Python writes and from damaged ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricColumns } from '../../../../src/formats/mlflow/metric-file.js';

/** Python's float() on the spellings that reach a metric file; undefined where it raises. */
function pythonFloat(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function reference(text: string): { step: number[]; value: number[]; time: number[]; bad: number[] } {
  const out = { step: [] as number[], value: [] as number[], time: [] as number[], bad: [] as number[] };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split(/\s+/);
    if (i === lines.length - 1 && parts.length < 3) return; // no line end yet: waits
    const [ts, v, st] = parts;
    const value = v === undefined ? undefined : pythonFloat(v);
    const ok =
      (parts.length === 2 || parts.length === 3) &&
      /^-?\d+$/.test(ts!) &&
      value !== undefined &&
      (st === undefined || /^-?\d+$/.test(st));
    if (!ok) {
      out.bad.push(i + 1);
      return;
    }
    out.time.push(Number(ts));
    out.value.push(value);
    out.step.push(st === undefined ? 0 : Number(st));
  });
  return out;
}

const VALUES = [
  '0.5',
  '1e-05',
  '-3.25e+02',
  '1.7976931348623157e+308',
  '5e-324',
  '0.1',
  '0.30000000000000004',
  '12345678901234567890',
  '123456789.123456789',
  '-0.0',
  '.5',
  '5.',
  '+2',
  'nan',
  'NaN',
  '-nan',
  'inf',
  '-inf',
  'Infinity',
  '1e400',
  '9007199254740993',
  '0.6931471805599453',
  '1E5',
  'e5',
  '.',
  '1.2.3',
  '0x10',
  '',
  'None',
  '1e',
  '--1',
  '1_000',
];
const INTS = ['0', '7', '-1', '1600000000000', '9007199254740993', '12345678901234567890', '1.0', 'x', '', '-'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('the scanner reads every line as MLflow does: values, steps, times and skipped lines', () => {
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  for (let round = 0; round < 300; round++) {
    const lines: string[] = [];
    const count = 1 + Math.floor(r() * 12);
    for (let i = 0; i < count; i++) {
      const kind = r();
      const sep = pick([' ', ' ', ' ', '  ', '\t', ' \u00a0']);
      if (kind < 0.1) lines.push('');
      else if (kind < 0.2) lines.push(`${pick(INTS)}${sep}${pick(VALUES)}`);
      else if (kind < 0.25) lines.push(`${pick(INTS)} ${pick(VALUES)} ${pick(INTS)} extra`);
      else lines.push(`${pick(INTS)}${sep}${pick(VALUES)}${sep}${pick(INTS)}${pick(['', '', '\r', ' '])}`);
    }
    const text = lines.join('\n') + (r() < 0.7 ? '\n' : '');
    const want = reference(text);
    const got = parseMetricColumns(text, 'm');
    assert.deepEqual(
      { step: Array.from(got.step), value: Array.from(got.value), time: Array.from(got.time) },
      { step: want.step, value: want.value, time: want.time },
      JSON.stringify(text),
    );
    const skipped = got.warnings.find((w) => w.includes('unreadable'));
    if (want.bad.length === 0) assert.equal(skipped, undefined, JSON.stringify(text));
    else
      assert.match(
        skipped!,
        new RegExp(`skipped ${want.bad.length} unreadable line.* \\(line ${want.bad.slice(0, 5).join(', ')}`),
      );
  }
});
