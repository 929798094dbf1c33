/**
 * Makes the loads of a `lazyImport` (src/internal/lazy-import.ts) fail as a chunk that cannot be
 * fetched does (a deploy replaced the files, the network dropped). The failures are a real
 * lazyImport's whose import rejects, so the warning, `failed` and the host's re-render are the
 * page's own; only the import is replaced.
 */
import type { ReactiveControllerHost } from 'lit';
import { lazyImport, type LazyImport } from '../../../src/internal/lazy-import.js';

export interface FailingImport {
  /** Loads made since, failed or not (loads asked for while one is under way share it). */
  readonly tries: number;
  /** Puts the real loader back. */
  restore(): void;
}

/** The next `times` loads of `lazy` fail (every one, by default, until `restore`). */
export function failImports<M>(lazy: LazyImport<M>, times = Infinity): FailingImport {
  const real = lazy.load;
  const own = lazy as { failed: unknown };
  let tries = 0;
  let left = times;
  let realLoad: Promise<unknown> | undefined;
  const gone = lazyImport<M>(() => {
    tries++;
    return Promise.resolve().then(() => {
      left--;
      throw new TypeError('Failed to fetch dynamically imported module: chunk gone');
    });
  });
  lazy.load = (host) => {
    if (left <= 0) {
      if (!lazy.now && !realLoad) {
        tries++;
        realLoad = real.call(lazy).finally(() => (realLoad = undefined));
      }
      return real.call(lazy, host);
    }
    own.failed = undefined;
    // the reason becomes `lazy`'s, as a real failed load makes it, before the host renders again
    const told = {
      requestUpdate: () => {
        own.failed = gone.failed;
        host?.requestUpdate();
      },
    };
    return gone.load(told as unknown as ReactiveControllerHost);
  };
  return {
    get tries() {
      return tries;
    },
    restore: () => void (lazy.load = real),
  };
}
