/**
 * Makes a LazyModule's own loads fail as a chunk that cannot be fetched does (a deploy replaced
 * the files, the network dropped), for the tests of the paths that load code on first use. Only
 * the import is replaced: the module's sharing of one load, its `failure` and its next try run
 * as they do in the page.
 */
import type { LazyModule } from '../../src/data/source.js';

export interface FailingLoad {
  /** Loads asked for since, failed or not. */
  readonly tries: number;
  /** Puts the real import back. */
  restore(): void;
}

/** The next `times` loads of `module` fail with the browser's error for a chunk it cannot fetch. */
export function failLoads(module: LazyModule<unknown>, times = 1): FailingLoad {
  // `load` is private to LazyModule: reached here so the rest of it runs as it does in the page
  const inside = module as unknown as { load: () => Promise<unknown> };
  const real = inside.load;
  if (typeof real !== 'function') throw new Error('LazyModule no longer keeps its import as `load`');
  let tries = 0;
  let left = times;
  inside.load = () => {
    tries++;
    if (left-- > 0) return Promise.reject(new TypeError('Failed to fetch dynamically imported module: chunk gone'));
    return real();
  };
  return {
    get tries() {
      return tries;
    },
    restore: () => void (inside.load = real),
  };
}
