/**
 * A `src` loader for runs on a runpage server (or any backend speaking docs/protocol.md): an
 * element's `src` of the form `<root>/api/runs/<run id>` becomes an HttpSource on `<root>` showing
 * that run. Register it with `addSourceLoader(httpRunLoader)`; other URLs are left to the next loader.
 *
 *   <run-page src="http://127.0.0.1:8080/api/runs/3ojed7lz"></run-page>
 */
import { HttpClient } from '../data/http-client.js';
import { HttpSource, provideHttpClient } from '../data/http-source.js';
import type { RunSource } from '../data/source.js';
import { decodeComponent } from './decode.js';

/** `<root>/api/runs/<id>` (an optional trailing slash), with the run id percent-encoded as one segment. */
const RUN_URL = /^(.*\/)api\/runs\/([^/]+)\/?$/;

/** The server root and run id named by a run URL, or undefined when the URL is not one. */
export function parseRunUrl(url: URL): { root: string; runId: string } | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const m = RUN_URL.exec(url.pathname);
  if (!m) return undefined;
  const runId = decodeComponent(m[2]);
  if (runId === undefined || runId === '' || runId.endsWith('.json')) return undefined;
  return { root: `${url.origin}${m[1]}`, runId };
}

// This loader is itself loaded only by a page that names a server run: the sources it makes have
// their client at once, with no second load before the first request.
provideHttpClient({ HttpClient });

/** One HttpSource per server root, so every run of a server shown on a page shares its live connection. */
const byRoot = new Map<string, HttpSource>();

export async function httpRunLoader(url: URL): Promise<RunSource | undefined> {
  const target = parseRunUrl(url);
  if (!target) return undefined;
  let shared = byRoot.get(target.root);
  if (!shared) byRoot.set(target.root, (shared = new HttpSource(target.root)));
  // The shared source, seen through an object whose only own property is the run it shows.
  const scoped = Object.create(shared) as HttpSource;
  scoped.defaultRunId = () => target.runId;
  return scoped;
}
