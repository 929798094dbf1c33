/**
 * The first chart of a run answered from a key scan (src/server/first-series.ts) is the full
 * read's answer: for every W&B run in ../shared/fixtures/real (skipped with a message when
 * absent) and for runs written here, intact and damaged (bad checksums, zeroed bytes, cut off,
 * records that are not protobuf), for several keys and x axes, the scan's series equal the
 * series of the run as the registry reads it (run-loaders.ts), on the wire, with the file cut in
 * 1 to 4 segments. Cases the scan refuses (`scanPlan`, `scanAnswer` undefined) fall back to the
 * full read; they are counted so that the comparisons cannot pass by refusing everything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { MemorySource } from '../../../src/data/memory-source.js';
import { seriesToWire } from '../../../src/data/http-wire.js';
import { stringifyWire } from '../../../src/data/http-wire.js';
import type { SeriesQuery } from '../../../src/data/source.js';
import { scanPlan } from '../../../src/formats/wandb/key-scan.js';
import { discoverRuns } from '../../../src/server/discover.js';
import type { RunLocation } from '../../../src/server/discover.js';
import { datastoreOf, FirstSeries, scanAnswer, segmentsOf } from '../../../src/server/first-series.js';
import { scanSegment } from '../../../src/server/key-scan-segment.js';
import { loadRun } from '../../../src/server/run-loaders.js';
import { RunRegistry } from '../../../src/server/registry.js';
import type { ReadPause } from '../../../src/server/read-pause.js';
import { startServer } from '../../../src/server/server.js';
import {
  BLOCK,
  exitRecord,
  field,
  frame,
  historyRecord,
  item,
  msg,
  outputRecord,
  record,
  runRecord,
  statsRecord,
} from '../formats/wandb/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const REAL = process.env.RUNPAGE_REAL_FIXTURES ?? resolve(here, '../../../../shared/fixtures/real');
const realMissing = existsSync(REAL) ? false : `real run data not found at ${REAL}`;
const NOW = Date.UTC(2030, 0, 1);

interface Counts {
  compared: number;
  refused: number;
}

async function fullRead(loc: RunLocation): Promise<MemorySource> {
  const loaded = await loadRun(loc, {
    now: NOW,
    heartbeatThresholdMs: 300_000,
    fileUrl: (p) => p,
    logsOnDisk: true,
  });
  return new MemorySource({ ...loaded.run, info: { ...loaded.run.info, id: loc.id } });
}

/** The keys to ask of a run: a few of its history metrics (the first, a nested one, the last), and one it lacks. */
function keysOf(metrics: { key: string; group: string }[]): string[] {
  const history = metrics.filter((m) => m.group === 'history').map((m) => m.key);
  const picked = new Set<string>();
  if (history[0]) picked.add(history[0]);
  const nested = history.find((k) => k.includes('.'));
  if (nested) picked.add(nested);
  if (history.length) picked.add(history[history.length - 1]!);
  picked.add('no such key');
  return [...picked];
}

const X_AXES = (keys: string[]) => ['step', 'wallclock', 'runtime', 'timestamp', 'relative', ...keys.slice(0, 1)];

async function compareRun(
  loc: RunLocation,
  counts: Counts,
  segmentCounts = [1, 2, 3],
  pick: { keys?: string[]; axes?: string[] } = {},
): Promise<void> {
  const full = await fullRead(loc);
  const dir = join(loc.root, loc.path);
  const store = datastoreOf(readdirSync(dir), loc.path.split('/').pop()!);
  if (!store) return;
  const path = join(dir, store);
  const size = statSync(path).size;
  const keys = pick.keys ?? keysOf(await full.listMetrics(loc.id));
  for (const key of keys) {
    for (const x of pick.axes ?? X_AXES(keys)) {
      const plan = scanPlan([key], x);
      if (!plan) {
        counts.refused++;
        continue;
      }
      const queries: SeriesQuery[] = [
        { runIds: [loc.id], keys: [key], x, points: 1000 },
        { runIds: [loc.id], keys: [key], x, points: 7, range: [1, 50] },
        { runIds: [loc.id], keys: [key], x, smoothing: { kind: 'ema', weight: 0.6 } },
      ];
      for (const n of segmentCounts) {
        const parts = segmentsOf(size, n).map(({ start, end }) => scanSegment({ path, plan, start, end, size }));
        const quick = scanAnswer(parts, plan, loc.id, 'finished');
        const fullMetrics = await full.listMetrics(loc.id);
        if (!quick) {
          // refused: only where the full read could differ from a scan (a key or x metric it lacks, no history rows)
          const has = (k: string) => fullMetrics.some((m) => m.key === k);
          assert.ok(
            !plan.required.every(has) || !fullMetrics.some((m) => m.group === 'history') || plan.runtime,
            `${loc.id}: ${key} against ${x} was refused though the run has it`,
          );
          counts.refused++;
          continue;
        }
        for (const q of queries) {
          const want = await wire(full, q);
          const got = await wire(quick.source, q);
          assert.equal(got, want, `${loc.id}: ${key} against ${x} (${n} segments) ${JSON.stringify(q)}`);
          counts.compared++;
        }
      }
    }
  }
}

