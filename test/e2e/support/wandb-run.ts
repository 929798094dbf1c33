/**
 * W&B run folders for the end-to-end tests, shaped as the SDK writes them (FORMATS.md): a
 * `.wandb` datastore growing record by record, and `files/` (config.yaml, wandb-metadata.json,
 * requirements.txt, output.log, wandb-summary.json at the end). Records are written when the
 * test asks, never on a timer. Also: damaged copies of a run folder (datastore cut mid-record,
 * empty, missing), with what their intact records hold.
 */
import {
  appendFileSync,
  chmodSync,
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import {
  BLOCK,
  exitRecord,
  frame,
  historyRecord,
  outputRecord,
  runRecord,
  statsRecord,
} from '../../node/formats/wandb/helpers.js';

/** `YYYYMMDD_HHMMSS` (UTC) as in W&B folder names. */
function folderStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '_')
    .replace(/\.\d+Z$/, '');
}

export class WandbRunWriter {
  /** The run folder, `<wandbDir>/run-<stamp>-<id>`. */
  readonly folder: string;
  readonly datastore: string;
  /** Console lines written, in order (without their newline). */
  readonly lines: string[] = [];
  /** The metric keys each record holds (system metrics as `system.<key>`, as the server lists them). */
  private readonly keys: string[][] = [];
  private readonly records: Uint8Array[] = [];
  private written = 0;
  private steps = 0;
  private last: Record<string, number> = {};

  constructor(
    wandbDir: string,
    readonly id: string,
    readonly o: { name: string; project: string; startMs: number },
  ) {
    this.folder = join(wandbDir, `run-${folderStamp(o.startMs)}-${id}`);
    this.datastore = join(this.folder, `run-${id}.wandb`);
    const files = join(this.folder, 'files');
    mkdirSync(files, { recursive: true });
    writeFileSync(
      join(files, 'config.yaml'),
      '_wandb:\n  value:\n    cli_version: 0.19.1\n    python_version: 3.11.4\nlr:\n  value: 0.001\nbatch_size:\n  value: 64\n',
    );
    writeFileSync(
      join(files, 'wandb-metadata.json'),
      JSON.stringify({
        os: 'Linux-6.1.0-x86_64-with-glibc2.36',
        python: 'CPython 3.11.4',
        startedAt: new Date(o.startMs).toISOString(),
        program: 'train.py',
        host: 'e2e-host',
        cpu_count: 2,
        cpu_count_logical: 4,
        memory: { total: '8589934592' },
      }),
    );
    writeFileSync(join(files, 'requirements.txt'), 'torch==2.3.0\nwandb==0.19.1\n');
    writeFileSync(join(files, 'output.log'), '');
    this.append(runRecord({ id, name: o.name, project: o.project, startMs: o.startMs }));
  }

  private append(record: Uint8Array, keys: string[] = []): void {
    this.records.push(record);
    this.keys.push(keys);
    // Framing is prefix-stable: the bytes for the records so far start with what is on disk.
    const all = frame(this.records);
    appendFileSync(this.datastore, all.subarray(this.written));
    this.written = all.length;
  }

  /** Raw points per metric key in the first `records` records (default: all written). */
  counts(records = this.records.length): Map<string, number> {
    const out = new Map<string, number>();
    for (const keys of this.keys.slice(0, records)) for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
    return out;
  }

  /** One `wandb.log(values)`: a history row at the next step. */
  history(values: Record<string, number>, timeMs: number): void {
    const step = this.steps++;
    const items: [string, string][] = Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)]);
    items.push(
      ['_step', String(step)],
      ['_runtime', String((timeMs - this.o.startMs) / 1000)],
      ['_timestamp', String(timeMs / 1000)],
    );
    this.append(historyRecord(items, step), Object.keys(values));
    this.last = { ...this.last, ...values };
  }

  /** One console line, in the datastore and then in files/output.log, as the SDK writes both. */
  line(text: string, timeMs: number, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.append(outputRecord(`${text}\n`, stream === 'stdout', false, timeMs));
    appendFileSync(join(this.folder, 'files/output.log'), `${text}\n`);
    this.lines.push(text);
  }

  /** One system-metrics sample. */
  stats(values: Record<string, number>, timeMs: number): void {
    this.append(
      statsRecord(
        timeMs,
        Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)]),
      ),
      Object.keys(values).map((k) => `system.${k}`),
    );
  }

  /** The process exits: the exit record, then files/wandb-summary.json. */
  exit(code: number, timeMs: number): void {
    const runtime = Math.max(1, Math.round((timeMs - this.o.startMs) / 1000));
    this.append(exitRecord(code, runtime));
    writeFileSync(
      join(this.folder, 'files/wandb-summary.json'),
      JSON.stringify({
        ...this.last,
        _step: this.steps - 1,
        _runtime: runtime,
        _timestamp: timeMs / 1000,
        _wandb: { runtime },
      }),
    );
  }
}

