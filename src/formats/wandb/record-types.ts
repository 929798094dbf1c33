/**
 * The plain objects a decoded `.wandb` Record becomes (records.ts decodes them; record-objects.ts
 * makes the hot ones).
 */

/** A key/value of history, summary, config or stats. `path` is `[key]` or the `nested_key` parts. */
export interface WandbItem {
  /** Shared between items of the same key: read it, never change it. */
  path: readonly string[];
  valueJson: string;
}

export interface WandbGit {
  remote?: string;
  commit?: string;
}

export interface WandbRunRecord {
  type: 'run';
  runId?: string;
  entity?: string;
  project?: string;
  config: WandbItem[];
  summary: WandbItem[];
  group?: string;
  jobType?: string;
  displayName?: string;
  notes?: string;
  tags: string[];
  sweepId?: string;
  host?: string;
  startingStep?: number;
  /** Epoch ms */
  startTime?: number;
  resumed?: boolean;
  telemetry?: WandbTelemetry;
  runtime?: number;
  git?: WandbGit;
}

export interface WandbTelemetry {
  pythonVersion?: string;
  cliVersion?: string;
  coreVersion?: string;
  platform?: string;
}

export interface WandbManifestEntry {
  path: string;
  digest?: string;
  ref?: string;
  size?: number;
  mimetype?: string;
}

export interface WandbArtifact {
  runId?: string;
  project?: string;
  entity?: string;
  artifactType?: string;
  name?: string;
  digest?: string;
  description?: string;
  metadataJson?: string;
  userCreated?: boolean;
  aliases: string[];
  tags: string[];
  manifest: WandbManifestEntry[];
  storagePolicy?: string;
}

export interface WandbGpu {
  name?: string;
  memoryTotal?: number;
}

export interface WandbEnvironment {
  os?: string;
  python?: string;
  startedAt?: number;
  docker?: string;
  args: string[];
  program?: string;
  codePath?: string;
  git?: WandbGit;
  email?: string;
  root?: string;
  host?: string;
  username?: string;
  executable?: string;
  cpuCount?: number;
  cpuCountLogical?: number;
  gpuType?: string;
  gpuCount?: number;
  memoryTotal?: number;
  apple?: { name?: string; ramTotal?: number };
  gpuNvidia: WandbGpu[];
  cudaVersion?: string;
}

export type WandbRecord = { num?: number } & (
  | { type: 'history'; items: WandbItem[]; step?: number }
  | { type: 'summary'; update: WandbItem[]; remove: string[][] }
  | { type: 'config'; update: WandbItem[]; remove: string[][] }
  /** `output` (4) and `output_raw` (13, `raw: true`). */
  | { type: 'output'; stream: 'stdout' | 'stderr'; time?: number; line: string; raw: boolean }
  | { type: 'output_logger'; line: string; time?: number }
  | { type: 'stats'; statsType: number; time?: number; items: WandbItem[] }
  | { type: 'exit'; exitCode: number; runtime?: number }
  | { type: 'files'; files: { path: string; policy: number }[] }
  | ({ type: 'artifact' } & WandbArtifact)
  | { type: 'use_artifact'; id?: string; artifactType?: string; name?: string }
  | ({ type: 'environment' } & WandbEnvironment)
  | ({ type: 'telemetry' } & WandbTelemetry)
  | { type: 'header'; producer?: string; minConsumer?: string }
  | {
      type: 'metric';
      name?: string;
      globName?: string;
      stepMetric?: string;
      goal?: 'minimize' | 'maximize';
      hidden?: boolean;
    }
  | { type: 'final' }
  | { type: 'footer' }
  | { type: 'preempting' }
  | WandbRunRecord
  | { type: 'other'; field: number }
);

export type WandbRecordType = WandbRecord['type'];
