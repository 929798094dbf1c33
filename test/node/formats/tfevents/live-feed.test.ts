/**
 * A TensorBoard run served live (src/server/run-loaders.ts): its state follows its newest event's
 * wall time, with the clock injected, so no test waits. Expected times are the wall times the test
 * writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRun, type LoadOptions } from '../../../../src/server/run-loaders.js';
import type { RunLocation } from '../../../../src/server/discover.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { frameTfRecord } from '../../../../src/formats/tfevents/tfrecord.js';
import { eventBytes, eventFile, scalarValue } from './encode.js';

const THRESHOLD = 60_000;
const POLL = 1000;

function options(now: number): LoadOptions {
  return { now, heartbeatThresholdMs: THRESHOLD, pollMs: POLL, fileUrl: (p) => p };
}

function tempRun(): { root: string; loc: RunLocation; file: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'runpage-tb-live-'));
  const loc: RunLocation = { format: 'tfevents', id: 'tb', root, path: '', name: 'tb' };
  const file = join(root, 'events.out.tfevents.1700000000.host.1.0');
  return { root, loc, file, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('a folder written now is running; each poll brings its points; silence turns it unknown, never crashed', async () => {
  const t = tempRun();
  try {
    // The clock the server would read: the real time of the write, then advanced by hand.
    const t0 = Date.now();
    writeFileSync(t.file, eventFile([eventBytes(t0 / 1000, 1, [scalarValue('loss', 1)])], t0 / 1000));
    const loaded = await loadRun(t.loc, options(t0));
    assert.equal(loaded.run.info.state, 'running');
    assert.equal(loaded.run.info.heartbeatAt, t0);
    const live = loaded.live!;
    assert.ok(live && !live.done);
    const source = new MemorySource(loaded.run, { heartbeatThresholdMs: THRESHOLD, now: () => clock });
    let clock = t0;

    clock = t0 + 5000;
    appendFileSync(t.file, frameTfRecord(eventBytes(clock / 1000, 2, [scalarValue('loss', 0.5)])));
    utimesSync(t.file, clock / 1000, clock / 1000); // the file changed when the simulated clock says
    const grew = await live.poll(clock);
    assert.deepEqual(
      grew?.points?.map((p) => [p.key, p.step, p.value, p.time]),
      [['loss', 2, 0.5, t0 + 5000]],
    );
    assert.equal(grew?.run?.heartbeatAt, t0 + 5000);
    assert.equal(grew?.run?.state, undefined, 'still running: the state is not repeated');
    source.append('tb', grew!);
    const lastEvent = t0 + 5000;

    // Quiet, but not yet for the threshold (less two polls): still running, nothing to send.
    clock = lastEvent + THRESHOLD - 2 * POLL - 1;
    assert.equal(await live.poll(clock), undefined);
    assert.equal(live.done, false);
    assert.equal((await source.getRun('tb')).state, 'running');

    clock = lastEvent + THRESHOLD - 2 * POLL;
    const quiet = await live.poll(clock);
    assert.deepEqual(quiet, { run: { state: 'unknown', endedAt: lastEvent } });
    assert.equal(live.done, true);
    source.append('tb', quiet!);
    clock = lastEvent + 10 * THRESHOLD;
    const info = await source.getRun('tb');
    assert.deepEqual(
      [info.state, info.startedAt, info.endedAt, info.runtime],
      ['unknown', t0, lastEvent, 5],
      'unknown, not crashed, long after',
    );
  } finally {
    t.done();
  }
});

test('old events in a freshly copied folder: unknown at once, no live feed, times from the events', async () => {
  const t = tempRun();
  try {
    const T0 = 1_600_000_000;
    writeFileSync(
      t.file,
      eventFile(
        [eventBytes(T0 + 1, 1, [scalarValue('acc', 0.1)]), eventBytes(T0 + 90, 2, [scalarValue('acc', 0.2)])],
        T0,
      ),
    );
    const loaded = await loadRun(t.loc, options(Date.now()));
    const info = loaded.run.info;
    assert.deepEqual(
      [info.state, info.startedAt, info.endedAt, info.runtime, info.heartbeatAt],
      ['unknown', T0 * 1000, (T0 + 90) * 1000, 90, (T0 + 90) * 1000],
    );
    assert.equal(loaded.live, undefined);
  } finally {
    t.done();
  }
});

test('events that end with an hparams-less SessionLog STOP while watched: finished', async () => {
  const t = tempRun();
  try {
    const t0 = Date.now();
    writeFileSync(t.file, eventFile([eventBytes(t0 / 1000, 1, [scalarValue('loss', 1)])], t0 / 1000));
    const loaded = await loadRun(t.loc, options(t0));
    const stop = eventBytes((t0 + 2000) / 1000, 1, [], [[7, { message: [[1, { varint: 2 }]] }]]);
    appendFileSync(t.file, frameTfRecord(stop));
    const ended = await loaded.live!.poll(t0 + 2000);
    assert.deepEqual(ended?.run, { state: 'finished', heartbeatAt: t0 + 2000, runtime: 2, endedAt: t0 + 2000 });
    assert.equal(loaded.live!.done, true);
  } finally {
    t.done();
  }
});
