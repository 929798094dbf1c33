/**
 * The disk cache of W&B runs that have ended (src/server/run-cache.ts): a run loaded from it
 * equals the run read afresh, a change to the run folder reads it again, a damaged cache file is
 * ignored with a warning and rewritten (never a wrong answer), and two writers leave one whole file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunLocation } from '../../../src/server/discover.js';
import { loadRun, type LoadOptions } from '../../../src/server/run-loaders.js';
import { RunCache, encodeRun, decodeRun, type RunCacheKey } from '../../../src/server/run-cache.js';
import { defaultCacheDir } from '../../../src/server/cache-dir.js';
import type { MemoryLogLine, MemoryRun } from '../../../src/data/memory-source.js';
import { lines, plain } from './support/plain-run.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord, statsRecord } from '../formats/wandb/helpers.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const NOW = T0 + 86_400_000;

interface Fixture {
  root: string;
  run: string;
  store: string;
  cacheDir: string;
  loc: RunLocation;
  cleanup(): void;
}

function records(n: number, exit = true): Uint8Array[] {
  const out = [runRecord({ id: 'cache1', project: 'p', name: 'cached <run>', startMs: T0, tags: ['a'] })];
  for (let step = 0; step < n; step++) {
    const loss = step === 3 ? 'NaN' : step === 4 ? 'Infinity' : String(1 / (step + 1));
    out.push(
      historyRecord(
        [
          ['loss', loss],
          ['acc', String(step / n)],
          ['_step', String(step)],
          ['_runtime', String(step * 0.5)],
          ['_timestamp', String(T0 / 1000 + step * 0.5)],
        ],
        step,
      ),
    );
    if (step === 2)
      out.push(
        historyRecord(
          [
            [
              'sample',
              JSON.stringify({ _type: 'image-file', path: 'media/images/sample_2_abc.png', width: 4, height: 3 }),
            ],
          ],
          step,
        ),
      );
    if (step % 2 === 0) out.push(outputRecord(`step ${step} ✓ ناتج\n`, step % 4 === 0, false, T0 + step * 500));
    if (step % 5 === 0) out.push(statsRecord(T0 + step * 500, [['cpu', String(step % 7)]]));
  }
  if (exit) out.push(exitRecord(0, n * 0.5));
  return out;
}

function makeRun(n = 40, exit = true): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'runpage-run-cache-'));
  const run = join(root, 'wandb', 'run-20240102_030405-cache1');
  mkdirSync(join(run, 'files', 'media', 'images'), { recursive: true });
  const store = join(run, 'run-cache1.wandb');
  writeFileSync(store, frame(records(n, exit)));
  writeFileSync(join(run, 'files', 'config.yaml'), 'lr:\n  value: 0.01\nweird:\n  value: .nan\n');
  writeFileSync(join(run, 'files', 'wandb-summary.json'), '{"loss": 0.25, "best": NaN}');
  writeFileSync(join(run, 'files', 'media', 'images', 'sample_2_abc.png'), 'png');
  const mtime = T0 / 1000 + 60;
  for (const p of [store, join(run, 'files', 'config.yaml'), join(run, 'files', 'wandb-summary.json')])
    utimesSync(p, mtime, mtime);
  const loc: RunLocation = {
    id: 'cache1',
    format: 'wandb',
    root: join(root, 'wandb'),
    path: 'run-20240102_030405-cache1',
  } as RunLocation;
  return {
    root,
    run,
    store,
    cacheDir: join(root, 'cache'),
    loc,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

function options(cache: RunCache | undefined, id = 'cache1'): LoadOptions {
  return {
    now: NOW,
    heartbeatThresholdMs: 300_000,
    fileUrl: (path) => `api/runs/${id}/raw/${path}`,
    logsOnDisk: true,
    cache,
  };
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

test('an ended run is cached once read, and loads from the cache equal to a fresh read', async () => {
  const f = makeRun();
  try {
    const warnings: string[] = [];
    const cache = new RunCache({ dir: f.cacheDir, version: 't', log: (m) => warnings.push(m) });
    const fresh = await loadRun(f.loc, options(cache));
    await cache.flush();
    assert.equal(cacheFiles(f.cacheDir).length, 1, 'one cache file');
    assert.ok(Array.isArray(fresh.run.logs), 'the first open read the datastore');

    const again = await loadRun(f.loc, options(cache));
    assert.ok(!Array.isArray(again.run.logs), 'the second open came from the cache (lazy console)');
    assert.ok(again.run.metrics?.every((m) => m.value instanceof Float64Array));
    assert.equal(again.live, undefined);
    assert.deepEqual(plain(again.run), plain(fresh.run));
    assert.ok(
      Number.isNaN(again.run.info.summary?.best as number),
      `NaN in the summary survives: ${JSON.stringify(again.run.info.summary)} ${JSON.stringify(again.run.info.config)}`,
    );
    const loss = again.run.metrics!.find((m) => m.key === 'loss')!;
    assert.ok(Number.isNaN(loss.value[3]) && loss.value[4] === Infinity);
    assert.equal(lines(again.run.logs)[0]!.text, 'step 0 ✓ ناتج');
    assert.deepEqual(warnings, []);

    // Media URLs name the run's id on the server that loads it, not the one that wrote the cache.
    const renamed = await loadRun(f.loc, options(cache, 'other-id'));
    assert.ok(renamed.run.media!.length > 0);
    for (const m of renamed.run.media!) assert.match(m.url, /^api\/runs\/other-id\/raw\/files\/media\//);

    // Metrics logged in the same rows share their step, time and runtime columns: stored once.
    const acc = again.run.metrics!.find((m) => m.key === 'acc')!;
    assert.equal(acc.step, loss.step);
  } finally {
    f.cleanup();
  }
});

test('a change to the run folder (datastore size or mtime, a new file) reads the run again', async () => {
  const f = makeRun();
  try {
    const cache = new RunCache({ dir: f.cacheDir, version: 't', log: () => undefined });
    await loadRun(f.loc, options(cache));
    await cache.flush();

    // Same bytes, new mtime: read again (and cached anew).
    utimesSync(f.store, T0 / 1000 + 120, T0 / 1000 + 120);
    const touched = await loadRun(f.loc, options(cache));
    assert.ok(Array.isArray(touched.run.logs), 'read from the datastore');
    await cache.flush();
    assert.ok(!Array.isArray((await loadRun(f.loc, options(cache))).run.logs), 'cached again');

    // The datastore rewritten with more steps (size changes): the new points are there.
    writeFileSync(f.store, frame(records(60)));
    utimesSync(f.store, T0 / 1000 + 60, T0 / 1000 + 60);
    const grown = await loadRun(f.loc, options(cache));
    assert.equal(grown.run.metrics!.find((m) => m.key === 'loss')!.step.length, 60);
    await cache.flush();
    const grownCached = await loadRun(f.loc, options(cache));
    assert.ok(!Array.isArray(grownCached.run.logs));
    assert.equal(grownCached.run.metrics!.find((m) => m.key === 'loss')!.step.length, 60);

    // A new file in files/: the file list changed, so the run is read again.
    writeFileSync(join(f.run, 'files', 'output.log'), 'hello\n');
    const withFile = await loadRun(f.loc, options(cache));
    assert.ok(Array.isArray(withFile.run.logs));
    assert.ok(withFile.run.files!.some((x) => x.path === 'files/output.log'));
    assert.equal(cacheFiles(f.cacheDir).filter((n) => n.endsWith('.tmp')).length, 0);
  } finally {
    f.cleanup();
  }
});

test('a run still running is not cached', async () => {
  const f = makeRun(10, false);
  try {
    const cache = new RunCache({ dir: f.cacheDir, version: 't', log: () => undefined });
    const loaded = await loadRun(f.loc, { ...options(cache), now: T0 + 10_000 });
    assert.equal(loaded.run.info.state, 'running');
    await cache.flush();
    assert.deepEqual(cacheFiles(f.cacheDir), []);
  } finally {
    f.cleanup();
  }
});

test('a damaged cache file is ignored with a warning, the run read again and the file rewritten', async () => {
  const f = makeRun();
  try {
    const warnings: string[] = [];
    const cache = new RunCache({ dir: f.cacheDir, version: 't', log: (m) => warnings.push(m) });
    const fresh = plain((await loadRun(f.loc, options(cache))).run);
    await cache.flush();
    const [name] = cacheFiles(f.cacheDir);
    const path = join(f.cacheDir, name!);
    const good = readFileSync(path);

    const damage: [string, () => void][] = [
      ['truncated', () => truncateSync(path, good.length - 100)],
      ['cut in its header', () => truncateSync(path, 40)],
      ['not a cache file', () => writeFileSync(path, 'hello world, this is not a cache file at all')],
      [
        'header not JSON',
        () => {
          const b = Buffer.from(good);
          b.write('}}}}', 16, 'latin1');
          writeFileSync(path, b);
        },
      ],
      [
        'a section outside the file',
        () => {
          const b = Buffer.from(good);
          const len = b.readUInt32LE(8);
          const header = b
            .toString('utf8', 16, 16 + len)
            .replace(/"offset":(\d+)/, (_m, d: string) => `"offset":${'9'.repeat(d.length)}`);
          b.write(header, 16, 'utf8');
          writeFileSync(path, b);
        },
      ],
      ['trailing bytes', () => appendFileSync(path, 'xx')],
    ];
    for (const [what, spoil] of damage) {
      writeFileSync(path, good);
      spoil();
      warnings.length = 0;
      const loaded = await loadRun(f.loc, options(cache));
      assert.ok(Array.isArray(loaded.run.logs), `${what}: read from the datastore`);
      assert.deepEqual(plain(loaded.run), fresh, `${what}: the same answer`);
      assert.equal(warnings.length, 1, `${what}: one warning`);
      assert.match(warnings[0]!, /ignored the cache of .*read again/);
      await cache.flush();
      assert.deepEqual(readFileSync(path), good, `${what}: rewritten whole`);
      assert.deepEqual(plain((await loadRun(f.loc, options(cache))).run), fresh, `${what}: cached answer`);
    }
  } finally {
    f.cleanup();
  }
});

test('a cache written by another version or for another read key is not used', async () => {
  const f = makeRun();
  try {
    const first = new RunCache({ dir: f.cacheDir, version: '1.0.0', log: () => undefined });
    await loadRun(f.loc, options(first));
    await first.flush();
    const next = new RunCache({ dir: f.cacheDir, version: '1.0.1', log: () => undefined });
    assert.ok(Array.isArray((await loadRun(f.loc, options(next))).run.logs), 'another version reads again');
    // Another crash threshold reads the run again too (its state may differ).
    assert.ok(Array.isArray((await loadRun(f.loc, { ...options(first), heartbeatThresholdMs: 1000 })).run.logs));
    assert.ok(!Array.isArray((await loadRun(f.loc, options(first))).run.logs));
  } finally {
    f.cleanup();
  }
});

test('two caches writing the same run at once leave one whole file and no temporary files', async () => {
  const f = makeRun();
  try {
    const a = new RunCache({ dir: f.cacheDir, version: 't', log: () => undefined });
    const b = new RunCache({ dir: f.cacheDir, version: 't', log: () => undefined });
    const fresh = await loadRun(f.loc, options(undefined));
    const run = fresh.run as MemoryRun & { metrics: NonNullable<MemoryRun['metrics']> };
    const key: RunCacheKey = { path: f.run, heartbeatThresholdMs: 300_000, logsOnDisk: true };
    const fingerprint = run.files!.map(({ path, size, modified }) => ({ path, size, modified }));
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).store(key, fingerprint, { ...run, logs: run.logs as MemoryLogLine[] }),
      ),
    );
    assert.deepEqual(cacheFiles(f.cacheDir), [a.fileOf(key).slice(f.cacheDir.length + 1)]);
    const loaded = await b.load(key, fingerprint);
    assert.ok(loaded);
    assert.deepEqual(plain(loaded), plain({ ...fresh.run, media: loaded.media }));
  } finally {
    f.cleanup();
  }
});

test('encodeRun and decodeRun keep columns exact, empty runs included', async () => {
  const key: RunCacheKey = { path: '/x', heartbeatThresholdMs: 1, logsOnDisk: false };
  const values = Float64Array.of(-0, NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308);
  const parts = await encodeRun(
    {
      info: { id: 'r', state: 'finished', summary: { a: NaN } } as MemoryRun['info'],
      metrics: [
        { key: 'v', step: [0, 1, 2, 3, 4, 5], value: values },
        { key: 'empty', step: [], value: [] },
      ],
      logs: [{ text: '' }, { text: 'e', stream: 'stderr', label: 'output.log' }],
    },
    key,
    'v',
    [],
  );
  const file = Buffer.concat(parts);
  const run = decodeRun(file, key, 'v', [])!;
  assert.ok(Object.is(run.metrics![0]!.value[0], -0));
  assert.deepEqual(Array.from(run.metrics![0]!.value), Array.from(values));
  assert.equal(run.metrics![1]!.step.length, 0);
  assert.deepEqual(lines(run.logs), [
    { text: '', stream: 'stdout' },
    { text: 'e', stream: 'stderr', label: 'output.log' },
  ]);
  assert.ok(Number.isNaN(run.info.summary!.a as number));
  // A file read at an odd byte offset (a pooled Buffer) still loads.
  const odd = new Uint8Array(file.length + 1).subarray(1);
  odd.set(file);
  assert.deepEqual(Array.from(decodeRun(odd, key, 'v', [])!.metrics![0]!.value), Array.from(values));
  assert.equal(decodeRun(file, key, 'v', [{ path: 'new', size: 1 }]), undefined, 'another file list: stale');
});

test('the default cache folder follows XDG_CACHE_HOME', () => {
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }), '/var/cache/me/runpage');
  assert.match(defaultCacheDir({}), /\.cache\/runpage$/);
  assert.match(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }), /\.cache\/runpage$/, 'a relative XDG path is ignored');
});

test('the cache folder is kept within maxBytes: the files used least recently go first', async () => {
  const runs = [makeRun(), makeRun(), makeRun()];
  const shared = mkdtempSync(join(tmpdir(), 'runpage-run-cache-shared-'));
  try {
    const probe = new RunCache({ dir: join(shared, 'probe'), version: 't', log: () => undefined });
    await loadRun(runs[0]!.loc, options(probe));
    await probe.flush();
    const size = statSync(join(shared, 'probe', cacheFiles(join(shared, 'probe'))[0]!)).size;

    const dir = join(shared, 'cache');
    const cache = new RunCache({ dir, version: 't', maxBytes: Math.floor(2.5 * size), log: () => undefined });
    const fileOf = async (f: Fixture) => {
      await loadRun(f.loc, options(cache));
      await cache.flush();
      return cache.fileOf({ path: realpathSync(f.run), heartbeatThresholdMs: 300_000, logsOnDisk: true });
    };
    const [a, b] = [await fileOf(runs[0]!), await fileOf(runs[1]!)];
    utimesSync(a, T0 / 1000, T0 / 1000);
    utimesSync(b, T0 / 1000 + 1, T0 / 1000 + 1);
    // A died writer's leftover, two hours old, goes too.
    const leftover = join(dir, 'x.run.1.abcd.tmp');
    writeFileSync(leftover, 'partial');
    utimesSync(leftover, Date.now() / 1000 - 7200, Date.now() / 1000 - 7200);
    // Using a's cache makes it the most recently used: b is the one to go.
    assert.ok(!Array.isArray((await loadRun(runs[0]!.loc, options(cache))).run.logs));
    const c = await fileOf(runs[2]!);
    assert.deepEqual(cacheFiles(dir).sort(), [a, c].map((p) => p.slice(dir.length + 1)).sort());
  } finally {
    for (const f of runs) f.cleanup();
    rmSync(shared, { recursive: true, force: true });
  }
});
