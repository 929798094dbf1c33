/**
 * Moving node:test's fake clock (`mock.timers.enable({ apis: ['setTimeout', …] })`) through code
 * whose timers start other timers after a promise settles.
 */
import { mock } from 'node:test';

/**
 * Moves the fake clock on by `ms`, a millisecond at a time, letting the promises that each timer
 * settles run (and start their own timers) before the next millisecond.
 */
export async function advance(ms: number): Promise<void> {
  for (let i = 0; i <= ms; i++) {
    await new Promise((r) => setImmediate(r));
    if (i < ms) mock.timers.tick(1);
  }
}

/**
 * Moves the fake clock on a millisecond at a time until `check` holds, letting real I/O (a server
 * in the same process answering over a socket) run in between; fails with `message` after
 * `timeout` ms of real time.
 */
export async function advanceUntil(check: () => unknown, message: string, timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out after ${timeout} ms: ${message}`);
    await new Promise((r) => setImmediate(r));
    mock.timers.tick(1);
  }
}
