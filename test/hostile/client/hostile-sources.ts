/**
 * Sources that break the contract the ways a red team found. Each wraps a healthy in-memory run
 * and spoils its answers; the families in `families.ts` are built from these pieces.
 */
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import type { RunEvent, RunListEvent, RunSource } from '../../../src/data/source.js';

export const RUN_ID = 'hostile-run';

/** A JSON file nested this deep is added to the healthy run's files as `deep.json`. */
export const DEEP_FILE_DEPTH = 5000;

/** An object nested `depth` levels deep: `{ level: { level: … { leaf: 1 } } }`. */
export function deepObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let o = root;
  for (let i = 0; i < depth; i++) {
    const next: Record<string, unknown> = {};
    o.level = next;
    o = next;
  }
  o.leaf = 1;
  return root;
}

/** A config that holds itself, directly, through a list and through a nested object. */
export function cyclicObject(): Record<string, unknown> {
  const o: Record<string, unknown> = { lr: 0.001, name: 'loop' };
  o.self = o;
  o.list = [1, o];
  o.nested = { back: o };
  return o;
}

/** A small healthy run with a bit of everything, and a deeply nested JSON file. */
export function healthySource(): MemorySource {
  const run = generateSampleRun({ seed: 7, id: RUN_ID, steps: 40, logLines: 30, gpus: 1, files: 1 });
  run.files!.push({ path: 'deep.json', bytes: JSON.stringify(deepObject(DEEP_FILE_DEPTH)), mime: 'application/json' });
  return new MemorySource(run);
}

/** What the healthy run shows, per element, when the hostile parts are left out. */
export const READABLE = {
  runName: 'bright-river-97',
  metric: 'train/loss',
  mediaKey: 'samples',
  systemChart: 'CPU',
  layer: 'tok_embed',
  logLine: 'Currently logged in as',
  file: 'config.yaml',
  artifact: 'imagenet-subset',
  artifactId: 'imagenet-subset:v3',
} as const;

export const METHODS = [
  'getRun',
  'listRuns',
  'listMetrics',
  'getSeries',
  'getLogs',
  'searchLogs',
  'listFiles',
  'readFile',
  'listArtifacts',
  'getArtifact',
  'readArtifactFile',
  'getModel',
  'listMedia',
  'getMedia',
] as const;
export type Method = (typeof METHODS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- spoilers reach into answers of every shape
export type Spoil = (answer: any, args: unknown[]) => unknown;
export type Spoilers = Partial<Record<Method, Spoil>>;

/** A plain-object source over `inner` whose answers pass through `spoil` first. */
export function spoiled(spoil: Spoilers | Spoil, inner: RunSource = healthySource()): RunSource {
  const out: Record<string, unknown> = {
    defaultRunId: () => RUN_ID,
    fileUrl: (runId: string, path: string) => inner.fileUrl?.(runId, path),
  };
  for (const m of METHODS) {
    const fn = inner[m] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (!fn) continue;
    const f = typeof spoil === 'function' ? spoil : spoil[m];
    out[m] = async (...args: unknown[]) => {
      const answer = await fn.apply(inner, args);
      return f ? f(answer, args) : answer;
    };
  }
  return out as unknown as RunSource;
}

/** Every method answers through `answer` (rejects, resolves a value…). */
export function answeringAll(answer: () => unknown): RunSource {
  const out: Record<string, unknown> = { defaultRunId: () => RUN_ID };
  for (const m of METHODS) out[m] = () => answer();
  return out as unknown as RunSource;
}

/** A source that is a Proxy throwing on every property access. */
export function throwingProxy(): RunSource {
  const fail = (what: string) => () => {
    throw new Error(`hostile source: no ${what} for you`);
  };
  return new Proxy({} as RunSource, {
    get: (_t, p) => fail(String(p))(),
    has: fail('has'),
    ownKeys: fail('ownKeys'),
    getOwnPropertyDescriptor: fail('descriptor'),
    getPrototypeOf: fail('prototype'),
  });
}

/**
 * Every number in `v` replaced by `f(n, key)`, where `key` is the property holding it (for items
 * of a list or typed array, the list's key). Typed arrays stay typed arrays when `f` gives
 * numbers; lists and plain objects are copied, anything else kept.
 */
export function mapNumbers(v: unknown, f: (n: number, key: string) => unknown, key = ''): unknown {
  if (typeof v === 'number') return f(v, key);
  if (v instanceof Float64Array) {
    const mapped = Array.from(v, (n) => f(n, key));
    return mapped.every((n) => typeof n === 'number') ? Float64Array.from(mapped as number[]) : mapped;
  }
  if (Array.isArray(v)) return v.map((x) => mapNumbers(x, f, key));
  if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = mapNumbers(x, f, k);
    return o;
  }
  return v;
}

