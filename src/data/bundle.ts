/**
 * `.runpage.json` bundles: one or more runs as plain JSON, loaded into a MemorySource.
 *
 * ```json
 * { "runpage": 1, "runs": [{ "info": {…RunInfo}, "metrics": [{ "key": "train/loss", "step": [0, 1], "value": [2.3, "NaN"] }],
 *   "logs": [{ "text": "…", "stream": "stderr" }], "files": [{ "path": "config.yaml", "text": "…" }], … }] }
 * ```
 * JSON has no NaN or Infinity: those values are written as the strings "NaN", "Infinity", "-Infinity".
 * File bodies are `text` (UTF-8) or `base64`.
 */
import { bytesToBase64 } from './base64.js';
import { BUNDLE_VERSION, isObject, readBundle } from './bundle-source.js';
import { decodedFile } from './memory-files.js';
import { MemorySource, type MemoryRun } from './memory-source.js';

export { BUNDLE_VERSION } from './bundle-source.js';

/** Reads a parsed bundle into runs, file contents decoded. Entries that cannot be read are skipped and named in the run's warnings. */
export function runsFromBundle(json: unknown, origin = 'bundle'): MemoryRun[] {
  return readBundle(json, origin, decodedFile);
}

/** Reads a parsed bundle into a MemorySource. Entries that cannot be read are skipped and named in the run's warnings. */
export function sourceFromBundle(json: unknown, origin = 'bundle'): MemorySource {
  return new MemorySource(runsFromBundle(json, origin));
}

/** Writes runs as a bundle object (JSON.stringify it). Non-finite numbers become strings. */
export function runsToBundle(runs: MemoryRun[]): { runpage: number; runs: unknown[] } {
  return {
    runpage: BUNDLE_VERSION,
    runs: runs.map((r) => ({
      info: nonFiniteAsStrings(r.info),
      metrics: r.metrics?.map((m) => ({
        key: m.key,
        group: m.group,
        step: encodeNumbers(m.step),
        value: encodeNumbers(m.value),
        time: m.time && encodeNumbers(m.time),
        runtime: m.runtime && encodeNumbers(m.runtime),
      })),
      logs: Array.isArray(r.logs)
        ? r.logs
        : r.logs
          ? Array.from({ length: r.logs.count }, (_, i) => (r.logs as { line(i: number): unknown }).line(i))
          : undefined,
      files: r.files?.map((f) => ({
        path: f.path,
        size: f.size,
        modified: f.modified,
        mime: f.mime,
        url: f.url,
        ...(typeof f.bytes === 'string' ? { text: f.bytes } : f.bytes ? { base64: bytesToBase64(f.bytes) } : {}),
      })),
      artifacts: r.artifacts,
      model: r.model,
      media: r.media,
    })),
  };
}

/** A copy with every non-finite number (a NaN in a summary, say) as its string, which JSON keeps. */
function nonFiniteAsStrings<T>(v: T): T {
  if (typeof v === 'number') return (Number.isFinite(v) ? v : String(v)) as T;
  if (Array.isArray(v)) return v.map(nonFiniteAsStrings) as T;
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nonFiniteAsStrings(x)])) as T;
  return v;
}

function encodeNumbers(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : String(v)));
}
