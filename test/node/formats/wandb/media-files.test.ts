/**
 * Media of runs whose history is missing: the files W&B wrote under files/media/ named
 * `<key>_<step>_<id><ext>`, a `/` in the key written as folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaFromFiles } from '../../../../src/formats/wandb/media-files.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { MemorySource } from '../../../../src/data/memory-source.js';
import { exitRecord, frame, historyRecord, memoryFolder, runRecord } from './helpers.js';

const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47);
const H1 = '0123456789abcdef0123';
const H2 = 'fedcba9876543210fedc';

test('names give key, step and list position; folders are key parts; masks and others are left out', () => {
  const items = mediaFromFiles(
    [
      `files/media/images/predictions_12_${H1}.png`,
      `files/media/images/predictions_3_${H2}.png`,
      `files/media/images/val/samples_5_1.jpg`,
      `files/media/images/val/samples_5_0.jpg`,
      `files/media/images/val/samples_5_10.jpg`,
      `files/media/images/my_key_7_${H1}.png`,
      `files/media/images/mask/predictions_12_${H1}.mask.png`,
      `files/media/images/${H1}.png`,
      `files/media/images/notes.txt`,
      `files/media/videos/rollout_100_${H2}.mp4`,
      `files/media/audio/voice_2_${H1}.wav`,
      `files/media/graph/graph_0_${H1}.graph.json`,
      `files/other/x_1_${H1}.png`,
    ],
    (p) => `/raw/${p}`,
  );
  assert.deepEqual(
    items.map((m) => [m.key, m.step, m.index, m.kind]),
    [
      ['my_key', 7, 0, 'image'],
      ['predictions', 3, 0, 'image'],
      ['predictions', 12, 0, 'image'],
      ['rollout', 100, 0, 'video'],
      ['val/samples', 5, 0, 'image'],
      ['val/samples', 5, 1, 'image'],
      ['val/samples', 5, 2, 'image'],
      ['voice', 2, 0, 'audio'],
    ],
  );
  assert.equal(items[1]!.url, `/raw/files/media/images/predictions_3_${H2}.png`);
  assert.equal(
    items.find((m) => m.key === 'val/samples' && m.index === 2)!.url,
    '/raw/files/media/images/val/samples_5_10.jpg',
  );
});

test('a run without a datastore: its images appear in the media panel by step', async () => {
  const run = await readWandbRun(
    memoryFolder({
      'files/wandb-summary.json': JSON.stringify({
        _step: 25, // the last step; the image was logged at 20, as its name says
        examples: {
          _type: 'image-file',
          path: `media/images/examples_20_${H2}.png`,
          caption: 'last batch',
          width: 64,
          height: 48,
          sha256: 'x',
          size: 4,
          format: 'png',
        },
      }),
      [`files/media/images/examples_0_${H1}.png`]: PNG,
      [`files/media/images/examples_10_${H1}.png`]: PNG,
      [`files/media/images/examples_20_${H2}.png`]: PNG,
      [`files/media/images/eval/confusion_20_${H1}.png`]: PNG,
    }),
    { folderName: 'run-20240102_030405-med1', now: Date.UTC(2030, 0, 1), mediaUrl: (p) => `/api/runs/med1/raw/${p}` },
  );
  const source = new MemorySource(run);
  const keys = await source.listMedia('med1');
  assert.deepEqual(keys.map((k) => [k.key, k.kind, k.steps]).sort(), [
    ['eval/confusion', 'image', [20]],
    ['examples', 'image', [0, 10, 20]],
  ]);
  const [last] = await source.getMedia({ runId: 'med1', key: 'examples', step: 20 });
  // The summary's entry names the same file: it is shown once, with its caption and size.
  assert.deepEqual(
    { url: last!.url, caption: last!.caption, width: last!.width, height: last!.height },
    {
      url: `/api/runs/med1/raw/files/media/images/examples_20_${H2}.png`,
      caption: 'last batch',
      width: 64,
      height: 48,
    },
  );
  assert.equal((await source.getMedia({ runId: 'med1', key: 'examples', step: 20 })).length, 1);
  const [first] = await source.getMedia({ runId: 'med1', key: 'examples', step: 0 });
  assert.equal(first!.url, `/api/runs/med1/raw/files/media/images/examples_0_${H1}.png`);
});

test('a finished run with a datastore: media come from history only, files add nothing', async () => {
  const store = frame([
    runRecord({ id: 'med2', startMs: 1 }),
    historyRecord([
      ['_step', '4'],
      ['img', JSON.stringify({ _type: 'image-file', path: `media/images/img_4_${H1}.png`, width: 2, height: 2 })],
    ]),
    exitRecord(0, 5),
  ]);
  const run = await readWandbRun(
    memoryFolder({
      'run-med2.wandb': store,
      [`files/media/images/img_4_${H1}.png`]: PNG,
      // A table's image, say: named like media but not in history.
      [`files/media/images/tbl_4_${H2}.png`]: PNG,
    }),
    { now: 10 },
  );
  assert.deepEqual(
    run.media.map((m) => [m.key, m.step]),
    [['img', 4]],
  );
});
