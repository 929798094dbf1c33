import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import {
  generateLargeFiles,
  generateLargeLogs,
  generateLargeMetrics,
  generateLargeRun,
  generateSampleRun,
  playLiveRun,
} from '../../../src/data/sample-run.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { MemoryMetric } from '../../../src/data/memory-source.js';
import type { RunEvent } from '../../../src/data/source.js';
import { advance } from '../../support/advance.js';

const values = (m: MemoryMetric): number[] => Array.from(m.value as ArrayLike<number>);
const metric = (run: ReturnType<typeof generateSampleRun>, key: string): MemoryMetric => {
  const m = run.metrics!.find((x) => x.key === key);
  assert.ok(m, `missing ${key}`);
  return m;
};

/** Decodes our PNGs far enough to check them: signature, IHDR size, and an IDAT that inflates to the pixels. */
function checkPng(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const idatLength = view.getUint32(33);
  assert.equal(String.fromCharCode(...bytes.subarray(37, 41)), 'IDAT');
  const raw = inflateSync(bytes.subarray(41, 41 + idatLength));
  assert.equal(raw.length, height * (1 + width * 4));
  return { width, height };
}

describe('generateSampleRun', () => {
  const run = generateSampleRun({ seed: 1 });

  it('is the same for the same seed and differs for another', () => {
    const again = generateSampleRun({ seed: 1 });
    assert.deepEqual(again.info, run.info);
    assert.deepEqual(values(metric(again, 'train/loss')), values(metric(run, 'train/loss')));
    assert.deepEqual(again.logs, run.logs);
    const other = generateSampleRun({ seed: 2 });
    assert.notDeepEqual(values(metric(other, 'train/loss')), values(metric(run, 'train/loss')));
  });

  it('has the training curves of a real run', () => {
    const loss = values(metric(run, 'train/loss'));
    assert.equal(loss.length, 2000);
    assert.ok(
      loss.slice(0, 50).reduce((a, b) => a + b) / 50 > 2 * (loss.slice(-50).reduce((a, b) => a + b) / 50),
      'loss decreases',
    );
    const lr = values(metric(run, 'train/lr'));
    const peak = lr.indexOf(Math.max(...lr));
    assert.ok(peak > 50 && peak <= 100, `warmup peaks at ${peak}`);
    for (let i = peak + 1; i < lr.length; i++) assert.ok(lr[i] <= lr[i - 1] + 1e-15, 'cosine decay');
    const grad = values(metric(run, 'train/grad_norm'));
    const median = [...grad].sort((a, b) => a - b)[1000];
    const spikes = grad.filter((g) => g > 5 * median);
    assert.ok(spikes.length >= 2, `${spikes.length} spikes`);
    grad.forEach((g, i) => {
      if (g > 5 * median) assert.ok(grad[i - 1] < 5 * median && grad[i + 1] < 5 * median, 'single-step spikes');
    });
    const aux = values(metric(run, 'train/aux_loss'));
    assert.ok(aux.some((v) => Number.isNaN(v)));
    const val = metric(run, 'val/loss');
    assert.equal(val.step.length, 20);
    assert.equal(val.step[1] - val.step[0], 100);
    for (const m of run.metrics!) {
      assert.equal(m.step.length, m.value.length, m.key);
      assert.equal(m.time!.length, m.value.length, m.key);
    }
  });

  it('adds extra metrics over several sections', () => {
    const extra = generateSampleRun({ seed: 1, extraMetrics: 25 });
    const sections = new Set(extra.metrics!.filter((m) => m.group === 'history').map((m) => m.key.split('/')[0]));
    assert.equal(extra.metrics!.length, run.metrics!.length + 25);
    for (const s of ['train', 'val', 'layers', 'eval', 'optim', 'data', 'custom']) assert.ok(sections.has(s), s);
  });

  it('logs W&B system metrics every 15 s for every GPU', () => {
    const keys = run.metrics!.filter((m) => m.group === 'system').map((m) => m.key);
    for (const k of [
      'system.cpu',
      'system.memory_percent',
      'system.proc.memory.rssMB',
      'system.disk./.usagePercent',
      'system.network.sent',
      'system.network.recv',
    ]) {
      assert.ok(keys.includes(k), k);
    }
    for (let g = 0; g < 8; g++) {
      for (const f of ['gpu', 'memory', 'memoryAllocated', 'temp', 'powerWatts', 'powerPercent'])
        assert.ok(keys.includes(`system.gpu.${g}.${f}`), `gpu ${g} ${f}`);
    }
    const cpu = metric(run, 'system.cpu');
    assert.equal(cpu.time![1] - cpu.time![0], 15_000);
    const sent = values(metric(run, 'system.network.sent'));
    for (let i = 1; i < sent.length; i++) assert.ok(sent[i] > sent[i - 1], 'cumulative bytes');
    assert.equal(
      generateSampleRun({ seed: 1, gpus: 2 }).metrics!.filter((m) => m.key.startsWith('system.gpu.')).length,
      12,
    );
  });

  it('writes console output with colours, tqdm redraws, warnings and a traceback', () => {
    const logs = run.logs as { text: string; stream?: string; time?: number }[];
    assert.equal(logs.length, 3000);
    assert.ok(logs.some((l) => l.text.includes('\x1b[')));
    assert.ok(logs.some((l) => l.text.split('\r').length > 5 && l.text.includes('it/s]')));
    assert.ok(logs.some((l) => l.stream === 'stderr' && l.text.includes('UserWarning')));
    const tb = logs.findIndex((l) => l.text === 'Traceback (most recent call last):');
    assert.ok(tb > 0 && logs[tb].stream === 'stderr');
    assert.match(logs[tb + 9].text, /UnidentifiedImageError/);
    for (let i = 1; i < logs.length; i++) assert.ok(logs[i].time! >= logs[i - 1].time!);
    assert.equal((generateSampleRun({ seed: 1, logLines: 50 }).logs as unknown[]).length, 50);
  });

  it('describes the run: host, git, hardware, config and summary', () => {
    const info = run.info;
    assert.equal(info.state, 'finished');
    assert.equal(info.exitCode, 0);
    assert.equal(info.format, 'sample');
    assert.equal(info.hardware!.gpus!.length, 8);
    assert.match(info.git!.commit!, /^[0-9a-f]{40}$/);
    assert.ok(info.python?.version && info.command?.program && info.host && info.os && info.sdk?.version);
    assert.equal(typeof (info.config!.optimizer as { lr: number }).lr, 'number');
    const image = info.summary!.predictions as { _type: string; path: string };
    assert.equal(image._type, 'image-file');
    assert.ok(
      run.files!.some((f) => f.path === image.path),
      'the summary image is in the files',
    );
    assert.ok(info.endedAt! > info.startedAt!);
  });

  it('has the usual run files, real PNGs and a unified diff', () => {
    const paths = run.files!.map((f) => f.path);
    for (const p of [
      'config.yaml',
      'requirements.txt',
      'diff.patch',
      'output.log',
      'wandb-metadata.json',
      'checkpoints/best.pt',
    ])
      assert.ok(paths.includes(p), p);
    const pngs = run.files!.filter((f) => f.path.startsWith('media/images/') && f.path.endsWith('.png'));
    assert.ok(pngs.length > 0);
    for (const f of pngs) {
      assert.deepEqual(checkPng(f.bytes as Uint8Array), { width: 32, height: 32 });
      assert.match(f.url!, /^data:image\/png;base64,/);
    }
    const diff = run.files!.find((f) => f.path === 'diff.patch')!.bytes as string;
    assert.match(diff, /^diff --git a\/\S+ b\/\S+\n/);
    assert.match(diff, /^@@ -\d+,\d+ \+\d+,\d+ @@/m);
    assert.match(run.files!.find((f) => f.path === 'config.yaml')!.bytes as string, /^wandb_version: 1\n/);
    JSON.parse(run.files!.find((f) => f.path === 'wandb-metadata.json')!.bytes as string);
    assert.equal(generateSampleRun({ seed: 1, files: 40 }).files!.length, run.files!.length + 35);
    const checkpoint = run.files!.find((f) => f.path === 'checkpoints/best.pt')!;
    assert.ok(checkpoint.size! > 1e6 && checkpoint.bytes === undefined);
  });

  it('has a model whose parameter counts add up and whose parents come first', () => {
    const layers = run.model!.layers;
    const seen = new Set<string>();
    for (const l of layers) {
      if (l.parent) assert.ok(seen.has(l.parent), l.id);
      seen.add(l.id);
    }
    const total = layers.reduce((s, l) => s + l.params, 0);
    // 4 blocks of (2 LayerNorms + qkv + proj + fc + proj), embeddings, final norm and head.
    const d = 256;
    const block = 2 * (2 * d) + (d * 3 * d + 3 * d) + (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d);
    assert.equal(total, 8000 * d + 512 * d + 4 * block + 2 * d + d * 8000);
    assert.ok(layers.some((l) => l.trainableParams === 0));
  });

  it('has input and output artifacts with versions, aliases, metadata and manifests', () => {
    const arts = run.artifacts!;
    const input = arts.find((a) => a.direction === 'input')!;
    const output = arts.find((a) => a.direction === 'output')!;
    assert.ok(input.versions!.length > 1 && input.aliases.includes('latest'));
    assert.ok(output.aliases.includes('best'));
    for (const a of arts) {
      assert.equal(a.fileCount, a.files.length);
      assert.equal(
        a.size,
        a.files.reduce((s, f) => s + f.size!, 0),
      );
      assert.ok(a.metadata && Object.keys(a.metadata).length > 0);
    }
  });

  it('logs images every few hundred steps for two keys, with boxes on one', () => {
    const media = run.media!;
    const keys = new Set(media.map((m) => m.key));
    assert.deepEqual([...keys].sort(), ['predictions', 'samples']);
    assert.ok(media.filter((m) => m.key === 'predictions').every((m) => m.boxes!.length > 0 && m.classes));
    assert.ok(media.filter((m) => m.key === 'samples').every((m) => m.boxes === undefined));
    const steps = [...new Set(media.map((m) => m.step))];
    assert.deepEqual(steps, [400, 800, 1200, 1600]);
  });

  it('places states: running is fresh, crashed is stale, failed exited 1', async () => {
    const running = generateSampleRun({ seed: 3, state: 'running' });
    assert.ok(Date.now() - running.info.heartbeatAt! < 5000);
    assert.equal(running.info.exitCode, undefined);
    const source = new MemorySource([running, generateSampleRun({ seed: 4, state: 'crashed', id: 'c' })]);
    assert.equal((await source.getRun(running.info.id)).state, 'running');
    assert.equal((await source.getRun('c')).state, 'crashed');
    assert.equal(generateSampleRun({ seed: 5, state: 'failed' }).info.exitCode, 1);
  });
});

