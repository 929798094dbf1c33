import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource, type MemoryRun } from '../../../src/data/memory-source.js';
import type { RunEvent } from '../../../src/data/source.js';
import { SourceError } from '../../../src/data/errors.js';

const T0 = Date.UTC(2024, 0, 1);

function run(id: string, extra: Partial<MemoryRun> = {}, info: Partial<MemoryRun['info']> = {}): MemoryRun {
  return { info: { id, state: 'finished', startedAt: T0, ...info }, ...extra };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    assert.ok(e instanceof SourceError, String(e));
    return e.code;
  }
}

describe('MemorySource: runs', () => {
  it('applies the crash rule to running runs with a stale heartbeat and no exit', async () => {
    let now = T0 + 10 * 60_000;
    const source = new MemorySource(
      [
        run('stale', {}, { state: 'running', heartbeatAt: T0 }),
        run('fresh', {}, { state: 'running', heartbeatAt: now - 1000 }),
        run('exited', {}, { state: 'running', heartbeatAt: T0, exitCode: 0 }),
        run('no-heartbeat', {}, { state: 'running' }),
      ],
      { now: () => now, heartbeatThresholdMs: 60_000 },
    );
    assert.equal((await source.getRun('stale')).state, 'crashed');
    assert.equal((await source.getRun('fresh')).state, 'running');
    assert.equal((await source.getRun('exited')).state, 'running');
    assert.equal((await source.getRun('no-heartbeat')).state, 'running');
    now += 120_000;
    assert.equal((await source.getRun('fresh')).state, 'crashed');
    assert.deepEqual(
      (await source.listRuns()).map((r) => [r.id, r.state]),
      [
        ['stale', 'crashed'],
        ['fresh', 'crashed'],
        ['exited', 'running'],
        ['no-heartbeat', 'running'],
      ],
    );
    assert.equal(source.defaultRunId(), 'stale');
  });

  it('keeps bad runs and reports what it changed', async () => {
    const source = new MemorySource([
      { info: { state: 'finished' } } as unknown as MemoryRun,
      run('a'),
      run('a'),
      { info: { id: 'b', state: 'exploded' } } as unknown as MemoryRun,
    ]);
    const refs = await source.listRuns();
    assert.deepEqual(
      refs.map((r) => r.id),
      ['run-1', 'a', 'a-2', 'b'],
    );
    assert.match((await source.getRun('a-2')).warnings!.join(), /renamed a-2/);
    const b = await source.getRun('b');
    assert.equal(b.state, 'pending');
    assert.match(b.warnings!.join(), /Unknown run state "exploded"/);
    assert.equal(new MemorySource([]).defaultRunId(), undefined);
  });

  it('never throws on junk runs', async () => {
    const junk = [
      null,
      {
        info: null,
        metrics: { not: 'an array' },
        logs: 5,
        files: 'x',
        model: { layers: 'no' },
        media: [null, { key: 'k' }],
        artifacts: {},
      },
      {
        info: { id: 'm', state: 'finished' },
        metrics: [null, { key: 'k', step: 5, value: null }],
        logs: { count: -3, line: () => null },
      },
    ] as unknown as MemoryRun[];
    const source = new MemorySource(junk);
    const ids = (await source.listRuns()).map((r) => r.id);
    assert.deepEqual(ids, ['run-1', 'run-2', 'm']);
    assert.equal(await code(source.getModel('run-2')), 'not-found');
    assert.match((await source.getRun('run-2')).warnings!.join('\n'), /no layers list[\s\S]*Skipped 2 media items/);
    assert.deepEqual(await source.listMedia('run-2'), []);
    assert.deepEqual(
      (await source.listMetrics('m')).map((x) => [x.key, x.count]),
      [['k', 0]],
    );
    assert.equal((await source.getLogs({ runId: 'm', start: 0, count: 5 })).total, 0);
    assert.equal(await code(source.getLogs(undefined as never)), 'invalid-data');
  });

  it('returns copies: changing a result does not change the source', async () => {
    const source = new MemorySource(
      run('a', { model: { format: 'x', layers: [{ id: 'l', name: 'l', params: 1 }] } }, { config: { lr: 1 } }),
    );
    (await source.getRun('a')).config!.lr = 2;
    assert.equal((await source.getRun('a')).config!.lr, 1);
    (await source.getModel('a')).layers[0].params = 9;
    assert.equal((await source.getModel('a')).layers[0].params, 1);
  });

  it('says "none" with not-found and lists as empty', async () => {
    const source = new MemorySource(run('a'));
    await assert.rejects(
      source.getModel('a'),
      (e: SourceError) => e.code === 'not-found' && e.message === 'No model was logged for this run.',
    );
    assert.deepEqual(await source.listArtifacts('a'), []);
    assert.deepEqual(await source.listMedia('a'), []);
    assert.deepEqual(await source.listMetrics('a'), []);
    assert.equal(await code(source.getMedia({ runId: 'a', key: 'x', step: 0 })), 'not-found');
    assert.deepEqual(await source.listFiles('a', ''), { dir: '', entries: [], total: 0 });
    assert.equal((await source.getLogs({ runId: 'a', start: 0, count: 10 })).total, 0);
  });
});

