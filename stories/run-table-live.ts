/** The live runs list of the run-table stories, driven by buttons rather than a timer. */
import { sampleRunsSource } from '../src/data/sample-runs.js';
import type { RunListEvent, RunRef, RunSource } from '../src/data/source.js';

/**
 * A source whose listing changes when a button says so (`watchRuns`), as a server's does when a
 * run folder appears or a run ends: no timer, so the story shows the same thing every time.
 */
export function liveListing(initial: readonly RunRef[]): { source: RunSource; addRun(): void; endRun(): void } {
  const refs = initial.map((r) => ({ ...r }));
  const listeners = new Set<(e: RunListEvent) => void>();
  const tell = (e: RunListEvent) => listeners.forEach((l) => l(e));
  let added = 0;
  return {
    source: {
      ...sampleRunsSource(refs),
      listRuns: async () => refs.map((r) => ({ ...r })),
      watchRuns: (on) => {
        listeners.add(on);
        return () => listeners.delete(on);
      },
    },
    addRun() {
      added++;
      const t = Date.now();
      const run: RunRef = {
        id: `live${added}`,
        name: `new-run-${added}`,
        project: 'llm-pretrain',
        group: 'sweep-lr',
        state: 'running',
        startedAt: t,
        heartbeatAt: t,
        config: { lr: 0.001 * added, batch_size: 64, optimizer: 'adamw' },
        summary: { 'train/loss': 2.5 },
      };
      refs.unshift(run);
      tell({ type: 'run-added', run: { ...run } });
    },
    endRun() {
      const run = refs.find((r) => r.state === 'running');
      if (!run) return;
      const t = Date.now();
      run.state = 'finished';
      run.endedAt = t;
      run.runtime = Math.max(0, (t - (run.startedAt ?? t)) / 1000);
      run.summary = { ...run.summary, 'train/loss': 0.42 };
      delete run.heartbeatAt;
      tell({ type: 'run-changed', run: { ...run } });
    },
  };
}
