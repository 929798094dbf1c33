/**
 * A run's logs, files, artifacts, model and media as a MemoryRuns keeps them (`RunParts`), built
 * from what was handed over. A MemoryRuns builds them with the first request that needs them
 * (memory-runs.ts, through memory-reads.ts): a page of charts never does. MemorySource builds them
 * with the run, since live appends add to them.
 */
import type { ArtifactDetail, MediaItem, ModelGraph } from './source.js';
import { FileTree, type MemoryFile } from './memory-files.js';
import { LogStore } from './memory-logs.js';
import { isLogFile, type LogFile } from './log-file.js';
import type { MemoryLogs } from './memory-logs.js';

/** What a run hands over besides its info and metrics (`MemoryRun` adds those). */
export interface GivenParts {
  logs?: MemoryLogs;
  /** Console lines that continue `logs`, kept in a file and read on demand (a server's output.log). */
  logFile?: LogFile;
  files?: MemoryFile[];
  artifacts?: ArtifactDetail[];
  /** Contents of artifact files by artifact id, paths relative to the artifact root (for `readArtifactFile`). */
  artifactFiles?: Record<string, MemoryFile[]>;
  model?: ModelGraph;
  media?: MediaItem[];
}

/** A run's artifacts as a MemoryRuns keeps them. */
export interface ArtifactStore {
  artifacts: ArtifactDetail[];
  /** Contents of artifact files by artifact id, paths relative to the artifact root. */
  artifactFiles: Record<string, MemoryFile[]>;
  /** File trees of `artifactFiles`, built on first read. */
  artifactTrees: Map<string, FileTree>;
}

export interface RunParts extends ArtifactStore {
  logs: LogStore;
  files: FileTree;
  model?: ModelGraph;
  media: MediaItem[];
  /** What could not be kept of what was handed over, for the run's warnings. */
  warnings: string[];
}

export function isMediaItem(m: unknown): m is MediaItem {
  const item = m as MediaItem | null;
  return (
    !!item &&
    typeof item === 'object' &&
    typeof item.key === 'string' &&
    typeof item.step === 'number' &&
    typeof item.url === 'string'
  );
}

/** The parts of `run` (undefined: none), whatever of it can be kept; the rest is named in `warnings`. */
export function runParts(run: GivenParts | undefined): RunParts {
  const files = new FileTree(Array.isArray(run?.files) ? run.files : []);
  const warnings = [...files.warnings];
  const model = run?.model;
  const hasModel = !!model && typeof model === 'object' && Array.isArray(model.layers);
  if (model !== undefined && !hasModel) warnings.push('The model has no layers list and was left out');
  const media = Array.isArray(run?.media) ? run.media : [];
  const kept = media.filter(isMediaItem);
  if (kept.length < media.length)
    warnings.push(`Skipped ${media.length - kept.length} media items without a key, step or URL`);
  return {
    logs: new LogStore(run?.logs, isLogFile(run?.logFile) ? run.logFile : undefined),
    files,
    artifacts: Array.isArray(run?.artifacts) ? [...run.artifacts] : [],
    artifactFiles: run?.artifactFiles && typeof run.artifactFiles === 'object' ? run.artifactFiles : {},
    artifactTrees: new Map(),
    model: hasModel ? model : undefined,
    media: kept,
    warnings,
  };
}
