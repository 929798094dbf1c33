import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWandbRun, runIdFromFolderName } from '../../../../src/formats/wandb/reader.js';
import { deriveRunState } from '../../../../src/formats/wandb/state.js';
import { parseConfigYaml, parseGraphJson, parseMetadataJson } from '../../../../src/formats/wandb/files.js';
import type { MemoryLogLine } from '../../../../src/data/memory-source.js';
import {
  exitRecord,
  field,
  frame,
  historyRecord,
  item,
  memoryFolder,
  msg,
  outputRecord,
  record,
  runRecord,
  statsRecord,
} from './helpers.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const NOW = T0 + 3600_000;

function datastore(...records: Uint8Array[]): Uint8Array {
  return frame(records);
}

const logsOf = (logs: unknown) => logs as MemoryLogLine[];

test('history rows become columns per key; _step/_runtime/_timestamp give step, runtime and time', async () => {
  const store = datastore(
    runRecord({ id: 'abc', project: 'p', name: 'n', startMs: T0 }),
    historyRecord(
      [
        ['loss', '1.5'],
        ['_step', '0'],
        ['_runtime', '1.25'],
        ['_timestamp', String(T0 / 1000 + 1)],
      ],
      0,
    ),
    historyRecord(
      [
        ['loss', 'NaN'],
        [['val', 'acc'], '0.5'],
        ['_step', '1'],
        ['_runtime', '2.5'],
        ['_timestamp', String(T0 / 1000 + 2)],
      ],
      1,
    ),
    historyRecord(
      [
        ['loss', '0.25'],
        ['note', '"text is not a metric"'],
        ['flag', 'true'],
        ['opt', '{"lr": 0.1, "m": {"b1": 0.9}}'],
        ['_step', '5'],
      ],
      5,
    ),
    exitRecord(0, 7),
  );
  const run = await readWandbRun(memoryFolder({ 'run-abc.wandb': store }), { now: NOW });
  const byKey = new Map(run.metrics!.map((m) => [m.key, m]));
  assert.deepEqual([...byKey.keys()], ['loss', 'val.acc', 'opt.lr', 'opt.m.b1']);
  const loss = byKey.get('loss')!;
  assert.deepEqual([...loss.step], [0, 1, 5]);
  assert.deepEqual([...loss.value], [1.5, NaN, 0.25]);
  assert.deepEqual([...loss.time!].slice(0, 2), [T0 + 1000, T0 + 2000]);
  assert.ok(Number.isNaN(loss.time![2]));
  assert.deepEqual([...loss.runtime!].slice(0, 2), [1.25, 2.5]);
  assert.equal(loss.group, 'history');
  assert.deepEqual([...byKey.get('val.acc')!.step], [1]);
  assert.equal(run.info.state, 'finished');
  assert.equal(run.info.exitCode, 0);
  assert.equal(run.info.runtime, 7);
  assert.equal(run.info.endedAt, T0 + 7000);
  assert.equal(run.info.name, 'n');
  assert.equal(run.info.project, 'p');
  assert.equal(run.info.warnings, undefined);
});

test('stats become system.* metrics: step = sample index, time from the record, JSON dicts flattened', async () => {
  const store = datastore(
    runRecord({ id: 's', startMs: T0 }),
    statsRecord(T0 + 15_000, [
      ['cpu', '10'],
      ['network', '{"sent": 100, "recv": 200}'],
      ['gpu.0.temp', '40'],
    ]),
    statsRecord(T0 + 30_000, [
      ['cpu', '20'],
      ['gpu.0.temp', 'Infinity'],
    ]),
  );
  const run = await readWandbRun(memoryFolder({ 'run-s.wandb': store }), { now: NOW });
  const cpu = run.metrics!.find((m) => m.key === 'system.cpu')!;
  assert.equal(cpu.group, 'system');
  assert.deepEqual([...cpu.step], [0, 1]);
  assert.deepEqual([...cpu.value], [10, 20]);
  assert.deepEqual([...cpu.time!], [T0 + 15_000, T0 + 30_000]);
  assert.deepEqual([...cpu.runtime!], [15, 30]);
  assert.deepEqual(run.metrics!.map((m) => m.key).sort(), [
    'system.cpu',
    'system.gpu.0.temp',
    'system.network.recv',
    'system.network.sent',
  ]);
  assert.deepEqual([...run.metrics!.find((m) => m.key === 'system.gpu.0.temp')!.value], [40, Infinity]);
});

