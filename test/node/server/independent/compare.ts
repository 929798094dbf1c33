/**
 * Compares what the server answers about one run with the independent reader's facts, field by
 * field, and lists every difference as (field, expected, got). Nothing here decides which side is
 * right: the facts are the expectation, and a difference is reported, never smoothed over.
 */
import type { Json } from '../../../independent/json.js';
import type { Hardware, MetricFacts, Point, RunFacts } from '../../../independent/facts.js';
import type { ServerAnswers } from './server-answers.js';

export interface Mismatch {
  field: string;
  expected: string;
  got: string;
}

/** Times are computed (start + runtime, seconds × 1000) on both sides: equal within a millisecond. */
const TIME_TOLERANCE_MS = 1;
const RUNTIME_TOLERANCE_S = 0.001;
/** Per list (points of one metric, console lines, files): the first few differences, then a count. */
const DETAILS = 3;

interface ServedRun {
  state?: string;
  exitCode?: number;
  startedAt?: number;
  endedAt?: number;
  runtime?: number;
  config?: Record<string, Json>;
  summary?: Record<string, Json>;
  hardware?: Partial<Hardware>;
}

interface ServedMetric {
  key: string;
  group: string;
  count: number;
}

export async function compareRun(id: string, facts: RunFacts, server: ServerAnswers): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const run = `api/runs/${encodeURIComponent(id)}`;
  const info = await server.json<ServedRun>(run);
  compareRunInfo(facts, info, out);
  await compareMetrics(id, facts, await server.json<ServedMetric[]>(`${run}/metrics`), server, out);
  compareConsole(facts, await server.logs(id), out);
  compareJson('config', facts.config, info.config ?? {}, out);
  compareJson('summary', facts.summary, info.summary ?? {}, out);
  await compareFiles(id, facts, server, out);
  return out;
}

function compareRunInfo(facts: RunFacts, info: ServedRun, out: Mismatch[]): void {
  if (facts.state !== info.state)
    out.push({ field: 'state', expected: `${facts.state} (${facts.stateWhy})`, got: show(info.state) });
  if (facts.exitCode !== info.exitCode)
    out.push({ field: 'exitCode', expected: show(facts.exitCode), got: show(info.exitCode) });
  for (const field of ['startedAt', 'endedAt'] as const)
    if (!near(facts[field], info[field], TIME_TOLERANCE_MS))
      out.push({ field, expected: showTime(facts[field]), got: showTime(info[field]) });
  if (!near(facts.runtime, info.runtime, RUNTIME_TOLERANCE_S))
    out.push({ field: 'runtime', expected: show(facts.runtime), got: show(info.runtime) });
  compareHardware(facts.hardware, info.hardware, out);
}

function compareHardware(expected: Hardware | undefined, got: Partial<Hardware> | undefined, out: Mismatch[]): void {
  for (const field of ['cpuCount', 'cpuCountLogical', 'memoryBytes'] as const)
    if (expected?.[field] !== got?.[field])
      out.push({ field: `hardware.${field}`, expected: show(expected?.[field]), got: show(got?.[field]) });
  const gpus = (h: Partial<Hardware> | undefined) =>
    JSON.stringify((h?.gpus ?? []).map((g) => ({ name: g.name, memoryBytes: g.memoryBytes })));
  if (gpus(expected) !== gpus(got)) out.push({ field: 'hardware.gpus', expected: gpus(expected), got: gpus(got) });
}