/** `v` with a `null` added at both ends of every list of objects and at the end of every other list. */
export function withNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(withNulls);
    return items.some((x) => x && typeof x === 'object') ? [null, ...items, null] : [...items, null];
  }
  if (v instanceof Float64Array) return [...v, null];
  if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = withNulls(x);
    return o;
  }
  return v;
}

export type Emit = (e: unknown) => void;

/**
 * A healthy source whose `watch` and `watchRuns` hand tests the emitters of their subscriptions
 * (`emitters` for run events, `listingEmitters` for listing changes).
 */
export function watchable(inner: RunSource = healthySource()): {
  source: RunSource;
  emitters: Emit[];
  listingEmitters: Emit[];
} {
  const emitters: Emit[] = [];
  const listingEmitters: Emit[] = [];
  const subscribe = (list: Emit[], on: (e: never) => void) => {
    const emit: Emit = (e) => on(e as never);
    list.push(emit);
    return () => {
      const i = list.indexOf(emit);
      if (i >= 0) list.splice(i, 1);
    };
  };
  const source = spoiled({}, inner) as RunSource & Required<Pick<RunSource, 'watch' | 'watchRuns'>>;
  source.watch = (_runId, on: (e: RunEvent) => void) => subscribe(emitters, on);
  source.watchRuns = (on: (e: RunListEvent) => void) => subscribe(listingEmitters, on);
  return { source, emitters, listingEmitters };
}

/** Live events that break the contract in every way we know, in a cycle. */
export const MALFORMED_EVENTS: readonly unknown[] = [
  null,
  5,
  'files-changed',
  { type: 42 },
  { type: 'no-such-event' },
  { type: 'metrics' },
  { type: 'metrics', group: 'history', points: [null, { key: 3 }, { key: 'train/loss', step: 'NaN', time: 1e20 }] },
  { type: 'metrics', group: 'nope', points: 'many' },
  { type: 'metrics-added', metrics: [null, { key: 7 }] },
  { type: 'logs', lines: 'no', total: 'many' },
  { type: 'logs', lines: [null, { text: 5, n: -1 }], total: NaN },
  { type: 'run', run: null },
  { type: 'run', run: { tags: 'x', startedAt: 'now', heartbeatAt: 1e20, state: 7, id: 9 } },
  { type: 'media-changed', keys: 7 },
];

/** Listing changes that break the contract in every way we know, in a cycle. */
export const MALFORMED_LISTING_EVENTS: readonly unknown[] = [
  null,
  'run-added',
  { type: 7 },
  { type: 'no-such-change' },
  { type: 'run-added' },
  { type: 'run-added', run: null },
  { type: 'run-added', run: { id: 9, name: {}, tags: 'x', startedAt: 'now', state: 'melting' } },
  // a change carries the whole entry: the name stays, the rest is spoiled
  {
    type: 'run-changed',
    run: { id: RUN_ID, name: READABLE.runName, tags: 5, summary: 'none', config: [1, 2], runtime: 'long' },
  },
  {
    type: 'run-changed',
    run: { id: RUN_ID, name: READABLE.runName, startedAt: 1e20, heartbeatAt: NaN, endedAt: -Infinity },
  },
  { type: 'run-removed' },
  { type: 'run-removed', runId: { id: RUN_ID } },
];
