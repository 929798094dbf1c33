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
import type { Req, RunEvent, RunListEvent, RunSource } from './source.js';
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

/** The methods that answer with a promise, each the client's own. */
const ASKED = [
  'getRun',
  'listRuns',
  'queryRuns',
  'listMetrics',
  'getSeries',
  'getLogs',
  'searchLogs',
  'listFiles',
  'readFile',
  'readArtifactFile',
  'listArtifacts',
  'getArtifact',
  'getModel',
  'listMedia',
  'getMedia',
] as const;
type Asked = (typeof ASKED)[number];
type Asks<N extends Asked> = NonNullable<RunSource[N]>;

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

  /** Each method that answers with a promise asks the client: at once when it is in, else once it has loaded. */
  static {
    for (const name of ASKED)
      (this.prototype as unknown as Record<Asked, unknown>)[name] = function (this: HttpSource, ...args: unknown[]) {
        return this.call((c) => (c[name] as (...a: unknown[]) => Promise<unknown>).apply(c, args));
      };
  }
  declare getRun: Asks<'getRun'>;
  declare listRuns: Asks<'listRuns'>;
  /** `GET api/runs` with the query as parameters: one page (docs/protocol.md). */
  declare queryRuns: Asks<'queryRuns'>;
  declare listMetrics: Asks<'listMetrics'>;
  declare getSeries: Asks<'getSeries'>;
  declare getLogs: Asks<'getLogs'>;
  declare searchLogs: Asks<'searchLogs'>;
  declare listFiles: Asks<'listFiles'>;
  declare readFile: Asks<'readFile'>;
  declare readArtifactFile: Asks<'readArtifactFile'>;
  declare listArtifacts: Asks<'listArtifacts'>;
  declare getArtifact: Asks<'getArtifact'>;
  declare getModel: Asks<'getModel'>;
  declare listMedia: Asks<'listMedia'>;
  declare getMedia: Asks<'getMedia'>;

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
