/**
 * Many generated runs for the runs table's stories, tests and benchmark: a project-sized listing
 * (thousands of entries with config and summary values, some running) and a source that lists
 * them. Everything comes from a seed, so the same options give the same runs everywhere.
 */
import { SourceError } from './errors.js';
import { createRandom } from './random.js';
import type { Req, RunInfo, RunRef, RunSource, RunState } from './source.js';

export interface SampleRunsOptions {
  /** Default 200. */
  count?: number;
  seed?: number;
  /** Runs that are still running (the newest ones). Default 3. */
  running?: number;
  /** Epoch ms the newest run started; default 2024-06-01. Running runs start `now - minutes`. */
  now?: number;
}

const PROJECTS = ['vit-imagenet', 'llm-pretrain', 'speech-ctc'];
const GROUPS = ['baseline', 'sweep-lr', 'sweep-wd', 'ablation'];
const TAGS = ['baseline', 'best', 'fp16', 'bf16', 'debug', 'long'];
const OPTIMIZERS = ['adamw', 'sgd', 'lion'];
const ENDED: RunState[] = ['finished', 'finished', 'finished', 'finished', 'failed', 'crashed', 'killed'];

export function generateSampleRefs(options: SampleRunsOptions = {}): RunRef[] {
  const count = Math.max(0, Math.floor(options.count ?? 200));
  const running = Math.max(0, Math.floor(options.running ?? 3));
  const rnd = createRandom(options.seed ?? 7);
  const now = options.now ?? Date.UTC(2024, 5, 1);
  const refs: RunRef[] = [];
  for (let i = 0; i < count; i++) {
    const project = PROJECTS[i % PROJECTS.length];
    const live = i < running;
    const minutes = 5 + Math.floor(rnd.next() * 600);
    const startedAt = live ? now - minutes * 60_000 : now - (i + 1) * 3_600_000 - Math.floor(rnd.next() * 3_000_000);
    const runtime = live ? undefined : minutes * 60;
    const lr = Number((10 ** -(2 + rnd.next() * 3)).toPrecision(3));
    const loss = Number((0.2 + rnd.next() * 2).toFixed(4));
    const tags = TAGS.filter(() => rnd.next() < 0.2);
    const ref: RunRef = {
      id: `run${i.toString(36).padStart(5, '0')}`,
      name: `${project.split('-')[0]}-${GROUPS[i % GROUPS.length]}-${i}`,
      project,
      group: GROUPS[(i >> 2) % GROUPS.length],
      state: live ? 'running' : ENDED[i % ENDED.length],
      startedAt,
      format: 'sample',
      config: {
        lr,
        batch_size: 2 ** (4 + (i % 5)),
        optimizer: OPTIMIZERS[i % OPTIMIZERS.length],
        model: { layers: 6 + (i % 4) * 6, width: 256 * (1 + (i % 3)) },
        seed: i,
      },
      summary: {
        'train/loss': loss,
        'val/acc': Number((0.5 + rnd.next() * 0.45).toFixed(4)),
        _step: 1000 + (i % 50) * 100,
        gpu_mem_bytes: 8e9 + (i % 8) * 1e9,
      },
    };
    if (tags.length) ref.tags = tags;
    if (runtime !== undefined) {
      ref.runtime = runtime;
      ref.endedAt = startedAt + runtime * 1000;
    } else ref.heartbeatAt = now;
    refs.push(ref);
  }
  return refs;
}

/** A source that lists `refs` and reads each as a run; nothing else. */
export function sampleRunsSource(refs: readonly RunRef[]): RunSource {
  const byId = new Map(refs.map((r) => [r.id, r]));
  const check = (o?: Req) => {
    if (o?.signal?.aborted) throw new SourceError('aborted', 'The request was aborted.');
  };
  return {
    async getRun(id: string, o?: Req): Promise<RunInfo> {
      check(o);
      const ref = byId.get(id);
      if (!ref) throw new SourceError('not-found', `There is no run ${id}.`);
      const { warnings: _warnings, error: _error, ...rest } = ref;
      void _warnings;
      void _error;
      return { ...rest, state: ref.state ?? 'unknown' };
    },
    async listRuns(o?: Req): Promise<RunRef[]> {
      check(o);
      return refs.map((r) => ({ ...r }));
    },
  };
}
