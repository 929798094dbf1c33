import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecord } from '../../../../src/formats/wandb/records.js';
import { field, historyRecord, item, msg, outputRecord, record, statsRecord, timestamp } from './helpers.js';

test('history with key and with nested_key, and its step', () => {
  const r = decodeRecord(
    historyRecord(
      [
        ['loss', '0.5'],
        [['train', 'acc'], '0.9'],
        ['_step', '3'],
      ],
      3,
    ),
  );
  assert.equal(r.type, 'history');
  if (r.type !== 'history') return;
  assert.deepEqual(
    r.items.map((i) => i.path),
    [['loss'], ['train', 'acc'], ['_step']],
  );
  assert.equal(r.items[1]!.valueJson, '0.9');
  assert.equal(r.step, 3);
  const zero = decodeRecord(historyRecord([['a', '1']], 0));
  assert.equal(zero.type === 'history' && zero.step, 0, 'an empty HistoryStep means step 0');
  const none = decodeRecord(historyRecord([['a', '1']]));
  assert.equal(none.type === 'history' && none.step, undefined);
});

test('output (4), output_raw (13) and output_logger (27)', () => {
  const a = decodeRecord(outputRecord('hello\n', true, false, 1_700_000_000_250));
  assert.deepEqual(a, { type: 'output', stream: 'stdout', time: 1_700_000_000_250, line: 'hello\n', raw: false });
  const b = decodeRecord(outputRecord('oops', false, true));
  assert.equal(b.type === 'output' && b.stream, 'stderr');
  assert.equal(b.type === 'output' && b.raw, true);
  const c = decodeRecord(record(27, msg(field(1, 'from logging'))));
  assert.deepEqual(c, { type: 'output_logger', line: 'from logging', time: undefined });
});

test('stats, summary, config, exit, files, header, telemetry, metric, final, footer', () => {
  const s = decodeRecord(
    statsRecord(1_651_263_600_500, [
      ['cpu', '12.5'],
      ['network', '{"sent": 1}'],
    ]),
  );
  assert.equal(s.type, 'stats');
  if (s.type === 'stats') {
    assert.equal(s.time, 1_651_263_600_500);
    assert.deepEqual(
      s.items.map((i) => i.path[0]),
      ['cpu', 'network'],
    );
  }
  const sum = decodeRecord(record(3, msg(field(1, item('acc', '0.9')), field(2, item(['old', 'x'], '')))));
  assert.deepEqual(sum, { type: 'summary', update: [{ path: ['acc'], valueJson: '0.9' }], remove: [['old', 'x']] });
  const conf = decodeRecord(record(5, msg(field(1, item('lr', '0.001')))));
  assert.equal(conf.type, 'config');
  assert.deepEqual(decodeRecord(record(18, msg(field(1, 255), field(2, 59)))), {
    type: 'exit',
    exitCode: 255,
    runtime: 59,
  });
  assert.deepEqual(
    decodeRecord(record(18, msg())),
    { type: 'exit', exitCode: 0, runtime: undefined },
    'exit code 0 is not written',
  );
  const neg = decodeRecord(record(18, msg(field(1, -9))));
  assert.equal(neg.type === 'exit' && neg.exitCode, -9);
  const files = decodeRecord(record(6, msg(field(1, msg(field(1, 'requirements.txt'), field(2, 1))))));
  assert.deepEqual(files, { type: 'files', files: [{ path: 'requirements.txt', policy: 1 }] });
  const header = decodeRecord(record(21, msg(field(1, msg(field(1, '0.21.0+abc'), field(2, '0.40.0'))))));
  assert.deepEqual(header, { type: 'header', producer: '0.21.0+abc', minConsumer: '0.40.0' });
  const tel = decodeRecord(record(11, msg(field(4, '3.12.8'), field(5, '0.21.0'), field(13, 'darwin-arm64'))));
  assert.deepEqual(tel, { type: 'telemetry', pythonVersion: '3.12.8', cliVersion: '0.21.0', platform: 'darwin-arm64' });
  const metric = decodeRecord(record(12, msg(field(1, 'val/loss'), field(4, 'epoch'), field(8, 1))));
  assert.deepEqual(metric, { type: 'metric', name: 'val/loss', stepMetric: 'epoch', goal: 'minimize' });
  assert.equal(decodeRecord(record(20, msg())).type, 'final');
  assert.equal(decodeRecord(record(22, msg())).type, 'footer');
});

