import { SourceError, toSourceError } from '../data/errors.js';
import type { RunSource } from '../data/source.js';

/**
 * Turns an element's `src` URL into a source. Loaders added with `addSourceLoader` (a custom
 * backend) are asked first; then a run on a runpage server (`<root>/api/runs/<id>`) becomes an
 * HttpSource, and any other URL is fetched as a `.runpage.json` bundle into a MemoryRuns (a
 * MemorySource without live appends: nothing appends to it).
 * One load per URL is shared by every element that names it.
 */
export type SourceLoader = (url: URL, signal?: AbortSignal) => Promise<RunSource | undefined>;

const loaders: SourceLoader[] = [];
const loads = new Map<string, Promise<RunSource>>();

export function addSourceLoader(loader: SourceLoader): void {
  loaders.unshift(loader);
}

export function loadSource(src: string): Promise<RunSource> {
  let url: URL;
  try {
    url = new URL(src, baseUri());
  } catch {
    return Promise.reject(new SourceError('invalid-data', `“${src}” is not a valid URL.`));
  }
  const key = url.href;
  let load = loads.get(key);
  if (!load) {
    load = resolve(url).catch((e: unknown) => {
      loads.delete(key); // a failed load is tried afresh on retry
      throw toSourceError(e);
    });
    loads.set(key, load);
  }
  return load;
}

/**
 * The source of one element's `src`: loading (`pending`), loaded (`source`) or failed (`error`).
 * Only the latest `load` counts; the host updates when it settles.
 */
export class SrcLoad {
  source?: RunSource;
  error?: unknown;
  pending?: Promise<RunSource>;
  private src?: string;

  constructor(private readonly host: { requestUpdate(): void }) {}

  /** Starts loading `src`; an empty one is no source. */
  load(src: string | undefined): void {
    this.src = src;
    this.source = undefined;
    this.error = undefined;
    this.pending = undefined;
    if (!src) return;
    const pending = loadSource(src);
    this.pending = pending;
    const settle = (source?: RunSource, error?: unknown) => {
      if (this.pending !== pending) return;
      this.pending = undefined;
      this.source = source;
      this.error = error;
      this.host.requestUpdate();
    };
    pending.then(settle, (e: unknown) => settle(undefined, e));
  }

  /** Loads the same `src` again: fetched afresh, since a failed load is not kept. */
  readonly retry = (): void => {
    this.load(this.src);
    this.host.requestUpdate();
  };
}

/** Relative `src` URLs resolve against the page; outside a page (Node) only absolute URLs work. */
function baseUri(): string | undefined {
  return typeof document === 'undefined' ? undefined : document.baseURI;
}

/** Cheap test before loading the HTTP client: only URLs of this shape can be server runs. */
const SERVER_RUN_PATH = /\/api\/runs\/[^/]+\/?$/;

async function resolve(url: URL): Promise<RunSource> {
  for (const loader of loaders) {
    const source = await loader(url);
    if (source) return source;
  }
  if (SERVER_RUN_PATH.test(url.pathname)) {
    // The HTTP client is loaded only by pages that name a server run.
    const { httpRunLoader } = await import('./http-loader.js');
    const source = await httpRunLoader(url);
    if (source) return source;
  }
  // The fetch and the bundle reader (and the in-memory source under it) load only with pages that name a bundle.
  const { fetchBundle } = await import('../data/bundle-source.js');
  return fetchBundle(url);
}
