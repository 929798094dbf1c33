/**
 * Reading `.runpage.json` bundles (bundle.ts): what a page that names a bundle in `src` loads
 * (src/internal/src-loader.ts), without the bundle writer, nor the live side of MemorySource:
 * nothing appends to a bundle opened by URL.
 */
import { SourceError } from './errors.js';
import { codeForStatus, fetchResponse, readBody } from './fetch-errors.js';
import type { BundleFile, MemoryFile } from './memory-files.js';
import type { MemoryMetric } from './memory-metrics.js';
import { MemoryRuns, type MemoryRun } from './memory-runs.js';
import type { RunInfo } from './source.js';
import { RUN_STATES } from './source.js';

export const BUNDLE_VERSION = 1;

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a parsed bundle into a source without live appends (a bundle opened by URL; `sourceFromBundle`
 * in bundle.ts gives a MemorySource). Entries that cannot be read are skipped and named in the run's warnings.
 */
export function bundleRunsSource(json: unknown, origin = 'bundle'): MemoryRuns {
  return new MemoryRuns(readBundle(json, origin));
}

/** Fetches the bundle at `url` into a source without live appends (`bundleRunsSource`); failures are SourceErrors. */
export async function fetchBundle(url: URL): Promise<MemoryRuns> {
  const response = await fetchResponse(url, {}, (reason) => `Could not fetch ${url.href}: ${reason}`);
  if (!response.ok) throw new SourceError(codeForStatus(response.status), `${url.href} answered ${response.status}.`);
  const text = await readBody(response.text(), undefined, (reason) => `${url.href} broke off: ${reason}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SourceError('invalid-data', `${url.href} is not valid JSON.`, { cause: e });
  }
  return bundleRunsSource(json, url.href);
}

/**
 * The runs of a parsed bundle; file contents given as base64 stay so (`BundleFile`) until a file
 * tree is built from them, unless `file` decodes them. Entries that cannot be read are skipped and
 * named in the run's warnings; a metric's columns of different lengths are cut by its MetricStore.
 */
export function readBundle(json: unknown, origin = 'bundle', file?: FileReader): MemoryRun[] {
  if (!isObject(json) || !Array.isArray(json.runs)) {
    throw new SourceError('invalid-data', `${origin} is not a runpage bundle (expected {"runpage": 1, "runs": […]}).`);
  }
  if (typeof json.runpage === 'number' && json.runpage > BUNDLE_VERSION) {
    throw new SourceError(
      'invalid-data',
      `${origin} is bundle version ${json.runpage}; this runpage reads version ${BUNDLE_VERSION}.`,
    );
  }
  const runs = json.runs
    .map((r, i) => readRun(r, `${origin} run ${i + 1}`, file))
    .filter((r): r is MemoryRun => r !== undefined);
  if (!runs.length) throw new SourceError('invalid-data', `${origin} holds no readable run.`);
  return runs;
}

/** Reads a file entry further, its problems added to `warnings` (bundle.ts decodes base64 contents at once). */
type FileReader = (file: BundleFile, warnings: string[]) => MemoryFile;

function readRun(raw: unknown, where: string, file: FileReader = (f) => f): MemoryRun | undefined {
  if (!isObject(raw) || !isObject(raw.info) || typeof raw.info.id !== 'string') return undefined;
  const warnings: string[] = [];
  const infoRaw = raw.info as Obj;
  const state = RUN_STATES.includes(infoRaw.state as RunInfo['state'])
    ? (infoRaw.state as RunInfo['state'])
    : 'finished';
  if (infoRaw.state !== undefined && infoRaw.state !== state)
    warnings.push(`${where}: unknown state “${String(infoRaw.state)}”, shown as finished.`);
  const info: RunInfo = { ...(infoRaw as unknown as RunInfo), state };

  const metrics: MemoryMetric[] = [];
  for (const [i, m] of (Array.isArray(raw.metrics) ? raw.metrics : []).entries()) {
    if (!isObject(m) || typeof m.key !== 'string' || !Array.isArray(m.step) || !Array.isArray(m.value)) {
      warnings.push(`${where}: metric ${i + 1} is not {key, step[], value[]} and was skipped.`);
      continue;
    }
    metrics.push({
      key: m.key,
      group: m.group === 'system' ? 'system' : m.group === 'history' ? 'history' : undefined,
      step: m.step as number[],
      value: m.value as number[],
      time: Array.isArray(m.time) ? (m.time as number[]) : undefined,
      runtime: Array.isArray(m.runtime) ? (m.runtime as number[]) : undefined,
    });
  }

  // base64 contents stay so unless `file` decodes them: the file tree decodes them (memory-files.ts), a chart never
  const files: MemoryFile[] = [];
  for (const f of Array.isArray(raw.files) ? raw.files : []) {
    if (!isObject(f) || typeof f.path !== 'string') continue;
    const given: BundleFile = {
      path: f.path,
      bytes: typeof f.text === 'string' ? f.text : undefined,
      base64: typeof f.text !== 'string' && typeof f.base64 === 'string' ? f.base64 : undefined,
      size: typeof f.size === 'number' ? f.size : undefined,
      modified: typeof f.modified === 'number' ? f.modified : undefined,
      mime: typeof f.mime === 'string' ? f.mime : undefined,
      url: typeof f.url === 'string' ? f.url : undefined,
    };
    files.push(file(given, warnings));
  }

  if (warnings.length) info.warnings = [...(info.warnings ?? []), ...warnings];
  return {
    info,
    metrics,
    logs: Array.isArray(raw.logs) ? (raw.logs as MemoryRun['logs']) : undefined,
    files,
    artifacts: Array.isArray(raw.artifacts) ? (raw.artifacts as MemoryRun['artifacts']) : undefined,
    model: isObject(raw.model) ? (raw.model as unknown as MemoryRun['model']) : undefined,
    media: Array.isArray(raw.media) ? (raw.media as MemoryRun['media']) : undefined,
  };
}
