/**
 * Live runs: writers append to a W&B datastore and to a TensorBoard event file in a temp folder
 * while the server runs; the server's Server-Sent Events deliver the new points and log lines,
 * the W&B run turns finished when its exit record lands, and a run that goes silent without an
 * exit turns crashed after the threshold.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import type { MetricPoint, RunEvent } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import type { RunRegistry } from '../../../src/server/registry.js';
import type { RunpageServer } from '../../../src/server/server.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../formats/wandb/helpers.js';
import { eventBytes, eventFile, scalarValue } from '../formats/tfevents/encode.js';
import { frameTfRecord } from '../../../src/formats/tfevents/tfrecord.js';
import { serve } from './helpers.js';
import { until } from '../../support/until.js';

/** A growing .wandb file: every write frames all records so far and appends the new bytes. */
class DatastoreWriter {
  private readonly records: Uint8Array[] = [];
  private written = 0;
  constructor(private readonly path: string) {}
  write(...records: Uint8Array[]): void {
    this.records.push(...records);
    const all = frame(this.records);
    appendFileSync(this.path, all.subarray(this.written));
    this.written = all.length;
  }
}

const history = (step: number, loss: number, timeMs: number) =>
  historyRecord(
    [
      // Python's json writes NaN as a bare NaN, as the W&B SDK does.
      ['loss', Number.isNaN(loss) ? 'NaN' : JSON.stringify(loss)],
      ['_step', String(step)],
      ['_timestamp', String(timeMs / 1000)],
    ],
    step,
  );

function collect(source: HttpSource, runId: string): { events: RunEvent[]; stop: () => void } {
  const events: RunEvent[] = [];
  const stop = source.watch(runId, (e) => events.push(e));
  return { events, stop };
}

const points = (events: RunEvent[]): MetricPoint[] => events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
const lines = (events: RunEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'logs' ? e.lines.map((l) => l.text) : []));
const states = (events: RunEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'run' && e.run.state ? [e.run.state] : []));

describe('live runs over Server-Sent Events', () => {
  let dir: string;
  let server: RunpageServer;
  let registry: RunRegistry;
  let source: HttpSource;
  let wandb: DatastoreWriter;
  let tfPath: string;
  const start = Date.now();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-live-'));
    const runDir = join(dir, 'wandb', 'run-20260101_000000-live1');
    mkdirSync(join(runDir, 'files'), { recursive: true });
    wandb = new DatastoreWriter(join(runDir, 'run-live1.wandb'));
    wandb.write(
      runRecord({ id: 'live1', project: 'live', startMs: start }),
      history(0, 1.0, start),
      outputRecord('epoch 0 started\n', true, false, start),
    );

    const tfDir = join(dir, 'tb', 'live-tb');
    mkdirSync(tfDir, { recursive: true });
    tfPath = join(tfDir, 'events.out.tfevents.1700000000.host.1.0');
    writeFileSync(tfPath, eventFile([eventBytes(start / 1000, 1, [scalarValue('acc', 0.25)])], start / 1000));

    const found = await discoverRuns([dir]);
    const s = await serve({ pollMs: 40, heartbeatThresholdMs: 60_000 });
    s.registry.addLocations(found.runs);
    server = s.server;
    registry = s.registry;
    source = new HttpSource(server.url, { reconnectDelayMs: 50 });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('W&B: new history points and console lines arrive, then the exit record finishes the run', async () => {
    assert.equal((await source.getRun('live1')).state, 'running');
    const live = collect(source, 'live1');
    try {
      await until(async () => (await registry.get('live1')).hub.subscribers > 0, 'the stream to connect');
      const t = Date.now();
      wandb.write(history(1, 0.5, t), outputRecord('epoch 1 loss=0.5\n', true, false, t));
      await until(() => points(live.events).some((p) => p.key === 'loss' && p.step === 1), 'the step-1 point');
      assert.equal(points(live.events).find((p) => p.key === 'loss' && p.step === 1)?.value, 0.5);
      await until(() => lines(live.events).includes('epoch 1 loss=0.5'), 'the new console line');

      // A line written in two pieces is delivered once, whole.
      wandb.write(outputRecord('epoch 2 ', true, false, t + 1));
      wandb.write(history(2, Number.NaN, t + 2), outputRecord('loss=nan\n', true, false, t + 2));
      await until(() => lines(live.events).includes('epoch 2 loss=nan'), 'the joined line');
      assert.ok(!lines(live.events).includes('epoch 2 '));
      const nan = points(live.events).find((p) => p.key === 'loss' && p.step === 2);
      assert.ok(nan && Number.isNaN(nan.value), 'NaN travels through SSE as NaN');

      const [series] = await source.getSeries({ runIds: ['live1'], keys: ['loss'], x: 'step' });
      assert.deepEqual([...series.x], [0, 1, 2]);
      assert.deepEqual([...series.y].slice(0, 2), [1, 0.5]);
      assert.ok(Number.isNaN(series.y[2]));
      const logs = await source.getLogs({ runId: 'live1', start: 0, count: 10 });
      assert.deepEqual(
        logs.lines.map((l) => l.text),
        ['epoch 0 started', 'epoch 1 loss=0.5', 'epoch 2 loss=nan'],
      );

      // A file saved into the run folder: the stream says the file list changed, and it lists.
      writeFileSync(join(dir, 'wandb', 'run-20260101_000000-live1', 'files', 'checkpoint.txt'), 'epoch 2');
      await until(() => live.events.some((e) => e.type === 'files-changed'), 'files-changed');
      const listing = await source.listFiles('live1', 'files');
      assert.deepEqual(
        listing.entries.map((e) => [e.path, e.size]),
        [['files/checkpoint.txt', 7]],
      );

      wandb.write(exitRecord(0, 12));
      await until(() => states(live.events).includes('finished'), 'the finished state');
      const info = await source.getRun('live1');
      assert.equal(info.state, 'finished');
      assert.equal(info.exitCode, 0);
    } finally {
      live.stop();
    }
  });

  it('TensorBoard: appended events arrive as points', async () => {
    const id = (await source.listRuns()).find((r) => r.format === 'tfevents')!.id;
    assert.equal((await source.getRun(id)).state, 'running');
    const live = collect(source, id);
    try {
      await until(async () => (await registry.get(id)).hub.subscribers > 0, 'the stream to connect');
      appendFileSync(tfPath, frameTfRecord(eventBytes(Date.now() / 1000, 2, [scalarValue('acc', 0.75)])));
      await until(() => points(live.events).some((p) => p.key === 'acc' && p.step === 2), 'the step-2 point');
      assert.equal(points(live.events).find((p) => p.step === 2)?.value, 0.75);
      const metrics = await source.listMetrics(id);
      assert.equal(metrics.find((m) => m.key === 'acc')?.count, 2);
    } finally {
      live.stop();
    }
  });
});