describe('MemorySource: series', () => {
  const metrics = [
    {
      key: 'loss',
      step: [0, 1, 2, 3, 2, 3, 4],
      value: [5, 4, 3, 2, 30, 20, 1],
      time: [0, 1, 2, 3, 4, 5, 6].map((s) => T0 + 1000 * s),
    },
    { key: 'epoch', step: [0, 1, 2, 3, 4], value: [0, 0.25, 0.5, 0.75, 1] },
    { key: 'strings', step: ['0', '1', 'x'], value: ['1.5', 'NaN', '2'] } as unknown as {
      key: string;
      step: number[];
      value: number[];
    },
  ];

  it('sorts a non-monotonic step axis stably and says so', async () => {
    const source = new MemorySource(run('a', { metrics }));
    const [s] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'step' });
    assert.deepEqual([...s.x], [0, 1, 2, 2, 3, 3, 4]);
    assert.deepEqual([...s.y], [5, 4, 3, 30, 2, 20, 1]);
    assert.equal(s.nonMonotonic, true);
  });

  it('derives relative and runtime from time when no runtime was logged', async () => {
    const source = new MemorySource(run('a', { metrics }));
    const [rel] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'relative' });
    assert.deepEqual([...rel.x], [0, 1, 2, 3, 4, 5, 6]);
    const [rt] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'runtime' });
    assert.deepEqual([...rt.x], [...rel.x]);
    const [wall] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'wallclock' });
    assert.equal(wall.x[0], T0);
    const [none] = await source.getSeries({ runIds: ['a'], keys: ['epoch'], x: 'wallclock' });
    assert.equal(none.total, 0);
  });

  it('starts relative time at the earliest time of any metric when the run has no start', async () => {
    const source = new MemorySource({
      info: { id: 'a', state: 'finished' },
      metrics: [
        { key: 'late', step: [0, 1], value: [1, 2], time: [T0 + 5000, T0 + 6000] },
        { key: 'early', step: [0], value: [1], time: [T0 + 1000] },
      ],
    });
    const [late] = await source.getSeries({ runIds: ['a'], keys: ['late'], x: 'relative' });
    assert.deepEqual([...late.x], [4, 5]);
  });

  it('joins another metric as x on step (last value at a repeated step)', async () => {
    const source = new MemorySource(run('a', { metrics }));
    const [s] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'epoch' });
    assert.deepEqual([...s.x], [0, 0.25, 0.5, 0.5, 0.75, 0.75, 1]);
    assert.equal(await code(source.getSeries({ runIds: ['a'], keys: ['loss'], x: 'nope' })), 'not-found');
  });

  it('reads numeric strings and turns junk into NaN, with a warning for unusable steps', async () => {
    const source = new MemorySource(run('a', { metrics }));
    const [s] = await source.getSeries({ runIds: ['a'], keys: ['strings'], x: 'step' });
    assert.deepEqual([...s.x], [0, 1]);
    assert.equal(s.y[0], 1.5);
    assert.ok(Number.isNaN(s.y[1]));
    assert.match((await source.getRun('a')).warnings!.join(), /strings: 1 points have no usable step/);
  });

  it('returns series for the runs that have a key and rejects a key no run has', async () => {
    const source = new MemorySource([run('a', { metrics }), run('b')]);
    const series = await source.getSeries({ runIds: ['a', 'b'], keys: ['loss'], x: 'step' });
    assert.deepEqual(
      series.map((s) => s.runId),
      ['a'],
    );
    assert.equal(await code(source.getSeries({ runIds: ['a', 'b'], keys: ['missing'], x: 'step' })), 'not-found');
    assert.equal(await code(source.getSeries({ runIds: ['a', 'zzz'], keys: ['loss'], x: 'step' })), 'not-found');
    assert.equal(await code(source.getSeries({} as never)), 'invalid-data');
  });

  it('sees appended points on the next query (caches follow appends)', async () => {
    const source = new MemorySource(run('a', { metrics: [{ key: 'm', step: [0, 1], value: [1, 2] }] }));
    assert.equal((await source.getSeries({ runIds: ['a'], keys: ['m'], x: 'step' }))[0].total, 2);
    for (let i = 2; i < 5000; i++) source.append('a', { points: [{ key: 'm', step: i, time: T0 + i, value: i }] });
    const [s] = await source.getSeries({ runIds: ['a'], keys: ['m'], x: 'step' });
    assert.equal(s.total, 5000);
    assert.equal(s.y[4999], 4999);
    const [w] = await source.getSeries({ runIds: ['a'], keys: ['m'], x: 'wallclock' });
    assert.equal(w.total, 4998, 'the first two points had no time');
    const info = (await source.listMetrics('a'))[0];
    assert.deepEqual([info.count, info.steps, info.last], [5000, [0, 4999], 4999]);
  });

  it('keeps a spike appended live, and one logged at a step that goes backwards', async () => {
    const n = 20_000;
    const step = Array.from({ length: n }, (_, i) => i);
    const value = step.map((i) => Math.sin(i / 50));
    const source = new MemorySource(run('a', { metrics: [{ key: 'm', step, value }] }));
    const q = { runIds: ['a'], keys: ['m'], x: 'step', points: 100 };
    assert.ok(Math.max(...(await source.getSeries(q))[0].y) < 2);
    // the column's min/max index follows appended points
    for (let i = n; i < n + 3000; i++) {
      source.append('a', { points: [{ key: 'm', step: i, time: T0 + i, value: i === n + 1234 ? 99 : 0 }] });
    }
    const [grown] = await source.getSeries(q);
    assert.equal(Math.max(...grown.y), 99);
    assert.equal(grown.x[grown.y.indexOf(99)], n + 1234);
    // a step that goes backwards: the columns are sorted by step again, with an index of their own
    source.append('a', { points: [{ key: 'm', step: 10, time: T0 + n + 3000, value: -77 }] });
    const [sorted] = await source.getSeries(q);
    assert.equal(sorted.nonMonotonic, true);
    assert.equal(Math.min(...sorted.y), -77);
    assert.equal(sorted.x[sorted.y.indexOf(-77)], 10);
  });

  it('smooths before downsampling and downsamples the original too', async () => {
    const n = 10_000;
    const step = Array.from({ length: n }, (_, i) => i);
    const value = step.map((i) => Math.sin(i / 100) + (i === 5000 ? 40 : 0));
    const source = new MemorySource(run('a', { metrics: [{ key: 'm', step, value }] }));
    const [s] = await source.getSeries({
      runIds: ['a'],
      keys: ['m'],
      x: 'step',
      points: 100,
      smoothing: { kind: 'average', weight: 5 },
    });
    assert.equal(s.smoothed, true);
    assert.ok(s.x.length <= 400 && s.original!.x.length <= 400);
    assert.ok(Math.max(...s.original!.y) > 39, 'the raw spike is in the original');
    assert.ok(Math.max(...s.y) < 40 && Math.max(...s.y) > 3, 'the smoothed spike is spread');
    const [plain] = await source.getSeries({
      runIds: ['a'],
      keys: ['m'],
      x: 'step',
      points: 100,
      smoothing: { kind: 'none', weight: 0 },
    });
    assert.equal(plain.smoothed, false);
    assert.equal(plain.original, undefined);
  });
});

