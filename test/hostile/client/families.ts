/**
 * The client side of the hostile catalogue: one family per class of bad answer the red team found
 * (issue 18, "Elements"), each tried against every element. A family says how to spoil a healthy
 * source and what the user must see: the readable parts with a notice of what was left out
 * (`repaired`), the readable parts alone (`shown`), or an error state that says what happened
 * (`failed`).
 */
import type { ElementTag } from './harness.js';
import {
  answeringAll,
  cyclicObject,
  deepObject,
  MALFORMED_EVENTS,
  MALFORMED_LISTING_EVENTS,
  mapNumbers,
  READABLE,
  spoiled,
  throwingProxy,
  watchable,
  withNulls,
  type Emit,
  type Spoilers,
} from './hostile-sources.js';
import type { RunSource } from '../../../src/data/source.js';

export type Outcome = 'repaired' | 'shown' | 'failed';

export interface Case {
  source: RunSource;
  /** Attributes beside the element's usual ones (`null` removes one). */
  attrs?: Record<string, string | null>;
  /** Properties set before the element connects. */
  props?: Record<string, unknown>;
  /** Runs once the element has settled (emits live events…). */
  act?: () => void;
}

export interface Family {
  name: string;
  /** What the red team saw. */
  found: string;
  make(tag: ElementTag): Case;
  outcome(tag: ElementTag): Outcome;
  /** Text the user must see besides the element's readable part (`failed`: the error message). */
  text?(tag: ElementTag): string | undefined;
}

/** What each element shows of the healthy run, which must stay visible. */
export const MARKER: Record<ElementTag, string> = {
  'run-page': READABLE.runName,
  'run-overview': READABLE.runName,
  'metric-chart': READABLE.metric,
  'metric-workspace': READABLE.metric,
  'media-panel': READABLE.mediaKey,
  'system-panel': READABLE.systemChart,
  'model-table': READABLE.layer,
  'log-viewer': READABLE.logLine,
  'file-browser': READABLE.file,
  'artifact-list': READABLE.artifact,
  'run-table': READABLE.runName,
};

const TIME_KEY = /At$|^time$|^modified$/;
const STEP_KEY = /^steps?$|^n$|^start$|^total$|^count$|^runtime$/;

/** Every second point of every series gets `bad` as its x (and as its time). */
function spoilSeriesX(bad: (i: number) => number, onlyWallclock = false) {
  return (list: { x: Float64Array; y: Float64Array; time?: Float64Array }[], args: unknown[]) => {
    const q = args[0] as { x: string };
    if (onlyWallclock && q.x !== 'wallclock') return list;
    return list.map((s) => {
      const x = s.x.slice();
      for (let i = 1; i < x.length; i += 2) x[i] = bad(i);
      const time = s.time?.slice();
      if (time) for (let i = 1; i < time.length; i += 2) time[i] = bad(i);
      return { ...s, x, time };
    });
  };
}

const all = (f: (answer: unknown) => unknown): Spoilers =>
  Object.fromEntries(
    (
      [
        'getRun',
        'listRuns',
        'listMetrics',
        'getSeries',
        'getLogs',
        'listFiles',
        'listArtifacts',
        'getArtifact',
        'getModel',
        'listMedia',
        'getMedia',
      ] as const
    ).map((m) => [m, f]),
  );

const NON_FINITE = [NaN, Infinity, -Infinity];

/** Every second time, step or count met in the walk becomes NaN, Infinity or -Infinity (so some stay readable). */
function someNonFinite(answer: unknown): unknown {
  let seen = 0;
  return mapNumbers(answer, (n, k) =>
    (TIME_KEY.test(k) || STEP_KEY.test(k) || k === 'params') && seen++ % 2 === 1 ? NON_FINITE[seen % 3] : n,
  );
}

/** Workspace settings that put every chart on the wall-clock axis. */
const WALLCLOCK_WORKSPACE = {
  version: 1,
  workspace: { x: 'wallclock' },
  sort: 'order',
  syncZoom: false,
  sections: {},
  panels: {},
  custom: [],
  hidden: [],
};

