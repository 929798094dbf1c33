/**
 * What a MemorySource answers about its list of runs and a run's logs, files, artifacts, model and
 * media (`answers`): listings, windows of log lines (memory-log-reads.ts) and searches of them,
 * file listings, bytes and byte ranges (memory-file-reads.ts, loaded with the first read),
 * artifact entries. Loaded with the first such request (memory-runs.ts), which builds the run's
 * parts with it: a page of charts never asks one.
 */
import type {
  ArtifactDetail,
  ArtifactInfo,
  FileBytes,
  FileListing,
  LogChunk,
  LogMatches,
  LogQuery,
  LogSearch,
  MediaItem,
  MediaKey,
  MediaQuery,
  ModelGraph,
  Page,
  RunRef,
  RunSource,
} from './source.js';
import { SourceError, throwIfAborted } from './errors.js';
import { type FileTree, pathSegments } from './memory-files.js';
import { LazyModule } from './source.js';
import { clampInt, clone, query } from './memory-answers.js';
import { logWindow } from './memory-log-reads.js';
import type { LogStore } from './memory-logs.js';
import type { SearchRunner } from './log-search.js';
import { type ArtifactStore, type RunParts, runParts } from './memory-parts.js';
import { refOf, type RunsInside } from './memory-runs-later.js';

// A MemoryRuns builds a run's parts with this module (it loads nothing apart for them).
export { runParts };

/** The methods of a MemoryRuns that this module answers. */
export type Later = Extract<
  keyof RunSource,
  | 'listRuns'
  | 'queryRuns'
  | 'getLogs'
  | 'searchLogs'
  | 'listFiles'
  | 'readFile'
  | 'readArtifactFile'
  | 'listArtifacts'
  | 'getArtifact'
  | 'getModel'
  | 'listMedia'
  | 'getMedia'
>;

/**
 * Each method of `Later` with the source it answers for first (`RunsInside`). memory-runs.ts runs
 * each as a request (`guard`): an answer may throw, and is not called when the request was aborted.
 */
type Answers = {
  [K in Later]: (
    source: RunsInside,
    ...args: Parameters<Required<RunSource>[K]>
  ) => ReturnType<Required<RunSource>[K]> | Awaited<ReturnType<Required<RunSource>[K]>>;
};

/** What a MemoryRuns answers with this module (memory-runs.ts calls them once it is loaded). */
export const answers: Answers = {
  listRuns(s) {
    for (const run of s.runs.values()) s.partsOf(run, runParts);
    return s.order.map((id) => refOf(s, id));
  },
  async queryRuns(s, q, o) {
    const refs = answers.listRuns(s, o) as RunRef[];
    // The query reader (search syntax, filters, sorts) loads with the first query: a chart never asks one.
    const { queryRunList } = await import('./run-query.js');
    return queryRunList(refs, q, { signal: o?.signal, now: s.now(), runner: s.searchRunner?.(o?.signal) });
  },
  getLogs: (s, q, o) => getLogs(partsOf(s, query(q).runId).logs, q, o?.signal),
  searchLogs: (s, q, o) => searchLogs(partsOf(s, query(q).runId).logs, q, o?.signal, s.searchRunner?.(o?.signal)),
  listFiles: (s, runId, dir, page) => listFiles(partsOf(s, runId).files, dir, page, s.pageSize),
  readFile: (s, runId, path, range) => readFromTree(partsOf(s, runId).files, path, range, 'this run'),
  readArtifactFile: (s, runId, artifactId, path, range) => readArtifactFile(partsOf(s, runId), artifactId, path, range),
  listArtifacts: (s, runId) => listArtifacts(partsOf(s, runId)),
  getArtifact: (s, runId, id) => getArtifact(partsOf(s, runId), id),
  getModel: (s, runId) => getModel(partsOf(s, runId).model),
  listMedia: (s, runId) => listMedia(partsOf(s, runId).media),
  getMedia: (s, q) => getMedia(partsOf(s, query(q).runId).media, q),
};

/** The parts of run `runId`, built now (not-found when there is no such run). */
function partsOf(s: RunsInside, runId: string): RunParts {
  return s.partsOf(s.run(runId), runParts)!;
}

/** Matches one log search reports at most, when the request gives no limit. */
const LOG_SEARCH_LIMIT = 100_000;

/** A window of a run's log lines, with the labels its lines carry. */
async function getLogs(logs: LogStore, q: LogQuery, signal?: AbortSignal): Promise<LogChunk> {
  const chunk: LogChunk = await logWindow(logs, q.start, q.count, { streams: q.streams, labels: q.labels }, signal);
  const labels = logs.labels();
  if (labels && labels.length > 0) chunk.labels = labels;
  return chunk;
}

