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

/** What lazy-import.ts's `lazyImport` gives (not imported: that module needs a DOM to load). */
interface ClickLoaded {
  readonly now: unknown;
  readonly failed: unknown;
  load(host?: { requestUpdate(): void }): Promise<unknown>;
}

/**
 * The next `times` loads of a `lazyImport` fail as its own do when the chunk cannot be fetched:
 * `failed` cleared while it loads, then set, the host re-rendered, undefined resolved. Loads asked
 * for while one is under way share it, as lazyImport's do (`tries` counts the loads made).
 */
export function failImports(lazy: ClickLoaded, times = 1): FailingLoad {
  const real = lazy.load;
  const inside = lazy as { failed: unknown; load: ClickLoaded['load'] };
  let tries = 0;
  let left = times;
  let pending: Promise<unknown> | undefined;
  const fail = (): Promise<undefined> =>
    Promise.resolve().then(() => {
      inside.failed = new TypeError('Failed to fetch dynamically imported module: chunk gone');
      return undefined;
    });
  inside.load = (host) => {
    if (lazy.now) return real.call(lazy, host);
    inside.failed = undefined;
    if (!pending) {
      tries++;
      pending = (left-- > 0 ? fail() : real.call(lazy)).finally(() => (pending = undefined));
    }
    return pending.then((m) => (host?.requestUpdate(), m));
  };
  return {
    get tries() {
      return tries;
    },
    restore: () => void (inside.load = real),
  };
}
