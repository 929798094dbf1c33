import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRecord } from '../../../../src/formats/wandb/records.js';
import { WandbRunBuilder } from '../../../../src/formats/wandb/run-builder.js';
import { field, historyRecord, item, msg, outputRecord, record, statsRecord, timestamp } from './helpers.js';

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

/** Records in shapes the by-hand readers do not take, next to ones they do, in every length class. */
function awkwardPayloads(): Uint8Array[] {
  const long = 'k'.repeat(130);
  const out: Uint8Array[] = [];
  for (let step = 0; step < 30; step++) {
    const t = 1_714_550_400_000 + step * 1500;
    out.push(
      historyRecord(
        [
          ['loss', String(1 / (step + 1))],
          [long, String(step)],
          ['wide', `[${'1, '.repeat(50)}2]`],
          [['a', 'b'], '0.25'],
          ['_step', String(step)],
        ],
        step,
      ),
      // value_json before key, and an unknown field in the row: only the general decoder reads these.
      record(2, msg(field(1, msg(field(16, String(step * 2)), field(1, 'swapped'))), field(7, 'extra'))),
      statsRecord(t, [
        ['cpu', String(step % 7)],
        ['gpu.0.temp', 'NaN'],
        ['dict', '{"x": 1, "y": {"z": 2}}'],
        ['bad', '{oops'],
        [long, '3.5'],
      ]),
      // stats_type set, a nested key, and a timestamp before the type.
      record(7, msg(field(2, timestamp(t)), field(1, 0), field(3, item(['disk', 'used'], String(step))))),
      record(7, msg(field(1, 3), field(3, item('mem', String(step))))),
      outputRecord(`ünïcödé ${step} ✓${'x'.repeat(step * 9)}\n`, step % 3 !== 0, step % 2 === 0, t),
      outputRecord('', true, true, t),
      outputRecord(`no time ${step} `, false, false),
      outputRecord(`${'long line '.repeat(40)}${step}\r\n`, true, true, t + 1),
      // A timestamp with nanos only, and seconds of more than five varint bytes.
      record(13, msg(field(1, 1), field(2, msg(field(2, 999_999_999))), field(3, `nanos ${step}\n`))),
      record(13, msg(field(1, 1), field(2, msg(field(1, 2 ** 36))), field(3, `far ${step}\n`))),
      record(4, msg(field(1, 2 ** 32 + 1), field(3, `type 2^32+1 ${step}\n`))),
    );
    if (step % 10 === 9) out.push(record(27, msg(field(1, `logger ${step}\n`), field(2, timestamp(t)))));
  }
  return out;
}

test('rows, samples and console records of every shape: addPayload gives the facts of records read one by one', () => {
  const byRecord = new WandbRunBuilder();
  const byPayload = new WandbRunBuilder();
  for (const p of awkwardPayloads()) {
    byRecord.add([decodeRecord(p)]);
    byPayload.addPayload(p);
  }
  for (const b of [byRecord, byPayload]) {
    b.flushLogs(true);
    b.reportSkippedValues();
  }
  assert.deepEqual([...byPayload.facts.metrics.values()], [...byRecord.facts.metrics.values()]);
  assert.deepEqual(byPayload.facts, byRecord.facts);
  assert.ok(byRecord.facts.metrics.get('swapped'), 'a row with value_json before key is read');
  assert.ok(byRecord.facts.metrics.get('system.disk.used'));
  assert.ok(byRecord.facts.logs.some((l) => l.text.includes('ünïcödé 3 ✓')));
  assert.ok(byRecord.facts.logs.some((l) => l.text.startsWith('logger')));
  const find = (text: string) => byPayload.facts.logs.find((l) => l.text === text);
  // output_type is an int32 enum: a varint of 2^32 + 1 reads as 1, stdout.
  assert.equal(find('type 2^32+1 0')?.stream, 'stdout');
  assert.equal(find('nanos 0')?.time, 999.999999);
  assert.equal(find('far 0')?.time, 2 ** 36 * 1000);
});

test('console records wait undecoded, yet lastActivity is known and reading the console midway changes nothing', () => {
  const line = (i: number) => `line ${i} ${'é'.repeat(i % 50)}${'x'.repeat(i % 300)}`;
  // More text than one 256 KiB page, with lines ending mid-record and at record ends.
  const payloads: Uint8Array[] = [];
  for (let i = 0; i < 3000; i++) {
    payloads.push(outputRecord(i % 4 === 3 ? `${line(i)} ` : `${line(i)}\n`, i % 5 !== 0, true, 1_000_000 + i));
    if (i % 100 === 0) payloads.push(historyRecord([['loss', String(i)]]));
  }
  const whole = new WandbRunBuilder();
  const peeking = new WandbRunBuilder();
  const oneByOne = new WandbRunBuilder();
  payloads.forEach((p, i) => {
    whole.addPayload(p);
    peeking.addPayload(p);
    oneByOne.add([decodeRecord(p)]);
    if (i % 701 === 0) assert.equal(peeking.facts.logs.length, oneByOne.facts.logs.length);
  });
  assert.equal(whole.facts.lastActivity, 1_000_000 + 2999);
  for (const b of [whole, peeking, oneByOne]) b.flushLogs(true);
  assert.ok(whole.facts.logs.length > 2000);
  assert.deepEqual(whole.facts.logs, oneByOne.facts.logs);
  assert.deepEqual(peeking.facts.logs, oneByOne.facts.logs);
  assert.deepEqual(whole.facts.recordCounts, oneByOne.facts.recordCounts);
});

test('steps in every encoding: both paths read the HistoryStep as the general decoder does', () => {
  const row = (stepBody: number[]) => record(2, msg(field(1, item('loss', '0.5')), field(2, stepBody)));
  const cases: [number[], number][] = [
    [[], 0],
    [field(1, 0), 0],
    [field(1, 127), 127],
    [field(1, 300), 300],
    [field(1, 2 ** 28 - 1), 2 ** 28 - 1],
    [field(1, 2 ** 28), 2 ** 28],
    [field(1, 2 ** 40), 2 ** 40],
    [field(1, -5), -5],
    [[...field(1, 9), ...field(1, 11)], 11],
    [[...field(1, 9), ...field(3, 'x')], 9],
    [[...field(2, 4), ...field(1, 9)], 9],
  ];
  for (const [body, want] of cases) {
    const r = decodeRecord(row(body));
    assert.equal(r.type === 'history' && r.step, want, `records: ${body}`);
    const b = new WandbRunBuilder();
    b.addPayload(row(body));
    assert.deepEqual([...b.facts.metrics.get('loss')!.step], [want], `columns: ${body}`);
  }
});