/** Searches a run's log lines; `runner` runs its slices (default: in place, yielding between them). */
async function searchLogs(
  logs: LogStore,
  q: LogSearch,
  signal?: AbortSignal,
  runner?: SearchRunner,
): Promise<LogMatches> {
  const limit = q.limit === undefined ? LOG_SEARCH_LIMIT : clampInt(q.limit, 0, Number.MAX_SAFE_INTEGER);
  // The scan of the log, with the search, loads with the first one: a page that reads logs may never search them.
  const { inPlaceRunner, scanLog, searchLogBatches } = await import('./memory-log-scan.js');
  throwIfAborted(signal);
  const scan = await scanLog(logs, { streams: q.streams, labels: q.labels }, signal);
  throwIfAborted(signal);
  return searchLogBatches(
    scan.batches,
    { query: q.query, regex: q.regex === true, caseSensitive: q.caseSensitive === true, limit },
    signal,
    runner ?? inPlaceRunner(),
  );
}

/** A page of the folder `dir` of a run's files. */
function listFiles(files: FileTree, dir: string, page: Page | undefined, pageSize: number): FileListing {
  const parts = pathSegments(typeof dir === 'string' ? dir : '');
  if (!parts)
    throw new SourceError(
      'invalid-data',
      `Refused the folder path ${JSON.stringify(dir)}: it may not contain "." or ".." segments.`,
    );
  const path = parts.join('/');
  const entries = files.list(path);
  if (!entries) {
    if (files.get(path)) throw new SourceError('invalid-data', `${path} is a file, not a folder.`);
    if (path === '') return { dir: '', entries: [], total: 0 };
    throw new SourceError('not-found', `There is no folder ${path} in this run.`);
  }
  const offset = parseCursor(page?.cursor);
  const limitRaw = page?.limit === undefined ? pageSize : Math.floor(Number(page.limit));
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? limitRaw : pageSize;
  // Folder entries are copied (their count changes as files arrive); file entries are frozen.
  const slice = entries.slice(offset, offset + limit).map((e) => (e.kind === 'dir' ? { ...e } : e));
  const listing: FileListing = { dir: path, entries: slice, total: entries.length };
  if (offset + limit < entries.length) listing.next = String(offset + limit);
  return listing;
}

// Reading a file's bytes loads with the first such request (memory-file-reads.ts): listing files does not.
type FileReads = typeof import('./memory-file-reads.js');
export const fileReads = new LazyModule(() => import('./memory-file-reads.js'));

/** Bytes of a file of a run's files, or of an artifact's (memory-file-reads.ts, loaded with the first). */
async function readFromTree(...args: Parameters<FileReads['readFromTree']>): Promise<FileBytes> {
  return (await fileReads.get()).readFromTree(...args);
}

/** Reads a file of an artifact whose contents were given in `MemoryRun.artifactFiles`. */
async function readArtifactFile(...args: Parameters<FileReads['readArtifactFile']>): Promise<FileBytes> {
  return (await fileReads.get()).readArtifactFile(...args);
}

function listArtifacts(run: ArtifactStore): ArtifactInfo[] {
  return run.artifacts.map(artifactInfo);
}

function getArtifact(run: ArtifactStore, id: string): ArtifactDetail {
  const artifact = run.artifacts.find((a) => a.id === id);
  if (!artifact) throw new SourceError('not-found', `There is no artifact ${JSON.stringify(id)} in this run.`);
  return clone(artifact);
}

function getModel(model: ModelGraph | undefined): ModelGraph {
  if (!model) throw new SourceError('not-found', 'No model was logged for this run.');
  return clone(model);
}

function listMedia(media: readonly MediaItem[]): MediaKey[] {
  const keys = new Map<string, { kind: MediaKey['kind']; steps: Set<number> }>();
  for (const item of media) {
    let k = keys.get(item.key);
    if (!k) keys.set(item.key, (k = { kind: item.kind, steps: new Set() }));
    k.steps.add(item.step);
  }
  return [...keys].map(([key, k]) => ({ key, kind: k.kind, steps: [...k.steps].sort((a, b) => a - b) }));
}

function getMedia(media: readonly MediaItem[], q: MediaQuery): MediaItem[] {
  const ofKey = media.filter((m) => m.key === q.key);
  if (ofKey.length === 0)
    throw new SourceError('not-found', `No media ${JSON.stringify(q.key)} was logged for this run.`);
  return ofKey
    .filter((m) => m.step === q.step)
    .sort((a, b) => a.index - b.index)
    .map((m) => clone(m));
}

const ARTIFACT_INFO_FIELDS = [
  'id',
  'name',
  'type',
  'direction',
  'version',
  'aliases',
  'size',
  'digest',
  'createdAt',
  'fileCount',
  'description',
] as const;

/** The listing fields of an artifact, without its files, metadata and lineage. */
function artifactInfo(a: ArtifactDetail): ArtifactInfo {
  const out: Record<string, unknown> = {};
  for (const f of ARTIFACT_INFO_FIELDS) if (a[f] !== undefined) out[f] = clone(a[f]);
  const info = out as unknown as ArtifactInfo;
  if (!Array.isArray(info.aliases)) info.aliases = [];
  if (info.fileCount === undefined && Array.isArray(a.files)) info.fileCount = a.files.length;
  return info;
}

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d+$/.test(String(cursor)))
    throw new SourceError('invalid-data', `Unknown page cursor ${JSON.stringify(cursor)}.`);
  return Number(cursor);
}
