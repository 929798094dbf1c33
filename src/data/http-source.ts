/**
 * HttpSource: a RunSource over the runpage HTTP protocol (docs/protocol.md), as served by
 * `runpage serve` or any backend that implements it. Uses `fetch` only, so it runs in browsers,
 * workers and Node ≥ 18.
 *
 *   const source = new HttpSource('http://127.0.0.1:8080/');
 *   const info = await source.getRun('3ojed7lz');
 *
 * The class is small: what it does once used (requests, the wire format, the live connection) is
 * its client, http-client.ts, loaded with its first request or watch, so a page that has the class
 * but shows a `.runpage.json` (every page of the script-tag bundle) never loads it. A client that
 * cannot be loaded fails each request with a retryable `unavailable` SourceError.
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
import { describeFailure, SourceError } from './errors.js';
import { apiUrl, type Query, rawUrl, serverRoot } from './http-paths.js';
import type { HttpClient } from './http-client.js';
import type { HttpSourceOptions } from './http-options.js';

export type { HttpSourceOptions } from './http-options.js';

/** What a source needs of the client module (`import * as` of it would cost bundlers a namespace helper). */
type ClientModule = Pick<typeof import('./http-client.js'), 'HttpClient'>;
let clientModule: ClientModule | undefined;
let clientLoad: Promise<ClientModule> | undefined;

/** For code that has the client module already (the `src` loader): no source of this page waits to load it. */
export function provideHttpClient(m: ClientModule): void {
  clientModule = m;
}

/** Loads the client module now (once), for code that wants it in before the first request. */
export function loadHttpClient(): Promise<ClientModule> {
  return (clientLoad ??= import('./http-client.js').then(
    (m) => (clientModule = m),
    (e: unknown) => {
      clientLoad = undefined; // asked again, it loads again
      throw new SourceError('unavailable', `The runpage HTTP client could not be loaded: ${describeFailure(e)}`, {
        retryable: true,
        cause: e,
      });
    },
  ));
}

/**
 * The client of one source. An object apart, made in the constructor: objects made with
 * `Object.create(source)` (one per run the src loader shows) share it, and so one live connection.
 */
class ClientSlot {
  private client?: HttpClient;
  /** One wait for every call made before the client is in: they start in the order they were made. */
  private pending?: Promise<HttpClient>;

  constructor(
    private readonly base: string,
    private readonly options: HttpSourceOptions,
  ) {}

  /** The client, when its module is in. */
  now(): HttpClient | undefined {
    return (this.client ??= clientModule && new clientModule.HttpClient(this.base, this.options));
  }

  get(): Promise<HttpClient> {
    return (this.pending ??= loadHttpClient().then(
      () => this.now()!,
      (e: unknown) => {
        this.pending = undefined;
        throw e;
      },
    ));
  }
}

export class HttpSource implements RunSource {
  /** The server root, always ending in `/`; API paths are resolved against it. */
  readonly base: string;
  private readonly options: HttpSourceOptions;
  private readonly slot: ClientSlot;

  constructor(base: string | URL, options: HttpSourceOptions = {}) {
    this.base = serverRoot(base);
    this.options = options;
    this.slot = new ClientSlot(this.base, options);
  }

  defaultRunId(): string | undefined {
    return this.options.runId;
  }

  /** The absolute URL of an API path (`api/runs/…`) with query parameters. */
  url(path: string, query: Query = {}): string {
    return apiUrl(this.base, path, query);
  }

  fileUrl(runId: string, path: string): string | undefined {
    return rawUrl(this.base, runId, path);
  }

  /** `ask(client)` at once when the client is in, else once it has loaded. */
  private call<T>(ask: (client: HttpClient) => Promise<T>): Promise<T> {
    const client = this.slot.now();
    return client ? ask(client) : this.slot.get().then(ask);
  }

  getRun(runId: string, o?: Req): Promise<RunInfo> {
    return this.call((c) => c.getRun(runId, o));
  }

  listRuns(o?: Req): Promise<RunRef[]> {
    return this.call((c) => c.listRuns(o));
  }

  /** `GET api/runs` with the query as parameters: one page (docs/protocol.md). */
  queryRuns(q: RunQuery, o?: Req): Promise<RunPage> {
    return this.call((c) => c.queryRuns(q, o));
  }

  listMetrics(runId: string, o?: Req): Promise<MetricInfo[]> {
    return this.call((c) => c.listMetrics(runId, o));
  }

  getSeries(q: SeriesQuery, o?: Req): Promise<Series[]> {
    return this.call((c) => c.getSeries(q, o));
  }

  getLogs(q: LogQuery, o?: Req): Promise<LogChunk> {
    return this.call((c) => c.getLogs(q, o));
  }

  searchLogs(q: LogSearch, o?: Req): Promise<LogMatches> {
    return this.call((c) => c.searchLogs(q, o));
  }

  listFiles(runId: string, dir: string, page?: Page, o?: Req): Promise<FileListing> {
    return this.call((c) => c.listFiles(runId, dir, page, o));
  }

  readFile(runId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes> {
    return this.call((c) => c.readFile(runId, path, range, o));
  }

  readArtifactFile(runId: string, artifactId: string, path: string, range?: ByteRange, o?: Req): Promise<FileBytes> {
    return this.call((c) => c.readArtifactFile(runId, artifactId, path, range, o));
  }

  listArtifacts(runId: string, o?: Req): Promise<ArtifactInfo[]> {
    return this.call((c) => c.listArtifacts(runId, o));
  }

  getArtifact(runId: string, id: string, o?: Req): Promise<ArtifactDetail> {
    return this.call((c) => c.getArtifact(runId, id, o));
  }

  getModel(runId: string, o?: Req): Promise<ModelGraph> {
    return this.call((c) => c.getModel(runId, o));
  }

  listMedia(runId: string, o?: Req): Promise<MediaKey[]> {
    return this.call((c) => c.listMedia(runId, o));
  }

  getMedia(q: MediaQuery, o?: Req): Promise<MediaItem[]> {
    return this.call((c) => c.getMedia(q, o));
  }

  /**
   * Live updates over Server-Sent Events (read with fetch streaming). Every watcher of every run
   * shares one connection to the server, opened for the runs that are watched and have not ended,
   * and closed when none is left; a run that has ended is never streamed. A dropped connection
   * reconnects with growing delays and resumes from the last event it saw, so nothing is delivered
   * twice.
   */
  watch(runId: string, on: (e: RunEvent) => void, o?: Req): () => void {
    return this.subscribe((c) => c.watch(runId, on, o), `run ${runId}`);
  }

  /**
   * Listing changes: a run added, changed (its state, end, summary…) or removed. They travel on the
   * page's one live connection (`api/events?…&listing=`), beside the runs it watches: a runs list
   * holds one connection whatever it shows. A server without the listing stream is listed again
   * every `listingPollMs` instead, and the differences told.
   */
  watchRuns(on: (e: RunListEvent) => void, o?: Req): () => void {
    return this.subscribe((c) => c.watchRuns(on, o), 'the runs');
  }

  /** A watch that starts once the client is in; stopped before, it never starts. */
  private subscribe(start: (client: HttpClient) => () => void, what: string): () => void {
    const client = this.slot.now();
    if (client) return start(client);
    let stop: (() => void) | undefined;
    let stopped = false;
    this.slot.get().then(
      (c) => {
        if (!stopped) stop = start(c);
      },
      (e: unknown) => console.warn(`runpage: could not watch ${what} for live updates: ${describeFailure(e)}`),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