test('console: chunks are joined per stream and split on newlines; a trailing partial line is kept', async () => {
  const store = datastore(
    outputRecord('Epoch 1', true, true, T0),
    outputRecord('\n', true, true, T0 + 1),
    outputRecord('warn: a\nwarn: b\n', false, true, T0 + 2),
    outputRecord('progress 10%\rprogress 100%\nlast without newline', true, true, T0 + 3),
    record(27, msg(field(1, 'logger line'))),
  );
  const run = await readWandbRun(
    memoryFolder({ 'run-x.wandb': store, 'files/output.log': 'ignored when the datastore has console\n' }),
    { now: NOW },
  );
  assert.deepEqual(
    logsOf(run.logs).map((l) => [l.stream, l.text]),
    [
      ['stdout', 'Epoch 1'],
      ['stderr', 'warn: a'],
      ['stderr', 'warn: b'],
      ['stdout', 'progress 10%\rprogress 100%'],
      // The partial line is shown where it was written, before what came after it.
      ['stdout', 'last without newline'],
      ['stdout', 'logger line'],
    ],
  );
  assert.equal(logsOf(run.logs)[0]!.time, T0);
});

test('output.log fills in when the datastore has no console', async () => {
  const run = await readWandbRun(
    memoryFolder({
      'run-x.wandb': datastore(runRecord({ id: 'x', startMs: T0 })),
      'files/output.log': 'one\ntwo\n\nfour',
    }),
    { now: NOW },
  );
  assert.deepEqual(
    logsOf(run.logs).map((l) => l.text),
    ['one', 'two', '', 'four'],
  );
});

test('config and summary: the datastore wins, files/ fills gaps; both config.yaml shapes', async () => {
  const store = datastore(
    runRecord({ id: 'c', startMs: T0 }),
    record(
      5,
      msg(
        field(1, item('lr', '0.01')),
        field(1, item(['model', 'depth'], '12')),
        field(1, item('_wandb', '{"cli_version": "0.17.0"}')),
      ),
    ),
    record(3, msg(field(1, item('acc', '0.75')), field(1, item('gone', '1')))),
    record(3, msg(field(2, item('gone', '')))),
  );
  const oldYaml =
    'wandb_version: 1\n\nlr:\n  desc: null\n  value: 0.5\nbatch:\n  desc: null\n  value: 64\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.12.15\n';
  const run = await readWandbRun(
    memoryFolder({
      'run-c.wandb': store,
      'files/config.yaml': oldYaml,
      'files/wandb-summary.json': '{"acc": 0.1, "loss": NaN, "_wandb": {"runtime": 3}}',
    }),
    { now: NOW },
  );
  assert.deepEqual(run.info.config, { lr: 0.01, model: { depth: 12 }, batch: 64 });
  assert.deepEqual(run.info.summary, { acc: 0.75, loss: NaN });
  assert.deepEqual(run.info.sdk, { name: 'wandb', version: '0.17.0' });

  const newYaml =
    '_wandb:\n  value:\n    cli_version: 0.19.1\n    python_version: 3.11.4\nepochs:\n  value: 3\nopt:\n  value:\n    name: adam\n';
  const parsed = parseConfigYaml(newYaml).value;
  assert.deepEqual(parsed.config, { epochs: 3, opt: { name: 'adam' } });
  assert.equal(parsed.wandb?.cli_version, '0.19.1');
  const bad = parseConfigYaml('a: [1, 2\nb: :');
  assert.deepEqual(bad.value.config, {});
  assert.match(bad.warnings.join(), /not valid YAML/);
});

