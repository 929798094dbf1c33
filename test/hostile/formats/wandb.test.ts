/**
 * Hostile W&B run folders: datastores cut, flipped, zeroed, with records that never finish or
 * claim absurd sizes, NaN tokens, configs nested thousands deep, binary garbage in the text files.
 * Each case checks what the run page would show (the run read, the points kept, a warning) and
 * that nothing intact was lost.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readWandbRun } from '../../../src/formats/wandb/reader.js';
import { createChunkReader } from '../../../src/formats/wandb/framing.js';
import {
  BLOCK,
  field,
  frame,
  historyRecord,
  item,
  memoryFolder,
  msg,
  outputRecord,
  record,
  sizedOutput,
  varint,
} from '../../node/formats/wandb/helpers.js';
import { concat, wandbDatastore, wandbPayloads } from './writers.js';

const NOW = 1_800_000_000_000;
const STORE = 'run-hostile1.wandb';

async function read(files: Record<string, string | Uint8Array>) {
  return readWandbRun(memoryFolder(files), { now: NOW, folderName: 'run-20240102_030405-hostile1' });
}

function lossSteps(run: Awaited<ReturnType<typeof read>>): number[] {
  return [...(run.metrics?.find((m) => m.key === 'loss')?.step ?? [])];
}

/** Enough points for several 32 KiB blocks, so one lost block is a small part. */
const STEPS = Array.from({ length: 20_000 }, (_, i) => i);
let finished: Uint8Array | undefined;
/** The intact datastore of STEPS with an exit record (built once: the test framer is slow). */
const intact = () => (finished ??= wandbDatastore('hostile1', STEPS));

describe('damaged datastores', () => {
  it('cut at any point: every record before the cut is kept, the cut is reported', async () => {
    const whole = intact();
    for (const cut of [8, 1000, BLOCK + 3, Math.floor(whole.length / 2), whole.length - 2]) {
      const run = await read({ [STORE]: whole.subarray(0, cut) });
      const steps = lossSteps(run);
      assert.deepEqual(steps, STEPS.slice(0, steps.length), `cut at ${cut}`);
      assert.ok(cut < 1000 || steps.length > 0, `cut at ${cut}: points kept`);
      assert.match(run.info.warnings!.join('\n'), /ends inside a record|shorter than/, `cut at ${cut}`);
      assert.notEqual(run.info.state, 'finished', `cut at ${cut}: the exit record is lost`);
    }
  });

  it('a flipped byte loses only its block', async () => {
    const bytes = intact().slice();
    bytes[BLOCK + 100] ^= 0xff;
    const run = await read({ [STORE]: bytes });
    const steps = lossSteps(run);
    assert.ok(steps.length > STEPS.length * 0.8, `${steps.length} points kept`);
    assert.ok(steps.includes(STEPS.length - 1), 'points after the damaged block are kept');
    assert.match(run.info.warnings!.join('\n'), /checksum mismatch at offset \d+; skipped to offset 65536/);
    assert.equal(run.info.state, 'finished', 'the exit record after the damage is kept');
  });

  it('a zeroed block in the middle: skipped, everything after it kept', async () => {
    const bytes = intact().slice();
    bytes.fill(0, BLOCK + 50, 2 * BLOCK);
    const run = await read({ [STORE]: bytes });
    assert.ok(lossSteps(run).includes(STEPS.length - 1));
    assert.match(
      run.info.warnings!.join('\n'),
      /zeroed bytes over chunk data from offset 32818 to 65536; the records there are lost/,
    );
  });

  it('binary garbage over a whole block: skipped, the rest kept', async () => {
    const bytes = intact().slice();
    for (let i = BLOCK; i < 2 * BLOCK; i++) bytes[i] = (i * 2654435761) >>> 24;
    const run = await read({ [STORE]: bytes });
    assert.ok(lossSteps(run).includes(STEPS.length - 1));
    assert.ok(run.info.warnings!.length >= 1);
  });

  it('a record begun and never finished does not hide the records after it', async () => {
    // A FIRST chunk (the start of a large record), then whole records: the partial one is dropped.
    const big = sizedOutput(3 * BLOCK, 'big');
    const framed = frame([...wandbPayloads('hostile1', [0, 1]), big, ...wandbPayloads('hostile1', [2, 3])]);
    // Keep block 0 (ending in the big record's FIRST chunk), lose its MIDDLE and LAST chunks,
    // and go on with whole records from the next block.
    const damaged = concat(framed.subarray(0, BLOCK), frame(wandbPayloads('hostile1', [2, 3]), []));
    const run = await read({ [STORE]: damaged });
    assert.deepEqual(lossSteps(run), [0, 1, 2, 3]);
    assert.match(run.info.warnings!.join('\n'), /dropped an incomplete record/);
  });

  it('a record claiming hundreds of MiB in its protobuf loses only itself', async () => {
    const lying = Uint8Array.from([...varint((4 << 3) | 2), ...varint(400 * 1024 * 1024), 1, 2, 3]);
    const run = await read({
      [STORE]: frame([...wandbPayloads('hostile1', [0, 1], false), lying, ...wandbPayloads('hostile1', [2, 3])]),
    });
    assert.deepEqual(lossSteps(run), [0, 1, 2, 3]);
    assert.equal(run.info.state, 'finished');
  });

  it('a chunk header claiming more than its block: the block is skipped, the next read', () => {
    const bytes = intact().slice();
    // The first chunk of block 1 claims 60,000 bytes (more than a block holds).
    bytes[BLOCK + 4] = 0x60;
    bytes[BLOCK + 5] = 0xea;
    const reader = createChunkReader();
    const a = reader.push(bytes);
    const b = reader.finish();
    assert.match(
      [...a.warnings, ...b.warnings].join('\n'),
      /runs past its block at offset 32768; skipped to offset 65536/,
    );
    assert.ok(a.payloads.length > STEPS.length * 0.8);
  });

  it('an empty datastore and a datastore of text: the run is still listed, with the problem', async () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('this is not a datastore\n'.repeat(50))]) {
      const run = await read({ [STORE]: bytes, 'files/wandb-metadata.json': '{"host": "h"}' });
      assert.equal(run.info.id, 'hostile1');
      assert.ok(run.info.warnings!.length >= 1, 'the problem is said');
    }
  });
});

