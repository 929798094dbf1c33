// In a file of its own: node's fake timers here must not meet the stray polls of other tests.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowSource } from '../../../../src/formats/mlflow/mlflow-source.js';
import type { RunListEvent } from '../../../../src/data/source.js';
import { advance, advanceUntil } from '../../../support/advance.js';
import type { FakeRun } from './fake-mlflow-server.js';

const NOW = 1_750_000_000_000;

function makeRun(id: string, status: FakeRun['info']['status'], start: number): FakeRun {
  return {
    info: {
      run_id: id,
      run_uuid: id,
      run_name: id,
      experiment_id: '1',
      user_id: 'u',
      status,
      start_time: start,
      artifact_uri: `mlflow-artifacts:/1/${id}/artifacts`,
      lifecycle_stage: 'active',
    },
    params: {},
    tags: {},
    history: [],
    artifacts: {},
  };
}

test('watchRuns lists again every listingPollMs (fake timers) and tells runs added and ended', async () => {
  const first = makeRun('l1', 'RUNNING', NOW - 1000);
  const runs = [first];
  let searches = 0;
  // the tracking server's runs/search, answered in process: only the fake clock moves this test
  const fakeFetch = (async (url: string | URL | Request) => {
    const path = String(url);
    if (path.includes('experiments/search'))
      return new Response(JSON.stringify({ experiments: [{ experiment_id: '1', name: 'vision-exp' }] }));
    if (path.includes('runs/search')) {
      searches++;
      const answer = [...runs]
        .sort((a, b) => b.info.start_time - a.info.start_time)
        .map((r) => ({
          info: { ...r.info },
          data: {
            params: Object.entries(r.params).map(([key, value]) => ({ key, value })),
            tags: Object.entries(r.tags).map(([key, value]) => ({ key, value })),
          },
        }));
      return new Response(JSON.stringify({ runs: answer }));
    }
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  try {
    mock.timers.enable({ apis: ['setTimeout'] });
    const source = new MlflowSource({
      baseUrl: 'http://mlflow.test/',
      listingPollMs: 15_000,
      now: () => NOW,
      fetch: fakeFetch,
    });
    const events: RunListEvent[] = [];
    const stop = source.watchRuns((e) => events.push(e));
    const also: RunListEvent[] = [];
    const stopAlso = source.watchRuns((e) => also.push(e));
    await advance(1);
    assert.equal(searches, 1, 'the first listing takes stock');
    runs.push(makeRun('l2', 'RUNNING', NOW - 500));
    first.info.status = 'FINISHED';
    first.info.end_time = NOW;
    await advance(14_000);
    assert.equal(searches, 1, 'nothing is asked before the interval is over');
    assert.equal(events.length, 0);
    await advanceUntil(() => events.length >= 2, `events: ${JSON.stringify(events)}`);
    assert.equal(searches, 2, 'two watchers share one poll');
    assert.deepEqual(
      events.map((e) => [
        e.type,
        e.type === 'run-removed' || e.type === 'resync' ? '' : e.run.id,
        e.type === 'run-changed' ? e.run.state : '',
      ]),
      // in the listing's order: newest first
      [
        ['run-added', 'l2', ''],
        ['run-changed', 'l1', 'finished'],
      ],
    );
    assert.deepEqual(also, events);
    stop();
    stopAlso();
    mock.timers.runAll();
    await advance(1);
    assert.equal(searches, 2, 'no listing once nobody watches');
  } finally {
    mock.timers.reset();
  }
});
