/**
 * A fake `Date.now` and `setInterval` for code that ticks once a second: `tick(ms)` moves time
 * and runs the intervals that came due, without waiting. `setTimeout` stays real (lit and the
 * test runner use it).
 */
export interface FakeClock {
  now: number;
  tick(ms: number): void;
  restore(): void;
}

export function installFakeClock(start = Date.UTC(2024, 5, 1, 12)): FakeClock {
  const realNow = Date.now;
  const realSet = window.setInterval;
  const realClear = window.clearInterval;
  const intervals = new Map<number, { fn: () => void; every: number; next: number }>();
  let id = 1;
  const clock: FakeClock = {
    now: start,
    tick(ms: number) {
      const end = clock.now + ms;
      for (;;) {
        const due = [...intervals.entries()].filter(([, t]) => t.next <= end).sort((a, b) => a[1].next - b[1].next)[0];
        if (!due) break;
        const [, t] = due;
        clock.now = t.next;
        t.next += t.every;
        t.fn();
      }
      clock.now = end;
    },
    restore() {
      Date.now = realNow;
      window.setInterval = realSet;
      window.clearInterval = realClear;
    },
  };
  Date.now = () => clock.now;
  window.setInterval = ((fn: () => void, every = 0) => {
    const handle = id++;
    intervals.set(handle, { fn, every: Math.max(1, every), next: clock.now + Math.max(1, every) });
    return handle;
  }) as typeof window.setInterval;
  window.clearInterval = ((handle?: number) => {
    if (handle !== undefined) intervals.delete(handle);
  }) as typeof window.clearInterval;
  return clock;
}
