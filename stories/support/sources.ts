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
