/**
 * A MemoryRuns builds a run's logs, files, artifacts, model and media (its parts) with the first
 * request that needs them, loading the reads module then: a chart's requests never do. A failed
 * load is a retryable SourceError, and the next request loads again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LazyModule } from '../../../src/data/source.js';
import { MemoryRuns, type MemoryRun } from '../../../src/data/memory-runs.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunListEvent } from '../../../src/data/source.js';
import { until } from '../../support/until.js';

type Reads = typeof import('../../../src/data/memory-reads.js');

/** A MemoryRuns whose reads module is this test's: counted, and failing while `fail` is set. */
class CountedRuns extends MemoryRuns {
  loads = 0;
  fail = false;
  protected override readonly reads = new LazyModule<Reads>(async () => {
    this.loads++;
    if (this.fail) throw new TypeError('Failed to fetch dynamically imported module: memory-reads.js');
    return import('../../../src/data/memory-reads.js');
  });

  built(runId: string): boolean {
    return this.runs.get(runId)?.parts !== undefined;
  }
}

const run = (): MemoryRun => ({
  info: { id: 'r', state: 'finished' },
  metrics: [{ key: 'loss', step: [0, 1, 2], value: [3, 2, 1] }],
  logs: [{ text: 'hello' }],
  files: [
    { path: 'a.txt', bytes: 'a', url: 'https://example.test/a.txt' },
    { path: '../escape', bytes: 'x' },
  ],
  media: [{ key: 'img', step: 0, index: 0, kind: 'image', url: 'https://example.test/i.png' }, { key: 'bad' } as never],
});

test('chart requests neither load the reads module nor build the parts', async () => {
  const source = new CountedRuns(run());
  await source.listMetrics('r');
  const [series] = await source.getSeries({ runIds: ['r'], keys: ['loss'], x: 'step' });
  assert.deepEqual([...series!.y], [3, 2, 1]);
  assert.equal(source.loads, 0);
  assert.equal(source.built('r'), false);
  // a file's URL is told from what was handed over, still without the reads module
  assert.equal(source.fileUrl('r', '/a.txt'), 'https://example.test/a.txt');
  assert.equal(source.fileUrl('r', '../escape'), undefined);
  assert.equal(source.loads, 0);
});

test('getRun builds the parts first: their contents and warnings are in its answer', async () => {
  const source = new CountedRuns(run());
  const info = await source.getRun('r');
  assert.equal(source.loads, 1);
  assert.equal(source.built('r'), true);
  assert.deepEqual(info.has, {
    metrics: true,
    system: false,
    logs: true,
    files: true,
    artifacts: false,
    model: false,
    media: true,
  });
  assert.deepEqual(info.warnings, [
    'Skipped a file with an unusable path: "../escape"',
    'Skipped 1 media items without a key, step or URL',
  ]);
  const [ref] = await source.listRuns();
  assert.equal(ref!.warnings, 2);
  assert.equal(source.fileUrl('r', 'a.txt'), 'https://example.test/a.txt');
});

test('a run handed no parts answers getRun without loading the reads module', async () => {
  const source = new CountedRuns({ info: { id: 'r', state: 'finished' }, files: [], media: [] });
  const info = await source.getRun('r');
  assert.equal(info.has?.files, false);
  assert.equal(source.loads, 0);
  await assert.rejects(source.getModel('r'), (e: SourceError) => e.code === 'not-found');
  assert.equal(source.loads, 1);
});

test('a failed load of the reads module is a retryable SourceError; the next request loads again', async () => {
  const source = new CountedRuns(run());
  source.fail = true;
  for (const request of [() => source.listFiles('r', ''), () => source.getRun('r'), () => source.listRuns()]) {
    await assert.rejects(request(), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.code, 'unavailable');
      assert.equal(e.retryable, true);
      assert.match(e.message, /Failed to fetch dynamically imported module/);
      return true;
    });
  }
  assert.equal(source.loads, 3);
  source.fail = false;
  const listing = await source.listFiles('r', '');
  assert.deepEqual(
    listing.entries.map((e) => e.path),
    ['a.txt'],
  );
  assert.equal(source.loads, 4);
});

