/**
 * The command line: `runpage export` writes a bundle that `sourceFromBundle` reads back with the
 * same facts (spikes kept within the point budget), `runpage serve` serves and prints its URL,
 * and bad arguments give usage errors instead of stack traces.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs } from '../../../src/server/cli.js';
import { sourceFromBundle } from '../../../src/data/bundle.js';
import { HttpSource } from '../../../src/data/http-source.js';
import { downsampleMetric, globMatcher } from '../../../src/server/export-bundle.js';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../formats/wandb/helpers.js';

const N = 6000;
const SPIKES = new Map([
  [1234, 50],
  [4321, -40],
]);
const valueAt = (i: number) => SPIKES.get(i) ?? Math.sin(i / 300);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('runpage export', () => {
  let dir: string;
  let runDir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-cli-'));
    runDir = join(dir, 'wandb', 'run-20240101_120000-exp1');
    mkdirSync(join(runDir, 'files'), { recursive: true });
    writeFileSync(join(runDir, 'files', 'requirements.txt'), 'torch==2.3\n');
    const t0 = Date.UTC(2024, 0, 1, 12);
    const records = [runRecord({ id: 'exp1', project: 'export', name: 'export me', startMs: t0 })];
    for (let i = 0; i < N; i++) {
      const items: [string, string][] = [
        ['loss', String(valueAt(i))],
        ['_step', String(i)],
        ['_timestamp', String((t0 + i * 1000) / 1000)],
      ];
      if (i % 100 === 0) items.push(['lr', String(0.1 / (1 + i))]);
      records.push(historyRecord(items, i));
      if (i % 1000 === 0) records.push(outputRecord(`step ${i}\n`, true, false, t0 + i * 1000));
    }
    records.push(exitRecord(0, N));
    writeFileSync(join(runDir, 'run-exp1.wandb'), frame(records));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a bundle that reads back with the same facts, spikes kept within the budget', async () => {
    const out = join(dir, 'exp1.runpage.json');
    const cli = io();
    const r = await main(['export', runDir, '-o', out, '--max-points', '400', '--logs', '--files'], cli.io);
    assert.equal(r.code, 0, cli.err.join('\n'));
    assert.match(cli.out[0], /exp1/);
    const source = sourceFromBundle(JSON.parse(readFileSync(out, 'utf8')));
    const info = await source.getRun('exp1');
    assert.equal(info.name, 'export me');
    assert.equal(info.state, 'finished');
    assert.equal(info.exitCode, 0);
    const metrics = await source.listMetrics('exp1');
    assert.deepEqual(metrics.map((m) => m.key).sort(), ['loss', 'lr']);
    const [loss] = await source.getSeries({ runIds: ['exp1'], keys: ['loss'], x: 'step' });
    assert.ok(loss.total <= 400 && loss.total > 300, `${loss.total} points`);
    for (const [step, value] of SPIKES) {
      const k = Array.from(loss.x).indexOf(step);
      assert.ok(k >= 0, `spike at ${step} kept`);
      assert.equal(loss.y[k], value);
    }
    assert.equal(loss.x[0], 0);
    assert.equal(loss.x[loss.x.length - 1], N - 1);
    for (let k = 0; k < loss.x.length; k++)
      assert.equal(loss.y[k], valueAt(loss.x[k]), 'each kept point keeps its own value');
    const [wall] = await source.getSeries({
      runIds: ['exp1'],
      keys: ['loss'],
      x: 'wallclock',
      range: [Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 1, 12) + 1234 * 1000],
    });
    assert.ok(Array.from(wall.y).includes(50), 'the time column stayed with its point');
    const lr = metrics.find((m) => m.key === 'lr')!;
    assert.equal(lr.count, N / 100, 'a metric within the budget is kept whole');
    const logs = await source.getLogs({ runId: 'exp1', start: 0, count: 100 });
    assert.deepEqual(
      logs.lines.map((l) => l.text),
      Array.from({ length: N / 1000 }, (_, i) => `step ${i * 1000}`),
    );
    const files = await source.listFiles('exp1', 'files');
    assert.deepEqual(
      files.entries.map((e) => [e.path, e.size]),
      [['files/requirements.txt', 11]],
    );
  });

  it('chooses metrics by glob and leaves logs and files out unless asked', async () => {
    const out = join(dir, 'lr.runpage.json');
    const r = await main(['export', dir, '--output', out, '--metrics', 'l?'], io().io);
    assert.equal(r.code, 0);
    const source = sourceFromBundle(JSON.parse(readFileSync(out, 'utf8')));
    assert.deepEqual(
      (await source.listMetrics('exp1')).map((m) => m.key),
      ['lr'],
    );
    assert.equal((await source.getLogs({ runId: 'exp1', start: 0, count: 10 })).total, 0);
    assert.equal((await source.listFiles('exp1', '')).entries.length, 0);
  });

  it('reports usage errors and missing runs without a stack trace', async () => {
    for (const [argv, code, pattern] of [
      [['export', runDir], 2, /-o/],
      [['export', runDir, '-o'], 2, /needs a value/],
      [['export', runDir, '-o', 'x.json', '--max-points', 'lots'], 2, /max-points/],
      [['export', join(dir, 'nowhere'), '-o', 'x.json'], 1, /cannot be read|no run/],
      [['serve'], 2, /at least one folder/],
      [['frobnicate'], 2, /Unknown command/],
      [['serve', dir, '--bogus'], 2, /Unknown option/],
    ] as const) {
      const cli = io();
      const r = await main(argv, cli.io);
      assert.equal(r.code, code, argv.join(' '));
      assert.match(cli.err.join('\n'), pattern, argv.join(' '));
      assert.ok(!cli.err.join('\n').includes('    at '), 'no stack trace');
    }
  });

  it('prints help', async () => {
    const cli = io();
    assert.equal((await main(['--help'], cli.io)).code, 0);
    assert.match(cli.out[0], /runpage serve <paths…>/);
    assert.match(cli.out[0], /runpage export <path>/);
  });

  it('serve prints the URL and serves the runs, bundles included', async () => {
    const out = join(dir, 'served.runpage.json');
    assert.equal((await main(['export', runDir, '-o', out], io().io)).code, 0);
    writeFileSync(join(dir, 'broken.runpage.json'), '{"runs": 3}');
    const cli = io();
    const r = await main(['serve', runDir, out, join(dir, 'broken.runpage.json'), '--port', '0'], cli.io);
    assert.equal(r.code, 0, cli.err.join('\n'));
    assert.match(cli.err.join('\n'), /broken\.runpage\.json could not be read/);
    try {
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(cli.out[0])?.[1];
      assert.ok(url, cli.out[0]);
      assert.match(cli.out[0], /serving 2 runs/);
      const source = new HttpSource(url);
      assert.deepEqual(
        (await source.listRuns()).map((x) => x.id),
        ['exp1', 'exp1-2'],
      );
      assert.equal((await source.listMetrics('exp1-2')).length, 2, 'the bundle run is served with its metrics');
    } finally {
      await r.server?.close();
    }
  });
});

describe('export helpers', () => {
  it('globs match within and across path segments', () => {
    const m = globMatcher('train/*, system.gpu.**');
    assert.ok(m('train/loss'));
    assert.ok(!m('train/a/b'));
    assert.ok(m('system.gpu.0.temp'));
    assert.ok(!m('systemXgpu.0'));
    assert.ok(globMatcher('**')('a/b/c'));
  });

  it('keeps a metric with NaN gaps within the budget and says what it dropped', () => {
    const step = Array.from({ length: 3000 }, (_, i) => (i === 7 ? NaN : 2999 - i));
    const value = step.map((_, i) => (i % 50 === 0 ? NaN : i));
    const warnings: string[] = [];
    const out = downsampleMetric({ key: 'k', step, value }, 100, warnings);
    assert.ok(out.step.length <= 100);
    assert.ok(
      Array.from(out.value).some((v) => Number.isNaN(v)),
      'gaps survive',
    );
    assert.deepEqual(
      Array.from(out.step),
      [...Array.from(out.step)].sort((a, b) => a - b),
      'in step order',
    );
    assert.equal(warnings.length, 1);
    assert.deepEqual(parseArgs(['a', '--port=3', '--logs']).options.get('port'), '3');
  });
});