test('wandb-metadata.json fills host, python, command, git and hardware', async () => {
  const meta = {
    os: 'Linux-6.1',
    python: '3.10.12',
    startedAt: '2024-01-02T03:04:05.500000',
    heartbeatAt: '2024-01-02T03:14:05.000000',
    program: 'train.py',
    args: ['--lr', '0.1'],
    git: { remote: 'https://github.com/o/r', commit: 'abc' },
    host: 'node-7',
    username: 'me',
    executable: '/usr/bin/python3',
    cpu_count: 16,
    cpu_count_logical: 32,
    memory: { total: 68719476736 },
    gpu: 'NVIDIA A100-SXM4-40GB',
    gpu_count: 2,
    gpu_nvidia: [
      { name: 'NVIDIA A100-SXM4-40GB', memory_total: '42949672960' },
      { name: 'NVIDIA A100-SXM4-40GB', memory_total: 42949672960 },
    ],
    cudaVersion: '12.2',
  };
  const run = await readWandbRun(memoryFolder({ 'files/wandb-metadata.json': JSON.stringify(meta) }), {
    folderName: 'run-20240102_030405-zz9',
    now: Date.UTC(2024, 0, 2, 3, 16, 0),
  });
  const i = run.info;
  assert.equal(i.id, 'zz9');
  assert.equal(i.host, 'node-7');
  assert.equal(i.os, 'Linux-6.1');
  assert.equal(i.user, 'me');
  assert.deepEqual(i.python, { version: '3.10.12', executable: '/usr/bin/python3' });
  assert.deepEqual(i.command, { program: 'train.py', args: ['--lr', '0.1'] });
  assert.deepEqual(i.git, { remote: 'https://github.com/o/r', commit: 'abc' });
  assert.equal(i.startedAt, Date.UTC(2024, 0, 2, 3, 4, 5, 500));
  assert.equal(i.heartbeatAt, Date.UTC(2024, 0, 2, 3, 14, 5));
  assert.equal(i.hardware?.cpuCount, 16);
  assert.equal(i.hardware?.memoryBytes, 68719476736);
  assert.deepEqual(i.hardware?.gpus, [
    { name: 'NVIDIA A100-SXM4-40GB', memoryBytes: 42949672960 },
    { name: 'NVIDIA A100-SXM4-40GB', memoryBytes: 42949672960 },
  ]);
  assert.equal(i.hardware?.cudaVersion, '12.2');
  // no datastore, heartbeat 1m55s before now: still running
  assert.equal(i.state, 'running');
  assert.match(i.warnings!.join(), /no \.wandb datastore/);
  assert.deepEqual(parseMetadataJson('{nope').warnings.length, 1);
});

test('media: image-file values in history and summary become media items with URLs from the callback', async () => {
  const img = (path: string) =>
    JSON.stringify({ _type: 'image-file', path, sha256: 'x', size: 10, width: 32, height: 16, format: 'png' });
  const store = datastore(
    historyRecord(
      [
        ['samples', img('media/images/samples_0_a.png')],
        ['_step', '0'],
      ],
      0,
    ),
    historyRecord(
      [
        ['samples', img('media/images/samples_4_b.png')],
        ['loss', '1'],
        ['_step', '4'],
      ],
      4,
    ),
    record(3, msg(field(1, item('final', img('media/images/final_9_c.png'))), field(1, item('_step', '9')))),
  );
  const run = await readWandbRun(memoryFolder({ 'run-m.wandb': store }), { now: NOW, mediaUrl: (p) => `/runs/m/${p}` });
  assert.deepEqual(
    run.media!.map((m) => [m.key, m.step, m.kind, m.url, m.width, m.height]),
    [
      ['samples', 0, 'image', '/runs/m/files/media/images/samples_0_a.png', 32, 16],
      ['samples', 4, 'image', '/runs/m/files/media/images/samples_4_b.png', 32, 16],
      ['final', 9, 'image', '/runs/m/files/media/images/final_9_c.png', 32, 16],
    ],
  );
  assert.deepEqual(
    run.metrics!.map((m) => m.key),
    ['loss'],
  );
});

