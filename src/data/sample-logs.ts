/** Console output of a generated run: ANSI colours, tqdm bars redrawn with `\r`, warnings and a traceback. */
import type { MemoryLogLine } from './memory-logs.js';
import type { Random } from './random.js';
import { learningRate, lossCurve, type SampleClock } from './sample-metrics.js';
import { sampleModel } from './sample-assets.js';

const ESC = '\x1b[';
const blue = (s: string): string => `${ESC}34m${ESC}1m${s}${ESC}0m`;
const yellow = (s: string): string => `${ESC}33m${s}${ESC}0m`;
const green = (s: string): string => `${ESC}32m${s}${ESC}0m`;
const red = (s: string): string => `${ESC}31m${ESC}1m${s}${ESC}0m`;
const dim = (s: string): string => `${ESC}2m${s}${ESC}0m`;

/** One tqdm bar as a terminal line: every redraw separated by `\r`, as tqdm writes them. */
export function tqdmLine(label: string, total: number, redraws: number, itPerSec: number): string {
  const parts: string[] = [];
  for (let r = 0; r <= redraws; r++) {
    const done = Math.round((total * r) / redraws);
    const pct = Math.floor((100 * done) / total);
    const filled = Math.floor(pct / 10);
    const bar = '█'.repeat(filled) + (filled < 10 ? ' '.repeat(10 - filled) : '');
    const elapsed = done / itPerSec;
    const left = (total - done) / itPerSec;
    const fmt = (s: number): string =>
      `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
    parts.push(
      `${label}: ${String(pct).padStart(3)}%|${bar}| ${done}/${total} [${fmt(elapsed)}<${r === 0 ? '?' : fmt(left)}, ${r === 0 ? '?' : itPerSec.toFixed(2)}it/s]`,
    );
  }
  return parts.join('\r');
}

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/opt/conda/lib/python3.11/site-packages/torch/utils/data/_utils/worker.py", line 308, in _worker_loop',
  '    data = fetcher.fetch(index)',
  '  File "/opt/conda/lib/python3.11/site-packages/torch/utils/data/_utils/fetch.py", line 51, in fetch',
  '    data = [self.dataset[idx] for idx in possibly_batched_index]',
  '  File "/workspace/src/data/imagenet.py", line 88, in __getitem__',
  '    image = Image.open(path).convert("RGB")',
  '  File "/opt/conda/lib/python3.11/site-packages/PIL/Image.py", line 3305, in open',
  '    raise UnidentifiedImageError(msg)',
  "PIL.UnidentifiedImageError: cannot identify image file '/data/imagenet/train/n01440764/n01440764_10043.JPEG'",
];

export function sampleLogs(rnd: Random, clock: SampleClock, count: number, runName: string, gpus = 8): MemoryLogLine[] {
  const out: MemoryLogLine[] = [];
  const add = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): void => {
    out.push({ text, stream });
  };
  add(`${blue('wandb')}: Currently logged in as: ${yellow('ada')} (${yellow('acme-research')})`, 'stderr');
  add(`${blue('wandb')}: Tracking run with wandb version 0.17.4`, 'stderr');
  add(
    `${blue('wandb')}: Run data is saved locally in ${yellow('/workspace/wandb/run-20240501_090000-' + runName)}`,
    'stderr',
  );
  add(`${blue('wandb')}: Syncing run ${yellow(runName)}`, 'stderr');
  add('Loading dataset imagenet-subset (128,000 train / 5,000 val images)');
  const params = sampleModel().layers.reduce((sum, l) => sum + l.params, 0);
  add(`Model: gpt-small | params: ${(params / 1e6).toFixed(2)}M | ${green('cuda')} x ${gpus} (NVIDIA A100-SXM4-80GB)`);
  add(
    '/opt/conda/lib/python3.11/site-packages/torch/nn/modules/transformer.py:306: UserWarning: enable_nested_tensor is True, but self.use_nested_tensor is False',
    'stderr',
  );
  add(
    '  warnings.warn(f"enable_nested_tensor is True, but self.use_nested_tensor is False because {why_not_sparsity_fast_path}")',
    'stderr',
  );

  const steps = clock.steps;
  const epochs = 10;
  const stepsPerEpoch = Math.max(1, Math.round(steps / epochs));
  const tracebackAt = Math.floor(steps * 0.37);
  // Roughly how many lines one step of training produces, so the log ends near `count` lines.
  const perStep = Math.max(0, count - 40) / Math.max(1, steps);
  let budget = 0;
  for (let s = 0; s < steps && out.length < count; s++) {
    if (s % stepsPerEpoch === 0) {
      const epoch = s / stepsPerEpoch + 1;
      add(`${green('Epoch')} ${epoch}/${epochs}`);
      add(tqdmLine(`Epoch ${epoch}`, stepsPerEpoch, 12, 2.7 + rnd.next()));
    }
    if (s === tracebackAt) {
      add(red('ERROR') + ' DataLoader worker 3 failed; skipping the sample and continuing', 'stderr');
      for (const line of TRACEBACK) add(line, 'stderr');
    }
    if (s > 0 && s % Math.max(1, Math.round(steps / 7)) === 0) {
      add(
        `/workspace/src/train.py:142: ${yellow('UserWarning')}: grad norm ${(8 + rnd.next() * 4).toFixed(2)} exceeds clip value 1.0`,
        'stderr',
      );
    }
    budget += perStep;
    while (budget >= 1 && out.length < count) {
      budget -= 1;
      const loss = lossCurve(s, steps) * (1 + 0.05 * rnd.normal());
      add(
        `${dim(`[step ${String(s).padStart(6)}]`)} loss=${loss.toFixed(4)} lr=${learningRate(s, steps).toExponential(2)} ` +
          `throughput=${Math.round(380 + 40 * rnd.next())} samples/s`,
      );
    }
  }
  add(`${green('Training finished')}: best val/accuracy=${(0.86 + rnd.next() * 0.02).toFixed(4)}`);
  add(`${blue('wandb')}: Waiting for W&B process to finish... ${green('(success).')}`, 'stderr');
  add(
    `${blue('wandb')}: 🚀 View run ${yellow(runName)} at: https://wandb.ai/acme-research/vit-imagenet/runs/${runName}`,
    'stderr',
  );
  while (out.length < count) add(dim(`[rank0] flushed ${rnd.int(1, 64)} buffered records`));
  const duration = steps * clock.secondsPerStep + 8;
  const result = out.slice(0, Math.max(count, 0));
  result.forEach((l, i) => {
    l.time = clock.startedAt + Math.round((1000 * duration * i) / Math.max(1, result.length));
  });
  return result;
}