describe('a run that goes silent without an exit', () => {
  it('turns crashed after the threshold, and the stream says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-silent-'));
    const runDir = join(dir, 'run-20260101_000000-quiet1');
    mkdirSync(runDir);
    const writer = new DatastoreWriter(join(runDir, 'run-quiet1.wandb'));
    const t = Date.now();
    writer.write(runRecord({ id: 'quiet1', startMs: t }), history(0, 1, t));
    const { registry, server } = await serve({ pollMs: 40, heartbeatThresholdMs: 600 });
    try {
      registry.addLocations((await discoverRuns([runDir])).runs);
      const source = new HttpSource(server.url, { reconnectDelayMs: 50 });
      assert.equal((await source.getRun('quiet1')).state, 'running');
      const live = collect(source, 'quiet1');
      try {
        await until(() => states(live.events).includes('crashed'), 'the crashed state', 5000);
        assert.equal((await source.getRun('quiet1')).state, 'crashed');
      } finally {
        live.stop();
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an event-file run that goes quiet', () => {
  it('turns unknown (event files carry no exit) once nothing has been written for the threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpage-quiet-tb-'));
    const t = Date.now() / 1000;
    writeFileSync(
      join(dir, 'events.out.tfevents.1700000000.host.1.0'),
      eventFile([eventBytes(t, 1, [scalarValue('acc', 0.5)])], t),
    );
    const { registry, server } = await serve({ pollMs: 40, heartbeatThresholdMs: 700 });
    try {
      const [loc] = (await discoverRuns([dir])).runs;
      registry.addLocations([loc]);
      const source = new HttpSource(server.url, { reconnectDelayMs: 50 });
      assert.equal((await source.getRun(loc.id)).state, 'running');
      const live = collect(source, loc.id);
      try {
        await until(() => states(live.events).includes('unknown'), 'the unknown state', 5000);
        assert.equal((await source.getRun(loc.id)).state, 'unknown');
        assert.deepEqual(states(live.events), ['unknown'], 'never shown crashed on the way');
      } finally {
        live.stop();
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
