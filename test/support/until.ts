/**
 * The one condition wait of the tests that run in Node (test/node, test/hostile, test/conformance,
 * test/e2e). Browser tests use @open-wc/testing's `waitUntil` instead.
 *
 * Use it for what happens outside the test's control: a server in another process, a socket, a
 * file watcher. Time inside the code under test is moved with node:test's `mock.timers` (see
 * `advance.ts`), never waited for. `until` polls with the real `setTimeout`, so it must not be
 * called while `mock.timers` fakes it.
 */

const POLL_MS = 10;

/** Polls `check` until it returns a truthy value, and returns it; fails with `message` after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, message: string, timeout = 5000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms: ${message}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
