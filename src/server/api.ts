/**
 * The JSON protocol behind HttpSource (docs/protocol.md): one endpoint per RunSource method,
 * answered from the registry's MemorySources. Every failure becomes a status and an `{error}` body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogStream, RunQuery, RunState, Series, SeriesQuery, SmoothingKind } from '../data/source.js';
import { RUN_STATES } from '../data/source.js';
import { queryRunList } from '../data/run-query.js';
import { isLiveState as isLive, SMOOTHING_KINDS } from '../data/source.js';
import { isSourceError, SourceError } from '../data/errors.js';
import { seriesToWire } from '../data/http-wire.js';
import { badRequest } from './http-errors.js';
import { filePathOf } from './request-url.js';
import { listDiskFiles } from './disk-listing.js';
import { sendError, sendJson } from './respond.js';
import { sendHeldFile, sendRunFile } from './raw-files.js';
import { sendMultiRunEvents, sendRunEvents, type StreamRuns } from './sse.js';
import { SearchGuard } from './guarded-search.js';
import type { RunCatalog } from './catalog.js';
import type { SeriesRun } from './catalog.js';
import type { RunWatcher } from './run-watcher.js';

export const PROTOCOL_VERSION = 1;

/** The query parameters that make `GET /api/runs` answer one page (`RunPage`) rather than every run. */
const PAGE_PARAMS = ['limit', 'cursor', 'q', 'state', 'project', 'tag', 'sort'];

/** `/regex/` words of run searches take turns here, each slice bounded in time, like log searches. */
const listingSearch = new SearchGuard();

/** Answers `/api/…` (segments after `api`). */
export async function handleApi(
  registry: RunCatalog,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  query: URLSearchParams,
  watcher?: RunWatcher,
): Promise<void> {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.on('close', onClose);
  const o = { signal: controller.signal };
  try {
    const [head, runId, what, ...rest] = segments;
    if (segments.length === 0 || (segments.length === 1 && head === '')) {
      return await sendJson(req, res, { runpage: PROTOCOL_VERSION }, {});
    }
    if (head === 'series' && segments.length === 1) return await series(registry, req, res, query, o.signal);
    if (head === 'events' && segments.length === 1) return await events(registry, req, res, query, watcher);
    if (head !== 'runs') throw new SourceError('not-found', `No API endpoint /api/${segments.join('/')}.`);
    if (runId === undefined || runId === '') {
      if (segments.length > 2) throw new SourceError('not-found', `No API endpoint /api/${segments.join('/')}.`);
      const paged = PAGE_PARAMS.some((p) => query.has(p));
      // A page the catalog answers without listing every run (the first page of a large folder).
      const quick = paged ? await registry.queryRuns?.(runQuery(query), o) : undefined;
      if (quick) return await sendJson(req, res, quick, { live: quick.runs.some((r) => isLive(r.state)) });
      const runs = await registry.listRuns();
      const live = runs.some((r) => r.state !== undefined && isLive(r.state));
      if (!paged) return await sendJson(req, res, runs, { live });
      const page = await queryRunList(runs, runQuery(query), {
        signal: o.signal,
        runner: listingSearch.runner(o.signal),
      });
      return await sendJson(req, res, page, { live });
    }
    const run = await registry.get(runId);
    const live = isLive(run.state);
    const s = run.source;
    const id = run.id;
    const send = (work: Promise<unknown>) => sendOrNone(req, res, work, live);
    // The endpoint names exactly n path parts after the run id.
    const expectParts = (n: number) => {
      if (rest.length + (what === undefined ? 0 : 1) !== n)
        throw new SourceError('not-found', `No API endpoint /api/${segments.join('/')}.`);
    };
    switch (what) {
      case undefined:
        return await send(s.getRun(id, o));
      case 'metrics':
        expectParts(1);
        return await send(s.listMetrics(id, o));
      case 'logs':
        if (rest.length === 1 && rest[0] === 'search') {
          return await send(
            s.searchLogs(
              {
                runId: id,
                query: query.get('q') ?? '',
                regex: flag(query, 'regex'),
                caseSensitive: flag(query, 'case'),
                streams: streams(query),
                labels: list(query, 'label'),
                limit: optionalNumber(query, 'limit'),
              },
              o,
            ),
          );
        }
        expectParts(1);
        return await send(
          s.getLogs(
            {
              runId: id,
              start: number(query, 'start', 0),
              count: number(query, 'count', 0),
              streams: streams(query),
              labels: list(query, 'label'),
            },
            o,
          ),
        );
      case 'files': {
        expectParts(1);
        const limit = optionalNumber(query, 'limit');
        const cursor = query.get('cursor') ?? undefined;
        const dir = query.get('dir') ?? '';
        const pageQuery = { cursor: cursor || undefined, limit };
        return await send(run.files ? listDiskFiles(run.files, dir, pageQuery) : s.listFiles(id, dir, pageQuery, o));
      }
      case 'raw':
        return await sendRunFile(req, res, run, filePathOf(rest), live);
      case 'artifacts':
        if (rest.length === 0) return await send(s.listArtifacts(id, o));
        if (rest.length > 2 && rest[1] === 'raw') {
          const path = filePathOf(rest.slice(2));
          if (!s.readArtifactFile) throw new SourceError('unsupported', 'This server cannot read artifact files.');
          return await sendHeldFile(req, res, await s.readArtifactFile(id, rest[0], path, undefined, o), live);
        }
        expectParts(2);
        return await send(s.getArtifact(id, rest[0], o));
      case 'model':
        expectParts(1);
        return await send(s.getModel(id, o));
      case 'media':
        if (rest.length === 0) return await send(s.listMedia(id, o));
        if (rest.length === 1 && rest[0] === 'items') {
          const key = query.get('key');
          if (key === null) throw badRequest('A media query needs key.');
          return await send(s.getMedia({ runId: id, key, step: number(query, 'step', 0) }, o));
        }
        throw new SourceError('not-found', `No API endpoint /api/${segments.join('/')}.`);
      case 'events':
        expectParts(1);
        return await sendRunEvents(req, res, run);
      default:
        throw new SourceError('not-found', `No API endpoint /api/${segments.join('/')}.`);
    }
  } catch (e) {
    if (!res.destroyed) await sendError(req, res, e);
  } finally {
    res.off('close', onClose);
  }
}

