import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRecord } from '../../../../src/formats/wandb/records.js';
import { WandbRunBuilder } from '../../../../src/formats/wandb/run-builder.js';
import { historyRecord, outputRecord, statsRecord } from './helpers.js';

/** Every kind of history value, numbers in every spelling, console text without newlines. */
function payloads(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let step = 0; step < 40; step++) {
    out.push(
      historyRecord(
        [
          ['loss', (1 / (step + 1)).toString()],
          ['lr', '3e-04'],
          ['big', '1.2345678901234567'],
          ['odd', step % 3 === 0 ? 'NaN' : step % 3 === 1 ? '-Infinity' : '-0.0'],
          [['nested', 'acc'], '0.5'],
          ['dict', '{"a": 1, "b": {"c": 2.5}, "s": "text"}'],
          ['img', '{"_type": "image-file", "path": "media/images/img_0_abc.png", "width": 4, "height": 3}'],
          ['bad', step % 5 === 0 ? '{not json' : '7'],
          ['text', '"a string"'],
          ['_step', String(step * 10)],
          ['_runtime', (step * 0.5).toFixed(2)],
          ['_timestamp', (1_714_550_400 + step).toFixed(3)],
        ],
        step % 4 === 0 ? step : undefined,
      ),
    );
    if (step % 7 === 0) out.push(statsRecord(1_714_550_400_000 + step * 1000, [['gpu.0.temp', '41.5']]));
    out.push(outputRecord(step % 2 ? `part ${step} ` : `end ${step}\nnext `, true));
  }
  out.push(
    historyRecord([
      ['', '1'],
      ['loss', ''],
    ]),
  );
  return out;
}

test('history rows read straight into columns (addPayload) give the facts of records read one by one', () => {
  const byRecord = new WandbRunBuilder();
  const byPayload = new WandbRunBuilder();
  for (const p of payloads()) {
    byRecord.add([decodeRecord(p)]);
    byPayload.addPayload(p);
  }
  for (const b of [byRecord, byPayload]) {
    b.flushLogs(true);
    b.reportSkippedValues();
  }
  const metrics = (b: WandbRunBuilder) => [...b.facts.metrics.values()];
  assert.deepEqual(metrics(byPayload), metrics(byRecord));
  assert.deepEqual(byPayload.facts, byRecord.facts);
  assert.ok(byRecord.facts.metrics.get('dict.b.c'), 'nested numbers are metrics');
  assert.equal(byRecord.facts.media.length, 40);
  assert.ok(Object.is(byRecord.facts.metrics.get('odd')!.value[2], -0));
});

test('a payload that is not a valid Record throws before anything of it is added', () => {
  const b = new WandbRunBuilder();
  const good = historyRecord([['loss', '1']]);
  const cut = good.subarray(0, good.length - 2);
  assert.throws(() => b.addPayload(cut));
  assert.equal(b.facts.historyRows, 0);
  assert.equal(b.facts.metrics.size, 0);
  b.addPayload(good);
  assert.deepEqual([...b.facts.metrics.get('loss')!.value], [1]);
});