async function wire(source: Pick<MemorySource, 'getSeries'>, q: SeriesQuery): Promise<string> {
  try {
    return stringifyWire((await source.getSeries(q)).map(seriesToWire));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

test('the scan answers as the full read for every real W&B run', { skip: realMissing }, async () => {
  const found = await discoverRuns([REAL]);
  const runs = found.runs.filter((r) => r.format === 'wandb');
  assert.ok(runs.length > 0);
  const counts: Counts = { compared: 0, refused: 0 };
  for (const loc of runs) await compareRun(loc, counts);
  assert.ok(counts.compared > 100, `only ${counts.compared} comparisons (${counts.refused} refused)`);
});

// ---- runs written here ----

const enc = new TextEncoder();

/** A history item with its key given as bytes (a byte order mark before it, say). */
function rawKeyItem(key: Uint8Array, valueJson: string): Uint8Array {
  return msg(field(1, key), field(16, valueJson));
}

/** A history record whose items are given already encoded. */
function historyOf(items: Uint8Array[], step?: number): Uint8Array {
  return record(
    2,
    msg(...items.map((i) => field(1, i)), step === undefined ? [] : field(2, step === 0 ? msg() : msg(field(1, step)))),
  );
}

/** Records of a run that has every kind of history row the full read treats apart. */
function payloads(rows: number): Uint8Array[] {
  const out: Uint8Array[] = [runRecord({ id: 'gen', project: 'p', startMs: 1_700_000_000_000 })];
  for (let i = 0; i < rows; i++) {
    const t = (1_700_000_000 + i * 0.5).toFixed(3);
    // resumed at row 300: steps start again at 100
    const step = i < 300 ? i : i - 200;
    const common: [string | string[], string][] = [
      ['_step', String(step)],
      ['_runtime', (i * 0.5).toFixed(2)],
      ['_timestamp', t],
    ];
    switch (i % 11) {
      case 0: // a row without its own step: `_step` counts
        out.push(historyRecord([['loss', (1 / (i + 1)).toFixed(6)], ...common]));
        break;
      case 1: // no step at all: the row's index
        out.push(
          historyRecord([
            ['loss', String(i)],
            ['_timestamp', t],
          ]),
        );
        break;
      case 2: // nested values and nested keys
        out.push(
          historyRecord(
            [
              ['eval', `{"acc": ${i / 1000}, "f1": {"macro": 0.5}, "img": {"_type": "image-file", "path": "x.png"}}`],
              [['eval', 'loss'], '0.25'],
              ...common,
            ],
            step,
          ),
        );
        break;
      case 3: // non-finite, string, bad JSON, media under the asked key
        out.push(
          historyRecord(
            [
              ['loss', ['NaN', 'Infinity', '-Infinity'][i % 3]!],
              ['note', '"text"'],
              ['broken', '{nope'],
              ['pic', '{"_type": "image-file", "path": "media/a.png"}'],
              ...common,
            ],
            step,
          ),
        );
        break;
      case 4: // a long key (a two-byte length: the general decoder) and the same key twice
        out.push(
          historyRecord(
            [['k'.repeat(200), String(i)], ['loss', String(i * 2)], ['loss', String(i * 3)], ...common],
            step,
          ),
        );
        break;
      case 5: // a key after a byte order mark reads as the key
        out.push(
          historyOf(
            [
              rawKeyItem(Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode('loss')), String(-i)),
              item('_step', String(step)),
            ],
            step,
          ),
        );
        break;
      case 6: // steps going backwards
        out.push(historyRecord([['loss', String(i)], ...common], Math.max(0, step - 50)));
        break;
      case 7: // a big row, framed across blocks
        out.push(historyRecord([['loss', String(i)], ['blob', JSON.stringify('z'.repeat(40_000))], ...common], step));
        break;
      case 8: // not a protobuf Record at all
        out.push(Uint8Array.of(0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2));
        break;
      case 9: // console and system metrics between rows
        out.push(outputRecord(`line ${i}\n`, true, false, 1_700_000_000_000 + i * 500));
        out.push(statsRecord(1_700_000_000_000 + i * 500, [['cpu', String(i % 100)]]));
        out.push(historyRecord([['loss', String(i / 7)], ['acc', String(i / 9)], ...common], step));
        break;
      default: {
        const history = historyRecord([['loss', String(i / 3)], ['acc', String(i / 5)], ...common], step);
        if (i % 4 === 0)
          out.push(msg(field(1, i), [...history])); // a record number first
        else if (i % 4 === 1)
          out.push(msg([...history], field(16, msg(field(1, 1))))); // a control field after
        else if (i % 4 === 2)
          out.push(msg([...history], [0x1a, 0x05, 1])); // a field cut short: not a record
        else out.push(history);
      }
    }
  }
  out.push(exitRecord(0, 99));
  return out;
}

type Damage = (bytes: Uint8Array, seed: number) => Uint8Array;

const DAMAGES: Record<string, Damage> = {
  intact: (b) => b,
  'bad checksums': (b, seed) => {
    const out = b.slice();
    for (let k = 1; k <= 4; k++) out[Math.floor((out.length * k * (seed + 1)) / 17) % out.length] ^= 0x5a;
    return out;
  },
  'zeroed bytes': (b, seed) => {
    const out = b.slice();
    const at = Math.floor((out.length * (seed + 2)) / 9);
    out.fill(0, at, at + 3000);
    return out;
  },
  'zero fill to a block end': (b, seed) => {
    const out = b.slice();
    const block = Math.floor(out.length / BLOCK / 2) + seed;
    out.fill(0, block * BLOCK + 20_000, (block + 1) * BLOCK);
    return out;
  },
  'cut off': (b, seed) => b.subarray(0, Math.floor((b.length * (5 + seed)) / 11)),
};

test('the scan answers as the full read for runs written here, intact and damaged', async () => {
  const root = mkdtempSync(join(tmpdir(), 'runpage-first-series-'));
  try {
    const bytes = frame(payloads(700));
    assert.ok(bytes.length > 8 * BLOCK, 'the run spans blocks enough to be cut in segments');
    const counts: Counts = { compared: 0, refused: 0 };
    let n = 0;
    for (const [name, damage] of Object.entries(DAMAGES)) {
      for (const seed of name === 'intact' ? [0] : [0, 1]) {
        const id = `gen${n++}`;
        const path = join('wandb', `run-20240101_000000-${id}`);
        mkdirSync(join(root, path), { recursive: true });
        writeFileSync(join(root, path, `run-${id}.wandb`), damage(bytes, seed));
        const loc: RunLocation = { id, format: 'wandb', root, path };
        await compareRun(loc, counts, [1, 2, 4]);
      }
    }
    assert.ok(counts.compared > 200, `only ${counts.compared} comparisons (${counts.refused} refused)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** A chunk as the writer frames it (`bad`: a wrong checksum). */
function chunk(type: number, data: Uint8Array, bad = false): number[] {
  const sum = (crc32(data, crc32(Uint8Array.of(type))) ^ (bad ? 1 : 0)) >>> 0;
  return [
    sum & 0xff,
    (sum >>> 8) & 0xff,
    (sum >>> 16) & 0xff,
    sum >>> 24,
    data.length & 0xff,
    data.length >> 8,
    type,
    ...data,
  ];
}

/**
 * Blocks written chunk by chunk, where records begun in one block meet what a damaged file
 * holds in the next: a new record, zero fill, a bad checksum, zeros followed by data.
 */
function craftedBlocks(): Uint8Array {
  const row = (i: number) =>
    historyRecord(
      [
        ['loss', String(i)],
        ['_step', String(i)],
      ],
      i,
    );
  const blocks: number[][] = [];
  let i = 0;
  const fill = (b: number[], room: number) => {
    while (b.length + 7 + row(i).length + 7 <= room) b.push(...chunk(1, row(i++)));
  };
  /** Fills the block with whole rows, then begins a record in a FIRST chunk of the rest (less `keep` bytes). */
  const endWithFirst = (b: number[], keep = 0) => {
    fill(b, BLOCK - keep - 40);
    const r = row(i++);
    const n = Math.min(r.length - 1, BLOCK - keep - b.length - 7);
    b.push(...chunk(2, r.subarray(0, n)));
    return r.subarray(n);
  };
  const pad = (b: number[], tail: number[] = []) => {
    const zeros = BLOCK - b.length - tail.length;
    b.push(...new Array<number>(zeros).fill(0), ...tail);
    return b;
  };
  // 0: a record begun at the end; 1: starts with a new record (the one begun is lost)
  const b0 = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0];
  endWithFirst(b0);
  blocks.push(pad(b0));
  // 1: a record begun, then zero fill; 2: its end (the zero fill keeps it)
  const b1: number[] = [];
  const rest1 = endWithFirst(b1, 500);
  blocks.push(pad(b1));
  const b2 = chunk(4, rest1);
  // 2: a record begun at the end; 3: its middle with a bad checksum
  const rest2 = endWithFirst(b2);
  blocks.push(pad(b2));
  const b3 = chunk(3, rest2.subarray(0, 10), true);
  fill(b3, BLOCK);
  blocks.push(pad(b3));
  // 4: the orphan end of a record, rows, a record begun, then zeros and data after them (damage)
  const b4 = chunk(4, rest2.subarray(10));
  endWithFirst(b4, 500);
  blocks.push(pad(b4, [1, 2, 3]));
  // 5: the lost record's end; 6: rows
  const b5 = chunk(4, Uint8Array.of(1, 2, 3));
  fill(b5, BLOCK);
  blocks.push(pad(b5));
  const b6: number[] = [];
  fill(b6, BLOCK);
  blocks.push(b6);
  return Uint8Array.from(blocks.flat());
}

/** Runs `check` over a temporary folder holding one W&B run `id` whose datastore is `bytes`; removes it after. */
async function withRun(
  id: string,
  bytes: Uint8Array,
  check: (loc: RunLocation, root: string) => Promise<void>,
): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'runpage-first-series-'));
  try {
    const path = join('wandb', `run-20240101_000000-${id}`);
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(join(root, path, `run-${id}.wandb`), bytes);
    await check({ id, format: 'wandb', root, path }, root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the scan answers as the full read for keys of many points, rows with and without steps', async () => {
  const id = 'many1';
  // more points than a piece of the scan's columns (65,536) in each of two segments, some rows numbered by their index
  const rows: Uint8Array[] = [runRecord({ id, project: 'p', startMs: 1_700_000_000_000 })];
  for (let i = 0; i < 150_000; i++) {
    const t = (1_700_000_000 + i * 0.01).toFixed(3);
    const items: [string, string][] = [
      ['loss', String(i % 1000)],
      ['_timestamp', t],
      ['_runtime', (i * 0.01).toFixed(2)],
    ];
    rows.push(historyRecord(items, i % 7 === 3 ? undefined : i));
  }
  rows.push(exitRecord(0, 99));
  await withRun(id, frame(rows), async (loc) => {
    const counts: Counts = { compared: 0, refused: 0 };
    await compareRun(loc, counts, [1, 2], { keys: ['loss'], axes: ['step', 'wallclock', 'runtime'] });
    assert.equal(counts.compared, 3 * 2 * 3);
  });
});

test('the scan answers as the full read for steps that repeat (the segments place them in step order)', async () => {
  const id = 'cycle1';
  // as the serve-big bench's generator writes: a few hundred rows over and over, their steps again from 0
  const rows: Uint8Array[] = [runRecord({ id, project: 'p', startMs: 1_700_000_000_000 })];
  for (let i = 0; i < 40_000; i++) {
    const step = i % 512;
    const items: [string, string][] = [
      ['loss', (2 * Math.exp(-step / 100) + 0.01 * Math.sin(i)).toFixed(6)],
      ['_step', String(step)],
      ['_timestamp', (1_700_000_000 + i * 0.01).toFixed(3)],
    ];
    rows.push(historyRecord(items, step));
  }
  rows.push(exitRecord(0, 99));
  await withRun(id, frame(rows), async (loc) => {
    const counts: Counts = { compared: 0, refused: 0 };
    await compareRun(loc, counts, [1, 2, 3, 4], { keys: ['loss'], axes: ['step', 'wallclock'] });
    assert.equal(counts.compared, 2 * 4 * 3);
  });
});

test('the scan answers as the full read where segments meet damage', async () => {
  const bytes = craftedBlocks();
  await withRun('craft1', bytes, async (loc) => {
    const counts: Counts = { compared: 0, refused: 0 };
    await compareRun(loc, counts, [1, 2, 3, 4, Math.ceil(bytes.length / BLOCK)]);
    assert.ok(counts.compared > 20, `only ${counts.compared} comparisons (${counts.refused} refused)`);
  });
});

test('worker threads answer a first series as the full read, and the server serves it', async () => {
  const id = 'wrk1';
  await withRun(id, frame(payloads(400)), async (loc, root) => {
    const first = new FirstSeries({ minBytes: 0, threads: 2, heartbeatThresholdMs: 300_000, now: () => NOW });
    // a full read that never ends: the answer can only come from the workers
    const never = new Promise<never>(() => {});
    const quick = await first.run(loc, id, ['loss', 'acc'], 'step', never);
    assert.equal(quick.state, 'finished');
    const fullSource = await fullRead(loc);
    const q: SeriesQuery = { runIds: [id], keys: ['loss', 'acc'], x: 'step', points: 100 };
    assert.equal(await wire(quick.source, q), await wire(fullSource, q));
    // while the same full read goes on, a zoom of those keys is answered from what was found
    const zoom: SeriesQuery = { runIds: [id], keys: ['acc'], x: 'step', points: 20, range: [40, 90] };
    const again = first.again(['acc'], 'step', never);
    assert.ok(again);
    assert.equal(await wire(again.source, zoom), await wire(fullSource, zoom));
    // not a key or column the scan has: the full read answers
    assert.equal(first.again(['eval.acc'], 'step', never), undefined);
    assert.equal(first.again(['loss'], 'wallclock', never), undefined);
    assert.equal(first.again(['loss'], 'step', Promise.resolve(undefined as never)), undefined);
    // an x axis the scan cannot answer waits for the full read
    const full = { id, state: 'finished', source: await fullRead(loc) } as never;
    assert.equal(await first.run(loc, id, ['loss'], 'relative', Promise.resolve(full)), full);

    const registry = new RunRegistry({ firstSeries: { minBytes: 0, threads: 2 } });
    registry.addLocations((await discoverRuns([root])).runs);
    const server = await startServer(registry, { port: 0 });
    try {
      const url = `${server.url}api/series?run=${registry.ids()[0]}&key=loss&x=step&points=100`;
      const firstAnswer = await (await fetch(url)).text();
      await registry.get(registry.ids()[0]!);
      assert.equal(firstAnswer, await (await fetch(url)).text());
    } finally {
      await server.close();
      await registry.close();
    }
  });
});

test('the registry answers the first chart asked again from its scan while the run is read', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  // the full read is held back until the end: every answer before it comes from the scan
  const registry = new RunRegistry({
    firstSeries: { minBytes: 0, threads: 2 },
    loader: async (loc, o) => {
      await gate;
      return loadRun(loc, o);
    },
  });
  try {
    await withRun('reg1', frame(payloads(300)), async (_, root) => {
      registry.addLocations((await discoverRuns([root])).runs);
      const id = registry.ids()[0]!;
      const q: SeriesQuery = { runIds: [id], keys: ['loss'], x: 'step', points: 10, range: [5, 60] };
      const first = await registry.seriesRun(id, ['loss'], 'step');
      const again = await registry.seriesRun(id, ['loss'], 'step');
      assert.equal(again, first);
      const other = registry.seriesRun(id, ['acc'], 'step'); // not scanned: waits for the read
      release();
      const full = await registry.get(id);
      assert.equal(await other, full);
      assert.equal(await wire(again.source, q), await wire(full.source, q));
      assert.equal(await registry.seriesRun(id, ['loss'], 'step'), full);
    });
  } finally {
    release();
    await registry.close();
  }
});

test('the registry holds the run read back while its scan runs, then reads it whole', { timeout: 60_000 }, async () => {
  const events: string[] = [];
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  let pause: ReadPause | undefined;
  const registry = new RunRegistry({
    firstSeries: { minBytes: 0, threads: 2 },
    loader: async (loc, o) => {
      pause = o.pause!;
      const hold = pause.hold.bind(pause);
      pause.hold = () => {
        events.push('hold');
        held();
        const release = hold();
        return () => {
          if (pause!.held) events.push('release');
          release();
        };
      };
      // the read starts once the scan holds it (a small run would be read before the scan began)
      await holding;
      const loaded = await loadRun(loc, o);
      events.push('read');
      return loaded;
    },
  });
  try {
    await withRun('hold1', frame(payloads(300)), async (_, root) => {
      registry.addLocations((await discoverRuns([root])).runs);
      const id = registry.ids()[0]!;
      // the read goes on once the scan's answer is computed
      const first = await registry.seriesRun(id, ['loss'], 'step');
      assert.deepEqual(events, ['hold']);
      const q: SeriesQuery = { runIds: [id], keys: ['loss'], x: 'step', points: 1000 };
      const quick = await wire(first.source, q);
      assert.deepEqual(events, ['hold', 'release']);
      const full = await registry.get(id);
      assert.notEqual(first, full);
      assert.deepEqual(events, ['hold', 'release', 'read']);
      assert.equal(pause!.held, false);
      assert.equal(quick, await wire(full.source, q));
    });
  } finally {
    await registry.close();
  }
});