describe('large generators', () => {
  it('makes millions of metric points with spikes', () => {
    const metrics = generateLargeMetrics({ metrics: 2, points: 1_000_000, spikes: 50 });
    assert.equal(metrics.length, 2);
    for (const m of metrics) {
      assert.equal(m.value.length, 1_000_000);
      const v = values(m);
      // Spikes are at least 1.5 high; the noise moves less than 0.1 between neighbours.
      const spread = 1;
      const outliers = v.filter(
        (x, i) => i > 0 && i < v.length - 1 && Math.abs(x - v[i - 1]) > spread && Math.abs(x - v[i + 1]) > spread,
      );
      assert.ok(outliers.length >= 40 && outliers.length <= 50, `${outliers.length} spikes`);
    }
  });

  it('makes a lazy log whose lines are the same whenever asked', () => {
    const logs = generateLargeLogs(1_000_000, 3) as {
      count: number;
      line(i: number): { text: string; label?: string };
      labels?: string[];
    };
    assert.equal(logs.count, 1_000_000);
    assert.deepEqual(logs.line(999_999), logs.line(999_999));
    assert.ok(logs.line(0).text.includes('\r'));
    assert.ok(logs.labels!.includes(logs.line(12345).label!));
    const lengths = Array.from({ length: 1000 }, (_, i) => logs.line(i * 997).text.length);
    const mean = lengths.reduce((a, b) => a + b) / lengths.length;
    assert.ok(mean > 60 && mean < 160, `mean line length ${mean}`);
  });

  it('makes many files in nested folders and a whole large run', async () => {
    assert.equal(generateLargeFiles(100_000).length, 100_000);
    const run = generateLargeRun({ points: 10_000, metrics: 3, logLines: 5_000, files: 2_000 });
    const source = new MemorySource(run);
    const id = run.info.id;
    assert.equal((await source.getLogs({ runId: id, start: 0, count: 1 })).total, 5_000);
    assert.equal((await source.listMetrics(id)).filter((m) => m.key.startsWith('large/')).length, 3);
    assert.equal((await source.listFiles(id, 'data/shard_0001')).total, 900);
  });
});

