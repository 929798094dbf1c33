/**
 * Every field of every answer type survives the boundary. The samples are `Required<…>`, so when
 * the contract (src/data/source.ts) gains a field this file stops compiling until the sample has
 * it, and then fails until the reader in src/data/read/ keeps it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, loadReaders, type Repair } from '../../../src/data/checked-source.js';
import type {
  ArtifactDetail,
  ArtifactInfo,
  BoundingBox,
  FileBytes,
  FileEntry,
  FileLink,
  FileListing,
  GpuInfo,
  HardwareInfo,
  LogChunk,
  LogLine,
  LogMatches,
  MediaItem,
  MediaKey,
  MetricInfo,
  MetricPoint,
  ModelGraph,
  ModelLayer,
  RunContents,
  RunEvent,
  RunInfo,
  RunRef,
  RunSource,
  Series,
} from '../../../src/data/source.js';

const T = 1_714_554_000_000;
const gpu: Required<GpuInfo> = { name: 'A100', memoryBytes: 80e9 };
const hardware: Required<HardwareInfo> = {
  cpu: 'EPYC',
  cpuCount: 64,
  cpuCountLogical: 128,
  memoryBytes: 1e12,
  gpus: [gpu],
  acceleratorCount: 1,
  accelerator: 'cuda',
  cudaVersion: '12.1',
};
const has: Required<RunContents> = {
  metrics: true,
  system: true,
  logs: false,
  files: true,
  artifacts: false,
  model: true,
  media: false,
};
const run: Required<RunInfo> = {
  id: 'r',
  name: 'n',
  project: 'p',
  entity: 'e',
  group: 'g',
  jobType: 'train',
  notes: '**hi**',
  tags: ['a', 'b'],
  state: 'running',
  heartbeatAt: T + 3,
  startedAt: T,
  endedAt: T + 9,
  runtime: 9.5,
  exitCode: 0,
  host: 'h',
  os: 'Linux',
  user: 'ada',
  python: { version: '3.11', executable: '/bin/python' } satisfies Required<RunInfo['python'] & object>,
  command: { program: 'train.py', args: ['--lr', '1'] } satisfies Required<RunInfo['command'] & object>,
  git: { remote: 'git@x:y.git', commit: 'abc', branch: 'main', dirty: true } satisfies Required<
    RunInfo['git'] & object
  >,
  hardware,
  config: { lr: 0.1, nested: { list: [1, 'x', null, true, NaN] } },
  summary: { loss: 0.5 },
  sdk: { name: 'wandb', version: '0.17' } satisfies Required<RunInfo['sdk'] & object>,
  format: 'wandb',
  warnings: ['skipped 2 records'],
  has,
  withheld: ['host', 'config.WANDB_API_KEY'],
};
const runRef: Required<RunRef> = {
  id: 'q',
  name: 'n',
  project: 'p',
  group: 'g',
  tags: ['best', '日本'],
  state: 'finished',
  startedAt: T,
  endedAt: T + 5000,
  heartbeatAt: T + 4000,
  runtime: 5,
  config: { lr: 0.1, nested: { on: true } },
  summary: { loss: 0.5 },
  format: 'mlflow',
  error: 'meta.yaml is malformed',
  warnings: 2,
};
const metric: Required<MetricInfo> = { key: 'loss', group: 'system', count: 3, steps: [0, 2], order: 1, last: 0.2 };
const series: Required<Series> = {
  runId: 'r',
  key: 'loss',
  x: new Float64Array([0, 1]),
  y: new Float64Array([NaN, 1]),
  total: 2,
  exact: true,
  nonFinite: 1,
  smoothed: true,
  original: { x: new Float64Array([0, 1]), y: new Float64Array([2, 3]) },
  nonMonotonic: true,
  time: new Float64Array([T, T + 1]),
};
const line: Required<LogLine> = { n: 4, text: 'hello', stream: 'stderr', time: T, label: 'rank0' };
const chunk: Required<LogChunk> = { start: 4, lines: [line], total: 10, labels: ['rank0'] };
const matches: Required<LogMatches> = { total: 2, lines: [4, 9], positions: [0, 5], truncated: true };
const link: Required<FileLink> = { to: 'inside', target: 'logs/out.log' };
const entry: Required<FileEntry> = {
  path: 'a/b.log',
  name: 'b.log',
  kind: 'file',
  size: 12,
  modified: T,
  mime: 'text/plain',
  count: 0,
  link,
  contents: false,
};
const listing: Required<FileListing> = { dir: 'a', entries: [entry], total: 1, next: 'cursor' };
const bytes: Required<FileBytes> = {
  path: 'a/b.log',
  bytes: new Uint8Array([104]),
  start: 3,
  size: 12,
  mime: 'text/plain',
};
const artifact: Required<ArtifactInfo> = {
  id: 'ds:v1',
  name: 'ds',
  type: 'dataset',
  direction: 'input',
  version: 'v1',
  aliases: ['latest'],
  size: 10,
  digest: 'd',
  createdAt: T,
  fileCount: 1,
  description: 'a dataset',
};
const detail: Required<ArtifactDetail> = {
  ...artifact,
  metadata: { rows: 3 },
  files: [entry],
  producer: runRef,
  consumers: [runRef],
  versions: [artifact],
};
const layer: Required<ModelLayer> = {
  id: 'l',
  parent: 'root',
  name: 'linear',
  type: 'Linear',
  params: 10,
  trainableParams: 5,
  outputShape: '(B, 3)',
  inputShape: '(B, 2)',
};
const graph: Required<ModelGraph> = { format: 'pytorch', name: 'Net', layers: [layer] };
const mediaKey: Required<MediaKey> = { key: 'img', kind: 'image', steps: [1, 2] };
const box: Required<BoundingBox> = { minX: 0, minY: 0, maxX: 1, maxY: 1, classId: 2, score: 0.5, caption: 'cat' };
const item: Required<MediaItem> = {
  key: 'img',
  step: 1,
  index: 0,
  kind: 'image',
  url: 'data:,',
  caption: 'c',
  width: 2,
  height: 2,
  boxes: [box],
  maskUrl: 'data:,',
  classes: { 2: 'cat' },
};
const point: Required<MetricPoint> = { key: 'loss', step: 1, time: T, runtime: 1, value: 0.1 };
const events: RunEvent[] = [
  { type: 'run', run },
  { type: 'metrics', group: 'history', points: [point] },
  { type: 'metrics-added', metrics: [metric] },
  { type: 'logs', lines: [line], total: 10 },
  { type: 'files-changed' },
];

test('every field of every answer and event passes the boundary unchanged, with nothing reported', async () => {
  const repairs: Repair[] = [];
  let emit: (e: RunEvent) => void = () => {};
  const raw: RunSource = {
    getRun: async () => run,
    listRuns: async () => [runRef],
    listMetrics: async () => [metric],
    getSeries: async () => [series],
    getLogs: async () => chunk,
    searchLogs: async () => matches,
    listFiles: async () => listing,
    readFile: async () => bytes,
    readArtifactFile: async () => bytes,
    listArtifacts: async () => [artifact],
    getArtifact: async () => detail,
    getModel: async () => graph,
    listMedia: async () => [mediaKey],
    getMedia: async () => [item],
    watch: (_id, on) => ((emit = on), () => {}),
  };
  const s = checkSource(raw, { repaired: (_q, r) => repairs.push(...r) });
  assert.deepEqual(await s.getRun('r'), run);
  assert.deepEqual(await s.listRuns!(), [runRef]);
  assert.deepEqual(await s.listMetrics!('r'), [metric]);
  assert.deepEqual(await s.getSeries!({ runIds: ['r'], keys: ['loss'], x: 'step' }), [series]);
  assert.deepEqual(await s.getLogs!({ runId: 'r', start: 4, count: 1 }), chunk);
  assert.deepEqual(await s.searchLogs!({ runId: 'r', query: 'x' }), matches);
  assert.deepEqual(await s.listFiles!('r', 'a'), listing);
  assert.deepEqual(await s.readFile!('r', 'a/b.log', { start: 3 }), bytes);
  assert.deepEqual(await s.readArtifactFile!('r', 'ds:v1', 'a/b.log', { start: 3 }), bytes);
  assert.deepEqual(await s.listArtifacts!('r'), [artifact]);
  assert.deepEqual(await s.getArtifact!('r', 'ds:v1'), detail);
  assert.deepEqual(await s.getModel!('r'), graph);
  assert.deepEqual(await s.listMedia!('r'), [mediaKey]);
  assert.deepEqual(await s.getMedia!({ runId: 'r', key: 'img', step: 1 }), [item]);
  await loadReaders(); // events are read as they arrive once the readers are there
  const got: RunEvent[] = [];
  s.watch!('r', (e) => got.push(e));
  for (const e of events) emit(e);
  assert.deepEqual(got, events);
  assert.deepEqual(repairs, []);
});