test('run record with config, tags, start time and git; num and control fields are skipped', () => {
  const body = msg(
    field(1, 'abc123'),
    field(2, 'team'),
    field(3, 'proj'),
    field(4, msg(field(1, item('lr', '0.01')))),
    field(8, 'brave-river-7'),
    field(9, '# Notes'),
    field(10, 'a'),
    field(10, 'b'),
    field(13, 'host-1'),
    field(17, timestamp(1_700_000_000_000)),
    field(21, msg(field(1, 'https://example.com/r.git'), field(2, 'deadbeef'))),
  );
  const rec = msg(field(1, 7), field(16, msg(field(1, 1))), field(17, body), field(19, 'uuid'));
  const r = decodeRecord(rec);
  assert.equal(r.type, 'run');
  if (r.type !== 'run') return;
  assert.equal(r.num, 7);
  assert.equal(r.runId, 'abc123');
  assert.equal(r.displayName, 'brave-river-7');
  assert.deepEqual(r.tags, ['a', 'b']);
  assert.equal(r.startTime, 1_700_000_000_000);
  assert.deepEqual(r.git, { remote: 'https://example.com/r.git', commit: 'deadbeef' });
  assert.deepEqual(r.config, [{ path: ['lr'], valueJson: '0.01' }]);
});

test('artifact with manifest, use_artifact, environment', () => {
  const art = decodeRecord(
    record(
      8,
      msg(
        field(4, 'model'),
        field(5, 'resnet'),
        field(6, 'd1g3st'),
        field(8, '{"epochs": 3}'),
        field(11, 'latest'),
        field(
          12,
          msg(
            field(1, 1),
            field(2, 'wandb-storage-policy-v1'),
            field(4, msg(field(1, 'w.pt'), field(2, 'abc=='), field(4, 1024))),
          ),
        ),
      ),
    ),
  );
  assert.equal(art.type, 'artifact');
  if (art.type === 'artifact') {
    assert.equal(art.name, 'resnet');
    assert.deepEqual(art.aliases, ['latest']);
    assert.deepEqual(art.manifest, [{ path: 'w.pt', digest: 'abc==', size: 1024 }]);
  }
  const use = decodeRecord(record(25, msg(field(1, 'QXJ0aWZhY3Q6MQ=='), field(2, 'dataset'), field(3, 'mnist:v0'))));
  assert.deepEqual(use, { type: 'use_artifact', id: 'QXJ0aWZhY3Q6MQ==', artifactType: 'dataset', name: 'mnist:v0' });
  const env = decodeRecord(
    record(
      26,
      msg(
        field(1, 'Linux'),
        field(2, 'CPython 3.11.4'),
        field(5, '--lr'),
        field(5, '0.1'),
        field(6, 'train.py'),
        field(16, 8),
        field(21, msg(field(1, 17179869184))),
        field(24, msg(field(1, 'NVIDIA A100'), field(2, 42949672960))),
        field(27, '12.2'),
      ),
    ),
  );
  assert.equal(env.type, 'environment');
  if (env.type === 'environment') {
    assert.deepEqual(env.args, ['--lr', '0.1']);
    assert.equal(env.memoryTotal, 17179869184);
    assert.deepEqual(env.gpuNvidia, [{ name: 'NVIDIA A100', memoryTotal: 42949672960 }]);
    assert.equal(env.cudaVersion, '12.2');
  }
});

test('unknown record kinds and a record with no body', () => {
  assert.deepEqual(decodeRecord(record(9, msg(field(1, 'logs')))), { type: 'other', field: 9 });
  assert.deepEqual(decodeRecord(msg(field(1, 5))), { type: 'other', field: 0, num: 5 });
});

test('history items and history and console records are plain objects with their keys in order', () => {
  const plain = (o: object, keys: string[]) => {
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.deepEqual(Object.keys(o), keys);
  };
  for (const [bytes, keys] of [
    [historyRecord([['a', '1']], 2), ['type', 'items', 'step']],
    [record(2, msg(field(1, item('a', '1'))), 7), ['type', 'items', 'step', 'num']],
    [record(2, msg(field(1, item(['n', 'k'], '1'))), 7), ['type', 'items', 'step', 'num']],
    [outputRecord('x', true, false, 5), ['type', 'stream', 'time', 'line', 'raw']],
    [record(13, msg(field(3, 'x')), 9), ['type', 'stream', 'time', 'line', 'raw', 'num']],
  ] as const) {
    const r = decodeRecord(bytes);
    plain(r, [...keys]);
    if (r.type === 'history') for (const i of r.items) plain(i, ['path', 'valueJson']);
  }
});