test('graph JSON: nodes become layers, dotted names become parent links with container layers', () => {
  const g = {
    format: 'torch',
    nodes: [
      {
        name: 'encoder.layers.0',
        id: 1,
        class_name: 'Linear(in_features=4, out_features=8, bias=True)',
        parameters: [
          ['weight', [8, 4]],
          ['bias', [8]],
        ],
        output_shape: [[2, 8]],
        num_parameters: [32, 8],
      },
      {
        name: 'encoder.layers.1',
        id: 2,
        class_name: 'ReLU()',
        parameters: [],
        output_shape: [[2, 8]],
        num_parameters: [],
      },
      {
        name: 'head',
        id: 3,
        class_name: 'Linear(in_features=8, out_features=1, bias=True)',
        parameters: [
          ['weight', [1, 8]],
          ['bias', [1]],
        ],
        output_shape: [[2, 1]],
      },
    ],
    edges: [],
  };
  const m = parseGraphJson(JSON.stringify(g), 'graph_0.graph.json').value!;
  assert.equal(m.format, 'wandb-torch');
  assert.deepEqual(
    m.layers.map((l) => [l.id, l.parent ?? null, l.name, l.type ?? null, l.params, l.outputShape ?? null]),
    [
      ['encoder', null, 'encoder', null, 0, null],
      ['encoder.layers', 'encoder', 'layers', null, 0, null],
      ['encoder.layers.0', 'encoder.layers', '0', 'Linear', 40, '((2, 8))'],
      ['encoder.layers.1', 'encoder.layers', '1', 'ReLU', 0, '((2, 8))'],
      ['head', null, 'head', 'Linear', 9, '((2, 1))'],
    ],
  );
  assert.equal(parseGraphJson('{"nodes": 5}').value, undefined);
  assert.equal(parseGraphJson('not json').warnings.length, 1);
});

test('the model comes from files/media/graph', async () => {
  const graph = JSON.stringify({
    format: 'keras',
    nodes: [{ name: 'dense', class_name: 'Dense', num_parameters: 7850, output_shape: [null, 10] }],
    edges: [],
  });
  const run = await readWandbRun(memoryFolder({ 'files/media/graph/graph_0_summary_1.graph.json': graph }), {
    now: NOW,
  });
  assert.deepEqual(
    run.model?.layers.map((l) => [l.name, l.params, l.outputShape]),
    [['dense', 7850, '(None, 10)']],
  );
});

test('state: exit 0 finished, non-zero failed (code kept), no exit → running or crashed by threshold', async () => {
  const started = (exit?: Uint8Array) =>
    datastore(runRecord({ id: 'st', startMs: T0 }), statsRecord(T0 + 60_000, [['cpu', '1']]), ...(exit ? [exit] : []));
  const read = (bytes: Uint8Array, now: number, thresholdMs?: number) =>
    readWandbRun(memoryFolder({ 'run-st.wandb': bytes }), { now, heartbeatThresholdMs: thresholdMs });
  assert.equal((await read(started(exitRecord(0)), NOW)).info.state, 'finished');
  const failed = (await read(started(exitRecord(2, 30)), NOW)).info;
  assert.equal(failed.state, 'failed');
  assert.equal(failed.exitCode, 2);
  const live = (await read(started(), T0 + 60_000 + 299_000)).info;
  assert.equal(live.state, 'running');
  assert.equal(live.endedAt, undefined);
  const dead = (await read(started(), T0 + 60_000 + 301_000)).info;
  assert.equal(dead.state, 'crashed');
  assert.equal(dead.endedAt, T0 + 60_000);
  assert.equal((await read(started(), T0 + 60_000 + 20_000, 10_000)).info.state, 'crashed');
  assert.equal(deriveRunState({ now: 0 }), 'crashed');
});