async function compareMetrics(
  id: string,
  facts: RunFacts,
  served: ServedMetric[],
  server: ServerAnswers,
  out: Mismatch[],
): Promise<void> {
  const servedKeys = new Map(served.map((m) => [m.key, m]));
  for (const key of facts.metrics.keys())
    if (!servedKeys.has(key))
      out.push({ field: `metric ${key}`, expected: describe(facts.metrics.get(key)!), got: 'not listed' });
  for (const m of served)
    if (!facts.metrics.has(m.key))
      out.push({ field: `metric ${m.key}`, expected: 'no such metric', got: `${m.group}, ${m.count} points` });

  const common = [...facts.metrics.values()].filter((m) => servedKeys.has(m.key));
  for (const m of common) {
    const s = servedKeys.get(m.key)!;
    if (s.group !== m.group) out.push({ field: `metric ${m.key} group`, expected: m.group, got: s.group });
    if (s.count !== m.points.length)
      out.push({ field: `metric ${m.key} count`, expected: String(m.points.length), got: String(s.count) });
  }
  // History metrics by step; system metrics (no step) by the time they were sampled.
  for (const [group, x] of [
    ['history', 'step'],
    ['system', 'wallclock'],
  ] as const) {
    const metrics = common.filter((m) => m.group === group);
    const series = await server.series(
      id,
      metrics.map((m) => m.key),
      x,
    );
    for (const m of metrics) {
      const s = series.find((c) => c.key === m.key);
      if (!s) {
        out.push({ field: `metric ${m.key} series`, expected: `${m.points.length} points`, got: 'no series' });
        continue;
      }
      const expected = m.points.map((p) => pair(p, x));
      const got = [...s.x].map((v, i): [number | undefined, number] => [v, s.y[i]]);
      comparePoints(`metric ${m.key} (x=${x})`, expected, got, x === 'step' ? 0 : TIME_TOLERANCE_MS, out);
    }
  }
}

function pair(p: Point, x: 'step' | 'wallclock'): [number | undefined, number] {
  return [x === 'step' ? p.step : p.time, p.value];
}

/** Both sides sorted by (x, value bits), then compared point by point: x within `tolerance`, y bit for bit. */
function comparePoints(
  field: string,
  expected: [number | undefined, number][],
  got: [number | undefined, number][],
  tolerance: number,
  out: Mismatch[],
): void {
  const order = (a: [number | undefined, number], b: [number | undefined, number]) =>
    (a[0] ?? 0) - (b[0] ?? 0) || (bits(a[1]) < bits(b[1]) ? -1 : bits(a[1]) > bits(b[1]) ? 1 : 0);
  const e = [...expected].sort(order);
  const g = [...got].sort(order);
  if (e.length !== g.length) out.push({ field: `${field} points`, expected: String(e.length), got: String(g.length) });
  let shown = 0;
  let differing = 0;
  for (let i = 0; i < Math.min(e.length, g.length); i++) {
    const xSame = e[i][0] === undefined || near(e[i][0], g[i][0], tolerance);
    if (xSame && sameFloat(e[i][1], g[i][1])) continue;
    differing++;
    if (shown++ < DETAILS) out.push({ field: `${field} point ${i}`, expected: showPoint(e[i]), got: showPoint(g[i]) });
  }
  if (differing > DETAILS)
    out.push({ field: `${field} points`, expected: 'all equal', got: `${differing} differ (first ${DETAILS} shown)` });
}

function compareConsole(facts: RunFacts, served: { text: string; stream: string }[], out: Mismatch[]): void {
  const e = facts.console;
  if (e.length !== served.length)
    out.push({ field: 'console lines', expected: String(e.length), got: String(served.length) });
  let shown = 0;
  let differing = 0;
  for (let i = 0; i < Math.min(e.length, served.length); i++) {
    const sameText = e[i].text === served[i].text;
    const sameStream = e[i].stream === undefined || e[i].stream === served[i].stream;
    if (sameText && sameStream) continue;
    differing++;
    if (shown++ < DETAILS)
      out.push({
        field: `console line ${i}`,
        expected: `${e[i].stream ?? 'either stream'} ${JSON.stringify(e[i].text)}`,
        got: `${served[i].stream} ${JSON.stringify(served[i].text)}`,
      });
  }
  if (differing > DETAILS)
    out.push({
      field: 'console',
      expected: 'every line equal',
      got: `${differing} lines differ (first ${DETAILS} shown)`,
    });
  if (served.length > e.length)
    out.push({
      field: `console line ${e.length}…`,
      expected: 'no more lines',
      got: JSON.stringify(served[e.length].text),
    });
  if (e.length > served.length)
    out.push({
      field: `console line ${served.length}…`,
      expected: JSON.stringify(e[served.length].text),
      got: 'no more lines',
    });
}

