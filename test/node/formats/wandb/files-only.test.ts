/**
 * Runs read from files/ alone (no datastore, an empty or header-only one) and runs whose datastore
 * stops without an exit: end time, state from every piece of evidence in the folder, SDK version,
 * project. The debug log lines follow what the SDKs write (0.12 Python writer, 0.21 Go writer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { readDebugInternalLog, readDebugLog, type DebugLogFacts } from '../../../../src/formats/wandb/debug-logs.js';
import { endsInTraceback } from '../../../../src/formats/wandb/state.js';
import { field, frame, memoryFolder, msg, outputRecord, record, runRecord, statsRecord } from './helpers.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 250);
const LATER = T0 + 30 * 24 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '');
const FOLDER = 'run-20240102_030405-fo1';
const meta = JSON.stringify({ startedAt: iso(T0), heartbeatAt: iso(T0 + 2000), host: 'h' });
/** Python logging time as the machine's local clock shows it (here UTC+9). */
const local = (ms: number) => {
  const d = new Date(ms + 9 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)},${d.slice(20, 23)}`;
};

async function read(files: Record<string, string | Uint8Array>, now = LATER, modified?: number) {
  return readWandbRun(memoryFolder(files, modified === undefined ? {} : { modified }), { folderName: FOLDER, now });
}

test('endedAt is start + runtime (_wandb.runtime, else _runtime, the larger), never the start', async () => {
  const a = await read({
    'files/wandb-metadata.json': meta,
    'files/wandb-summary.json': '{"_wandb": {"runtime": 95}}',
  });
  assert.equal(a.info.startedAt, T0);
  assert.equal(a.info.endedAt, T0 + 95_000);
  assert.equal(a.info.runtime, 95);
  const b = await read({
    'files/wandb-metadata.json': meta,
    'files/wandb-summary.json': '{"loss": 1, "_runtime": 41.5}',
  });
  assert.equal(b.info.endedAt, T0 + 41_500);
  const c = await read({
    'files/wandb-metadata.json': meta,
    'files/wandb-summary.json': '{"_runtime": 41.5, "_wandb": {"runtime": 41}}',
  });
  assert.equal(c.info.endedAt, T0 + 41_500);
  // Only a start and a heartbeat 2 s later: it lasted at least that long.
  const d = await read({ 'files/wandb-metadata.json': meta });
  assert.equal(d.info.endedAt, T0 + 2000);
  // Nothing but a start: the end is not known (and is not shown as the start).
  const e = await read({ 'files/wandb-metadata.json': JSON.stringify({ startedAt: iso(T0) }) });
  assert.equal(e.info.endedAt, undefined);
  assert.equal(e.info.state, 'unknown');
});

test('no evidence of the end: unknown, not crashed; an empty or header-only datastore is no evidence', async () => {
  const none = await read({ 'files/wandb-metadata.json': meta, 'files/output.log': 'epoch 1\nepoch 2\n' });
  assert.equal(none.info.state, 'unknown');
  assert.match(none.info.warnings!.join(), /no \.wandb datastore/);
  const header = await read({
    'run-fo1.wandb': Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0),
    'files/wandb-metadata.json': meta,
  });
  assert.equal(header.info.state, 'unknown');
  assert.match(header.info.warnings!.join(), /run-fo1\.wandb holds no records; the run is read from files\/ only/);
  // The same header-only datastore of a run that has just started (its files written now): running, no warning.
  const starting = await read(
    { 'run-fo1.wandb': Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0), 'files/wandb-metadata.json': meta },
    T0 + 5000,
    T0 + 3000,
  );
  assert.equal(starting.info.state, 'running');
  assert.equal(starting.info.warnings, undefined);
  const empty = await read({ 'run-fo1.wandb': new Uint8Array(0), 'files/wandb-metadata.json': meta });
  assert.equal(empty.info.state, 'unknown');
  // A datastore with records that stops without an exit is a crash, as before.
  const cut = await read({ 'run-fo1.wandb': frame([runRecord({ id: 'fo1', startMs: T0 })]) });
  assert.equal(cut.info.state, 'crashed');
});

test('debug.log: exit code, SDK version and project of the Python SDK', async () => {
  const debugLog = [
    `${local(T0)} INFO    MainThread:1 [wandb_setup.py:_flush():80] Current SDK version is 0.16.6`,
    `${local(T0 + 5)} INFO    MainThread:1 [wandb_init.py:init():600] calling init triggers`,
    `${local(T0 + 60_000)} INFO    MainThread:1 [wandb_run.py:_finish():2000] finishing run team/vision/fo1`,
    `${local(T0 + 60_002)} INFO    MainThread:1 [wandb_run.py:_atexit_cleanup():2100] got exitcode: 3`,
    `${local(T0 + 61_500)} INFO    MainThread:1 [wandb_run.py:_footer_history_summary_info():3000] rendering history`,
  ].join('\n');
  const run = await read({ 'files/wandb-metadata.json': meta, 'logs/debug.log': debugLog });
  assert.equal(run.info.state, 'failed');
  assert.equal(run.info.exitCode, 3);
  assert.equal(run.info.sdk?.version, '0.16.6');
  assert.equal(run.info.project, 'vision');
  assert.equal(run.info.entity, 'team');
  // The local log times line up with the start once the zone offset (+9 h) is known: the last line is the last sign of life.
  assert.equal(run.info.heartbeatAt, T0 + 61_500);
  const ok = await read({ 'files/wandb-metadata.json': meta, 'logs/debug.log': 'x got exitcode: 0\n' });
  assert.equal(ok.info.state, 'finished');
  assert.equal(ok.info.exitCode, 0);
});

test('debug-internal.log of the Python writer: exit code and runtime sent with the exit record', async () => {
  const internal = [
    `${local(T0 + 3000)} INFO    SenderThread:2 [sender.py:send_exit():368] handling exit code: 1`,
    `${local(T0 + 3000)} INFO    SenderThread:2 [sender.py:send_exit():370] handling runtime: 7`,
  ].join('\n');
  const run = await read({ 'files/wandb-metadata.json': meta, 'logs/debug-internal.log': internal });
  assert.equal(run.info.state, 'failed');
  assert.equal(run.info.exitCode, 1);
  assert.equal(run.info.runtime, 7);
  assert.equal(run.info.endedAt, T0 + 7000);
});

test('debug-internal.log of the Go writer: start, orderly close, core version', async () => {
  const go = [
    '{"time":"2025-08-18T15:20:32.336358+01:00","level":"INFO","msg":"stream: starting","core version":"0.21.0"}',
    '{"time":"2025-08-18T15:20:32.448574+01:00","level":"INFO","msg":"stream: started","id":"fo1"}',
    '{"time":"2025-08-18T15:21:31.51933+01:00","level":"INFO","msg":"stream: closing","id":"fo1"}',
    '{"time":"2025-08-18T15:21:31.520817+01:00","level":"INFO","msg":"stream: closed","id":"fo1"}',
  ].join('\n');
  const run = await read({ 'logs/debug-internal.log': go, 'files/output.log': '' });
  assert.equal(run.info.sdk?.version, '0.21.0');
  assert.equal(run.info.startedAt, Date.UTC(2025, 7, 18, 14, 20, 32, 336));
  assert.equal(run.info.endedAt, Date.UTC(2025, 7, 18, 14, 21, 31, 520));
  // It ended in order, but nothing recorded how: unknown.
  assert.equal(run.info.state, 'unknown');
  // The same with debug.log recording the code (0.21 writes `got exitcode` there).
  const done = await read({ 'logs/debug-internal.log': go, 'logs/debug.log': 'a got exitcode: 0\n' });
  assert.equal(done.info.state, 'finished');
});

test('only the head and tail of a long debug log are read', async () => {
  const filler = `${local(T0 + 10)} DEBUG   SenderThread:2 [sender.py:send():232] send: history\n`.repeat(20_000);
  const text = `${local(T0)} INFO    MainThread:1 [wandb_setup.py:_flush():80] Current SDK version is 0.15.12\n${filler}${local(T0 + 10)} INFO    MainThread:1 [wandb_run.py:_atexit_cleanup():1] got exitcode: 0\n`;
  assert.ok(text.length > 1_000_000);
  const folder = memoryFolder({ 'files/wandb-metadata.json': meta, 'logs/debug.log': text });
  const bytes = new TextEncoder().encode(text);
  let read = 0;
  folder.stream = async function* (path, start = 0) {
    if (path !== 'logs/debug.log') throw new Error(`unexpected stream of ${path}`);
    for (let i = start; i < bytes.length; i += 4096) {
      const c = bytes.subarray(i, i + 4096);
      read += c.length;
      yield c;
    }
  };
  const readWhole = folder.read.bind(folder);
  folder.read = async (path) => {
    if (path === 'logs/debug.log') throw new Error('read whole');
    return readWhole(path);
  };
  const run = await readWandbRun(folder, { folderName: FOLDER, now: LATER });
  assert.equal(run.info.state, 'finished');
  assert.equal(run.info.sdk?.version, '0.15.12');
  assert.ok(read < 300_000, `read ${read} bytes`);
});

test('the console ending in a Python traceback: failed, code unknown; other endings decide nothing', async () => {
  const tb = [
    'epoch 3',
    'Traceback (most recent call last):',
    '  File "train.py", line 10, in <module>',
    '    main()',
    '  File "train.py", line 7, in main',
    '    raise ValueError("bad")',
    'ValueError: bad',
    '',
  ];
  const failed = await read({ 'files/wandb-metadata.json': meta, 'files/output.log': tb.join('\n') });
  assert.equal(failed.info.state, 'failed');
  assert.equal(failed.info.exitCode, undefined);

  assert.equal(
    endsInTraceback(['Traceback (most recent call last):', '  File "a.py", line 1', 'KeyboardInterrupt']),
    true,
  );
  // Chained exceptions, a multi-line message, W&B's own lines after it.
  assert.equal(
    endsInTraceback([
      'Traceback (most recent call last):',
      '  File "a.py", line 1',
      'KeyError: 1',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "a.py", line 3',
      'RuntimeError: CUDA error: device-side assert triggered',
      'CUDA kernel errors might be asynchronously reported at some other API call.',
      'For debugging consider passing CUDA_LAUNCH_BLOCKING=1.',
      'wandb: 🚀 View run at …',
    ]),
    true,
  );
  // A traceback the program survived, followed by more work: not the end.
  assert.equal(
    endsInTraceback([
      'Traceback (most recent call last):',
      '  File "a.py", line 1',
      'ValueError: retrying',
      ...Array.from({ length: 30 }, (_, k) => `epoch ${k}`),
    ]),
    false,
  );
  assert.equal(endsInTraceback(['epoch 1', 'Done']), false);
  assert.equal(endsInTraceback(['Traceback (most recent call last):', '  File "a.py", line 1']), false);
  assert.equal(endsInTraceback([]), false);
});

test('recorded exit evidence beats a traceback; a traceback beats the crash rule of a cut datastore', async () => {
  const tb = 'Traceback (most recent call last):\n  File "a.py", line 1\nKeyboardInterrupt\n';
  const recorded = await read({
    'files/wandb-metadata.json': meta,
    'files/output.log': tb,
    'logs/debug.log': 'x got exitcode: 255\n',
  });
  assert.equal(recorded.info.state, 'failed');
  assert.equal(recorded.info.exitCode, 255);

  const store = frame([runRecord({ id: 'fo1', startMs: T0 }), outputRecord('epoch 1\n', true, true, T0 + 1000)]);
  const cut = await read({ 'run-fo1.wandb': store, 'files/output.log': `epoch 1\n${tb}` });
  assert.equal(cut.info.state, 'failed');
  // A datastore cut short (a copy taken mid-run) whose debug log saw the run finish.
  const finished = await read({ 'run-fo1.wandb': store, 'logs/debug.log': 'x got exitcode: 0\n' });
  assert.equal(finished.info.state, 'finished');
  assert.equal(finished.info.exitCode, 0);
});

test('a live run read from files/: running while its files grow, unknown once they stop', async () => {
  const files = { 'files/wandb-metadata.json': meta, 'files/output.log': 'epoch 1\n' };
  // Written 30 s before now, 1 h into the run (the run's own clock: summary time).
  const summary = JSON.stringify({ _runtime: 3600, _timestamp: (T0 + 3600_000) / 1000 });
  const live = await read({ ...files, 'files/wandb-summary.json': summary }, T0 + 3630_000, T0 + 3600_000);
  assert.equal(live.info.state, 'running');
  assert.equal(live.info.heartbeatAt, T0 + 3600_000);
  assert.equal(live.info.endedAt, undefined);
  const quiet = await read({ ...files, 'files/wandb-summary.json': summary }, T0 + 7200_000, T0 + 3600_000);
  assert.equal(quiet.info.state, 'unknown');
  assert.equal(quiet.info.endedAt, T0 + 3600_000);
  // Fresh file times on a run whose own clock stopped years ago: a copy, not a live run.
  const copied = await read(files, Date.UTC(2030, 0, 1), Date.UTC(2030, 0, 1) - 10_000);
  assert.equal(copied.info.state, 'unknown');
  assert.equal(copied.info.heartbeatAt, T0 + 2000);
});

test('SDK version of old offline runs: the run record telemetry when the telemetry record is lost', async () => {
  // RunRecord.telemetry (19) → TelemetryRecord.cli_version (5); the datastore stops before record 11.
  const run = record(
    17,
    msg(
      field(1, 'fo1'),
      field(19, msg(field(4, '3.8.10'), field(5, '0.10.33'))),
      field(17, msg(field(1, Math.floor(T0 / 1000)))),
    ),
  );
  const r = await read({ 'run-fo1.wandb': frame([run, statsRecord(T0, [['cpu', '1']])]) });
  assert.equal(r.info.sdk?.version, '0.10.33');
  assert.equal(r.info.python?.version, '3.8.10');
  // Record.telemetry (11) wins when both are there.
  const both = await read({
    'run-fo1.wandb': frame([run, record(11, msg(field(5, '0.10.34')))]),
  });
  assert.equal(both.info.sdk?.version, '0.10.34');
  // Nothing but config.yaml.
  const yaml = await read({
    'files/config.yaml': 'wandb_version: 1\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.9.7\n',
  });
  assert.equal(yaml.info.sdk?.version, '0.9.7');
});

test("project: the run record, then debug.log, then the caller's hint from the folder layout", async () => {
  const hinted = await readWandbRun(memoryFolder({ 'files/wandb-metadata.json': meta }), {
    folderName: FOLDER,
    now: LATER,
    projectHint: 'my-repo',
  });
  assert.equal(hinted.info.project, 'my-repo');
  const fromLog = await readWandbRun(memoryFolder({ 'logs/debug.log': 'x finishing run rl4avs_testing/fo1\n' }), {
    folderName: FOLDER,
    now: LATER,
    projectHint: 'my-repo',
  });
  assert.equal(fromLog.info.project, 'rl4avs_testing');
  assert.equal(fromLog.info.entity, undefined);
  const fromRecord = await readWandbRun(
    memoryFolder({ 'run-fo1.wandb': frame([runRecord({ id: 'fo1', project: 'p', startMs: T0 })]) }),
    { folderName: FOLDER, now: LATER, projectHint: 'my-repo' },
  );
  assert.equal(fromRecord.info.project, 'p');
});

test('debug log parsing keeps the last exit code and ignores damaged JSON lines', () => {
  const facts: DebugLogFacts = {};
  readDebugLog('a got exitcode: 1\nb got exitcode: 0\n', facts);
  assert.equal(facts.exitCode, 0);
  readDebugInternalLog('{"time":"2025-01-01T00:00:00Z","msg":"stream: start\n{not json}\n', facts);
  assert.equal(facts.closed, undefined);
  assert.equal(facts.lastTime, undefined);
});
