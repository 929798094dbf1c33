/**
 * Keeps a live run's MemorySource up to date: polls its feed on a timer and as soon as the files
 * change (fs.watch, where the platform gives it; the timer is the fallback), appending what the
 * feed read. Polls never overlap; a failing poll is reported once and retried on the next tick.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { MemoryAppend } from '../data/memory-source.js';
import type { LiveFeed } from './run-loaders.js';

export interface PollerOptions {
  pollMs: number;
  now: () => number;
  append: (data: MemoryAppend) => void;
  onError?: (e: unknown) => void;
}

export class LivePoller {
  private timer: ReturnType<typeof setInterval> | undefined;
  private watchers: FSWatcher[] = [];
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private again = false;
  private reported = false;
  private stopped = false;

  constructor(
    private readonly feed: LiveFeed,
    private readonly o: PollerOptions,
  ) {
    this.timer = setInterval(() => void this.poll(), Math.max(20, o.pollMs));
    this.timer.unref?.();
    for (const path of feed.watchPaths) {
      try {
        const w = watch(path, { persistent: false }, () => this.soon());
        w.on('error', () => w.close());
        this.watchers.push(w);
      } catch {
        // No watching here (platform, permissions, a vanished folder): the timer still polls.
      }
    }
  }

  private soon(): void {
    if (this.debounce !== undefined || this.stopped) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.poll();
    }, 25);
    this.debounce.unref?.();
  }

  /** Reads and appends what is new; resolves when done (also used by tests to step the feed). */
  async poll(): Promise<void> {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        const data = await this.feed.poll(this.o.now());
        if (data && !this.stopped) this.o.append(data);
        if (this.feed.done) this.stop();
      } while (this.again && !this.stopped);
    } catch (e) {
      if (!this.reported) {
        this.reported = true;
        this.o.onError?.(e);
      }
    } finally {
      this.busy = false;
    }
  }

  get running(): boolean {
    return !this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