describe('MemorySource: logs', () => {
  function lazyLogs(count: number, calls: { n: number }) {
    return {
      count,
      labels: ['rank0', 'rank1'],
      line(i: number) {
        calls.n++;
        return {
          text: `line ${i}${i % 10 === 0 ? ' ERROR' : ''}`,
          stream: i % 3 === 0 ? ('stderr' as const) : ('stdout' as const),
          label: `rank${i % 2}`,
        };
      },
    };
  }

  it('reads only the lines a window needs from a lazy log', async () => {
    const calls = { n: 0 };
    const source = new MemorySource(run('a', { logs: lazyLogs(1_000_000, calls) }));
    const chunk = await source.getLogs({ runId: 'a', start: 999_990, count: 50 });
    assert.equal(chunk.total, 1_000_000);
    assert.equal(chunk.lines.length, 10);
    assert.equal(chunk.lines[9].text, 'line 999999');
    assert.deepEqual(chunk.labels, ['rank0', 'rank1']);
    assert.equal(calls.n, 10);
  });

  it('filters by stream and label, keeps whole-log numbers, and extends with appended lines', async () => {
    const calls = { n: 0 };
    const source = new MemorySource(run('a', { logs: lazyLogs(100, calls) }));
    const chunk = await source.getLogs({ runId: 'a', start: 0, count: 5, streams: ['stderr'], labels: ['rank1'] });
    assert.deepEqual(
      chunk.lines.map((l) => l.n),
      [3, 9, 15, 21, 27],
    );
    assert.equal(chunk.total, 17);
    calls.n = 0;
    await source.getLogs({ runId: 'a', start: 5, count: 5, streams: ['stderr'], labels: ['rank1'] });
    assert.equal(calls.n, 5, 'the filter is built once');
    source.append('a', { logs: [{ text: 'new', stream: 'stderr', label: 'rank1' }, { text: 'other' }] });
    const after = await source.getLogs({ runId: 'a', start: 17, count: 5, streams: ['stderr'], labels: ['rank1'] });
    assert.deepEqual(
      after.lines.map((l) => [l.n, l.text]),
      [[100, 'new']],
    );
    assert.equal(after.total, 18);
  });

  it('clamps windows and normalises bad lines', async () => {
    const source = new MemorySource(
      run('a', {
        logs: [{ text: 'ok' }, { text: 42 } as never, null as never, { text: 'x', stream: 'weird' } as never],
      }),
    );
    const chunk = await source.getLogs({ runId: 'a', start: -5, count: 1e9 });
    assert.deepEqual(
      chunk.lines.map((l) => [l.text, l.stream]),
      [
        ['ok', 'stdout'],
        ['42', 'stdout'],
        ['', 'stdout'],
        ['x', 'stdout'],
      ],
    );
    assert.equal((await source.getLogs({ runId: 'a', start: 10, count: 5 })).lines.length, 0);
  });

  it('searches the text a reader sees (ANSI removed) and matches nothing for an empty query', async () => {
    const source = new MemorySource(run('a', { logs: [{ text: '\x1b[31mErr\x1b[0mor here' }, { text: 'fine' }] }));
    assert.deepEqual((await source.searchLogs({ runId: 'a', query: 'Error' })).lines, [0]);
    assert.equal((await source.searchLogs({ runId: 'a', query: '' })).total, 0);
    assert.deepEqual((await source.searchLogs({ runId: 'a', query: 'a+b(', regex: false })).lines, []);
  });

  it('can be aborted part way through a long search', async () => {
    const calls = { n: 0 };
    const source = new MemorySource(run('a', { logs: lazyLogs(3_000_000, calls) }));
    const controller = new AbortController();
    const search = source.searchLogs({ runId: 'a', query: 'line 2999999' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    assert.equal(await code(search), 'aborted');
    assert.ok(calls.n < 3_000_000, `stopped after ${calls.n} lines`);
  });
});

describe('MemorySource: files', () => {
  const files = [
    { path: 'a.txt', bytes: 'héllo' },
    { path: 'dir/b.bin', bytes: new Uint8Array([1, 2, 3, 4]) },
    { path: 'dir/sub/c.json', bytes: '{}', url: 'https://example.com/c.json' },
    { path: 'empty/' },
    { path: 'big.pt', size: 5_000_000_000 },
    { path: '../escape.txt', bytes: 'no' },
    { path: '/lead//slash.txt', bytes: 'ok' },
  ];

  it('lists folders with counts, sizes and mime types, refusing unsafe paths', async () => {
    const source = new MemorySource(run('a', { files }), { pageSize: 2 });
    const root = await source.listFiles('a', '');
    assert.equal(root.total, 5);
    assert.equal(root.entries.length, 2);
    assert.equal(root.next, '2');
    const all = [...root.entries, ...(await source.listFiles('a', '', { cursor: '2', limit: 10 })).entries];
    assert.deepEqual(
      all.map((e) => [e.name, e.kind, e.size ?? e.count]),
      [
        ['a.txt', 'file', 6],
        ['big.pt', 'file', 5_000_000_000],
        ['dir', 'dir', 2],
        ['empty', 'dir', 0],
        ['lead', 'dir', 1],
      ],
    );
    assert.equal((await source.listFiles('a', 'dir/sub/')).entries[0].mime, 'application/json');
    assert.equal((await source.listFiles('a', 'empty')).total, 0);
    assert.match((await source.getRun('a')).warnings!.join(), /unusable path: "..\/escape.txt"/);
    assert.equal(await code(source.listFiles('a', 'a.txt')), 'invalid-data');
    assert.equal(await code(source.listFiles('a', '', { cursor: 'zz' })), 'invalid-data');
  });

  it('gives the MIME type given, none for an empty one, else one guessed from the name', async () => {
    const source = new MemorySource(
      run('a', {
        files: [
          { path: 'given.txt', bytes: 'x', mime: 'text/x-given' },
          { path: 'none.json', bytes: '{}', mime: '' },
          { path: 'guessed.json', bytes: '{}' },
          { path: 'unknown.zzz', bytes: 'x' },
        ],
      }),
    );
    const mimes = async () =>
      Object.fromEntries((await source.listFiles('a', '')).entries.map((e) => [e.name, e.mime]));
    const expected = {
      'given.txt': 'text/x-given',
      'guessed.json': 'application/json',
      'none.json': undefined,
      'unknown.zzz': undefined,
    };
    assert.deepEqual(await mimes(), expected);
    for (const [name, mime] of Object.entries(expected)) assert.equal((await source.readFile('a', name)).mime, mime);
    source.append('a', { files: [{ path: 'given.txt', bytes: 'y' }] });
    assert.equal((await mimes())['given.txt'], 'text/plain', 'a new version without one gets a guessed type');
    assert.equal((await source.readFile('a', 'given.txt')).mime, 'text/plain');
  });

  it('reads bytes and ranges, and says when contents were not kept', async () => {
    const source = new MemorySource(run('a', { files }));
    const whole = await source.readFile('a', 'a.txt');
    assert.equal(new TextDecoder().decode(whole.bytes), 'héllo');
    assert.equal(whole.size, 6);
    assert.equal(whole.mime, 'text/plain');
    const part = await source.readFile('a', 'dir/b.bin', { start: 1, end: 3 });
    assert.deepEqual([...part.bytes], [2, 3]);
    part.bytes[0] = 99;
    assert.deepEqual([...(await source.readFile('a', 'dir/b.bin')).bytes], [1, 2, 3, 4]);
    assert.deepEqual([...(await source.readFile('a', 'dir/b.bin', { start: 3, end: 100 })).bytes], [4]);
    assert.equal((await source.readFile('a', 'dir/b.bin', { start: 10 })).bytes.length, 0);
    assert.equal(await code(source.readFile('a', 'dir/b.bin', { start: -1 })), 'invalid-data');
    assert.equal(await code(source.readFile('a', 'big.pt')), 'unsupported');
    assert.equal(await code(source.readFile('a', 'dir')), 'invalid-data');
    assert.equal(source.fileUrl('a', 'dir/sub/c.json'), 'https://example.com/c.json');
    assert.equal(source.fileUrl('a', 'a.txt'), undefined);
    assert.equal(source.fileUrl('zzz', 'a.txt'), undefined);
  });
});

describe('MemorySource: artifacts', () => {
  const artifact = {
    id: 'ds:v0',
    name: 'ds',
    type: 'dataset',
    direction: 'input' as const,
    aliases: [],
    files: [{ path: 'a.txt', name: 'a.txt', kind: 'file' as const, size: 2 }],
    metadata: { k: 1 },
  };
  it('lists artifacts without files, metadata or lineage, counting files', async () => {
    const source = new MemorySource(run('r', { artifacts: [artifact] }));
    const [info] = await source.listArtifacts('r');
    assert.deepEqual(info, { id: 'ds:v0', name: 'ds', type: 'dataset', direction: 'input', aliases: [], fileCount: 1 });
    const detail = await source.getArtifact('r', 'ds:v0');
    detail.files.pop();
    assert.equal((await source.getArtifact('r', 'ds:v0')).files.length, 1);
  });
  it('reads artifact files given in artifactFiles, and says when contents were not kept', async () => {
    const source = new MemorySource(
      run('r', {
        artifacts: [artifact, { ...artifact, id: 'ds:v1' }],
        artifactFiles: { 'ds:v0': [{ path: 'a.txt', bytes: 'hi' }] },
      }),
    );
    assert.equal(new TextDecoder().decode((await source.readArtifactFile('r', 'ds:v0', 'a.txt')).bytes), 'hi');
    assert.equal(await code(source.readArtifactFile('r', 'ds:v1', 'a.txt')), 'unsupported');
    assert.equal(await code(source.readArtifactFile('r', 'ds:v1', 'b.txt')), 'not-found');
    assert.equal(await code(source.readArtifactFile('r', 'ds:v9', 'a.txt')), 'not-found');
    assert.equal(await code(source.readArtifactFile('r', 'ds:v0', '../a.txt')), 'invalid-data');
  });
});

describe('MemorySource: live', () => {
  it('gives the points appended before a metric had times no time (NaN), not 0', async () => {
    const source = new MemorySource(run('a', { metrics: [{ key: 'loss', step: [0, 1], value: [1, 2] }] }));
    source.append('a', { points: [{ key: 'loss', step: 2, value: 3, time: T0 + 5, runtime: 7 }] });
    for (const x of ['timestamp', 'runtime'] as const) {
      const [s] = await source.getSeries({ runIds: ['a'], keys: ['loss'], x });
      assert.deepEqual([...s!.x], [x === 'timestamp' ? T0 + 5 : 7], x);
      assert.deepEqual([...s!.y], [3], x);
    }
  });

  it('announces new keys before their points, grouped by metric group', () => {
    const source = new MemorySource(run('a', { metrics: [{ key: 'loss', step: [0], value: [1] }] }));
    const events: RunEvent[] = [];
    source.watch('a', (e) => events.push(e));
    source.append('a', {
      points: [
        { key: 'loss', step: 1, time: T0, value: 0.5 },
        { key: 'system.cpu', step: 0, time: T0, value: 40 },
        { key: 'custom', step: 0, time: T0, value: 1, group: 'system' },
      ],
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['metrics-added', 'metrics', 'metrics'],
    );
    const added = events[0].type === 'metrics-added' ? events[0].metrics : [];
    assert.deepEqual(
      added.map((m) => [m.key, m.group, m.count, m.order]),
      [
        ['system.cpu', 'system', 1, 1],
        ['custom', 'system', 1, 2],
      ],
    );
    const groups = events.slice(1).map((e) => (e.type === 'metrics' ? [e.group, e.points.length] : []));
    assert.deepEqual(groups, [
      ['history', 1],
      ['system', 2],
    ]);
  });

  it('takes new and replaced files, media and artifacts, and says what changed', async () => {
    const source = new MemorySource(run('a', { files: [{ path: 'logs/output.log', bytes: 'one\n' }] }));
    const events: RunEvent[] = [];
    source.watch('a', (e) => events.push(e));
    source.append('a', {
      files: [
        { path: 'logs/output.log', bytes: 'one\ntwo\n', modified: T0 },
        { path: 'logs/a.txt', bytes: 'a' },
        { path: 'media/images/x.png', size: 10 },
      ],
      media: [{ key: 'img', step: 3, index: 0, kind: 'image', url: 'data:,' }],
      artifacts: [{ id: 'm:v0', name: 'm', type: 'model', direction: 'output', aliases: [], files: [] }],
    });
    assert.deepEqual(
      events.map((e) => e.type),
      ['files-changed', 'media-changed', 'artifacts-changed'],
    );
    const logs = await source.listFiles('a', 'logs');
    assert.deepEqual(
      logs.entries.map((e) => [e.name, e.size]),
      [
        ['a.txt', 1],
        ['output.log', 8],
      ],
    );
    assert.equal(new TextDecoder().decode((await source.readFile('a', 'logs/output.log')).bytes), 'one\ntwo\n');
    const root = await source.listFiles('a', '');
    assert.deepEqual(
      root.entries.map((e) => [e.name, e.count]),
      [
        ['logs', 2],
        ['media', 1],
      ],
    );
    assert.deepEqual(await source.listMedia('a'), [{ key: 'img', kind: 'image', steps: [3] }]);
    assert.equal((await source.listArtifacts('a')).length, 1);
    source.append('a', {
      artifacts: [{ id: 'm:v0', name: 'm', type: 'model', direction: 'output', aliases: ['best'], files: [] }],
    });
    assert.deepEqual((await source.listArtifacts('a'))[0].aliases, ['best']);
  });

  it('stops delivering when the signal aborts, and survives a throwing listener', () => {
    const source = new MemorySource(run('a'));
    const controller = new AbortController();
    const seen: RunEvent[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      source.watch('a', () => {
        throw new Error('listener bug');
      });
      source.watch('a', (e) => seen.push(e), { signal: controller.signal });
      source.append('a', { logs: [{ text: 'one' }] });
      controller.abort();
      source.append('a', { logs: [{ text: 'two' }] });
    } finally {
      console.error = original;
    }
    assert.equal(seen.length, 1);
    assert.equal(typeof source.watch('nope', () => {}), 'function');
    assert.throws(
      () => source.append('nope', {}),
      (e: SourceError) => e.code === 'not-found',
    );
  });

  it('tells watchers when a running run stops sending heartbeats', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_700_000_000_000 });
    try {
      const source = new MemorySource(run('a', {}, { state: 'running', heartbeatAt: Date.now() }), {
        heartbeatThresholdMs: 40,
      });
      const events: RunEvent[] = [];
      const stop = source.watch('a', (e) => events.push(e));
      mock.timers.tick(20);
      source.append('a', { run: { heartbeatAt: Date.now() } });
      const states = () => events.flatMap((e) => (e.type === 'run' && e.run.state ? [e.run.state] : []));
      mock.timers.tick(40);
      assert.deepEqual(states(), [], 'the new heartbeat moved the deadline');
      mock.timers.tick(80);
      stop();
      assert.deepEqual(states(), ['crashed']);
      assert.equal((await source.getRun('a')).state, 'crashed');
    } finally {
      mock.timers.reset();
    }
  });
});

describe('metric groups by key name', () => {
  it('puts W&B, MLflow and Aim system keys in the system group and the rest in history', async () => {
    const one = { step: [0], value: [1] };
    const source = new MemorySource({
      info: { id: 'g', state: 'finished' },
      metrics: ['system.cpu', 'system/cpu_utilization_percentage', '__system__cpu', 'train/loss', 'systematic'].map(
        (key) => ({ key, ...one }),
      ),
    });
    const groups = Object.fromEntries((await source.listMetrics('g')).map((m) => [m.key, m.group]));
    assert.deepEqual(groups, {
      'system.cpu': 'system',
      'system/cpu_utilization_percentage': 'system',
      __system__cpu: 'system',
      'train/loss': 'history',
      systematic: 'history',
    });
  });
});