describe('playLiveRun', () => {
  it('appends points, lines and heartbeats, then finishes', async () => {
    const run = generateSampleRun({ seed: 9, state: 'running', steps: 100, logLines: 10 });
    const source = new MemorySource(run);
    const events: RunEvent[] = [];
    source.watch(run.info.id, (e) => events.push(e));
    const done = new Promise<void>((resolve) => {
      source.watch(run.info.id, (e) => {
        if (e.type === 'run' && e.run.state === 'finished') resolve();
      });
    });
    playLiveRun(source, run.info.id, { intervalMs: 5, stepsPerTick: 3, ticks: 4 });
    await done;
    const info = await source.getRun(run.info.id);
    assert.equal(info.state, 'finished');
    assert.equal(info.exitCode, 0);
    const loss = (await source.listMetrics(run.info.id)).find((m) => m.key === 'train/loss')!;
    assert.deepEqual([loss.count, loss.steps], [112, [0, 111]]);
    assert.equal((await source.getLogs({ runId: run.info.id, start: 0, count: 0 })).total > 10 + 12, true);
    assert.ok(events.filter((e) => e.type === 'run' && e.run.heartbeatAt).length >= 4);
  });

  it('crashes by stopping heartbeats, and can be stopped early', async () => {
    mock.timers.enable({ apis: ['setInterval', 'setTimeout', 'Date'], now: 1_700_000_000_000 });
    try {
      const run = generateSampleRun({ seed: 9, state: 'running', steps: 100, logLines: 10 });
      const source = new MemorySource(run, { heartbeatThresholdMs: 60 });
      let crashed = false;
      source.watch(run.info.id, (e) => {
        if (e.type === 'run' && e.run.state === 'crashed') crashed = true;
      });
      playLiveRun(source, run.info.id, { intervalMs: 5, ticks: 2, end: 'crash' });
      await advance(50);
      assert.equal(crashed, false, 'not before the heartbeat is 60 ms old');
      await advance(30);
      assert.equal(crashed, true);
      assert.equal((await source.getRun(run.info.id)).state, 'crashed');

      const other = new MemorySource(generateSampleRun({ seed: 10, state: 'running', steps: 100, logLines: 10 }));
      const id = other.defaultRunId()!;
      const stop = playLiveRun(other, id, { intervalMs: 5, end: 'never' });
      await advance(40);
      stop();
      const count = (await other.listMetrics(id)).find((m) => m.key === 'train/loss')!.count;
      await advance(40);
      assert.equal((await other.listMetrics(id)).find((m) => m.key === 'train/loss')!.count, count);
      assert.ok(count > 100);
    } finally {
      mock.timers.reset();
    }
  });
});
