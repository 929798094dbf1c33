/**
 * Small writers for the hostile format cases: intact runs of each format in a temp folder, and
 * the damaged pieces the cases put into them. The framing writers are the test suites' own
 * (independent of the readers' checksums where they can be: `.wandb` frames use node:zlib's CRC-32).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { maskedCrc32c } from '../../../src/formats/common/crc32c.js';
import { eventBytes, eventFile, scalarValue } from '../../node/formats/tfevents/encode.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../../node/formats/wandb/helpers.js';

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `runpage-hostile-${name}-`));
}

/** Writes `files` (`path → text or bytes`) under `root`, making folders as needed. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
}

/** Symbolic links `path → target` (target as written into the link). */
export function writeLinks(root: string, links: Record<string, string>): void {
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- TensorBoard ----

/** The framed events of `steps` scalar points of `tag` (value = step / 10), without the file_version event. */
export function scalarRecords(tag: string, steps: number[], time = 1_700_000_000): Uint8Array {
  const whole = eventFile(steps.map((s) => eventBytes(time + s, s, [scalarValue(tag, s / 10)])));
  return whole.subarray(firstRecordLength(whole));
}

/** A whole event file: file_version, then `steps` scalar points of `tag`. */
export function scalarFile(tag: string, steps: number[], time = 1_700_000_000): Uint8Array {
  return eventFile(steps.map((s) => eventBytes(time + s, s, [scalarValue(tag, s / 10)])));
}

function firstRecordLength(file: Uint8Array): number {
  return 12 + new DataView(file.buffer, file.byteOffset).getUint32(0, true) + 4;
}

/** A TFRecord header claiming `length` bytes whose length checksum verifies. */
export function lyingHeader(length: number): Uint8Array {
  const h = new Uint8Array(12);
  const view = new DataView(h.buffer);
  view.setUint32(0, length >>> 0, true);
  view.setUint32(4, Math.floor(length / 2 ** 32), true);
  view.setUint32(8, maskedCrc32c(h, 0, 8), true);
  return h;
}

/**
 * `count` records of `length` bytes whose length checksums verify and whose data checksums do
 * not, each starting right after the previous header: a resync meets a header that verifies at
 * every 16th byte, each asking for a data checksum over `length` bytes.
 */
export function verifyingHeadersOverBadData(count: number, length: number): Uint8Array {
  const unit = lyingHeader(length);
  const out = new Uint8Array(count * 16 + length + 4);
  for (let i = 0; i < count; i++) out.set(unit, i * 16);
  return out;
}

// ---- W&B ----

export const WANDB_RUN = 'wandb/run-20240102_030405-hostile1';

/** History records for `steps` (`loss` = step / 10), plus a run record first and an exit record last. */
export function wandbPayloads(id: string, steps: number[], exit = true): Uint8Array[] {
  const out = [runRecord({ id, project: 'p', startMs: 1_700_000_000_000 })];
  for (const s of steps) out.push(historyRecord([['loss', String(s / 10)]], s));
  out.push(outputRecord('hello\n'));
  if (exit) out.push(exitRecord(0, 10));
  return out;
}

export function wandbDatastore(id: string, steps: number[], exit = true): Uint8Array {
  return frame(wandbPayloads(id, steps, exit));
}

// ---- MLflow ----

export interface MlflowRunSpec {
  id: string;
  meta?: string | null;
  metrics?: Record<string, string>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  artifacts?: Record<string, string | Uint8Array>;
}

export function runMeta(id: string, exp = '1'): string {
  return [
    `artifact_uri: file:///tmp/mlruns/${exp}/${id}/artifacts`,
    'end_time: 1700000100000',
    `experiment_id: '${exp}'`,
    'lifecycle_stage: active',
    `run_id: ${id}`,
    `run_name: name-${id}`,
    'source_type: 4',
    'start_time: 1700000000000',
    'status: 3',
    '',
  ].join('\n');
}

export function experimentMeta(exp = '1', name = 'exp'): string {
  return `artifact_location: file:///tmp/mlruns/${exp}\nexperiment_id: '${exp}'\nlifecycle_stage: active\nname: ${name}\n`;
}

/** An `mlruns/` store with experiment `exp` holding `runs`; `experimentMetaText: null` leaves meta.yaml out. */
export function writeMlflowStore(
  root: string,
  runs: MlflowRunSpec[],
  o: { exp?: string; experimentMetaText?: string | null } = {},
): string {
  const exp = o.exp ?? '1';
  const store = join(root, 'mlruns');
  const files: Record<string, string | Uint8Array> = {};
  if (o.experimentMetaText !== null) files[`${exp}/meta.yaml`] = o.experimentMetaText ?? experimentMeta(exp);
  for (const r of runs) {
    const dir = `${exp}/${r.id}`;
    if (r.meta !== null) files[`${dir}/meta.yaml`] = r.meta ?? runMeta(r.id, exp);
    for (const [k, v] of Object.entries(r.metrics ?? {})) files[`${dir}/metrics/${k}`] = v;
    for (const [k, v] of Object.entries(r.params ?? {})) files[`${dir}/params/${k}`] = v;
    for (const [k, v] of Object.entries(r.tags ?? {})) files[`${dir}/tags/${k}`] = v;
    for (const [k, v] of Object.entries(r.artifacts ?? {})) files[`${dir}/artifacts/${k}`] = v;
  }
  writeTree(store, files);
  return store;
}

/** MLflow metric file lines `time value step` for `steps` (value = step / 10). */
export function metricLines(steps: number[]): string {
  return steps.map((s) => `${1_700_000_000_000 + s} ${s / 10} ${s}`).join('\n') + '\n';
}