/** Deep equality of JSON values, numbers by bit pattern (NaN equals NaN); lists every differing path. */
function compareJson(field: string, expected: Json, got: Json, out: Mismatch[], path = ''): void {
  const here = path === '' ? field : `${field}${path}`;
  const isObject = (v: Json) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(expected) && isObject(got)) {
    const e = expected as Record<string, Json>;
    const g = got as Record<string, Json>;
    for (const k of new Set([...Object.keys(e), ...Object.keys(g)])) {
      const sub = `${path}.${k}`;
      if (!(k in g)) out.push({ field: `${field}${sub}`, expected: showJson(e[k]), got: 'absent' });
      else if (!(k in e)) out.push({ field: `${field}${sub}`, expected: 'absent', got: showJson(g[k]) });
      else compareJson(field, e[k], g[k], out, sub);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(got) && expected.length === got.length) {
    expected.forEach((v, i) => compareJson(field, v, got[i], out, `${path}[${i}]`));
    return;
  }
  const same =
    typeof expected === 'number' && typeof got === 'number'
      ? sameFloat(expected, got)
      : JSON.stringify(expected) === JSON.stringify(got);
  if (!same) out.push({ field: here, expected: showJson(expected), got: showJson(got) });
}

async function compareFiles(id: string, facts: RunFacts, server: ServerAnswers, out: Mismatch[]): Promise<void> {
  const served = await server.files(id);
  const servedPaths = new Map(served.map((f) => [f.path, f]));
  const expected = new Set([...facts.files.keys(), ...facts.links]);
  for (const path of expected)
    if (!servedPaths.has(path)) out.push({ field: `file ${path}`, expected: 'listed', got: 'not listed' });
  for (const f of served)
    if (!expected.has(f.path)) out.push({ field: `file ${f.path}`, expected: 'no such file', got: 'listed' });
  for (const [path, bytes] of facts.files) {
    const s = servedPaths.get(path);
    if (!s) continue;
    if (s.size !== bytes.length)
      out.push({ field: `file ${path} size`, expected: String(bytes.length), got: show(s.size) });
    const body = await server.raw(id, path);
    const at = firstDifference(bytes, body);
    if (at !== undefined)
      out.push({
        field: `file ${path} bytes`,
        expected: `${bytes.length} bytes`,
        got: `${body.length} bytes, first difference at ${at}`,
      });
  }
}

function firstDifference(a: Uint8Array, b: Uint8Array): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? undefined : n;
}

const bitView = new DataView(new ArrayBuffer(8));
function bits(v: number): bigint {
  bitView.setFloat64(0, v, true);
  return bitView.getBigUint64(0, true);
}

/** Same float64 bit pattern (so 0 ≠ -0); any NaN equals any NaN, as JS engines may rewrite NaN payloads. */
function sameFloat(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || bits(a) === bits(b);
}

function near(a: number | undefined, b: number | undefined, tolerance: number): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameFloat(a, b) || Math.abs(a - b) <= tolerance;
}

function describe(m: MetricFacts): string {
  return `${m.group}, ${m.points.length} points`;
}

function show(v: unknown): string {
  return v === undefined ? 'absent' : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function showTime(v: number | undefined): string {
  return v === undefined ? 'absent' : `${v} (${new Date(v).toISOString()})`;
}

function showPoint([x, y]: [number | undefined, number]): string {
  return `x=${show(x)} y=${y} (0x${bits(y).toString(16)})`;
}

function showJson(v: Json): string {
  const text = typeof v === 'number' ? String(v) : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
