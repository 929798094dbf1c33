/**
 * A Server-Sent Events reader over `fetch` streaming (works where `EventSource` does not exist,
 * and can send headers): parses the `text/event-stream` format, reconnects after drops with
 * doubling delays, and resumes with `Last-Event-ID`.
 */

import { parseWire } from './http-wire.js';

export interface EventStreamOptions {
  /** The stream's URL; a function is asked again on each reconnect. */
  url: string | (() => string);
  fetch: typeof fetch;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Called with each message's `data` (lines joined with `\n`). */
  onMessage: (data: string, event: string) => void;
  /** Called when the stream (re)opens and when it drops; for tests and status displays. */
  onStatus?: (status: 'open' | 'dropped' | 'closed') => void;
  /** Called when the server refuses the stream for good (404, 401, 403); the stream is closed. */
  onRefused?: (status: number) => void;
  /** Called with each `id:` the server sends (the position a reconnect resumes from). */
  onId?: (id: string) => void;
  /** The position to resume from on the first connection (`Last-Event-ID`). */
  lastEventId?: string;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(o: EventStreamOptions): () => void {
  const controller = new AbortController();
  let closed = false;
  let lastId: string | undefined = o.lastEventId;
  let delay = o.firstDelayMs;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = (): void => {
    if (closed) return;
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    controller.abort();
    o.signal?.removeEventListener('abort', close);
    o.onStatus?.('closed');
  };
  if (o.signal?.aborted) {
    closed = true;
    return () => {};
  }
  o.signal?.addEventListener('abort', close);

  const connect = async (): Promise<void> => {
    let gotData = false;
    try {
      const headers: Record<string, string> = { ...o.headers, Accept: 'text/event-stream' };
      if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
      const url = typeof o.url === 'function' ? o.url() : o.url;
      const response = await o.fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 404 || response.status === 401 || response.status === 403 || response.status === 400) {
        // The run is gone, access was refused or the request is not understood: retrying will not help.
        await response.body?.cancel();
        close();
        o.onRefused?.(response.status);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
      o.onStatus?.('open');
      const parser = new SseParser((m) => {
        if (m.id !== undefined) {
          lastId = m.id;
          o.onId?.(m.id);
        }
        if (m.retry !== undefined) delay = Math.min(Math.max(m.retry, 0), o.maxDelayMs);
        if (m.data !== undefined) {
          gotData = true;
          o.onMessage(m.data, m.event ?? 'message');
        }
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
        if (gotData) delay = o.firstDelayMs;
      }
    } catch {
      // fall through to reconnect
    }
    // The server ends a stream whose runs have all ended; its owner has closed it by now.
    if (closed) return;
    o.onStatus?.('dropped');
    const wait = delay;
    delay = Math.min(delay * 2, o.maxDelayMs);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) void connect();
    }, wait);
  };
  void connect();
  return close;
}

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
}

/** The `text/event-stream` line format: fields until a blank line dispatches the message. */
export class SseParser {
  private buffer = '';
  private current: { id?: string; event?: string; data: string[]; retry?: number } = { data: [] };
  private readonly emit: (m: SseMessage) => void;

  constructor(emit: (m: SseMessage) => void) {
    this.emit = emit;
  }

  push(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const sepLength = this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n' ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (this.buffer[nl] === '\r' && nl + 1 === this.buffer.length) break;
      this.buffer = this.buffer.slice(nl + sepLength);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      const c = this.current;
      this.current = { data: [] };
      if (c.data.length > 0 || c.id !== undefined || c.retry !== undefined) {
        this.emit({
          id: c.id,
          event: c.event,
          retry: c.retry,
          data: c.data.length > 0 ? c.data.join('\n') : undefined,
        });
      }
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.current.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.current.id = value;
    else if (field === 'event') this.current.event = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.current.retry = Number(value);
  }
}

export interface RunStreamsOptions {
  /**
   * The stream of several runs (`api/events?run=…`); with `listing` (the position to resume from,
   * or '' for now) it carries the listing's changes too.
   */
  multiUrl: (runIds: readonly string[], listing?: string) => string;
  /** The stream of one run (`api/runs/{run}/events`), for servers without the several-run stream. */
  singleUrl: (runId: string) => string;
  fetch: typeof fetch;
  headers?: Record<string, string>;
  firstDelayMs: number;
  maxDelayMs: number;
  /** An event of one run, as the server sent it. */
  onEvent: (runId: string, data: unknown) => void;
  /** The server said the run cannot change any more (or refused to stream it). */
  onEnd: (runId: string) => void;
  /** A listing change, as the server sent it (without its position). */
  onListing?: (data: unknown) => void;
  /** The server has no listing stream (an older one answers `api/events` with 404). */
  onListingUnsupported?: () => void;
}

/**
 * The live connection of one client to one server: a single stream carrying every run asked for.
 * When the set of runs changes, the stream is reopened for the new set and resumes each kept run
 * where it was. A run the server ends is dropped; when none is left, the connection closes and
 * stays closed. A server that has no several-run stream (404) gets one stream per run instead.
 */
export class RunStreams {
  private runs: string[] = [];
  private closeShared?: () => void;
  /** Each run's position on the several-run stream, to resume from. */
  private readonly positions = new Map<string, string>();
  /** Set once the server turned out to have only one-run streams. */
  private perRun?: Map<string, () => void>;
  /** Whether the listing's changes are wanted on the stream, and whether the open stream has them. */
  private listing = false;
  private openWithListing = false;
  /** The position of the last listing change seen, to resume from. */
  private listingPosition?: string;
  private listingScheduled = false;
  /** Set once the server turned out to have no listing stream. */
  private listingRefused = false;

