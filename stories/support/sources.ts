// Sources for stories: states that are hard to reach with real data.
import { SourceError } from '../../src/data/errors.js';
import { MemorySource, type MemoryRun } from '../../src/data/memory-source.js';
import { generateSampleRun, type SampleRunOptions } from '../../src/data/sample-run.js';
import type { RunInfo, RunSource } from '../../src/data/source.js';

/** Never answers: the element stays in its loading state. */
export function loadingSource(): RunSource {
  return { defaultRunId: () => 'loading', getRun: () => new Promise<RunInfo>(() => {}) };
}

/**
 * Every method rejects with a retryable "unavailable" error; `getRun` answers so the element gets
 * as far as its own data. Retry fails again, which is what the story shows.
 */
export function failingSource(run: MemoryRun = generateSampleRun({ seed: 1, steps: 50, logLines: 10 })): RunSource {
  const source = new MemorySource(run);
  const fail = () =>
    Promise.reject(new SourceError('unavailable', 'The tracking server did not answer (503 Service Unavailable).'));
  return new Proxy(source, {
    get(target, key) {
      if (key === 'getRun' || key === 'defaultRunId' || key === 'fileUrl') return Reflect.get(target, key).bind(target);
      if (key === 'watch') return undefined; // a failing source has no live updates either
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? fail : value;
    },
  });
}

/** A source that can only answer `getRun`: every other tab and element shows "not available from this source". */
export function runOnlySource(run: MemoryRun = generateSampleRun({ seed: 1, steps: 50, logLines: 10 })): RunSource {
  const source = new MemorySource(run);
  return { defaultRunId: () => run.info.id, getRun: (id, o) => source.getRun(id, o) };
}

const cache = new Map<string, MemorySource>();

/** A sample run source, generated once per option set. */
export function sampleSource(options: SampleRunOptions = {}): MemorySource {
  const key = JSON.stringify(options);
  let source = cache.get(key);
  if (!source) {
    source = new MemorySource(generateSampleRun({ seed: 1, steps: 600, ...options }));
    cache.set(key, source);
  }
  return source;
}

/** Fields a malformed source sends as strings. */
const AS_STRINGS = new Set([
  'count',
  'size',
  'modified',
  'params',
  'n',
  'total',
  'width',
  'height',
  'createdAt',
  'step',
]);

function malformed(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(malformed);
    return items.some((x) => x && typeof x === 'object') ? [...items, null] : items;
  }
  if (!v || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = AS_STRINGS.has(k) && typeof x === 'number' ? String(x) : malformed(x);
  return out;
}

/**
 * Answers that break the contract in small ways everywhere, as a hand-written backend might:
 * numbers as strings, `null` items in lists, tags as one string, a start time no Date can hold.
 * Elements show everything they can read and a notice of what they could not.
 */
export function malformedSource(run: MemoryRun = generateSampleRun({ seed: 1, steps: 200, logLines: 50 })): RunSource {
  const source = new MemorySource(run);
  return new Proxy(source, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function' || key === 'defaultRunId' || key === 'fileUrl' || key === 'watch')
        return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const answer: unknown = await value.apply(target, args);
        if (key === 'getRun') {
          const info = answer as RunInfo;
          return { ...info, tags: (info.tags ?? []).join(', '), startedAt: 1e20 };
        }
        return malformed(answer);
      };
    },
  });
}
