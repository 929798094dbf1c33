import { waitUntil } from '@open-wc/testing';
import { loadReaders } from '../../../src/data/checked-source.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunInfo, RunSource } from '../../../src/data/source.js';

/** A source whose requests never settle: the element stays in its loading state. */
export function pendingSource(): RunSource {
  return { getRun: () => new Promise<RunInfo>(() => {}), defaultRunId: () => 'r1' };
}

/** A source that fails `failures` times with a retryable error, then answers with `info`. */
export function flakySource(info: RunInfo, failures = 1): RunSource & { calls: number } {
  const source = {
    calls: 0,
    defaultRunId: () => info.id,
    async getRun() {
      source.calls++;
      if (source.calls <= failures) throw new SourceError('unavailable', 'The server did not answer (503).');
      return info;
    },
  };
  return source;
}

export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** Resolves after the element and anything it awaits have rendered. */
export async function settle(el: Element & { updateComplete?: Promise<unknown> }, rounds = 3): Promise<void> {
  await loadReaders(); // the first answer of each kind waits for its readers (a chunk of their own)
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

/**
 * Waits until `check` passes: returns anything but `false` without throwing (so an `expect(...)`
 * works as a check). A thin wrapper of @open-wc/testing's `waitUntil`, the browser tests' one
 * condition wait; when the time runs out it throws the check's last error.
 */
export async function until(check: () => unknown, timeout = 3000): Promise<void> {
  let last: unknown;
  const passes = () => {
    try {
      last = undefined;
      return check() !== false;
    } catch (e) {
      last = e;
      return false;
    }
  };
  await waitUntil(passes, 'condition not met in time', { timeout, interval: 20 }).catch((e: unknown) => {
    throw last ?? e;
  });
}
