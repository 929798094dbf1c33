import { before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSource,
  loadReaders,
  sourceFailure,
  uncheckedSource,
  type Repair,
} from '../../../src/data/checked-source.js';
import { SourceError, toSourceError } from '../../../src/data/errors.js';
import { circularText } from '../../../src/data/read/json.js';
import type { RunEvent, RunInfo, RunListEvent, RunSource } from '../../../src/data/source.js';

const RUN: RunInfo = { id: 'r', name: 'run', state: 'finished', startedAt: 1_714_554_000_000, tags: ['a'] };

/** A source answering `answers` per method, and the repairs its checked view reported. */
function checked(answers: Partial<Record<keyof RunSource, unknown>>): { source: RunSource; repairs: Repair[] } {
  const raw: Record<string, unknown> = { getRun: async () => RUN };
  for (const [k, v] of Object.entries(answers)) raw[k] = typeof v === 'function' ? v : async () => v;
  const repairs: Repair[] = [];
  return { source: checkSource(raw as unknown as RunSource, { repaired: (_q, r) => repairs.push(...r) }), repairs };
}

const total = (repairs: Repair[], action: Repair['action']) =>
  repairs.filter((r) => r.action === action).reduce((n, r) => n + r.count, 0);

async function rejection(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SourceError, `a SourceError, not ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('checkSource: runs', () => {
  it('passes a good run through with nothing reported', async () => {
    const { source, repairs } = checked({});
    assert.deepEqual(await source.getRun('r'), RUN);
    assert.deepEqual(repairs, []);
  });

  it('repairs the red team run: a string for tags, a number for id, a string for startedAt', async () => {
    const { source, repairs } = checked({
      getRun: async () => ({ ...RUN, tags: 'a,b', id: 42, startedAt: 'yesterday' }),
    });
    const run = await source.getRun('r');
    assert.deepEqual(run.tags, ['a,b']);
    assert.equal(run.id, '42');
    assert.equal(run.startedAt, undefined);
    assert.equal(total(repairs, 'dropped'), 1);
    assert.equal(total(repairs, 'converted'), 2);
  });

  it('reads ISO dates and numeric strings as times, and drops times a Date cannot hold', async () => {
    const { source } = checked({
      getRun: async () => ({ ...RUN, startedAt: '2024-05-01T09:00:00Z', endedAt: '1714554060000', heartbeatAt: 1e20 }),
    });
    const run = await source.getRun('r');
    assert.equal(run.startedAt, Date.UTC(2024, 4, 1, 9));
    assert.equal(run.endedAt, 1_714_554_060_000);
    assert.equal(run.heartbeatAt, undefined);
  });

  it('gives an unknown state for a state that is not one, and the asked id to a run without one', async () => {
    const { source } = checked({ getRun: async () => ({ state: 'exploded', name: 7 }) });
    const run = await source.getRun('asked');
    assert.equal(run.state, 'unknown');
    assert.equal(run.id, 'asked');
    assert.equal(run.name, '7');
  });

  it('rejects a run that is null with a retryable invalid-data error that says so', async () => {
    const { source } = checked({ getRun: async () => null });
    const e = await rejection(source.getRun('r'));
    assert.equal(e.code, 'invalid-data');
    assert.equal(e.retryable, true);
    assert.match(e.message, /getRun with null/);
  });

  it('keeps a clean config as the same object, however deep, without recursion', async () => {
    const deep: Record<string, unknown> = {};
    let o = deep;
    for (let i = 0; i < 100_000; i++) o = o.level = {};
    const config = { deep };
    const { source, repairs } = checked({ getRun: async () => ({ ...RUN, config }) });
    assert.equal((await source.getRun('r')).config, config);
    assert.deepEqual(repairs, []);
  });

  it('replaces a value that contains itself by a note of where it points, keeping the rest', async () => {
    const config: Record<string, unknown> = { lr: 0.1, opt: { name: 'adam' } };
    config.self = config;
    (config.opt as Record<string, unknown>).back = config.opt;
    config.list = [1, config];
    const { source, repairs } = checked({ getRun: async () => ({ ...RUN, config }) });
    const got = (await source.getRun('r')).config!;
    assert.deepEqual(got, {
      lr: 0.1,
      opt: { name: 'adam', back: circularText('config.opt') },
      self: circularText('config'),
      list: [1, circularText('config')],
    });
    assert.equal(total(repairs, 'converted'), 3);
  });

  it('keeps shared (not circular) references, drops functions and undefined, converts dates and bigints', async () => {
    const shared = { a: 1 };
    const holes = [1, 2, 3];
    delete holes[1];
    const config = { x: shared, y: shared, f: () => 1, u: undefined, d: new Date(0), b: 12n, holes };
    const { source, repairs } = checked({ getRun: async () => ({ ...RUN, config }) });
    assert.deepEqual((await source.getRun('r')).config, {
      x: { a: 1 },
      y: { a: 1 },
      d: '1970-01-01T00:00:00.000Z',
      b: 12,
      holes: [1, null, 3],
    });
    assert.ok(repairs.length >= 4);
  });

  it('leaves out a value whose getter throws', async () => {
    const config = {
      ok: 1,
      get bad(): number {
        throw new Error('no');
      },
    };
    const { source } = checked({ getRun: async () => ({ ...RUN, config }) });
    assert.deepEqual((await source.getRun('r')).config, { ok: 1 });
  });
});

describe('checkSource: series', () => {
  const series = (s: Record<string, unknown>) => ({
    runId: 'r',
    key: 'loss',
    x: new Float64Array([0, 1, 2]),
    y: new Float64Array([1, 2, 3]),
    total: 3,
    exact: true,
    nonFinite: 0,
    smoothed: false,
    ...s,
  });

  it('uses Float64Array columns of equal length as they are (no copy)', async () => {
    const good = series({});
    const { source, repairs } = checked({ getSeries: async () => [good] });
    const [s] = await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
    assert.equal(s.x, good.x);
    assert.equal(s.y, good.y);
    assert.deepEqual(repairs, []);
  });

  it('converts plain arrays (junk and null are NaN) and cuts columns of different lengths', async () => {
    const { source, repairs } = checked({
      getSeries: async () => [series({ x: [0, '1', 2, 3], y: ['1', null, 'nan', 'x', 5] }), null, 'junk'],
    });
    const list = await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
    assert.equal(list.length, 1);
    assert.ok(list[0].x instanceof Float64Array);
    assert.deepEqual([...list[0].x], [0, 1, 2, 3]);
    assert.deepEqual([...list[0].y], [1, NaN, NaN, NaN]);
    assert.equal(total(repairs, 'dropped'), 1 /* length */ + 2 /* null, x */ + 2 /* not series */);
  });

  it('counts x values that cannot be placed, and on the wall-clock axis blanks times a Date cannot hold', async () => {
    const x = new Float64Array([0, NaN, 2, Infinity]);
    const { source, repairs } = checked({ getSeries: async () => [series({ x, y: new Float64Array(4) })] });
    const [s] = await source.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' });
    assert.equal(s.x, x);
    assert.equal(total(repairs, 'dropped'), 2);
    const wall = new Float64Array([1e12, 1e20, 2e12]);
    const { source: s2 } = checked({ getSeries: async () => [series({ x: wall, y: new Float64Array(3) })] });
    const [w] = await s2.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'wallclock' });
    assert.deepEqual([...w.x], [1e12, NaN, 2e12]);
    assert.deepEqual([...wall], [1e12, 1e20, 2e12], 'the source’s own column is not changed');
  });
});

describe('checkSource: lists and logs', () => {
  it('leaves null items out of every list and says how many', async () => {
    const { source, repairs } = checked({
      listMetrics: async () => [null, { key: 'loss', group: 'history', count: '3' }, { group: 'history' }, 7],
    });
    const metrics = await source.listMetrics!('r');
    assert.deepEqual(metrics, [{ key: 'loss', group: 'history', count: 3 }]);
    assert.equal(total(repairs, 'dropped'), 3);
  });

  it('rejects a log chunk without lines, and file bytes that are not bytes, saying what is missing', async () => {
    const { source } = checked({
      getLogs: async () => ({ nonsense: true }),
      readFile: async () => ({ bytes: 'text' }),
    });
    assert.match(
      (await rejection(source.getLogs!({ runId: 'r', start: 0, count: 1 }))).message,
      /without a list of lines/,
    );
    assert.match((await rejection(source.readFile!('r', 'a.txt'))).message, /no bytes for a\.txt/);
  });

  it('rejects a list that is not a list', async () => {
    const { source } = checked({ listArtifacts: async () => ({ artifacts: [] }) });
    const e = await rejection(source.listArtifacts!('r'));
    assert.equal(e.code, 'invalid-data');
    assert.match(e.message, /not a list of artifacts/);
  });

  it('keeps log lines in order with distinct numbers and a total that covers them', async () => {
    const { source } = checked({
      getLogs: async () => ({
        start: '0',
        total: 'many',
        lines: [null, { n: '0', text: 'a' }, { n: 0, text: 5 }, { text: { no: 1 } }, 'junk'],
      }),
    });
    const chunk = await source.getLogs!({ runId: 'r', start: 0, count: 10 });
    assert.deepEqual(
      chunk.lines.map((l) => [l.n, l.text, l.stream]),
      [
        [0, 'a', 'stdout'],
        [1, '5', 'stdout'],
        [2, '', 'stdout'],
        [3, 'junk', 'stdout'],
      ],
    );
    assert.equal(chunk.total, 4);
  });

  it('names a file entry without a name by its path, and one without a path by its folder and name', async () => {
    const { source } = checked({
      listFiles: async () => ({ entries: [{ path: 'a/b.txt' }, { name: 'c.txt', size: '12' }, { kind: 'dir' }] }),
    });
    const listing = await source.listFiles!('r', 'a');
    assert.deepEqual(listing, {
      dir: 'a',
      entries: [
        { path: 'a/b.txt', name: 'b.txt', kind: 'file' },
        { path: 'a/c.txt', name: 'c.txt', kind: 'file', size: 12 },
      ],
    });
  });

  it('reads file bytes given as a list or an ArrayBuffer', async () => {
    const { source } = checked({ readFile: async () => ({ bytes: [104, 105], size: 'x' }) });
    const got = await source.readFile!('r', 'a.txt');
    assert.deepEqual([...got.bytes], [104, 105]);
    assert.equal(got.size, 2);
    assert.equal(got.path, 'a.txt');
  });
});

describe('checkSource: failures', () => {
  for (const [what, thrown, expected] of [
    ['undefined', undefined, /without saying why/],
    ['null', null, /without saying why/],
    ['a string', 'the backend is down', /^the backend is down$/],
    ['a plain object', { status: 500 }, /without saying why/],
    ['an Error', new Error('boom'), /^boom$/],
  ] as const) {
    it(`turns a rejection with ${what} into a SourceError with a readable message`, async () => {
      const { source } = checked({ getRun: () => Promise.reject(thrown) });
      const e = await rejection(source.getRun('r'));
      assert.equal(e.code, 'unavailable');
      assert.match(e.message, expected);
    });
  }

  it('turns a synchronous throw into a rejection', async () => {
    const { source } = checked({
      getModel: () => {
        throw 'nope';
      },
    });
    assert.match((await rejection(source.getModel!('r'))).message, /nope/);
  });

  it('keeps SourceErrors as they are', async () => {
    const err = new SourceError('not-found', 'No such run.');
    const { source } = checked({ getRun: () => Promise.reject(err) });
    assert.equal(await rejection(source.getRun('r')), err);
  });

  it('rebuilds a SourceError look-alike whose fields are unusable', () => {
    const e = toSourceError({ name: 'SourceError', code: 42, message: undefined });
    assert.equal(e.code, 'unavailable');
    assert.match(e.message, /without saying why/);
  });

  it('answers every request of a source that throws on every property access with an error', async () => {
    const proxy = new Proxy({} as RunSource, {
      get: () => {
        throw new Error('hostile');
      },
    });
    const source = checkSource(proxy);
    assert.equal(source.defaultRunId?.(), undefined);
    assert.equal(source.watch, undefined);
    assert.equal(source.fileUrl, undefined);
    const e = await rejection(source.getRun('r'));
    assert.match(e.message, /could not be read \(getRun\): hostile/);
    assert.equal(typeof source.getLogs, 'function', 'a broken source answers with errors, it is not "unsupported"');
    await rejection(source.getLogs!({ runId: 'r', start: 0, count: 1 }));
    assert.equal(sourceFailure(source)?.retryable, true);
  });

  it('has only the methods the source has, and unwraps to the source', () => {
    const raw: RunSource = { getRun: async () => RUN };
    const source = checkSource(raw);
    assert.equal(source.listMetrics, undefined);
    assert.equal(source.getSeries, undefined);
    assert.equal(uncheckedSource(source), raw);
    assert.equal(uncheckedSource(checkSource(source)), raw, 'checking a checked source checks the source once');
    for (const notASource of [undefined, null, 'src', 3])
      assert.equal(uncheckedSource(notASource as unknown as RunSource), notASource, 'what is no object is given back');
  });
});

describe('checkSource: watch', () => {
  // Events are read as they arrive once the readers are there (checked-source.lazy.test.ts: before).
  before(() => loadReaders());

  function watched() {
    let emit: (e: unknown) => void = () => {};
    const raw: RunSource = {
      getRun: async () => RUN,
      watch: (_id, on) => {
        emit = on as (e: unknown) => void;
        return () => {};
      },
    };
    const repairs: Repair[] = [];
    const source = checkSource(raw, { repaired: (_q, r) => repairs.push(...r) });
    const got: RunEvent[] = [];
    const stop = source.watch!('r', (e) => got.push(e));
    return { emit: (e: unknown) => emit(e), got, repairs, stop };
  }

  it('drops malformed events, repairs the rest, and reports what it dropped', () => {
    const w = watched();
    for (let i = 0; i < 10_000; i++) w.emit(i % 2 ? null : { type: 'metrics', group: 'history', points: 'x' });
    w.emit({ type: 'run', run: { name: 'renamed', tags: 'x', startedAt: 'never' } });
    w.emit({ type: 'metrics', group: 'history', points: [{ key: 'loss', step: '3', time: 5, value: 'NaN' }, null] });
    assert.deepEqual(w.got, [
      { type: 'run', run: { name: 'renamed', tags: ['x'] } },
      { type: 'metrics', group: 'history', points: [{ key: 'loss', step: 3, time: 5, value: NaN }] },
    ]);
    assert.ok(total(w.repairs, 'dropped') >= 10_000);
  });

  it('lets "something changed" signals through at most every 250 ms, the last one always', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const w = watched();
      for (let i = 0; i < 1000; i++) w.emit({ type: 'media-changed', keys: [`k${i % 3}`] });
      assert.equal(w.got.length, 1);
      mock.timers.tick(250);
      assert.equal(w.got.length, 2);
      assert.deepEqual(w.got[1], { type: 'media-changed', keys: ['k1', 'k2', 'k0'] });
      w.emit({ type: 'files-changed' });
      assert.equal(w.got.length, 3, 'each kind of signal has its own pace');
      w.emit({ type: 'files-changed' });
      w.stop();
      mock.timers.tick(1000);
      assert.equal(w.got.length, 3, 'nothing arrives after stop');
    } finally {
      mock.timers.reset();
    }
  });
});

describe('checkSource: a watch that breaks the contract', () => {
  it('always gives a stop function, warns, and leaves no rejection unhandled', async () => {
    const warn = mock.method(console, 'warn', () => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const stops = [
        () => {
          throw new Error('no watching today');
        },
        () => Promise.reject(new Error('watching broke')),
        () => 'not a function',
      ].map((watch) =>
        checkSource({ getRun: async () => RUN, watch } as unknown as RunSource).watch!('r', () => undefined),
      );
      for (const stop of stops) {
        assert.equal(typeof stop, 'function');
        stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(unhandled, []);
      const warned = warn.mock.calls.map((c) => String(c.arguments[0]));
      assert.ok(warned.some((w) => w.includes('could not watch run r') && w.includes('no watching today')));
      assert.ok(warned.some((w) => w.includes('watching run r for live updates failed: watching broke')));
    } finally {
      process.off('unhandledRejection', onUnhandled);
      warn.mock.restore();
    }
  });
});

describe('checkSource: watchRuns', () => {
  before(() => loadReaders());

  it('reads listing events like answers: drops malformed ones, repairs the rest, nothing after stop', () => {
    let emit: (e: unknown) => void = () => {};
    let unsubscribed = 0;
    const raw: RunSource = {
      getRun: async () => RUN,
      watchRuns: (on) => {
        emit = on as (e: unknown) => void;
        return () => unsubscribed++;
      },
    };
    const repairs: { request: string; list: Repair[] }[] = [];
    const source = checkSource(raw, { repaired: (request, list) => repairs.push({ request, list }) });
    const got: RunListEvent[] = [];
    const stop = source.watchRuns!((e) => got.push(e));
    emit({ type: 'run-added', run: { id: 'a', name: 'A' } });
    emit({ type: 'run-added', run: { name: 'no id' } });
    emit(null);
    emit({ type: 'run-removed', runId: 'a' });
    assert.deepEqual(got, [
      { type: 'run-added', run: { id: 'a', name: 'A' } },
      { type: 'run-removed', runId: 'a' },
    ]);
    assert.ok(repairs.length >= 2 && repairs.every((r) => r.request === 'watchRuns'));
    assert.ok(
      total(
        repairs.flatMap((r) => r.list),
        'dropped',
      ) >= 2,
    );
    stop();
    emit({ type: 'run-removed', runId: 'b' });
    assert.equal(got.length, 2, 'no event after stop');
    assert.equal(unsubscribed, 1);
  });
});
