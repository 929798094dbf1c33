/**
 * The standard generated training run (`generateSampleRun`); sample-large.ts builds its large runs
 * on it. Import both through sample-run.ts. Everything is derived from a seed (mulberry32), so the
 * same options give the same run on every machine.
 */
import type { JsonObject, RunInfo, RunState } from './source.js';
import type { MemoryRun } from './memory-source.js';
import { createRandom } from './random.js';
import { historyMetrics, systemMetrics, type SampleClock } from './sample-metrics.js';
import { sampleLogs } from './sample-logs.js';
import { sampleFiles } from './sample-files.js';
import { sampleArtifacts, sampleMedia, sampleModel } from './sample-assets.js';

export interface SampleRunOptions {
  seed?: number;
  id?: string;
  /** Training steps (history rows). Default 2000. */
  steps?: number;
  /** Metrics beyond the standard ones, spread over sections. Default 0. */
  extraMetrics?: number;
  /** Console lines. Default 3000. */
  logLines?: number;
  /** Extra files beyond the usual run files. Default 5. */
  files?: number;
  /** Default 8. */
  gpus?: number;
  /** Default `finished`. A `running` run is placed so that it ends now with a fresh heartbeat. */
  state?: RunState;
  /** Epoch ms. Default 2024-05-01T09:00:00Z, or "just now" for a running run. */
  startedAt?: number;
}

const DEFAULT_STARTED_AT = Date.UTC(2024, 4, 1, 9, 0, 0);
const SECONDS_PER_STEP = 0.35;

const ADJECTIVES = ['bright', 'quiet', 'vivid', 'solar', 'misty', 'rapid', 'gentle', 'cosmic'];
const NOUNS = ['river', 'forest', 'comet', 'meadow', 'harbor', 'glacier', 'canyon', 'breeze'];