test('artifacts: logged (output) and used (input)', async () => {
  const store = datastore(
    record(
      8,
      msg(
        field(4, 'model'),
        field(5, 'net'),
        field(6, 'dg'),
        field(11, 'latest'),
        field(12, msg(field(4, msg(field(1, 'dir/w.pt'), field(4, 2048))))),
      ),
    ),
    record(25, msg(field(1, 'id-1'), field(2, 'dataset'), field(3, 'mnist:v3'))),
  );
  const run = await readWandbRun(memoryFolder({ 'run-a.wandb': store }), { now: NOW });
  assert.deepEqual(
    run.artifacts!.map((a) => [
      a.name,
      a.type,
      a.direction,
      a.aliases,
      a.size ?? null,
      a.files.map((f) => [f.path, f.name, f.size]),
    ]),
    [
      ['net', 'model', 'output', ['latest'], 2048, [['dir/w.pt', 'w.pt', 2048]]],
      ['mnist:v3', 'dataset', 'input', [], null, []],
    ],
  );
});

test('an empty or garbage datastore never throws; intact files/ facts remain', async () => {
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode('not a datastore at all, just text '.repeat(100))]) {
    const run = await readWandbRun(memoryFolder({ 'run-e.wandb': bytes, 'files/config.yaml': 'x:\n  value: 1\n' }), {
      now: NOW,
      folderName: 'offline-run-20240102_030405-e',
    });
    assert.equal(run.info.id, 'e');
    assert.deepEqual(run.info.config, { x: 1 });
    assert.ok(run.info.warnings!.length > 0);
    assert.equal(run.metrics!.length, 0);
  }
});

test('run ids from folder names', () => {
  assert.equal(runIdFromFolderName('run-20220429_201936-3ojed7lz'), '3ojed7lz');
  assert.equal(runIdFromFolderName('offline-run-20250818_154253-01tt2qoy'), '01tt2qoy');
  assert.equal(runIdFromFolderName('run-20250818_154253-abc-resumed'), 'abc');
  assert.equal(runIdFromFolderName('latest-run'), undefined);
});

test('live tail: a running run cut mid-record has no warning; pushed bytes give points, lines and the final state', async () => {
  const head = [
    runRecord({ id: 'live', startMs: T0 }),
    historyRecord(
      [
        ['loss', '3'],
        ['_step', '0'],
        ['_timestamp', String(T0 / 1000 + 10)],
      ],
      0,
    ),
    outputRecord('partial ', true, true, T0 + 10_000),
  ];
  const more = [
    historyRecord(
      [
        ['loss', '2'],
        ['_step', '1'],
        ['_timestamp', String(T0 / 1000 + 20)],
      ],
      1,
    ),
    outputRecord('line\nnext', true, true, T0 + 20_000),
  ];
  const whole = frame([...head, ...more, exitRecord(0, 30)]);
  const firstLen = frame(head).length;
  const cut = firstLen + 10; // inside the first record of `more`
  const run = await readWandbRun(memoryFolder({ 'run-live.wandb': whole.subarray(0, cut) }), { now: T0 + 15_000 });
  assert.equal(run.info.state, 'running');
  assert.equal(run.info.warnings, undefined);
  assert.deepEqual(logsOf(run.logs), [], 'the partial line waits for its newline');
  assert.equal(run.tail!.offset, cut);

  const step1 = run.tail!.push(whole.subarray(cut, firstLen + frame(more).length - 7), T0 + 21_000);
  assert.deepEqual(
    step1.points.map((p) => [p.key, p.step, p.value, p.time, p.group]),
    [['loss', 1, 2, T0 + 20_000, 'history']],
  );
  assert.deepEqual(
    step1.logs.map((l) => l.text),
    ['partial line'],
  );
  assert.equal(step1.run?.state, 'running');
  assert.deepEqual(step1.warnings, []);

  const step2 = run.tail!.push(whole.subarray(run.tail!.offset), T0 + 40_000);
  assert.equal(step2.run?.state, 'finished');
  assert.equal(step2.run?.runtime, 30);
  assert.deepEqual(
    step2.logs.map((l) => l.text),
    ['next'],
    'the last partial line is flushed once the run ends',
  );
  assert.deepEqual(run.tail!.push(Uint8Array.of(1, 2, 3)), { points: [], logs: [], warnings: [] });
});

