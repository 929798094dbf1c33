/**
 * Plays a live run into a MemorySource: every tick appends training points, log lines and a
 * heartbeat; at the end the run finishes (exit 0), crashes (heartbeats stop, so the source's crash
 * rule marks it `crashed` after its threshold) or keeps going until stopped.
 */
import type { MetricPoint } from './source.js';
import type { MemorySource } from './memory-source.js';
import { mulberry32 } from './random.js';
import { learningRate, lossCurve } from './sample-metrics.js';
import { tqdmLine } from './sample-logs.js';

export interface LiveRunOptions {
  /** Milliseconds between ticks. Default 1000. */
  intervalMs?: number;
  /** Training steps appended per tick. Default 5. */
  stepsPerTick?: number;
  /** What happens after `ticks` ticks. Default `finish`. */
  end?: 'finish' | 'crash' | 'never';
  /** Ticks before the end. Default 60. */
  ticks?: number;
  seed?: number;
}

/** Starts playing; returns a function that stops it. Unknown runs do nothing. */
export function playLiveRun(source: MemorySource, runId: string, options: LiveRunOptions = {}): () => void {
  const intervalMs = Math.max(1, options.intervalMs ?? 1000);
  const stepsPerTick = Math.max(1, Math.floor(options.stepsPerTick ?? 5));
  const ticks = Math.max(0, Math.floor(options.ticks ?? 60));
  const end = options.end ?? 'finish';
  const rnd = mulberry32(options.seed ?? 1);
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  void Promise.all([source.getRun(runId), source.listMetrics(runId)])
    .then(([info, metrics]) => {
      if (stopped) return;
      const startedAt = info.startedAt ?? Date.now();
      let step = (metrics.find((m) => m.key === 'train/loss')?.steps?.[1] ?? -1) + 1;
      const horizon = step + Math.max(ticks, 60) * stepsPerTick;
      const gpus = info.hardware?.gpus?.length ?? 0;
      let tick = 0;
      source.append(runId, {
        run: { state: 'running', heartbeatAt: Date.now(), exitCode: undefined, endedAt: undefined },
      });

      const beat = (): void => {
        if (stopped) return;
        const now = Date.now();
        const runtime = (now - startedAt) / 1000;
        const points: MetricPoint[] = [];
        const lines: { text: string; stream?: 'stdout' | 'stderr' }[] = [];
        for (let k = 0; k < stepsPerTick; k++, step++) {
          const loss = lossCurve(step, horizon) * (1 + 0.05 * (rnd() - 0.5) * 2);
          points.push({ key: 'train/loss', step, time: now, runtime, value: loss });
          points.push({ key: 'train/accuracy', step, time: now, runtime, value: Math.max(0, 1 - loss / 2.8) });
          points.push({ key: 'train/lr', step, time: now, runtime, value: learningRate(step, horizon) });
          points.push({
            key: 'train/grad_norm',
            step,
            time: now,
            runtime,
            value: (0.9 + 0.2 * rnd()) * (rnd() < 0.01 ? 10 : 1),
          });
          lines.push({
            text: `\x1b[2m[step ${String(step).padStart(6)}]\x1b[0m loss=${loss.toFixed(4)} lr=${learningRate(step, horizon).toExponential(2)}`,
          });
        }
        if (tick % 5 === 0) {
          lines.push({
            text: tqdmLine(`Live epoch ${Math.floor(tick / 5) + 1}`, 5 * stepsPerTick, 5, 1000 / intervalMs),
          });
          points.push({ key: 'system.cpu', step: tick / 5, time: now, runtime, value: 55 + 10 * rnd() });
          points.push({ key: 'system.memory_percent', step: tick / 5, time: now, runtime, value: 40 + 2 * rnd() });
          for (let g = 0; g < gpus; g++)
            points.push({ key: `system.gpu.${g}.gpu`, step: tick / 5, time: now, runtime, value: 85 + 10 * rnd() });
        }
        if (rnd() < 0.05)
          lines.push({
            text: `UserWarning: grad norm ${(8 + 4 * rnd()).toFixed(2)} exceeds clip value 1.0`,
            stream: 'stderr',
          });
        source.append(runId, { points, logs: lines, run: { heartbeatAt: now, runtime } });
        tick++;
        if (end === 'never' || tick < ticks) return;
        if (end === 'finish') {
          source.append(runId, {
            logs: [{ text: '\x1b[32mTraining finished\x1b[0m' }],
            run: { state: 'finished', exitCode: 0, endedAt: now, heartbeatAt: now, runtime },
          });
        } else {
          source.append(runId, {
            logs: [{ text: 'RuntimeError: CUDA error: an illegal memory access was encountered', stream: 'stderr' }],
          });
        }
        stop();
      };
      timer = setInterval(beat, intervalMs);
    })
    .catch((e: unknown) => {
      console.warn(`runpage: cannot play live run ${runId}:`, e);
    });
  return stop;
}
