/**
 * TensorBoard event files among an MLflow run's artifacts (`mlflow.log_artifacts(logdir,
 * "tensorboard_logs")` and the like): their scalars become metrics of the MLflow run under the key
 * prefix `tensorboard/`, which the Charts tab shows as a section of its own, beside the run's own
 * metrics. With one TensorBoard run folder among the artifacts the keys are
 * `tensorboard/<its key>` (`tensorboard/train/loss`); with several, each adds its folder below the
 * artifacts (`tensorboard/logs/run1/loss`). Read incrementally, so a live run's new events arrive
 * as points.
 */
import type { AppendedPoint, MemoryMetric } from '../../data/memory-source.js';
import { findTfeventsRuns, TfeventsFolderRun } from '../tfevents/folder.js';
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';

export const TENSORBOARD_PREFIX = 'tensorboard';

interface Found {
  path: string;
  reader: TfeventsFolderRun;
  /** The key prefix, fixed when the folder is first found, so live keys never change. */
  prefix: string;
}

export class ArtifactTensorboard {
  private readonly found = new Map<string, Found>();
  private readonly taken: ReadonlySet<string>;

  /**
   * `artifactsDir`: the run's `artifacts/` folder on `folder`. `taken`: the run's own metric keys;
   * an event-file key equal to one of them gets ` (tensorboard)` appended rather than hiding it.
   */
  constructor(
    private readonly folder: RunFolder,
    private readonly artifactsDir: string,
    private readonly growingThresholdMs: number,
    taken: Iterable<string> = [],
  ) {
    this.taken = new Set(taken);
  }

  /** Finds event-file folders (new ones too) and reads what was written since the last call. */
  async refresh(now: number): Promise<AppendedPoint[]> {
    const refs = await findTfeventsRuns(this.folder, this.artifactsDir).catch(() => []);
    const alone = refs.length === 1 && this.found.size === 0;
    for (const ref of refs) {
      if (this.found.has(ref.path)) continue;
      const reader = new TfeventsFolderRun(this.folder, joinPath(this.artifactsDir, ref.path), {
        id: ref.path,
        growingThresholdMs: this.growingThresholdMs,
      });
      const prefix = alone || ref.path === '' ? TENSORBOARD_PREFIX : `${TENSORBOARD_PREFIX}/${ref.path}`;
      this.found.set(ref.path, { path: ref.path, reader, prefix });
    }
    const points: AppendedPoint[] = [];
    for (const f of this.found.values()) {
      const update = await f.reader.refresh(now);
      for (const p of update.metrics) points.push({ ...p, key: this.keyOf(f, p.key) });
    }
    return points;
  }

  /**
   * Every scalar series read so far, as metrics of the MLflow run, and the problems met reading
   * the event files, each naming its file below the artifacts.
   */
  snapshot(now: number): { metrics: MemoryMetric[]; warnings: string[] } {
    const metrics: MemoryMetric[] = [];
    const warnings: string[] = [];
    for (const f of this.found.values()) {
      const run = f.reader.toRun(now);
      for (const m of run.metrics) metrics.push({ ...m, key: this.keyOf(f, m.key), group: 'history' });
      for (const w of run.info.warnings ?? []) warnings.push(`artifacts/${f.path ? `${f.path}/` : ''}${w}`);
    }
    return { metrics, warnings };
  }

  /** Wall time (epoch ms) of the newest event in any of the files, or undefined. */
  lastEventTime(now: number): number | undefined {
    let last: number | undefined;
    for (const f of this.found.values()) {
      const t = f.reader.status(now).heartbeatAt;
      if (t !== undefined && (last === undefined || t > last)) last = t;
    }
    return last;
  }

  /** Folders (below the artifacts) holding event files. */
  get folders(): string[] {
    return [...this.found.keys()];
  }

  private keyOf(f: Found, key: string): string {
    const full = `${f.prefix}/${key}`;
    return this.taken.has(full) ? `${full} (tensorboard)` : full;
  }
}