/**
 * `GET /api/series?run=…&key=…&x=…`: the runs may be served by different sources, so each
 * (key, run) pair is asked of its own source. As in one source: a key missing from every run is
 * not-found, a key missing from some runs gives no series for those.
 */
async function series(
  registry: RunCatalog,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  signal: AbortSignal,
): Promise<void> {
  const runIds = query.getAll('run');
  const keys = query.getAll('key');
  if (runIds.length === 0 || keys.length === 0) throw badRequest('A series query needs at least one run and one key.');
  const q: Omit<SeriesQuery, 'runIds' | 'keys'> = { x: query.get('x') || 'step' };
  if (query.has('from') || query.has('to')) q.range = [number(query, 'from', -Infinity), number(query, 'to', Infinity)];
  q.points = optionalNumber(query, 'points');
  if (q.points === undefined) delete q.points;
  const smoothing = query.get('smoothing');
  if (smoothing !== null && smoothing !== 'none') {
    if (!SMOOTHING_KINDS.includes(smoothing as SmoothingKind))
      throw badRequest(`Unknown smoothing ${JSON.stringify(smoothing)}.`);
    q.smoothing = { kind: smoothing as SmoothingKind, weight: number(query, 'weight', 0) };
  }
  const runs: SeriesRun[] = [];
  for (const id of runIds) runs.push(await (registry.seriesRun?.(id, keys, q.x!) ?? registry.get(id)));
  const live = runs.some((r) => isLive(r.state));
  await sendOrNone(
    req,
    res,
    seriesOf(runs, keys, q, signal).then((out) => out.map(seriesToWire)),
    live,
  );
}