/**
 * Where each intact record of a `.wandb` datastore ends: a walk over its LevelDB-log framing
 * (FORMATS.md), written here without the reader's code. A record cut by the end of the file has
 * no end.
 */
export function recordEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  let pos = 7; // the `:W&B` header
  while (pos + 7 <= bytes.length) {
    const left = BLOCK - (pos % BLOCK);
    const length = bytes[pos + 4]! | (bytes[pos + 5]! << 8);
    const type = bytes[pos + 6]!;
    if (left < 7 || type === 0) {
      pos += left; // block trailer or zero padding
      continue;
    }
    const end = pos + 7 + length;
    if (end > bytes.length) break;
    if (type === 1 || type === 4) ends.push(end); // FULL or LAST
    pos = end;
  }
  return ends;
}

export type Damage = 'truncated' | 'empty-datastore' | 'no-datastore';

export interface DamagedCopy {
  id: string;
  damage: Damage;
  folder: string;
  /** Truncated: how many records are intact before the cut. */
  intactRecords?: number;
  /** Truncated: the byte offset the datastore was cut at, and its size before. */
  cutAt?: number;
  size?: number;
}

/**
 * Copies the W&B run folder `source` into `wandbDir` three times under new ids, each damaged:
 * the datastore cut in the middle of the record that holds `fraction` of its bytes, emptied to
 * 0 bytes, and removed (only `files/` and `logs/` stay).
 */
export function damagedCopies(
  source: string,
  wandbDir: string,
  ids: Record<Damage, string>,
  fraction = 0.6,
): DamagedCopy[] {
  const stamp = /^(?:offline-)?run-(\d{8}_\d{6})-/.exec(basename(source))?.[1];
  if (!stamp) throw new Error(`${source} is not a W&B run folder`);
  const store = readdirSync(source).find((n) => n.endsWith('.wandb'));
  if (!store) throw new Error(`${source} has no .wandb datastore`);
  const bytes = new Uint8Array(readFileSync(join(source, store)));

  return (Object.keys(ids) as Damage[]).map((damage) => {
    const id = ids[damage];
    const folder = join(wandbDir, `run-${stamp}-${id}`);
    cpSync(source, folder, { recursive: true, verbatimSymlinks: true });
    writable(folder);
    const datastore = join(folder, `run-${id}.wandb`);
    renameSync(join(folder, store), datastore);
    const copy: DamagedCopy = { id, damage, folder };
    if (damage === 'truncated') {
      const ends = recordEnds(bytes);
      const k = ends.findIndex((e) => e >= bytes.length * fraction);
      if (k < 1) throw new Error(`${store}: no record to cut at ${fraction} of ${bytes.length} bytes`);
      // Strictly between the end of record k-1 and the end of record k: record k is cut.
      const cutAt = Math.floor((ends[k - 1]! + ends[k]!) / 2);
      writeFileSync(datastore, bytes.subarray(0, cutAt));
      Object.assign(copy, { intactRecords: k, cutAt, size: bytes.length });
    } else if (damage === 'empty-datastore') writeFileSync(datastore, new Uint8Array(0));
    else rmSync(datastore);
    return copy;
  });
}

/** Copies of read-only fixtures stay read-only; the test must be able to change and delete them. */
function writable(path: string): void {
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.isSymbolicLink()) continue;
    const p = join(path, e.name);
    chmodSync(p, e.isDirectory() ? 0o755 : 0o644);
    if (e.isDirectory()) writable(p);
  }
  chmodSync(path, 0o755);
}

/**
 * A finished run of `steps` training steps: history (train/loss, train/acc, lr), a system sample
 * every 10 steps, console lines (a few on stderr), and the exit record with `exitCode`.
 */
export function writeFinishedRun(
  wandbDir: string,
  id: string,
  o: { steps?: number; exitCode?: number; startMs?: number } = {},
): WandbRunWriter {
  const steps = o.steps ?? 60;
  const t0 = o.startMs ?? Date.UTC(2026, 0, 1, 9, 0, 0);
  const run = new WandbRunWriter(wandbDir, id, { name: `e2e ${id}`, project: 'runpage-e2e', startMs: t0 });
  run.line(`starting ${id}: ${steps} steps`, t0);
  for (let i = 0; i < steps; i++) {
    const t = t0 + 1000 * (i + 1);
    run.history({ 'train/loss': 2 / (1 + i), 'train/acc': i / steps, lr: 0.001 * 0.99 ** i }, t);
    if (i % 2 === 0) run.line(`step ${i}: loss ${(2 / (1 + i)).toFixed(4)}`, t);
    if (i % 10 === 9) {
      run.stats({ cpu: 20 + (i % 7), memory_percent: 40 + i / 10 }, t);
      run.line(`warning: step ${i} took longer than usual`, t, 'stderr');
    }
  }
  run.line('done', t0 + 1000 * (steps + 1));
  run.exit(o.exitCode ?? 0, t0 + 1000 * (steps + 2));
  return run;
}
