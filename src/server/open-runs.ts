/**
 * The runs a server serves, from its options: runs found under folders, `.runpage.json` bundles,
 * the runs of an MLflow tracking server, and a catalog an app hands over, joined into one catalog.
 * With `public`, every run is served without its private details (src/server/private-runs.ts).
 */
import { readFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { runsFromBundle } from '../data/bundle.js';
import { JoinedCatalog, type RunCatalog } from './catalog.js';
import { discoverRuns } from './discover.js';
import { ListingDelta } from './listing-delta.js';
import { TrackingServerRuns } from './mlflow-runs.js';
import { hideLoadedRun, hideMemoryRun, PrivateCatalog } from './private-runs.js';
import { RunRegistry } from './registry.js';
import { loadRun } from './run-loaders.js';
import { RunWatcher } from './run-watcher.js';

export interface RunsToServe {
  /** Folders to search for runs (W&B, TensorBoard, MLflow `mlruns/`) and `.runpage.json` bundles. */
  paths?: string[];
  /** An MLflow tracking server whose runs to serve (experiments as projects). */
  mlflow?: string;
  /** Sent to the tracking server as `Authorization: Bearer <token>`. */
  mlflowToken?: string;
  /** How often runs still running on the tracking server are asked for news, in ms. Default 5,000. */
  mlflowPollMs?: number;
  /** A running run silent this long without an exit is shown crashed. Default 5 minutes. */
  heartbeatThresholdMs?: number;
  /** Leave out the runs' private details from every answer (host, user, command, secrets…). */
  public?: boolean;
  /** Where problems that are not any request's answer go. Default console.warn. */
  log?: (message: string) => void;
  catalog?: RunCatalog;
  problems?: string[];
  /** The folder of the disk caches (the runs list, and W&B runs that have ended); none by default. */
  cacheDir?: string;
  /** Most bytes of cache files kept in `cacheDir` (the least recently used go first); default 8 GiB. */
  cacheMaxBytes?: number;
  /** Estimated bytes of read runs kept in memory (least recently used ones let go past it); default a quarter of the memory. */
  maxHeldBytes?: number;
}

export interface OpenedRuns {
  catalog: RunCatalog;
  problems: string[];
  /** Runs known when opened (a tracking server's runs are listed again on each request for the list). */
  count: number;
  /** The listing's live changes (new run folders, runs that end), while a client listens. */
  watcher: RunWatcher;
}

export async function openRuns(o: RunsToServe): Promise<OpenedRuns> {
  const log = o.log ?? ((m: string) => console.warn(m));
  const paths = o.paths ?? [];
  const bundles = paths.filter((p) => p.endsWith('.json'));
  const folders = paths.filter((p) => !p.endsWith('.json'));
  // Under --public the server's own folders are private too (an unreadable run's error names them).
  const serverValues = o.public ? [...new Set(paths.map((p) => nodePath.resolve(p)))] : [];
  const parts: RunCatalog[] = [];
  const problems = [...(o.problems ?? [])];
  let count = 0;
  let registry: RunRegistry | undefined;
  if (o.catalog) {
    parts.push(o.catalog);
    // Counted without listing where the catalog can: listing 1,000 runs on disk here would
    // hold back the first request (every request waits for the runs to be opened).
    count += o.catalog.runCount?.() ?? (await o.catalog.listRuns().catch(() => [])).length;
  }
  if (paths.length > 0) {
    const found = await discoverRuns(folders);
    problems.push(...found.problems);
    registry = new RunRegistry({
      heartbeatThresholdMs: o.heartbeatThresholdMs,
      log,
      cacheDir: o.cacheDir,
      cacheMaxBytes: o.cacheMaxBytes,
      maxHeldBytes: o.maxHeldBytes,
      // the loader below reads runs as the default one does (--public hides no metric)
      firstSeries: true,
      loader: o.public
        ? async (loc, options) => hideLoadedRun(await loadRun(loc, options), [...serverValues, loc.root])
        : loadRun,
    });
    registry.addLocations(found.runs);
    // run-watcher.ts adds the ones found later
    count += found.runs.length;
    for (const path of bundles) {
      try {
        for (const run of runsFromBundle(JSON.parse(await readFile(path, 'utf8')), path)) {
          registry.addMemoryRun(o.public ? hideMemoryRun(run, serverValues) : run);
          count++;
        }
      } catch (e) {
        problems.push(`${path} could not be read as a runpage bundle: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    parts.push(registry);
  }
  if (o.mlflow) {
    const remote = new TrackingServerRuns({
      baseUrl: o.mlflow,
      token: o.mlflowToken,
      pollMs: o.mlflowPollMs,
      heartbeatThresholdMs: o.heartbeatThresholdMs,
      public: o.public === true,
    });
    try {
      count += (await remote.listRuns()).length;
    } catch (e) {
      problems.push(
        `The MLflow tracking server ${o.mlflow} could not be listed: ${(e as Error)?.message ?? String(e)}`,
      );
    }
    parts.push(remote);
  }
  if (parts.length === 0) parts.push(new RunRegistry({ log }));
  let catalog: RunCatalog = parts.length === 1 ? parts[0] : new JoinedCatalog(parts);
  if (o.public) {
    const hidden = new PrivateCatalog(catalog, serverValues);
    catalog = hidden;
    for (let i = 0; i < problems.length; i++) problems[i] = hidden.text(problems[i]);
  }
  const listed = catalog;
  const held = registry;
  // Only the runs whose files changed are listed again, where every run is on disk (one registry).
  const changes =
    held && parts.length === 1 && listed.listRunsOf
      ? new ListingDelta({ runs: held, list: (ids) => listed.listRunsOf!(ids) })
      : undefined;
  const watcher = new RunWatcher({
    list: () => listed.listRuns(),
    changes,
    folders: held ? folders : [],
    discover:
      held && folders.length ? async () => void held.addNewLocations((await discoverRuns(folders)).runs) : undefined,
    runChanges: listed.onRunChange ? (l) => listed.onRunChange!(l) : undefined,
    log,
  });
  return { catalog, problems, count, watcher };
}
