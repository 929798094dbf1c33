/**
 * Prints one hash per W&B run of ../shared/fixtures/real (metrics, console, info, media, files,
 * artifacts) as the server's loader reads it, read whole and fed in 777-byte pieces, plus the
 * records API and the live path (records into WandbRunBuilder.add) over the same datastores and a
 * generated one. Compare its output before and after a change to a reader: it must not move.
 *
 *   node --import tsx scripts/hash-wandb-runs.ts
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverRuns } from '../src/server/discover.js';
import { loadRun } from '../src/server/run-loaders.js';
import { createNodeFolder } from '../src/server/node-folder.js';
import { readWandbRun } from '../src/formats/wandb/reader.js';
import { createDatastoreReader } from '../src/formats/wandb/datastore.js';
import { WandbRunBuilder } from '../src/formats/wandb/run-builder.js';
import { writeWandb } from '../bench/node/readers.js';
import type { RunFolder } from '../src/formats/common/run-folder.js';

const NOW = Date.UTC(2030, 0, 1);
const PIECE = 777;

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number') return Number.isFinite(x) ? (Object.is(x, -0) ? '-0' : x) : String(x);
    if (typeof x === 'bigint') return `${x}n`;
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return { typed: Array.from(x as unknown as number[]) };
    if (x instanceof Map) return { map: [...x.entries()] };
    if (x instanceof Set) return { set: [...x] };
    if (typeof x === 'function') return undefined;
    return x;
  });
}

const hash = (v: unknown) =>
  createHash('sha256')
    .update(canonical(v) ?? 'undefined')
    .digest('hex')
    .slice(0, 16);

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, Math.min(bytes.length, i + size)));
  return out;
}

/** A node folder whose streams yield 777-byte pieces. */
function smallPieces(dir: string): RunFolder {
  const folder = createNodeFolder(dir);
  return {
    list: (d) => folder.list(d),
    read: (p) => folder.read(p),
    async *stream(path, start, end) {
      for await (const chunk of folder.stream(path, start, end)) yield* pieces(chunk, PIECE);
    },
  };
}

function runParts(r: Record<string, unknown>) {
  const { tail: _t, logFile, ...rest } = r as Record<string, unknown> & { logFile?: { count: number } };
  const metrics = (rest.metrics as unknown[]) ?? [];
  return {
    info: hash(rest.info),
    metrics: hash(metrics),
    logs: hash(rest.logs),
    media: hash(rest.media),
    files: hash(rest.files),
    artifacts: hash(rest.artifacts),
    model: hash(rest.model),
    logFile: logFile ? logFile.count : undefined,
  };
}

function datastoreHashes(bytes: Uint8Array) {
  const out: Record<string, string> = {};
  for (const [name, parts] of [
    ['whole', [bytes]],
    ['777', pieces(bytes, PIECE)],
  ] as const) {
    const reader = createDatastoreReader();
    const records: unknown[] = [];
    const warnings: string[] = [];
    const builder = new WandbRunBuilder();
    const added: unknown[] = [];
    for (const p of parts) {
      const b = reader.push(p);
      records.push(...b.records);
      warnings.push(...b.warnings);
      added.push(builder.add(b.records));
    }
    warnings.push(...reader.finish().warnings);
    out[`records/${name}`] = hash({ records, warnings });
    out[`add/${name}`] = hash({
      added,
      facts: builder.facts,
      metrics: builder.facts.metrics,
      logs: builder.facts.logs,
    });
    const r2 = createDatastoreReader();
    const b2 = new WandbRunBuilder();
    const w2: string[] = [];
    for (const p of parts) w2.push(...r2.pushRanges(p, (buf, s, e) => b2.addPayload(buf, s, e)));
    b2.flushLogs(true);
    out[`payload/${name}`] = hash({ w2, facts: b2.facts, metrics: b2.facts.metrics, logs: b2.facts.logs });
  }
  return out;
}

const root = resolve(import.meta.dirname, '../../shared/fixtures/real');
const { runs } = await discoverRuns([root]);
const lines: string[] = [];
for (const loc of runs.filter((r) => r.format === 'wandb').sort((a, b) => a.path.localeCompare(b.path))) {
  const dir = join(loc.root, loc.path);
  const o = { now: NOW, heartbeatThresholdMs: 600_000, fileUrl: (p: string) => `/files/${p}` };
  const loaded = await loadRun(loc, o);
  lines.push(`${loc.path} loadRun ${canonical(runParts(loaded.run as never))}`);
  const loadedDisk = await loadRun(loc, { ...o, logsOnDisk: true });
  lines.push(`${loc.path} loadRun/logsOnDisk ${canonical(runParts(loadedDisk.run as never))}`);
  for (const [name, folder] of [
    ['whole', createNodeFolder(dir)],
    ['777', smallPieces(dir)],
  ] as const) {
    const r = await readWandbRun(folder, {
      now: NOW,
      heartbeatThresholdMs: 600_000,
      folderName: loc.path.split('/').pop(),
    });
    lines.push(`${loc.path} readWandbRun/${name} ${canonical(runParts(r as never))}`);
  }
  const store = (await createNodeFolder(dir).list('')).find((e) => e.name.endsWith('.wandb'));
  if (store)
    lines.push(
      `${loc.path} datastore ${canonical(datastoreHashes(new Uint8Array(readFileSync(join(dir, store.name)))))}`,
    );
}
const tmp = mkdtempSync(join(tmpdir(), 'hash-wandb-'));
try {
  for (const newlines of [false, true]) {
    const path = join(tmp, 'gen.wandb');
    writeWandb(path, 3 * 1024 * 1024, { newlines });
    lines.push(`generated newlines=${newlines} ${canonical(datastoreHashes(new Uint8Array(readFileSync(path))))}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(lines.join('\n'));
