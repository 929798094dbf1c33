/**
 * What HttpSource (http-source.ts) does once it is used: the requests of the runpage HTTP protocol
 * (docs/protocol.md), the wire format and the live connection. Uses `fetch` only, so it runs in
 * browsers, workers and Node ≥ 18. Loaded with a source's first request or watch.
 */
import type {
  ArtifactDetail,
  ArtifactInfo,
  ByteRange,
  FileBytes,
  FileListing,
  LogChunk,
  LogMatches,
  LogQuery,
  LogSearch,
  MediaItem,
  MediaKey,
  MediaQuery,
  MetricInfo,
  ModelGraph,
  Page,
  Req,
  RunEvent,
  RunInfo,
  RunListEvent,
  RunPage,
  RunQuery,
  RunRef,
  RunSource,
  Series,
  SeriesQuery,
} from './source.js';
import type { SourceErrorCode } from './errors.js';
import { SourceError, throwIfAborted } from './errors.js';
import { codeForStatus, fetchResponse, readBody } from './fetch-errors.js';
import { parseWire, seriesFromWire, type WireSeries } from './http-wire.js';
import { RunStreams } from './http-events.js';
import { SharedWatch } from './shared-watch.js';
import { isLiveState } from './source.js';
import { queryRunList } from './run-query.js';
import { ListingWatchers, pollListing } from './run-list-watch.js';
import { apiUrl, type Query, rawPathOf, rawUrl, runPath } from './http-paths.js';
import type { HttpSourceOptions } from './http-options.js';

const ERROR_CODES: readonly SourceErrorCode[] = [
  'not-found',
  'unauthorized',
  'unavailable',
  'invalid-data',
  'unsupported',
  'aborted',
];

/** The RunSource methods of an HttpSource on the server root `base` (already made absolute, ending in `/`). */
export class HttpClient implements Omit<RunSource, 'defaultRunId' | 'fileUrl'> {
  private readonly fetchImpl: typeof fetch;
  /** Every `watch` of this source shares one live connection to the server. */
  private readonly live: SharedWatch;
  private readonly streams: RunStreams;
  /** Every `watchRuns` of this source: they share the live connection (or one poll, on an older server). */
  private readonly listing = new ListingWatchers(() => this.syncListing());
  private stopListingPoll?: () => void;
  private listingUnsupported = false;

