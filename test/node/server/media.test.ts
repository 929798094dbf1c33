/** Media logged by a W&B run are listed by step, and their URLs fetch the image from the run folder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { exitRecord, frame, historyRecord, runRecord } from '../formats/wandb/helpers.js';
import { serve } from './helpers.js';

test('W&B images: listed by step, served as image/png through their media URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-media-'));
  const run = join(dir, 'run-20240101_000000-media1');
  mkdirSync(join(run, 'files', 'media', 'images'), { recursive: true });
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const image = (step: number) => {
    const path = `media/images/sample_${step}_abc.png`;
    writeFileSync(join(run, 'files', path), png);
    return JSON.stringify({ _type: 'image-file', path, width: 4, height: 3, format: 'png', size: png.length });
  };
  const t = Date.UTC(2024, 0, 1);
  writeFileSync(
    join(run, 'run-media1.wandb'),
    frame([
      runRecord({ id: 'media1', startMs: t }),
      historyRecord(
        [
          ['sample', image(0)],
          ['_step', '0'],
          ['_timestamp', String(t / 1000)],
        ],
        0,
      ),
      historyRecord(
        [
          ['sample', image(5)],
          ['_step', '5'],
          ['_timestamp', String(t / 1000 + 1)],
        ],
        5,
      ),
      exitRecord(0, 2),
    ]),
  );
  const { registry, server } = await serve();
  try {
    registry.addLocations((await discoverRuns([dir])).runs);
    const source = new HttpSource(server.url);
    assert.deepEqual(await source.listMedia('media1'), [{ key: 'sample', kind: 'image', steps: [0, 5] }]);
    const [item] = await source.getMedia({ runId: 'media1', key: 'sample', step: 5 });
    assert.equal(item.url, `${server.url}api/runs/media1/raw/files/media/images/sample_5_abc.png`);
    assert.equal(item.width, 4);
    const res = await fetch(item.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), png);
    assert.equal(
      source.fileUrl('media1', 'files/media/images/sample_0_abc.png'),
      `${server.url}api/runs/media1/raw/files/media/images/sample_0_abc.png`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
