/**
 * A PyTorch / TF2 run that logs images, histograms, text, audio and PR curves beside its scalars:
 * the scalars are served with the values written, and what no view shows is named in the run's
 * warnings instead of vanishing (a run of images alone would otherwise look empty). Event files
 * are written here with the test encoder, as SummaryWriter lays them out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TfeventsRunReader } from '../../../../src/formats/tfevents/run-reader.js';
import { discoverRuns } from '../../../../src/server/discover.js';
import { HttpSource } from '../../../../src/data/http-source.js';
import { serve } from '../../server/helpers.js';
import { eventBytes, eventFile, scalarValue, tensorValue, type Field } from './encode.js';

const T0 = 1_700_000_000;

/** `add_image`: Summary.Value.image (height 1, width 2, colorspace 3, encoded_image_string 4). */
const imageValue = (tag: string): Field => [
  1,
  {
    message: [
      [1, { string: tag }],
      [
        4,
        {
          message: [
            [1, { varint: 2 }],
            [2, { varint: 3 }],
            [3, { varint: 3 }],
            [4, { bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47) }],
          ],
        },
      ],
    ],
  },
];

/** `add_histogram`: Summary.Value.histo (min 1, max 2, num 3, sum 4, sum_squares 5, bucket_limit 6, bucket 7). */
const histoValue = (tag: string): Field => [
  1,
  {
    message: [
      [1, { string: tag }],
      [
        5,
        {
          message: [
            [1, { double: -1 }],
            [2, { double: 1 }],
            [3, { double: 4 }],
            [6, { double: 0 }],
            [6, { double: 1 }],
            [7, { double: 2 }],
            [7, { double: 2 }],
          ],
        },
      ],
    ],
  },
];

/** `add_audio`: Summary.Value.audio (sample_rate 1 as float, num_channels 2, …, encoded_audio_string 5). */
const audioValue = (tag: string): Field => [
  1,
  {
    message: [
      [1, { string: tag }],
      [
        6,
        {
          message: [
            [1, { float: 16000 }],
            [2, { varint: 1 }],
            [5, { bytes: new Uint8Array(8) }],
          ],
        },
      ],
    ],
  },
];

const stringTensor = (text: string): Field[] => [
  [1, { varint: 7 }],
  [2, { message: [[2, { message: [[1, { varint: 1 }]] }]] }],
  [8, { string: text }],
];

/** A root writer (add_scalar, add_image, add_histogram, add_text, add_audio) and a TF2 images/pr_curves file. */
function writeRun(dir: string): void {
  const file = (path: string, body: Uint8Array) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  };
  const events: Uint8Array[] = [];
  for (let step = 0; step < 3; step++) {
    events.push(eventBytes(T0 + step, step, [scalarValue('Loss/train', 1 / (step + 1))]));
    events.push(eventBytes(T0 + step, step, [imageValue('samples/input'), histoValue('fc1/weight')]));
  }
  events.push(eventBytes(T0 + 3, 3, [tensorValue('notes/text_summary', stringTensor('**hello** <b>x</b>'), 'text')]));
  events.push(eventBytes(T0 + 3, 3, [audioValue('speech')]));
  file(`runs/exp1/events.out.tfevents.${T0}.host.100.0`, eventFile(events, T0));
  file(
    `runs/exp1/eval/events.out.tfevents.${T0}.host.100.1.v2`,
    eventFile(
      [
        eventBytes(T0 + 4, 2, [tensorValue('grid', stringTensor('png'), 'images')]),
        eventBytes(T0 + 4, 2, [tensorValue('pr', [[1, { varint: 1 }]], 'pr_curves')]),
        eventBytes(T0 + 4, 2, [scalarValue('acc', 0.625)]),
      ],
      T0 + 4,
    ),
  );
}

const NOTE =
  'Not shown, as no view for them exists yet: PR curves (eval/pr); audio (speech); histograms (fc1/weight); ' +
  'images (eval/grid, samples/input); text (notes/text_summary).';

test('images, histograms, text, audio and PR curves are named as not shown; the scalars keep their values', () => {
  const reader = new TfeventsRunReader({ id: 'exp1' });
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-unshown-'));
  try {
    writeRun(dir);
    // The same bytes fed in one piece each, as the server reads them.
    for (const path of [`events.out.tfevents.${T0}.host.100.0`, `eval/events.out.tfevents.${T0}.host.100.1.v2`]) {
      reader.push(path, new Uint8Array(readFileSync(join(dir, 'runs/exp1', path))));
      reader.end(path);
    }
    const run = reader.toRun({ now: (T0 + 3600) * 1000 });
    assert.deepEqual(
      run.metrics.map((m) => [m.key, Array.from(m.step), Array.from(m.value)]),
      [
        ['Loss/train', [0, 1, 2], [1, 0.5, Math.fround(1 / 3)]],
        ['eval/acc', [2], [0.625]],
      ],
    );
    assert.equal(run.histograms.length, 3);
    assert.deepEqual(run.info.warnings, [NOTE]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run of images alone is listed and served with the note, never an empty page without a word', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-tb-unshown-serve-'));
  try {
    writeRun(dir);
    mkdirSync(join(dir, 'runs/images-only'), { recursive: true });
    writeFileSync(
      join(dir, `runs/images-only/events.out.tfevents.${T0}.host.7.0`),
      eventFile([eventBytes(T0 + 1, 1, [imageValue('digits')]), eventBytes(T0 + 2, 2, [imageValue('digits')])], T0),
    );
    const found = await discoverRuns([dir]);
    assert.deepEqual(found.problems, []);
    const ids = found.runs.map((r) => r.id).sort();
    assert.equal(ids.length, 2);
    const { registry, server } = await serve();
    try {
      registry.addLocations(found.runs);
      const source = new HttpSource(server.url);
      const exp1 = ids.find((id) => id.endsWith('exp1'))!;
      const info = await source.getRun(exp1);
      assert.deepEqual(info.warnings, [NOTE]);
      const [loss] = await source.getSeries({ runIds: [exp1], keys: ['Loss/train'], x: 'step' });
      assert.deepEqual(Array.from(loss!.y), [1, 0.5, Math.fround(1 / 3)]);
      const only = ids.find((id) => id.endsWith('images-only'))!;
      assert.deepEqual(await source.listMetrics(only), []);
      assert.deepEqual((await source.getRun(only)).warnings, [
        'Not shown, as no view for them exists yet: images (digits).',
      ]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
