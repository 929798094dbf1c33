/**
 * Finds the runs under a folder by the formats' own naming (FORMATS.md), without following links:
 * W&B run folders, MLflow file-store runs, and TensorBoard event files.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundRuns {
  /** W&B run id → run folder. */
  wandb: Map<string, string>;
  /** MLflow run id → run folder. */
  mlflow: Map<string, string>;
  /** Event files outside W&B and MLflow run folders, absolute paths. */
  eventFiles: string[];
  /** Ids met more than once. */
  duplicates: string[];
}

const WANDB_RUN = /^(?:offline-)?run-\d{8}_\d{6}-([A-Za-z0-9]+)(?:-.*)?$/;

export function findRuns(root: string): FoundRuns {
  const found: FoundRuns = { wandb: new Map(), mlflow: new Map(), eventFiles: [], duplicates: [] };
  const add = (map: Map<string, string>, id: string, path: string) => {
    if (map.has(id)) found.duplicates.push(id);
    else map.set(id, path);
  };
  const walk = (dir: string, inMlruns: boolean, inRun: boolean) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if (stat.isFile()) {
        if (name.startsWith('events.out.tfevents.') && !inRun) found.eventFiles.push(path);
        continue;
      }
      if (!stat.isDirectory()) continue;
      const wandbId = WANDB_RUN.exec(name)?.[1];
      if (wandbId) add(found.wandb, wandbId, path);
      const isMlflowRun = inMlruns && /^[0-9a-f]{32}$/.test(name) && existsSync(join(path, 'meta.yaml'));
      if (isMlflowRun) add(found.mlflow, name, path);
      if (inMlruns && (name === '.trash' || name === 'models')) continue;
      walk(path, inMlruns || name === 'mlruns', inRun || wandbId !== undefined || isMlflowRun);
    }
  };
  walk(root, false, false);
  return found;
}