test('live tail: a run that goes silent becomes crashed and reports its cut-off record', async () => {
  const bytes = frame([runRecord({ id: 'q', startMs: T0 }), outputRecord('x'.repeat(100), true, true, T0)]);
  const cut = bytes.length - 20;
  const run = await readWandbRun(memoryFolder({ 'run-q.wandb': bytes.subarray(0, cut) }), { now: T0 + 1000 });
  assert.equal(run.info.state, 'running');
  const later = run.tail!.push(new Uint8Array(0), T0 + 10 * 60_000);
  assert.equal(later.run?.state, 'crashed');
  assert.match(later.warnings.join(), /ends inside a record/);
});

test('pre-0.10 runs: wandb-history.jsonl and wandb-events.jsonl fill in when there is no datastore', async () => {
  const history = [
    { loss: 0.9, _step: 0, _runtime: 1.5, _timestamp: T0 / 1000 + 1 },
    { loss: 0.5, acc: { top1: 0.7 }, _step: 1, _runtime: 3, _timestamp: T0 / 1000 + 3 },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
  const events = `{"system.cpu": 12.5, "system.network": {"sent": 10}, "_wandb": true, "_timestamp": ${T0 / 1000 + 30}, "_runtime": 30}\nnot json\n`;
  const run = await readWandbRun(
    memoryFolder({
      'files/wandb-history.jsonl': `${history}\n{"loss": NaN, "_step": 2}\n`,
      'files/wandb-events.jsonl': events,
    }),
    { now: NOW, folderName: 'run-20200102_030405-old1' },
  );
  const byKey = new Map(run.metrics.map((m) => [m.key, m]));
  assert.deepEqual([...byKey.keys()], ['loss', 'acc.top1', 'system.cpu', 'system.network.sent']);
  assert.deepEqual([...byKey.get('loss')!.step], [0, 1, 2]);
  assert.deepEqual([...byKey.get('loss')!.value], [0.9, 0.5, NaN]);
  assert.deepEqual([...byKey.get('loss')!.time].slice(0, 2), [T0 + 1000, T0 + 3000]);
  assert.equal(byKey.get('system.cpu')!.group, 'system');
  assert.deepEqual([...byKey.get('system.cpu')!.time], [T0 + 30_000]);
  assert.match(run.info.warnings!.join('\n'), /wandb-events\.jsonl: 1 lines are not JSON objects/);
  // Nothing in the folder says how it ended.
  assert.equal(run.info.state, 'unknown');
});

test('live tail of a run already ended at read time does not repeat its warnings', async () => {
  const bytes = frame([runRecord({ id: 'd', startMs: T0 }), outputRecord('y'.repeat(100), true, true, T0)]);
  const run = await readWandbRun(memoryFolder({ 'run-d.wandb': bytes.subarray(0, bytes.length - 10) }), {
    now: T0 + 3600_000,
  });
  assert.equal(run.info.state, 'crashed');
  assert.equal(run.info.warnings!.filter((w) => /ends inside a record/.test(w)).length, 1);
  const again = run.tail!.push(new Uint8Array(0), T0 + 3700_000);
  assert.equal(again.run?.state, 'crashed');
  assert.deepEqual(again.warnings, []);
});