  constructor(
    private readonly base: string,
    private readonly options: HttpSourceOptions,
  ) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.streams = new RunStreams({
      multiUrl: (runIds, listing) => this.url('api/events', { run: runIds, listing }),
      singleUrl: (runId) => this.url(runPath(runId, 'events')),
      fetch: this.fetchImpl,
      headers: options.headers,
      firstDelayMs: options.reconnectDelayMs ?? 500,
      maxDelayMs: options.maxReconnectDelayMs ?? 15_000,
      onEvent: (runId, event) => this.deliver(runId, event),
      onEnd: (runId) => this.live.end(runId),
      onListing: (event) => this.listing.deliver(event as RunListEvent),
      onListingUnsupported: () => {
        this.listingUnsupported = true;
        this.syncListing();
      },
    });
    this.live = new SharedWatch((runIds) => this.streams.update(runIds));
  }

  private url(path: string, query: Query = {}): string {
    return apiUrl(this.base, path, query);
  }

  async getRun(runId: string, o?: Req): Promise<RunInfo> {
    const info = await this.json<RunInfo>(runPath(runId), {}, o);
    // A run that has ended is not streamed; one that is live (again) is.
    if (info && typeof info === 'object') {
      if (isLiveState(info.state)) this.live.resume(runId);
      else this.live.end(runId);
    }
    return info;
  }

  listRuns(o?: Req): Promise<RunRef[]> {
    return this.json('api/runs', {}, o);
  }

  /** `GET api/runs` with the query as parameters: one page (docs/protocol.md). */
  async queryRuns(q: RunQuery, o?: Req): Promise<RunPage> {
    const f = q?.filters ?? {};
    const sort = q?.sort && typeof q.sort.column === 'string' ? `${q.sort.column}:${q.sort.dir}` : undefined;
    const answer = await this.json<RunPage | RunRef[]>(
      'api/runs',
      {
        q: q?.search || undefined,
        state: f.state || undefined,
        project: f.project || undefined,
        tag: f.tag || undefined,
        sort,
        cursor: q?.cursor || undefined,
        // always sent: it is what asks the server for a page
        limit: q?.limit ?? 500,
      },
      o,
    );
    // A server from before pages answers every run: the page is cut here.
    return Array.isArray(answer) ? queryRunList(answer, q, o) : answer;
  }

  listMetrics(runId: string, o?: Req): Promise<MetricInfo[]> {
    return this.json(runPath(runId, 'metrics'), {}, o);
  }

  async getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    if (!q || !Array.isArray(q.runIds) || !Array.isArray(q.keys)) {
      throw new SourceError('invalid-data', 'A series query needs runIds and keys arrays.');
    }
    const query: Query = { run: q.runIds, key: q.keys, x: q.x };
    if (q.range) {
      query.from = String(q.range[0]);
      query.to = String(q.range[1]);
    }
    if (q.points !== undefined) query.points = q.points;
    if (q.smoothing) {
      query.smoothing = q.smoothing.kind;
      query.weight = q.smoothing.weight;
    }
    const wire = await this.json<WireSeries[]>('api/series', query, o);
    try {
      return wire.map(seriesFromWire);
    } catch (e) {
      throw new SourceError('invalid-data', `The server sent an unreadable series: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  getLogs(q: LogQuery, o?: Req): Promise<LogChunk> {
    return this.json(
      runPath(q?.runId, 'logs'),
      { start: q.start, count: q.count, stream: q.streams, label: q.labels },
      o,
    );
  }

  searchLogs(q: LogSearch, o?: Req): Promise<LogMatches> {
    return this.json(
      runPath(q?.runId, 'logs', 'search'),
      {
        q: q.query,
        regex: q.regex ? 1 : undefined,
        case: q.caseSensitive ? 1 : undefined,
        stream: q.streams,
        label: q.labels,
        limit: q.limit,
      },
      o,
    );
  }

  listFiles(runId: string, dir: string, page?: Page, o?: Req): Promise<FileListing> {
    return this.json(runPath(runId, 'files'), { dir, cursor: page?.cursor, limit: page?.limit }, o);
  }

  readFile(runId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes> {
    return this.readBytes(rawUrl(this.base, runId, path), path, range, o);
  }

  readArtifactFile(runId: string, artifactId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes> {
    const clean = rawPathOf(path);
    const url =
      clean === undefined
        ? undefined
        : this.url(
            runPath(
              runId,
              'artifacts',
              encodeURIComponent(String(artifactId)),
              'raw',
              ...clean.split('/').map(encodeURIComponent),
            ),
          );
    return this.readBytes(url, path, range, o);
  }

  /** GET of a byte endpoint with an optional range; `url` undefined means the path was refused. */
  private async readBytes(
    url: string | undefined,
    path: string,
    range: ByteRange | undefined,
    o: Req | undefined,
  ): Promise<FileBytes> {
    throwIfAborted(o?.signal);
    if (url === undefined)
      throw new SourceError(
        'invalid-data',
        `Refused the path ${JSON.stringify(path)}: it may not contain "." or ".." segments.`,
      );
    const headers: Record<string, string> = {};
    const start = range ? Math.max(0, Math.floor(Number(range.start ?? 0))) : 0;
    const end = range?.end === undefined ? undefined : Math.floor(Number(range.end));
    if (range && (!Number.isFinite(start) || (end !== undefined && (Number.isNaN(end) || end < start)))) {
      throw new SourceError('invalid-data', `Unusable byte range ${JSON.stringify(range)}.`);
    }
    // An HTTP range cannot be empty: ask for one byte and keep none.
    const empty = end !== undefined && end === start;
    if (range && (start > 0 || end !== undefined))
      headers.Range = `bytes=${start}-${end === undefined ? '' : Math.max(start, end - 1)}`;
    const response = await this.request(url, o, headers, [416]);
    const clean = rawPathOf(path)!;
    const mime = (response.headers.get('content-type') ?? '').split(';')[0].trim() || undefined;
    if (response.status === 416) {
      const size = totalFromContentRange(response.headers.get('content-range')) ?? start;
      await response.body?.cancel();
      return withMime({ path: clean, bytes: new Uint8Array(0), start: Math.min(start, size), size }, mime);
    }
    const bytes = new Uint8Array(await this.body(response, o));
    if (response.status === 206) {
      const cr = parseContentRange(response.headers.get('content-range'));
      const first = cr?.start ?? start;
      return withMime(
        {
          path: clean,
          bytes: empty ? bytes.subarray(0, 0) : bytes,
          start: first,
          size: cr?.size ?? first + bytes.length,
        },
        mime,
      );
    }
    // A full answer (the server ignored the range, or none was asked): cut the range here.
    const size = bytes.length;
    const s = Math.min(start, size);
    const e = end === undefined ? size : Math.min(end, size);
    return withMime({ path: clean, bytes: s === 0 && e === size ? bytes : bytes.slice(s, e), start: s, size }, mime);
  }

  listArtifacts(runId: string, o?: Req): Promise<ArtifactInfo[]> {
    return this.json(runPath(runId, 'artifacts'), {}, o);
  }

  getArtifact(runId: string, id: string, o?: Req): Promise<ArtifactDetail> {
    return this.json(runPath(runId, 'artifacts', encodeURIComponent(String(id))), {}, o);
  }

  getModel(runId: string, o?: Req): Promise<ModelGraph> {
    return this.json(runPath(runId, 'model'), {}, o);
  }

  listMedia(runId: string, o?: Req): Promise<MediaKey[]> {
    return this.json(runPath(runId, 'media'), {}, o);
  }

  async getMedia(q: MediaQuery, o?: Req): Promise<MediaItem[]> {
    const items = await this.json<MediaItem[]>(runPath(q?.runId, 'media', 'items'), { key: q.key, step: q.step }, o);
    // Media URLs the server gives are relative to its root; make them usable from any page.
    for (const item of items) {
      if (typeof item.url === 'string') item.url = new URL(item.url, this.base).href;
      if (typeof item.maskUrl === 'string') item.maskUrl = new URL(item.maskUrl, this.base).href;
    }
    return items;
  }

  /**
   * Live updates over Server-Sent Events (read with fetch streaming). Every watcher of every run
   * shares one connection to the server, opened for the runs that are watched and have not ended,
   * and closed when none is left; a run that has ended is never streamed. A dropped connection
   * reconnects with growing delays and resumes from the last event it saw, so nothing is delivered
   * twice.
   */
  watch(runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    return this.live.watch(String(runId), on, o?.signal);
  }

  /**
   * Listing changes: a run added, changed (its state, end, summary…) or removed. They travel on the
   * page's one live connection (`api/events?…&listing=`), beside the runs it watches: a runs list
   * holds one connection whatever it shows. A server without the listing stream is listed again
   * every `listingPollMs` instead, and the differences told.
   */
  watchRuns(on: (e: RunListEvent) => void, o?: Req): () => void {
    return this.listing.add(on, o);
  }

  private syncListing(): void {
    this.streams.setListing(this.listing.watched && !this.listingUnsupported);
    const want = this.listingUnsupported && this.listing.watched;
    if (want && !this.stopListingPoll) {
      this.stopListingPoll = pollListing({
        list: (signal) => this.listRuns({ signal }),
        intervalMs: this.options.listingPollMs ?? 30_000,
        on: (events) => events.forEach((e) => this.listing.deliver(e)),
      });
    } else if (!want && this.stopListingPoll) {
      this.stopListingPoll();
      this.stopListingPoll = undefined;
    }
  }

  private deliver(runId: string, event: unknown): void {
    const e = event as RunEvent;
    if (!e || typeof e.type !== 'string') return;
    if (e.type === 'run' && e.run && typeof e.run === 'object' && e.run.state !== undefined) {
      if (!isLiveState(e.run.state)) this.live.end(runId);
    }
    this.live.deliver(runId, e);
  }

  private async json<T>(path: string, query: Query, o?: Req): Promise<T> {
    const response = await this.request(this.url(path, query), o, { Accept: 'application/json' });
    const text = new TextDecoder().decode(await this.body(response, o));
    let value: unknown;
    try {
      value = parseWire(text);
    } catch (e) {
      throw new SourceError('invalid-data', `${path} did not answer valid JSON.`, { cause: e });
    }
    // "The run has none of this" is an answer, not an HTTP error (docs/protocol.md).
    const none = noneOf(value);
    if (none !== undefined) throw new SourceError('not-found', none);
    return value as T;
  }

  /** Fetches `url`; non-2xx answers (other than `allow`) become SourceErrors. */
  private async request(
    url: string,
    o: Req | undefined,
    headers: Record<string, string>,
    allow: number[] = [],
  ): Promise<Response> {
    const response = await fetchResponse(
      url,
      { signal: o?.signal, headers: { ...this.options.headers, ...headers } },
      (reason) => `Could not reach the runpage server at ${this.base}: ${reason}`,
      this.fetchImpl,
    );
    if (response.ok || allow.includes(response.status)) return response;
    throw await errorFromResponse(response, url);
  }

  private body(response: Response, o: Req | undefined): Promise<ArrayBuffer> {
    return readBody(response.arrayBuffer(), o?.signal, (reason) => `The answer from ${this.base} broke off: ${reason}`);
  }
}

/** The SourceError an HTTP error answer stands for: the body's `{error}` when it has one, else by status. */
export async function errorFromResponse(response: Response, url: string): Promise<SourceError> {
  let body: unknown;
  try {
    body = parseWire(await response.text());
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; retryable?: unknown } } | undefined)?.error;
  const status = response.status;
  const fallback = codeForStatus(status);
  const code = err && ERROR_CODES.includes(err.code as SourceErrorCode) ? (err.code as SourceErrorCode) : fallback;
  const message =
    err && typeof err.message === 'string' && err.message !== ''
      ? err.message
      : `${url} answered ${status} ${response.statusText}`.trim();
  const retryable =
    err && typeof err.retryable === 'boolean' ? err.retryable : code === 'unavailable' ? true : undefined;
  return new SourceError(code, message, retryable === undefined ? {} : { retryable });
}

/** The message of a `{"$none": message}` answer, else undefined. */
function noneOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const none = (value as { $none?: unknown }).$none;
  if (none === undefined || Object.keys(value).length !== 1) return undefined;
  return typeof none === 'string' && none !== '' ? none : 'This run has none of this.';
}

function parseContentRange(header: string | null): { start: number; size?: number } | undefined {
  const m = header ? /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(header.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), size: m[3] === '*' ? undefined : Number(m[3]) };
}

function totalFromContentRange(header: string | null): number | undefined {
  const m = header ? /\/(\d+)\s*$/.exec(header) : null;
  return m ? Number(m[1]) : undefined;
}

function withMime(f: FileBytes, mime: string | undefined): FileBytes {
  if (mime && mime !== 'application/octet-stream') f.mime = mime;
  return f;
}