async function seriesOf(
  runs: SeriesRun[],
  keys: string[],
  q: Omit<SeriesQuery, 'runIds' | 'keys'>,
  signal: AbortSignal,
): Promise<Series[]> {
  const out: Series[] = [];
  for (const key of keys) {
    let found = false;
    for (const run of runs) {
      const metrics = await run.source.listMetrics(run.id, { signal });
      if (!metrics.some((m) => m.key === key)) continue;
      found = true;
      out.push(...(await run.source.getSeries({ ...q, runIds: [run.id], keys: [key] }, { signal })));
    }
    if (!found)
      throw new SourceError(
        'not-found',
        `No metric ${JSON.stringify(key)} was logged for ${runs.length > 1 ? 'these runs' : 'this run'}.`,
      );
  }
  return out;
}

/**
 * Sends what a source answered about an existing run. "This run has none of that" (the source's
 * `not-found`) is an answer, `{"$none": message}` with 200, not an HTTP error: browsers print every
 * 404 as a console error, and a run without a model is not an error.
 */
async function sendOrNone(req: IncomingMessage, res: ServerResponse, work: Promise<unknown>, live: boolean) {
  let value: unknown;
  try {
    value = await work;
  } catch (e) {
    if (isSourceError(e) && e.code === 'not-found') return sendJson(req, res, { $none: e.message }, { live });
    throw e;
  }
  return sendJson(req, res, value, { live });
}

/** `GET /api/events?run=…`: the live events of several runs on one connection. */
async function events(
  registry: RunCatalog,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  watcher: RunWatcher | undefined,
): Promise<void> {
  const ids = [...new Set(query.getAll('run'))];
  // `listing` (empty, or the position to resume from): the listing's changes on the same connection
  const listing = query.has('listing') && watcher ? { watcher, since: query.get('listing') || undefined } : undefined;
  if (ids.length === 0 && !listing) throw badRequest('An events stream needs at least one run, or listing.');
  const runs: StreamRuns = { runs: [], missing: [], listing };
  for (const id of ids) {
    // A run that cannot be read cannot change either: it ends at once, like an unknown id.
    const run = registry.has(id) ? await registry.get(id).catch(() => undefined) : undefined;
    if (run) runs.runs.push(run);
    else runs.missing.push(id);
  }
  await sendMultiRunEvents(req, res, runs);
}

/** `q`, `state`, `project`, `tag`, `sort=column:dir`, `cursor`, `limit` as a RunQuery. */
function runQuery(query: URLSearchParams): RunQuery {
  const q: RunQuery = { filters: {} };
  const search = query.get('q');
  if (search) q.search = search;
  const state = query.get('state');
  if (state) {
    if (!RUN_STATES.includes(state as RunState)) throw badRequest(`Unknown run state ${JSON.stringify(state)}.`);
    q.filters!.state = state as RunState;
  }
  const project = query.get('project');
  if (project) q.filters!.project = project;
  const tag = query.get('tag');
  if (tag) q.filters!.tag = tag;
  const sort = query.get('sort');
  if (sort) {
    const m = /^(.+):(asc|desc)$/.exec(sort);
    if (!m) throw badRequest(`sort must be column:asc or column:desc, got ${JSON.stringify(sort)}.`);
    q.sort = { column: m[1]!, dir: m[2] as 'asc' | 'desc' };
  }
  const cursor = query.get('cursor');
  if (cursor) q.cursor = cursor;
  q.limit = optionalNumber(query, 'limit');
  if (q.limit === undefined) delete q.limit;
  return q;
}

/** A number parameter when present (sources clamp what is out of range, as they do for direct calls). */
function optionalNumber(query: URLSearchParams, name: string): number | undefined {
  return query.has(name) && query.get(name) !== '' ? number(query, name, NaN) : undefined;
}

/** A number parameter; `Infinity`, `-Infinity` and `NaN` are allowed as text. */
function number(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  const n = Number(text);
  if (Number.isNaN(n) && text !== 'NaN') throw badRequest(`${name} must be a number, got ${JSON.stringify(text)}.`);
  return n;
}

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v !== null && v !== '0' && v !== 'false';
}

function list(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  return values.length > 0 ? values : undefined;
}

function streams(query: URLSearchParams): LogStream[] | undefined {
  const values = list(query, 'stream');
  if (!values) return undefined;
  for (const v of values)
    if (v !== 'stdout' && v !== 'stderr') throw badRequest(`Unknown log stream ${JSON.stringify(v)}.`);
  return values as LogStream[];
}