function positiveInt(v: number | undefined, fallback: number): number {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function generateSampleRun(options: SampleRunOptions = {}): MemoryRun {
  const seed = Number.isFinite(Number(options.seed ?? 1)) ? Math.floor(Number(options.seed ?? 1)) >>> 0 : 1;
  const rnd = createRandom(seed);
  const steps = Math.max(1, positiveInt(options.steps, 2000));
  const gpus = positiveInt(options.gpus, 8);
  const state: RunState = options.state ?? 'finished';
  const duration = steps * SECONDS_PER_STEP + 8;
  const startedAt =
    options.startedAt !== undefined && Number.isFinite(options.startedAt)
      ? options.startedAt
      : state === 'running'
        ? Date.now() - Math.round(duration * 1000)
        : DEFAULT_STARTED_AT;
  const clock: SampleClock = { startedAt, secondsPerStep: SECONDS_PER_STEP, steps };
  const endedAt = startedAt + Math.round(duration * 1000);
  const name = `${rnd.pick(ADJECTIVES)}-${rnd.pick(NOUNS)}-${rnd.int(1, 99)}`;
  const id = options.id ?? `sample-${seed.toString(36).padStart(4, '0')}`;

  const metrics = [
    ...historyMetrics(rnd, clock, positiveInt(options.extraMetrics, 0)),
    ...systemMetrics(rnd, clock, gpus),
  ];
  const logs = sampleLogs(rnd, clock, positiveInt(options.logLines, 3000), id, gpus);
  const media = sampleMedia(rnd, steps, Math.max(1, Math.round(steps / 5)));

  const config: JsonObject = {
    seed,
    optimizer: {
      name: 'adamw',
      lr: 3e-4,
      weight_decay: 0.05,
      betas: [0.9, 0.999],
      clip: 1.0,
      schedule: { kind: 'cosine', warmup_steps: Math.max(1, Math.round(steps * 0.05)), min_lr_ratio: 0.1 },
    },
    model: {
      name: 'gpt-small',
      blocks: 4,
      dim: 256,
      heads: 8,
      vocab: 8000,
      context: 512,
      dropout: 0.1,
      tie_embeddings: false,
    },
    data: {
      dataset: 'imagenet-subset',
      version: 'v3',
      batch_size: 256,
      workers: 8,
      augment: { randaug: { n: 2, m: 9 }, mixup: 0.8, cutmix: null },
    },
    trainer: {
      steps,
      epochs: 10,
      precision: 'bf16',
      grad_accum: 1,
      eval_every: Math.max(1, Math.round(steps / 20)),
      devices: gpus,
    },
  };

  const last = (key: string): number => {
    const m = metrics.find((x) => x.key === key)!;
    for (let i = m.value.length - 1; i >= 0; i--) if (Number.isFinite(m.value[i])) return m.value[i];
    return NaN;
  };
  const lastImage = media.files.filter((f) => f.path.includes('predictions')).at(-1);
  const summary: JsonObject = {
    'train/loss': last('train/loss'),
    'train/accuracy': last('train/accuracy'),
    'train/lr': last('train/lr'),
    'val/loss': last('val/loss'),
    'val/accuracy': last('val/accuracy'),
    epoch: last('epoch'),
    best: { 'val/accuracy': last('val/accuracy'), step: steps - 1 },
    _step: steps - 1,
    _runtime: duration,
    _timestamp: endedAt / 1000,
  };
  if (lastImage) {
    summary.predictions = {
      _type: 'image-file',
      path: lastImage.path,
      width: 32,
      height: 32,
      format: 'png',
      size: lastImage.bytes.length,
    };
  }

  const info: RunInfo = {
    id,
    name,
    project: 'vit-imagenet',
    entity: 'acme-research',
    group: 'baseline',
    jobType: 'train',
    user: 'ada',
    notes: `Baseline run for the **${name}** sweep.\n\n- cosine schedule with warmup\n- bf16 autocast\n\nSee [the report](https://example.com/report).`,
    tags: ['baseline', 'bf16', `seed-${seed}`],
    state,
    startedAt,
    host: 'gpu-node-07',
    os: 'Linux-5.15.0-105-generic-x86_64-with-glibc2.35',
    python: { version: '3.11.9', executable: '/opt/conda/bin/python' },
    command: { program: 'train.py', args: ['--config', 'configs/gpt_small.yaml', '--steps', String(steps)] },
    git: {
      remote: 'https://github.com/acme-research/vit-imagenet.git',
      commit: Array.from({ length: 40 }, () => rnd.int(0, 15).toString(16)).join(''),
      branch: 'main',
      dirty: true,
    },
    hardware: {
      cpu: 'AMD EPYC 7763 64-Core Processor',
      cpuCount: 64,
      cpuCountLogical: 128,
      memoryBytes: 1_081_975_545_856,
      gpus: Array.from({ length: gpus }, () => ({ name: 'NVIDIA A100-SXM4-80GB', memoryBytes: 85_899_345_920 })),
      acceleratorCount: gpus,
      accelerator: 'cuda',
      cudaVersion: '12.1',
    },
    config,
    summary,
    sdk: { name: 'wandb', version: '0.17.4' },
    format: 'sample',
    heartbeatAt: state === 'running' ? Date.now() : endedAt,
    runtime: duration,
  };
  if (state === 'finished' || state === 'failed' || state === 'killed') {
    info.endedAt = endedAt;
    info.exitCode = state === 'finished' ? 0 : state === 'failed' ? 1 : 137;
  }
  if (state === 'crashed') info.heartbeatAt = endedAt;

  const files = sampleFiles(rnd, { info, logs, images: media.files, extra: positiveInt(options.files, 5), endedAt });
  const artifacts = sampleArtifacts(rnd, id, startedAt, endedAt);
  return {
    info,
    metrics,
    logs,
    files,
    artifacts: artifacts.artifacts,
    artifactFiles: artifacts.files,
    model: sampleModel(),
    media: media.items,
  };
}