test('a listing loads the reads module (its code is there); a crash is told to watchRuns once it is in', async () => {
  const source = new CountedRuns(
    { ...run(), info: { id: 'r', state: 'running', heartbeatAt: 0 } },
    { now: () => 10 * 60_000, heartbeatThresholdMs: 1000 },
  );
  const events: RunListEvent[] = [];
  source.watchRuns((e) => events.push(e));
  assert.equal(events.length, 0, 'told once the listing code and the parts are in');
  await until(() => events.length > 0, 'no listing event');
  assert.equal(events[0]!.type, 'run-changed');
  const ref = (events[0] as Extract<RunListEvent, { type: 'run-changed' }>).run;
  assert.equal(ref.state, 'crashed');
  assert.equal(ref.warnings, 2, "the parts' warnings are counted");

  const plain = new CountedRuns({ info: { id: 'p', state: 'finished' } });
  assert.deepEqual(
    (await plain.listRuns()).map((r) => r.id),
    ['p'],
  );
  assert.equal(plain.loads, 1);
});

test('every method answered by the reads module fails retryably while it cannot load, and answers once it can', async () => {
  const source = new CountedRuns({
    ...run(),
    artifacts: [{ id: 'a', name: 'weights', type: 'model', aliases: [], files: [] }] as never,
    artifactFiles: { a: [{ path: 'w.bin', bytes: 'w' }] },
    model: { layers: [] } as never,
  });
  const calls: [string, () => Promise<unknown>][] = [
    ['listRuns', () => source.listRuns()],
    ['queryRuns', () => source.queryRuns({})],
    ['getLogs', () => source.getLogs({ runId: 'r', start: 0, count: 1 })],
    ['searchLogs', () => source.searchLogs({ runId: 'r', query: 'hel' })],
    ['listFiles', () => source.listFiles('r', '')],
    ['readFile', () => source.readFile('r', 'a.txt')],
    ['readArtifactFile', () => source.readArtifactFile('r', 'a', 'w.bin')],
    ['listArtifacts', () => source.listArtifacts('r')],
    ['getArtifact', () => source.getArtifact('r', 'a')],
    ['getModel', () => source.getModel('r')],
    ['listMedia', () => source.listMedia('r')],
    ['getMedia', () => source.getMedia({ runId: 'r', key: 'img', step: 0 })],
  ];
  source.fail = true;
  for (const [name, call] of calls)
    await assert.rejects(
      call(),
      (e: unknown) => e instanceof SourceError && e.code === 'unavailable' && e.retryable,
      name,
    );
  source.fail = false;
  for (const [name, call] of calls) assert.ok((await call()) !== undefined, name);
  assert.equal(source.loads, calls.length + 1);
});

test('a request cancelled while the reads module failed to load is told it was cancelled', async () => {
  const source = new CountedRuns(run());
  source.fail = true;
  const gone = AbortSignal.abort();
  const o = { signal: gone };
  const calls: [string, () => Promise<unknown>][] = [
    ['listRuns', () => source.listRuns(o)],
    ['getLogs', () => source.getLogs({ runId: 'r', start: 0, count: 1 }, o)],
    ['listFiles', () => source.listFiles('r', '', undefined, o)],
    ['readFile', () => source.readFile('r', 'a.txt', undefined, o)],
    ['readArtifactFile', () => source.readArtifactFile('r', 'a', 'w.bin', undefined, o)],
    ['getArtifact', () => source.getArtifact('r', 'a', o)],
    ['getMedia', () => source.getMedia({ runId: 'r', key: 'img', step: 0 }, o)],
  ];
  for (const [name, call] of calls)
    await assert.rejects(call(), (e: unknown) => e instanceof SourceError && e.code === 'aborted', name);
  // a request that was not cancelled is told the load failed
  await assert.rejects(source.getModel('r'), (e: unknown) => e instanceof SourceError && e.code === 'unavailable');
});