  constructor(private readonly o: RunStreamsOptions) {}

  /**
   * Carries the listing's changes on the stream from now on (or stops). The stream is reopened once
   * per microtask however often this is called, and not at all when it already is as wanted.
   */
  setListing(on: boolean): void {
    if (on && this.listingRefused) {
      queueMicrotask(() => this.o.onListingUnsupported?.());
      return;
    }
    if (this.listing === on) return;
    this.listing = on;
    if (!on) this.listingPosition = undefined;
    if (this.listingScheduled) return;
    this.listingScheduled = true;
    queueMicrotask(() => {
      this.listingScheduled = false;
      if (this.perRun) {
        if (this.listing) this.refuseListing();
        return;
      }
      const isOpen = this.closeShared !== undefined;
      const wantOpen = this.runs.length > 0 || this.wantListing;
      if (isOpen === wantOpen && this.openWithListing === this.wantListing) return;
      this.openShared();
    });
  }

  private get wantListing(): boolean {
    return this.listing && !this.listingRefused;
  }

  /** The server has no listing stream: say so once, and stream the runs alone. */
  private refuseListing(): void {
    if (this.listingRefused) return;
    this.listingRefused = true;
    this.o.onListingUnsupported?.();
    if (!this.perRun && this.runs.length === 0) {
      this.closeShared?.();
      this.closeShared = undefined;
      this.openWithListing = false;
    }
  }

  /** Streams exactly these runs from now on. */
  update(runIds: readonly string[]): void {
    const next = [...new Set(runIds)];
    if (next.length === this.runs.length && next.every((id) => this.runs.includes(id))) return;
    this.runs = next;
    if (this.perRun) this.syncPerRun();
    else this.openShared();
  }

  close(): void {
    this.update([]);
  }

  private openShared(): void {
    this.closeShared?.();
    this.closeShared = undefined;
    this.openWithListing = false;
    if (this.runs.length === 0 && !this.wantListing) return;
    const withListing = this.wantListing;
    this.openWithListing = withListing;
    const resume = new URLSearchParams();
    for (const id of this.runs) {
      const at = this.positions.get(id);
      if (at !== undefined) resume.set(id, at);
    }
    const runs = this.runs;
    this.closeShared = openEventStream({
      url: () => this.o.multiUrl(runs, this.wantListing ? (this.listingPosition ?? '') : undefined),
      fetch: this.o.fetch,
      headers: this.o.headers,
      firstDelayMs: this.o.firstDelayMs,
      maxDelayMs: this.o.maxDelayMs,
      lastEventId: resume.size > 0 ? resume.toString() : undefined,
      onId: (id) => {
        for (const [run, at] of new URLSearchParams(id)) this.positions.set(run, at);
      },
      onRefused: (status) => {
        this.closeShared = undefined;
        this.openWithListing = false;
        if (withListing && (status === 404 || status === 400)) this.refuseListing();
        if (status === 404) {
          this.perRun = new Map();
          this.syncPerRun();
        } else if (status === 400 && withListing && runs.length > 0) this.openShared();
        else for (const id of runs) this.ended(id);
      },
      onMessage: (data) => {
        const message = parseMessage(data);
        // A server that knows the listing stream sends its position first: one that sends anything else does not.
        if (withListing && this.listingPosition === undefined && typeof message?.listing !== 'string') {
          this.refuseListing();
        }
        if (message && typeof message.listing === 'string' && withListing) {
          this.listingPosition = message.listing;
          const { listing: _position, ...event } = message;
          void _position;
          if (event.type !== undefined) this.o.onListing?.(event);
          return;
        }
        if (!message || typeof message.runId !== 'string') return;
        const { runId, ...event } = message;
        if (event.type === 'end') this.ended(runId);
        else this.o.onEvent(runId, event);
      },
    });
  }

  private syncPerRun(): void {
    const streams = this.perRun!;
    for (const [id, close] of streams) {
      if (this.runs.includes(id)) continue;
      close();
      streams.delete(id);
    }
    for (const id of this.runs) {
      if (streams.has(id)) continue;
      streams.set(
        id,
        openEventStream({
          url: this.o.singleUrl(id),
          fetch: this.o.fetch,
          headers: this.o.headers,
          firstDelayMs: this.o.firstDelayMs,
          maxDelayMs: this.o.maxDelayMs,
          onRefused: () => this.ended(id),
          onMessage: (data) => {
            const event = parseMessage(data);
            if (!event) return;
            if (event.type === 'end') this.ended(id);
            else this.o.onEvent(id, event);
          },
        }),
      );
    }
  }

  /** Drops a run the server ended; closes the connection at once when it was the last one. */
  private ended(runId: string): void {
    if (this.runs.includes(runId)) {
      this.runs = this.runs.filter((id) => id !== runId);
      if (this.perRun) this.syncPerRun();
      else if (this.runs.length === 0 && !this.wantListing) {
        this.closeShared?.();
        this.closeShared = undefined;
      }
    }
    this.o.onEnd(runId);
  }
}

function parseMessage(data: string): ({ type?: unknown; runId?: unknown } & Record<string, unknown>) | undefined {
  let value: unknown;
  try {
    value = parseWire(data);
  } catch {
    return undefined; // a garbled message is dropped; the stream goes on
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as { type?: unknown; runId?: unknown } & Record<string, unknown>)
    : undefined;
}
