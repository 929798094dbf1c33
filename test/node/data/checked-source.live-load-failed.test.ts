/**
 * Live events load their readers with the first one (read/later/live.ts, then the readers an
 * event needs, then the repairing paths). When one of those chunks cannot be fetched, the events
 * that waited for it are each reported as dropped (the element's notice adds them up), nothing is
 * thrown at the source, and the next event loads the code again and is delivered. Own file: each
 * test file runs in a fresh process, so nothing is loaded before these tests, which run in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, lazy } from '../../../src/data/checked-source.js';
import { repairing } from '../../../src/data/read/answer.js';
import type { Repair } from '../../../src/data/read/repairs.js';
import type { RunEvent, RunSource } from '../../../src/data/source.js';
import { failLoads } from '../../support/failing-load.js';
import { until } from '../../support/until.js';
import { historyPoint } from './support/watched-run.js';

/** A checked subscription to run `r` whose events the test emits, and what it reported and delivered. */
function watched() {
  let emit: (e: unknown) => void = () => {};
  const raw: RunSource = {
    getRun: async () => ({ id: 'r', name: 'r', state: 'running', startedAt: 0, tags: [] }),
    watch: (_id, on) => ((emit = on as (e: unknown) => void), () => {}),
  };
  const reports: [string, Repair[]][] = [];
  const got: RunEvent[] = [];
  checkSource(raw, { repaired: (request, list) => reports.push([request, list]) }).watch!('r', (e) => got.push(e));
  const dropped = () =>
    reports.flatMap(([, list]) => list).reduce((n, r) => n + (r.action === 'dropped' ? r.count : 0), 0);
  return { emit: (e: unknown) => emit(e), got, reports, dropped };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('the live reader cannot load: each event that waited is reported dropped; the next event loads it', async () => {
  const { emit, got, reports, dropped } = watched();
  const failing = failLoads(lazy.live);
  try {
    emit(historyPoint(1));
    emit(historyPoint(2));
    emit(historyPoint(3));
    await until(() => reports.length === 3, 'each event that waited is reported');
    assert.equal(failing.tries, 1, 'the events waited on one load');
    assert.deepEqual(
      reports,
      [1, 2, 3].map(() => [
        'watch',
        [{ method: 'watch', what: 'live events that could not be read', action: 'dropped', count: 1 }],
      ]),
    );
    assert.equal(dropped(), 3);
    assert.equal(got.length, 0);

    emit(historyPoint(4));
    await until(() => got.length === 1, 'the next event is delivered');
    assert.equal(failing.tries, 2, 'it loaded the live reader again');
    assert.deepEqual(
      (got[0] as Extract<RunEvent, { type: 'metrics' }>).points.map((p) => p.step),
      [4],
    );
    emit(historyPoint(5));
    await until(() => got.length === 2, 'and the one after');
    assert.equal(reports.length, 3, 'nothing more dropped');
  } finally {
    failing.restore();
  }
});

test('the readers an event needs cannot load: it and the events behind it are dropped, counted; the next loads them', async () => {
  const { emit, got, reports, dropped } = watched();
  emit(historyPoint(0));
  await until(() => got.length === 1, 'the live reader is in');
  const failing = failLoads(lazy.logs);
  try {
    emit({ type: 'logs', lines: [{ n: 0, text: 'hello', stream: 'stdout' }], total: 1 });
    emit(historyPoint(1));
    await until(() => reports.length === 1, 'the events that waited are reported');
    assert.equal(failing.tries, 1);
    assert.equal(dropped(), 2, 'the logs event and the one behind it');
    assert.equal(got.length, 1);

    emit({ type: 'logs', lines: [{ n: 1, text: 'again', stream: 'stdout' }], total: 2 });
    emit(historyPoint(2));
    await until(() => got.length === 3, 'the next events are delivered, in order');
    assert.equal(failing.tries, 2, 'the logs readers loaded again');
    assert.deepEqual(
      got.map((e) => e.type),
      ['metrics', 'logs', 'metrics'],
    );
    await settle();
    assert.equal(dropped(), 2, 'nothing more dropped');
  } finally {
    failing.restore();
  }
});

test('the repairing paths cannot load: the event that needs them and those behind it are dropped; the next loads them', async () => {
  const { emit, got, dropped } = watched();
  emit({ type: 'run', run: { name: 'clean' } });
  await until(() => got.length === 1, 'the run readers are in');
  assert.equal(repairing.now, undefined);
  const failing = failLoads(repairing);
  try {
    emit({ type: 'run', run: { config: { when: new Date(0) } } });
    emit(historyPoint(1));
    await until(() => dropped() === 2, 'the event that needs repairing and the one behind it are dropped');
    assert.equal(failing.tries, 1);
    assert.equal(got.length, 1);

    emit({ type: 'run', run: { config: { when: new Date(0) } } });
    emit(historyPoint(2));
    await until(() => got.length === 3, 'the next events are delivered, in order');
    assert.equal(failing.tries, 2, 'the repairing paths loaded again');
    assert.deepEqual((got[1] as Extract<RunEvent, { type: 'run' }>).run, {
      config: { when: '1970-01-01T00:00:00.000Z' },
    });
    assert.equal(got[2]!.type, 'metrics');
  } finally {
    failing.restore();
  }
});
