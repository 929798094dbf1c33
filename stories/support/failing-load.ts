// Stories of the state an element shows when code it loads on first use cannot be fetched.
import { lazyImport, type LazyImport } from '../../src/internal/lazy-import.js';

/**
 * Makes `lazy` act as if its chunk could not be fetched, as the browser tests do by replacing its
 * `load`: it is not loaded (`now`), and its next load fails as an unreachable chunk does, so the
 * element shows its failure state. The load after that (a Retry, the next pointer move) is the real
 * one again. Returns what puts the real loader back at once: a story's `beforeEach` returns it, and
 * Storybook calls it when the story is left, so other stories are unaffected.
 */
export function failingLoad<M>(lazy: LazyImport<M>): () => void {
  const real = Object.getOwnPropertyDescriptors(lazy);
  const unreachable = lazyImport<M>(() =>
    Promise.reject(new TypeError('Failed to fetch dynamically imported module (a story makes it fail)')),
  );
  let failedOnce = false;
  const restore = (): void => void Object.defineProperties(lazy, real);
  Object.defineProperties(lazy, {
    now: { get: () => undefined, configurable: true },
    failed: { get: () => unreachable.failed, configurable: true },
    load: {
      configurable: true,
      value: (host?: Parameters<LazyImport<M>['load']>[0]) => {
        if (!failedOnce) return unreachable.load(host).finally(() => (failedOnce = true));
        restore();
        return lazy.load(host);
      },
    },
  });
  return restore;
}

/** Resolves once `ready()` holds (checked every animation frame): for a story's `play` to wait for its element. */
export async function until(ready: () => unknown): Promise<void> {
  while (!ready()) await new Promise(requestAnimationFrame);
}
