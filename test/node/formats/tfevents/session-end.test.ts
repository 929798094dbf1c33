/**
 * An hparams session end is how a run ended only when nothing was written after it. PyTorch's
 * `hparams()` writes "session ended: success" whenever it is called, and Lightning's
 * TensorBoardLogger calls it as training starts (`log_hyperparams` with `hp_metric: -1`): such a
 * run must not show finished while it trains, nor when it was killed. Event files are written here
 * with the test encoder as Lightning lays them out; states are read through the reader and the
 * server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTfeventsRun } from '../../../../src/formats/tfevents/folder.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { eventBytes, eventFile, hparamsValue, scalarValue, type Field } from './encode.js';
import { fsFolder } from './fs-folder.js';

function write(root: string, path: string, body: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

/** PyTorch `hparams(params, metrics)`: experiment, session start, session end (always success, no end time). */
const hparamsSummaries = (lr: number): Field[] => [
  hparamsValue('_hparams_/experiment', [[2, { message: [[4, { message: [[1, { string: 'lr' }]] }]] }]]),
  hparamsValue('_hparams_/session_start_info', [
    [
      3,
      {
        message: [
          [
            1,
            {
              message: [
                [1, { string: 'lr' }],
                [2, { message: [[2, { double: lr }]] }],
              ],
            },
          ],
        ],
      },
    ],
  ]),
  hparamsValue('_hparams_/session_end_info', [[4, { message: [[1, { varint: 1 }]] }]]),
];

/** Lightning's TensorBoardLogger: hparams and hp_metric -1 at the start, then the training losses. */
function lightningRun(dir: string, path: string, t0: number, steps: number): number {
  const events = hparamsSummaries(0.01).map((v) => eventBytes(t0, 0, [v]));
  events.push(eventBytes(t0, 0, [scalarValue('hp_metric', -1)]));
  let last = t0;
  for (let s = 1; s <= steps; s++) {
    last = t0 + 12 * s;
    events.push(eventBytes(last, s, [scalarValue('train_loss', 1 / s)]));
  }
  write(dir, `${path}/events.out.tfevents.${Math.floor(t0)}.host.4242.0`, eventFile(events, t0));
  write(dir, `${path}/hparams.yaml`, 'lr: 0.01\n');
  return last;
}

test('hparams logged as training starts: running while written, unknown once silent, never finished', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-session-end-'));
  try {
    const t0 = 1_700_000_000;
    const last = lightningRun(dir, 'lightning_logs/version_0', t0, 50);
    const folder = fsFolder(dir);
    const read = (now: number) =>
      readTfeventsRun(folder, 'lightning_logs/version_0', { id: 'v0', now: now * 1000, growingThresholdMs: 300_000 });
    const fresh = await read(last + 60);
    assert.equal(fresh.info.state, 'running');
    assert.equal(fresh.info.endedAt, undefined);
    assert.deepEqual(fresh.info.config, { lr: 0.01 });
    const silent = await read(last + 3600);
    assert.equal(silent.info.state, 'unknown');
    assert.equal(silent.info.endedAt, last * 1000);

    // Hparams written at the end (add_hparams after training, Keras' hparams callback): finished there.
    const events = [eventBytes(t0 + 1, 1, [scalarValue('loss', 0.5)])];
    for (const v of hparamsSummaries(0.1)) events.push(eventBytes(t0 + 2, 0, [v]));
    events.push(eventBytes(t0 + 2, 0, [scalarValue('hparam/loss', 0.5)]));
    write(dir, `at-end/events.out.tfevents.${t0}.host.1.0`, eventFile(events, t0));
    const atEnd = await readTfeventsRun(folder, 'at-end', { id: 'e', now: (t0 + 60) * 1000 });
    assert.equal(atEnd.info.state, 'finished');
    assert.equal(atEnd.info.endedAt, (t0 + 2) * 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('served: a Lightning run being written is running, not finished', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-session-end-serve-'));
  try {
    // Started ten minutes ago, last step 30 s ago.
    const t0 = Date.now() / 1000 - 630;
    lightningRun(dir, 'lightning_logs/version_3', t0, 50);
    const found = await discoverRuns([dir]);
    assert.deepEqual(found.problems, []);
    assert.equal(found.runs.length, 1);
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const id = found.runs[0]!.id;
      const info = await source.getRun(id);
      assert.equal(info.state, 'running');
      assert.deepEqual(info.config, { lr: 0.01 });
      const [loss] = await source.getSeries({ runIds: [id], keys: ['train_loss'], x: 'step' });
      assert.equal(loss!.total, 50);
      assert.equal(loss!.y[49], Math.fround(1 / 50));
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
