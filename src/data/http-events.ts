/**
 * A Server-Sent Events reader over `fetch` streaming (works where `EventSource` does not exist,
 * and can send headers): parses the `text/event-stream` format, reconnects after drops with
 * doubling delays, and resumes with `Last-Event-ID`.
 */

export interface EventStreamOptions {
  url: string;
  fetch: typeof fetch;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Called with each message's `data` (lines joined with `\n`). */
  onMessage: (data: string, event: string) => void;
  /** Called when the stream (re)opens and when it drops; for tests and status displays. */
  onStatus?: (status: 'open' | 'dropped' | 'closed') => void;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(o: EventStreamOptions): () => void {
  const controller = new AbortController();
  let closed = false;
  let lastId: string | undefined;
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
      const response = await o.fetch(o.url, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 404 || response.status === 401 || response.status === 403) {
        // The run is gone or access was refused: retrying will not help.
        await response.body?.cancel();
        close();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
      o.onStatus?.('open');
      const parser = new SseParser((m) => {
        if (m.id !== undefined) lastId = m.id;
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
