/** A read W&B run loads into MemorySource as it is, and its live tail appends to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemorySource } from '../../../../src/data/memory-source.js';
import type { RunEvent } from '../../../../src/data/source.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { createNodeFolder } from '../../../../src/server/node-folder.js';
import { frame, historyRecord, memoryFolder, outputRecord, runRecord, statsRecord, exitRecord } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUN = resolve(
  here,
  '../../../../../shared/fixtures/real/ARM-software__keyword-transformer/wandb/run-20220429_201936-3ojed7lz',
);

test(
  'the real 3ojed7lz run served by MemorySource',
  { skip: existsSync(RUN) ? false : `real run data not found at ${RUN}` },
  async () => {
    const run = await readWandbRun(createNodeFolder(RUN), {
      folderName: 'run-20220429_201936-3ojed7lz',
      now: Date.UTC(2026, 0, 1),
    });
    const source = new MemorySource(run, { now: () => Date.UTC(2026, 0, 1) });
    const info = await source.getRun('3ojed7lz');
    assert.equal(info.state, 'crashed');
    const metrics = await source.listMetrics('3ojed7lz');
    const loss = metrics.find((m) => m.key === 'Training/loss')!;
    assert.deepEqual([loss.group, loss.count, loss.steps, loss.last], ['history', 861, [1, 861], 1.6868462562561035]);
    assert.equal(metrics.find((m) => m.key === 'system.cpu')?.group, 'system');
    const [series] = await source.getSeries({ runIds: ['3ojed7lz'], keys: ['Training/loss'], x: 'step' });
    assert.equal(series!.total, 861);
    assert.equal(series!.exact, true);
    // 976 lines from the datastore, then the 5 that only files/output.log holds, labelled so.
    const logs = await source.getLogs({ runId: '3ojed7lz', start: 970, count: 20 });
    assert.equal(logs.total, 981);
    assert.equal(logs.lines.length, 11);
    assert.deepEqual(
      logs.lines.map((l) => l.label ?? null),
      [null, null, null, null, null, null, 'output.log', 'output.log', 'output.log', 'output.log', 'output.log'],
    );
    const fromFile = await source.getLogs({ runId: '3ojed7lz', start: 0, count: 10, labels: ['output.log'] });
    assert.deepEqual(
      fromFile.lines.map((l) => l.n),
      [976, 977, 978, 979, 980],
    );
    const listing = await source.listFiles('3ojed7lz', 'files');
    assert.ok(listing.entries.some((e) => e.name === 'wandb-metadata.json'));
  },
);

test('the live tail feeds MemorySource.append', async () => {
  const T0 = Date.UTC(2024, 5, 1);
  const head = frame([
    runRecord({ id: 'lv', startMs: T0 }),
    historyRecord(
      [
        ['acc', '0.5'],
        ['_step', '0'],
        ['_timestamp', String(T0 / 1000 + 1)],
      ],
      0,
    ),
  ]);
  const rest = frame([
    historyRecord(
      [
        ['acc', '0.75'],
        ['_step', '1'],
        ['_timestamp', String(T0 / 1000 + 2)],
      ],
      1,
    ),
    statsRecord(T0 + 3000, [['cpu', '50']]),
    outputRecord('epoch done\n', true, true, T0 + 3000),
    exitRecord(0, 4),
  ]).subarray(7);
  const run = await readWandbRun(memoryFolder({ 'run-lv.wandb': head }), { now: T0 + 2000 });
  let now = T0 + 2000;
  const source = new MemorySource(run, { now: () => now });
  const events: RunEvent['type'][] = [];
  source.watch('lv', (e) => events.push(e.type));
  now = T0 + 5000;
  const update = run.tail!.push(rest, now);
  source.append('lv', { points: update.points, logs: update.logs, run: update.run });
  const metrics = await source.listMetrics('lv');
  assert.deepEqual(
    metrics.map((m) => [m.key, m.count, m.last]),
    [
      ['acc', 2, 0.75],
      ['system.cpu', 1, 50],
    ],
  );
  assert.equal((await source.getRun('lv')).state, 'finished');
  assert.equal((await source.getLogs({ runId: 'lv', start: 0, count: 10 })).lines[0]!.text, 'epoch done');
  assert.ok(events.includes('metrics') && events.includes('logs') && events.includes('run'), events.join());
});
