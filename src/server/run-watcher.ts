/**
 * The listing's live changes (`watchRuns` over `GET /api/events?listing=…`): while a client listens,
 * the served folders are watched (`fs.watch`, recursive where the platform has it) and also looked
 * at again every `rescanMs`, for platforms and file systems where notifications do not come (network
 * mounts, Linux before Node 20). A change, debounced, finds new run folders (`discover`) and lists
 * the runs again; what differs from the last listing (a new run, a W&B run that wrote its exit
 * record or summary, an MLflow run whose meta.yaml says it ended, a TensorBoard file that grew, a
 * run folder deleted) is published as `run-added` / `run-changed` / `run-removed`, numbered, and
 * kept for replay.
 *
 * With `changes` (listing-delta.ts, runs on disk), a look lists again only the runs whose files
 * changed (and live ones), not every run: a thousand runs with one of them live cost a thousand
 * stats a rescan and one listing. Without it every run is listed on each look.
 *
 * Nothing runs while nobody listens: the watch starts with the first listener and stops a while
 * after the last one leaves.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as nodePath from 'node:path';
import type { RunListEvent, RunRef } from '../data/source.js';
import { isLiveState } from '../data/source.js';
import { diffListings, snapshotOf, type ListingSnapshot } from '../data/run-list-watch.js';
import type { ListingChanges } from './listing-delta.js';

export interface RunWatcherOptions {
  /** Every run with its listing fields (the catalog's `listRuns`). */
  list: () => Promise<RunRef[]>;
  /** Folders whose changes may change the listing. */
  folders?: readonly string[];
  /** Which runs may have changed, to list only those after the baseline (listing-delta.ts). */
  changes?: ListingChanges;
  /** Finds run folders created since the last call (and adds them to what `list` lists). */
  discover?: () => Promise<void>;
  /** Calls the listener when a run read by the server changed (its live reading saw it end); returns a stop. */
  runChanges?: (listener: () => void) => () => void;
  /** Time from a change to listing again (changes meanwhile are looked at together), in ms. Default 1,000. */
  debounceMs?: number;
  /** Lists again this often even without notifications, in ms. Default 5,000. */
  rescanMs?: number;
  /** How long the watch goes on after the last listener left, in ms. Default 30,000. */
  lingerMs?: number;
  /** Events kept for clients that reconnect. Default 1,000. */
  capacity?: number;
  /** Where problems go (a folder that cannot be watched, a listing that failed). Default console.warn. */
  log?: (message: string) => void;
  /** `fs.watch`, for tests. */
  watch?: typeof fsWatch;
}

/** A published change and its position on the listing stream. */
export interface ListingMessage {
  position: string;
  event: RunListEvent;
}

export type ListingListener = (m: ListingMessage) => void;

export class RunWatcher {
  private readonly o: Required<Omit<RunWatcherOptions, 'discover' | 'runChanges' | 'folders' | 'changes'>> &
    Pick<RunWatcherOptions, 'discover' | 'runChanges' | 'folders' | 'changes'>;
  private readonly listeners = new Set<ListingListener>();
  private readonly buffer: { seq: number; event: RunListEvent }[] = [];
  /** Positions of an earlier watch (or server process) cannot be resumed: each watch has its own epoch. */
  private epoch = '';
  private seq = 0;
  private last?: ListingSnapshot;
  private watchers: FSWatcher[] = [];
  private stopRunChanges?: () => void;
  private rescanTimer?: ReturnType<typeof setInterval>;
  private debounceTimer?: ReturnType<typeof setTimeout>;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private scanning?: Promise<void>;
  private again = false;
  private discoverNext = true;
  /** Paths file notifications named since the last look; undefined: look at every run. */
  private touched?: Set<string> = undefined;
  /** The baseline listing, taken when the watch starts. */
  private ready?: Promise<void>;

  constructor(options: RunWatcherOptions) {
    this.o = {
      debounceMs: 1000,
      rescanMs: 5000,
      lingerMs: 30_000,
      capacity: 1000,
      log: (m) => console.warn(m),
      watch: fsWatch,
      ...options,
    };
  }

  /** True while folders are watched and rescanned. */
  get running(): boolean {
    return this.ready !== undefined;
  }

  /** The position of the newest change (where a client that saw everything so far stands). */
  get position(): string {
    return `${this.epoch}.${this.seq}`;
  }

  /**
   * Starts delivering changes, once the baseline listing is taken. With `since` (a position this
   * watcher gave), first replays the changes after it; `missed` when they cannot be replayed (the
   * position is from another watch, or too old): the client lists again.
   */
  async subscribe(listener: ListingListener, since?: string): Promise<{ missed: boolean; unsubscribe: () => void }> {
    this.start();
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    this.listeners.add(listener);
    let stopped = false;
    const unsubscribe = (): void => {
      if (stopped) return;
      stopped = true;
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.linger();
    };
    await this.ready;
    let missed = false;
    if (since !== undefined) {
      const [epoch, at] = since.split('.');
      const n = Number(at);
      const first = this.buffer.length > 0 ? this.buffer[0].seq : this.seq + 1;
      if (epoch !== this.epoch || !Number.isInteger(n) || n > this.seq || n + 1 < first) missed = true;
      else for (const m of this.buffer) if (m.seq > n) listener({ position: `${this.epoch}.${m.seq}`, event: m.event });
    }
    return { missed, unsubscribe };
  }