describe('hostile values', () => {
  it('NaN, Infinity and -Infinity tokens in history stay numbers', async () => {
    const payloads = [
      historyRecord([['loss', 'NaN']], 0),
      historyRecord([['loss', 'Infinity']], 1),
      historyRecord([['loss', '-Infinity']], 2),
      historyRecord([['loss', '0.5']], 3),
      historyRecord([['loss', '"text"']], 4),
      historyRecord([['loss', '{not json']], 5),
    ];
    const run = await read({ [STORE]: frame(payloads) });
    const loss = run.metrics!.find((m) => m.key === 'loss')!;
    const byStep = new Map([...loss.step].map((s, i) => [s, loss.value[i]]));
    assert.ok(Number.isNaN(byStep.get(0)));
    assert.equal(byStep.get(1), Infinity);
    assert.equal(byStep.get(2), -Infinity);
    assert.equal(byStep.get(3), 0.5);
  });

  it('a config value nested 5,000 levels deep does not overflow, and the other keys are kept', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const config = record(5, msg(field(1, item('deep', deep)), field(1, item('lr', '0.1'))));
    const run = await read({ [STORE]: frame([config, ...wandbPayloads('hostile1', [0])]) });
    assert.equal(run.info.config?.lr, 0.1);
    assert.ok('deep' in (run.info.config ?? {}));
    assert.deepEqual(lossSteps(run), [0]);
  });

  it('a history row with 10,000 keys and a 1 MB key name is read', async () => {
    const items: [string, string][] = Array.from({ length: 10_000 }, (_, i) => [`k${i}`, String(i)]);
    items.push(['x'.repeat(1024 * 1024), '1'], ['loss', '0.1']);
    const run = await read({ [STORE]: frame([historyRecord(items, 0)]) });
    assert.deepEqual(lossSteps(run), [0]);
    assert.ok(run.metrics!.length >= 10_000);
  });

  it('binary garbage in config.yaml, wandb-summary.json, wandb-metadata.json and output.log', async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    const run = await read({
      [STORE]: wandbDatastore('hostile1', [0, 1, 2]),
      'files/config.yaml': garbage,
      'files/wandb-summary.json': garbage,
      'files/wandb-metadata.json': garbage,
      'files/output.log': concat(new TextEncoder().encode('line one\n'), garbage, new TextEncoder().encode('\nlast\n')),
    });
    assert.deepEqual(lossSteps(run), [0, 1, 2]);
    assert.equal(run.info.state, 'finished');
    assert.ok(run.info.warnings!.length >= 1);
  });

  it('a console line of 4 MB and control characters is kept whole', async () => {
    const long = 'x'.repeat(4 * 1024 * 1024);
    const run = await read({
      [STORE]: frame([
        ...wandbPayloads('hostile1', [0]),
        outputRecord(`${long}\n`),
        outputRecord('\u0000\u001b]8;;x\u0007\n'),
      ]),
    });
    const texts = (run.logs ?? []).map((l) => l.text);
    assert.ok(texts.some((t) => t.length === long.length));
  });
});
