/**
 * Keeps a live run's MemorySource up to date: polls its feed on a timer and as soon as the files
 * change (fs.watch, where the platform gives it; the timer is the fallback), appending what the
 * feed read. Polls never overlap; a failing poll is reported once and retried on the next tick.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MemoryAppend } from '../data/memory-source.js';
import type { LiveFeed } from './run-loaders.js';

export interface PollerOptions {
  pollMs: number;
  now: () => number;
  append: (data: MemoryAppend) => void;
  /** Called when an entry was added to or removed from one of the feed's file folders. */
  filesChanged?: () => void;
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
  private dirStamp: string | undefined;

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
        await this.checkFolders();
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

  /** A folder's mtime changes when an entry is added, removed or renamed in it. */
  private async checkFolders(): Promise<void> {
    const times = await Promise.all(
      this.feed.fileDirs.map((d) =>
        stat(d).then(
          (s) => s.mtimeMs,
          () => -1,
        ),
      ),
    );
    const stamp = times.join(',');
    if (this.dirStamp !== undefined && stamp !== this.dirStamp && !this.stopped) this.o.filesChanged?.();
    this.dirStamp = stamp;
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