const wrongTypes: Spoilers = {
  getRun: (r) => ({ ...r, tags: 'baseline,bf16', id: 42, startedAt: 'yesterday' }),
  listRuns: (refs) => [
    ...refs.map((r: object) => ({ ...r, tags: 'baseline,bf16', startedAt: 'yesterday', runtime: '1h' })),
    { id: 42, name: ['not', 'a', 'name'], config: 'lr=0.1', summary: 7 },
  ],
  listMetrics: (list) => list.map((m: { count: number }) => ({ ...m, count: String(m.count), group: 7 })),
  getSeries: (list) =>
    list.map((s: { x: Float64Array; y: Float64Array }) => ({ ...s, x: [...s.x], y: [...s.y].map(String) })),
  getLogs: (c) => ({
    ...c,
    total: String(c.total),
    lines: c.lines.map((l: { n: number }) => ({ ...l, n: String(l.n) })),
  }),
  listFiles: (l) => ({
    ...l,
    entries: l.entries.map((e: { size?: number; modified?: number }) => ({
      ...e,
      size: e.size === undefined ? undefined : String(e.size),
      modified: e.modified === undefined ? undefined : new Date(e.modified).toISOString(),
    })),
  }),
  listArtifacts: (list) =>
    list.map((a: { aliases: string[] }) => ({ ...a, aliases: a.aliases.join(','), createdAt: '2024-04-19' })),
  getArtifact: (a) => ({ ...a, aliases: a.aliases.join(','), createdAt: '2024-04-19' }),
  getModel: (g) => ({
    ...g,
    layers: g.layers.map((l: { params: number; id: string }, i: number) => ({
      ...l,
      params: String(l.params),
      id: i ? l.id : 1,
    })),
  }),
  listMedia: (keys) => keys.map((k: { steps: number[] }) => ({ ...k, steps: k.steps.map(String) })),
  getMedia: (items) => items.map((m: { width?: number }) => ({ ...m, width: String(m.width ?? 32) })),
};

const cycles: Spoilers = {
  getRun: (r) => ({ ...r, config: cyclicObject(), summary: { ...r.summary, loop: cyclicObject() } }),
  listRuns: (refs) => refs.map((r: object) => ({ ...r, config: cyclicObject(), tags: ['ok', cyclicObject()] })),
  listMetrics: (list) => [...list, { key: cyclicObject(), group: 'history', count: 1 }],
  getSeries: (list) => [...list, { ...list[0], runId: cyclicObject() }],
  getLogs: (c) => ({ ...c, lines: [...c.lines.slice(0, -1), { ...c.lines.at(-1), text: cyclicObject() }] }),
  listFiles: (l) => ({ ...l, entries: [...l.entries, { path: 'loop.txt', name: cyclicObject(), kind: 'file' }] }),
  listArtifacts: (list) => list.map((a: object) => ({ ...a, aliases: ['latest', cyclicObject()] })),
  getArtifact: (a) => ({ ...a, metadata: cyclicObject() }),
  getModel: (g) => ({ ...g, layers: [...g.layers, { id: 'loop', name: cyclicObject(), params: 1 }] }),
  listMedia: (keys) => [...keys, { key: cyclicObject(), kind: 'image', steps: [1] }],
  getMedia: (items) => items.map((m: object) => ({ ...m, classes: { 0: 'cat', 1: cyclicObject() } })),
};

const deep: Spoilers = {
  getRun: (r) => ({
    ...r,
    config: { ...r.config, deep: deepObject(5000) },
    summary: { ...r.summary, deep: deepObject(3000) },
  }),
  listRuns: (refs) => refs.map((r: { config?: object }) => ({ ...r, config: { ...r.config, deep: deepObject(5000) } })),
  getArtifact: (a) => ({ ...a, metadata: { ...a.metadata, deep: deepObject(5000) } }),
  getModel: (g) => ({
    ...g,
    layers: [
      ...g.layers,
      ...Array.from({ length: 3000 }, (_, i) => ({
        id: `chain.${i}`,
        name: `chain${i}`,
        params: 1,
        parent: i ? `chain.${i - 1}` : undefined,
      })),
    ],
  }),
};

/** Elements that open something deep when the family asks for it. */
function deepAttrs(tag: ElementTag): Record<string, string | null> | undefined {
  if (tag === 'file-browser') return { file: 'deep.json' };
  if (tag === 'artifact-list') return { selected: READABLE.artifactId };
  return undefined;
}