  /**
   * Something may have changed: look again `debounceMs` from the first such call. Later calls
   * meanwhile join that look (a run writing its files all the time is looked at once a
   * `debounceMs`, not never). `path`: the one path that changed (`null`: some run's files may
   * have, look at every run); absent: no file changed (a served run's live reading saw news).
   */
  changed(discover = false, path?: string | null): void {
    if (!this.ready) return;
    if (discover) this.discoverNext = true;
    if (this.o.changes && path !== undefined) {
      if (path === null) this.touched = undefined;
      else this.touched?.add(path);
    }
    if (this.debounceTimer !== undefined) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      void this.scan();
    }, this.o.debounceMs);
    this.debounceTimer.unref?.();
  }

  close(): void {
    this.listeners.clear();
    this.stop();
  }

  private start(): void {
    if (this.ready) return;
    this.epoch = randomBytes(6).toString('hex');
    this.seq = 0;
    this.buffer.length = 0;
    this.last = undefined;
    this.touched = new Set();
    const changes = this.o.changes;
    const baseline = async () => {
      // stamped before listed: a change in between is listed again on the next look
      if (changes) await changes.reset().catch((e: unknown) => this.fail('stamping the runs', e));
      return this.listing();
    };
    const ready = (this.ready = baseline().then((refs) => {
      this.last = snapshotOf(refs ?? []);
      // told only of changes after the baseline
      if (this.ready === ready) this.stopRunChanges = this.o.runChanges?.(() => this.changed());
    }));
    for (const folder of this.o.folders ?? []) this.watchFolder(folder);
    this.rescanTimer = setInterval(() => this.changed(true, null), this.o.rescanMs);
    this.rescanTimer.unref?.();
  }

  private watchFolder(folder: string): void {
    const onEvent = (type: string, name: string | Buffer | null) =>
      this.changed(type === 'rename', typeof name === 'string' ? nodePath.join(folder, name) : null);
    let w: FSWatcher | undefined;
    try {
      w = this.o.watch(folder, { recursive: true, persistent: false }, onEvent);
    } catch {
      // no recursive watch here (Linux before Node 20): the top folder still tells of new runs
      try {
        w = this.o.watch(folder, { persistent: false }, onEvent);
      } catch (e) {
        this.o.log(
          `runpage: ${folder} cannot be watched (${(e as Error)?.message ?? String(e)}); it is looked at every ${this.o.rescanMs} ms`,
        );
      }
    }
    if (!w) return;
    const watcher = w;
    watcher.on('error', () => {
      // the folder went away, or the platform gave up on it: the periodic rescan goes on
      watcher.close();
      this.watchers = this.watchers.filter((x) => x !== watcher);
    });
    this.watchers.push(watcher);
  }

  private linger(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.listeners.size === 0) this.stop();
    }, this.o.lingerMs);
    this.lingerTimer.unref?.();
  }

  private stop(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.stopRunChanges?.();
    this.stopRunChanges = undefined;
    clearInterval(this.rescanTimer);
    clearTimeout(this.debounceTimer);
    clearTimeout(this.lingerTimer);
    this.rescanTimer = this.debounceTimer = this.lingerTimer = undefined;
    this.ready = undefined;
    this.last = undefined;
  }

  private async listing(): Promise<RunRef[] | undefined> {
    try {
      return await this.o.list();
    } catch (e) {
      this.fail('listing the runs', e);
      return undefined;
    }
  }

  private fail(what: string, e: unknown): void {
    this.o.log(`runpage: ${what} for live changes failed: ${(e as Error)?.message ?? String(e)}`);
  }

  /** The events of one look: every run listed again, or (with `changes`) only those that may have changed. */
  private async look(last: ListingSnapshot): Promise<{ events: RunListEvent[]; next: ListingSnapshot } | undefined> {
    const changes = this.o.changes;
    if (!changes) {
      const refs = await this.listing();
      if (!refs) return undefined;
      const next = snapshotOf(refs);
      return { events: diffListings(last, next), next };
    }
    const touched = this.touched;
    this.touched = new Set();
    const live = new Set<string>();
    for (const [id, e] of last) if (isLiveState(e.ref.state)) live.add(id);
    try {
      const { changed, removed } = await changes.look({ touched, live });
      const listed = snapshotOf(changed.length ? await changes.list(changed) : []);
      const next: ListingSnapshot = new Map(last);
      const events: RunListEvent[] = [];
      for (const [id, now] of listed) {
        const was = last.get(id);
        next.set(id, now);
        if (!was) events.push({ type: 'run-added', run: now.ref });
        else if (was.key !== now.key) events.push({ type: 'run-changed', run: now.ref });
      }
      for (const id of removed) if (next.delete(id)) events.push({ type: 'run-removed', runId: id });
      return { events, next };
    } catch (e) {
      // looked at again in full next time
      this.touched = undefined;
      this.fail('listing the changed runs', e);
      return undefined;
    }
  }

  /** One look at a time; a change during a look makes one more look after it. */
  private async scan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        const ready = this.ready;
        await ready;
        if (!ready || ready !== this.ready) return;
        if (this.discoverNext && this.o.discover) {
          this.discoverNext = false;
          await this.o
            .discover()
            .catch((e: unknown) =>
              this.o.log(`runpage: looking for new runs failed: ${(e as Error)?.message ?? String(e)}`),
            );
        }
        const last = this.last;
        if (!last) return;
        const looked = await this.look(last);
        if (!looked || ready !== this.ready || this.last !== last) return;
        this.last = looked.next;
        for (const event of looked.events) this.publish(event);
      } while (this.again);
    })().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private publish(event: RunListEvent): void {
    const m = { seq: ++this.seq, event };
    this.buffer.push(m);
    if (this.buffer.length > this.o.capacity) this.buffer.splice(0, this.buffer.length - this.o.capacity);
    const message = { position: `${this.epoch}.${m.seq}`, event };
    for (const l of [...this.listeners]) {
      try {
        l(message);
      } catch (e) {
        this.o.log(`runpage: a listing listener failed: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }
}