export const FAMILIES: Family[] = [
  {
    name: 'answers that are null',
    found: 'getRun resolving null: "Cannot read properties of undefined (reading \'state\')", a blank overview',
    make: () => ({ source: answeringAll(() => Promise.resolve(null)) }),
    outcome: () => 'failed',
    text: () => 'with null',
  },
  {
    name: 'fields of the wrong type',
    found: 'RunInfo with a string for tags, a number for id, a string for startedAt: "tags.map is not a function"',
    make: () => ({ source: spoiled(wrongTypes) }),
    outcome: () => 'repaired',
  },
  {
    name: 'strings for numbers and null inside lists',
    found: 'strings for numbers and null items in any answer: "Invalid time value", metrics missing, a blank workspace',
    make: () => ({
      source: spoiled(all((a) => withNulls(mapNumbers(a, (n) => String(n))))),
    }),
    outcome: () => 'repaired',
  },
  {
    name: 'NaN and ±Infinity in times and steps',
    found: 'NaN/±Infinity in times and steps: "Invalid time value", a log viewer stuck loading',
    make: () => ({
      source: spoiled({ ...all(someNonFinite), getSeries: spoilSeriesX((i) => NON_FINITE[i % 3]) }),
    }),
    outcome: () => 'repaired',
  },
  {
    name: 'timestamps far out of range',
    found:
      'epoch times beyond what a Date holds: "Invalid time value" from Date/Intl in the overview, files and artifacts',
    make: (tag) => ({
      source: spoiled({
        ...all((a) => mapNumbers(a, (n, k) => (TIME_KEY.test(k) ? 1e20 + n : n))),
        getSeries: spoilSeriesX((i) => 1e20 + i),
      }),
      attrs: tag === 'metric-chart' ? { x: 'wallclock' } : undefined,
      props: tag === 'metric-workspace' ? { settings: WALLCLOCK_WORKSPACE } : undefined,
    }),
    // media and models have no times
    outcome: (tag) => (tag === 'media-panel' || tag === 'model-table' ? 'shown' : 'repaired'),
  },
  {
    name: 'values nested thousands of levels deep',
    found: 'configs nested 3,000–5,000 levels: "Maximum call stack size exceeded" in the overview and JSON previews',
    make: (tag) => ({ source: spoiled(deep), attrs: deepAttrs(tag) }),
    outcome: () => 'shown',
    text: (tag) =>
      tag === 'run-page' || tag === 'run-overview' || tag === 'file-browser'
        ? 'level'
        : tag === 'artifact-list'
          ? 'deep'
          : undefined,
  },
  {
    name: 'values that contain themselves',
    found: 'configs containing themselves: "Maximum call stack size exceeded" in the overview, metadata and listings',
    make: (tag) => ({
      source: spoiled(cycles),
      attrs: tag === 'artifact-list' ? { selected: READABLE.artifactId } : undefined,
    }),
    outcome: () => 'repaired',
  },
  {
    name: 'a watch stream of malformed events at 10,000/s',
    found: 'malformed live events: uncaught errors in every frame ("Invalid time value", "tags.map is not a function")',
    make: (tag) => {
      const { source, emitters, listingEmitters } = watchable();
      const storm = () => {
        const emitAll = (e: unknown) => emitters.forEach((emit: Emit) => emit(e));
        const emitListing = (e: unknown) => listingEmitters.forEach((emit: Emit) => emit(e));
        for (let i = 0; i < 10_000; i++) {
          emitAll(MALFORMED_EVENTS[i % MALFORMED_EVENTS.length]);
          emitListing(MALFORMED_LISTING_EVENTS[i % MALFORMED_LISTING_EVENTS.length]);
          if (i === 5000) {
            emitAll({ type: 'run', run: { name: 'renamed-live' } });
            emitListing({ type: 'run-added', run: { id: 'added-live', name: 'added-live', state: 'running' } });
          }
        }
      };
      return { source, act: storm, attrs: tag === 'metric-chart' ? { 'no-live': null } : undefined };
    },
    // model-table does not follow live changes: it never subscribes
    outcome: (tag) => (tag === 'model-table' ? 'shown' : 'repaired'),
    text: (tag) =>
      tag === 'run-page' || tag === 'run-overview' ? 'renamed-live' : tag === 'run-table' ? 'added-live' : undefined,
  },
  {
    name: 'a source that throws on every property access',
    found: 'a Proxy source: uncaught "no defaultRunId for you" on every render, a blank element',
    make: () => ({ source: throwingProxy() }),
    outcome: () => 'failed',
    text: () => 'could not be read',
  },
  {
    name: 'requests rejected with undefined',
    found: 'rejections with undefined: the error state reads "undefined"',
    make: () => ({ source: answeringAll(() => Promise.reject(undefined)) }),
    outcome: () => 'failed',
    text: () => 'without saying why',
  },
  {
    name: 'requests rejected with null',
    found: 'rejections with null: the error state reads "null"',
    make: () => ({ source: answeringAll(() => Promise.reject(null)) }),
    outcome: () => 'failed',
    text: () => 'without saying why',
  },
  {
    name: 'methods that throw plain objects',
    found: 'methods throwing a non-Error synchronously: the error state reads "[object Object]"',
    make: () => ({
      source: answeringAll(() => {
        throw { status: 500 };
      }),
    }),
    outcome: () => 'failed',
    text: () => 'without saying why',
  },
];
