/**
 * Live events as Server-Sent Events, for one run (`GET /api/runs/{run}/events`) or several on one
 * connection (`GET /api/events?run=a&run=b`, what HttpSource uses: a page watching many runs
 * holds one connection, not one per run).
 *
 * Each message is one RunEvent in wire JSON with an `id:`. On the one-run stream the id counts up
 * per run; on the several-run stream it is the position of every run on it (`a=41&b=7`), so a
 * reconnect with `Last-Event-ID` resumes each run where it was. When the gap is too old to replay,
 * the client gets the run's whole current state instead (`run` with every field, `metrics-added`
 * with every metric, `files-changed`, `artifacts-changed`).
 *
 * A run that has ended (or that the server does not have) cannot change: its stream sends the
 * run's final facts and an `end` message, and the server closes the connection once every run on
 * it has ended. A run that ends while watched does the same after its last event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunEvent, RunInfo, RunListEvent } from '../data/source.js';
import { isLiveState } from '../data/source.js';
import { stringifyWire } from '../data/http-wire.js';
import type { HubMessage } from './event-hub.js';
import type { ServedRun } from './catalog.js';
import type { RunWatcher } from './run-watcher.js';

const KEEPALIVE_MS = 15_000;

/** The facts that change when a run ends, sent before `end` so a client that missed the change has them. */
const FINAL_FIELDS = ['state', 'exitCode', 'endedAt', 'runtime', 'heartbeatAt'] as const;

/** The runs of one stream: served runs, and ids the server does not have (ended at once). */
export interface StreamRuns {
  runs: ServedRun[];
  missing: string[];
  /**
   * The listing's changes too (`listing=` on `api/events`), from `since` (a position the stream
   * gave) when resuming. A stream with the listing stays open when its runs have ended.
   */
  listing?: { watcher: RunWatcher; since?: string };
}

/** `GET /api/runs/{run}/events`: one run, ids counting per run, messages are bare RunEvents. */
export function sendRunEvents(req: IncomingMessage, res: ServerResponse, run: ServedRun): Promise<void> {
  const since = parseSince(req.headers['last-event-id']);
  return stream(
    req,
    res,
    { runs: [run], missing: [] },
    {
      since: () => since,
      idOf: (_run, id) => String(id),
      frame: (_run, data) => data,
    },
  );
}

/** `GET /api/events?run=…`: several runs on one connection, messages carry their `runId`. */
export function sendMultiRunEvents(req: IncomingMessage, res: ServerResponse, runs: StreamRuns): Promise<void> {
  const cursor = parseCursor(req.headers['last-event-id']);
  const positions = new Map<string, number>();
  return stream(req, res, runs, {
    since: (runId) => cursor?.get(runId),
    idOf: (runId, id) => {
      positions.set(runId, id);
      const params = new URLSearchParams();
      for (const [k, v] of positions) params.set(k, String(v));
      return params.toString();
    },
    // Wire JSON of an event is always an object: splice the run id in front of its fields.
    frame: (runId, data) => `{"runId":${JSON.stringify(runId)},${data.slice(1)}`,
  });
}

interface Framing {
  /** The Last-Event-ID position of a run, when the client sent one. */
  since: (runId: string) => number | undefined;
  /** The `id:` to send after a run moved to hub position `id`. */
  idOf: (runId: string, id: number) => string;
  /** A message's data line from an event's wire JSON. */
  frame: (runId: string, data: string) => string;
}

async function stream(req: IncomingMessage, res: ServerResponse, runs: StreamRuns, f: Framing): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const open = new Set<string>();
  const subscriptions = new Map<string, () => void>();
  const keepalive = setInterval(() => {
    if (!res.destroyed) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref?.();
  let stopListing: (() => void) | undefined;
  const stopAll = () => {
    clearInterval(keepalive);
    stopListing?.();
    stopListing = undefined;
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
  };
  res.on('close', stopAll);

  const write = (runId: string, id: number | undefined, data: string | undefined) => {
    if (res.destroyed) return;
    let text = id === undefined ? '' : `id: ${f.idOf(runId, id)}\n`;
    if (data !== undefined) text += `data: ${f.frame(runId, data)}\n`;
    if (text) res.write(text + '\n');
  };
  const finish = (runId: string, final: Partial<RunInfo> | undefined) => {
    if (!open.delete(runId)) return;
    subscriptions.get(runId)?.();
    subscriptions.delete(runId);
    if (final) write(runId, undefined, stringifyWire({ type: 'run', run: final } satisfies RunEvent));
    write(runId, undefined, '{"type":"end"}');
    if (open.size === 0 && !runs.listing) {
      stopAll();
      res.end();
    }
  };

  // The listing's position goes first: a client tells from the first message whether the server
  // has the listing stream (an older one ignores `listing`). Listing messages carry their position
  // in `listing` and no `runId`, so clients that only watch runs skip them.
  const writeListing = (position: string, event?: RunListEvent) => {
    if (res.destroyed) return;
    const head = `{"listing":${JSON.stringify(position)}`;
    res.write(`data: ${event ? `${head},${stringifyWire(event).slice(1)}` : `${head}}`}\n\n`);
  };
  let listingSub: ReturnType<RunWatcher['subscribe']> | undefined;
  if (runs.listing) {
    const { watcher, since } = runs.listing;
    listingSub = watcher.subscribe((m) => writeListing(m.position, m.event), since);
    if (since === undefined) writeListing(watcher.position);
  }

  for (const id of runs.missing) open.add(id);
  for (const run of runs.runs) open.add(run.id);
  for (const id of runs.missing) finish(id, undefined);
  for (const run of runs.runs) {
    if (!open.has(run.id)) continue;
    const stop = await follow(run, f.since(run.id), write, () => finish(run.id, undefined));
    if (res.destroyed || !open.has(run.id)) {
      stop();
      if (res.destroyed) break;
      continue;
    }
    subscriptions.set(run.id, stop);
    if (!isLiveState(run.state)) finish(run.id, await finalFacts(run));
  }
  if (listingSub) {
    const sub = await listingSub;
    if (res.destroyed) sub.unsubscribe();
    else {
      stopListing = sub.unsubscribe;
      if (sub.missed) writeListing(runs.listing!.watcher.position, { type: 'resync' });
    }
  }
  // Headers go out only now that every run is subscribed: a client that sees the stream open
  // receives every event published after that moment.
  if (!res.headersSent && !res.destroyed) res.flushHeaders();
}

/**
 * Subscribes to a run's hub: first what a reconnecting client missed (or the whole current state
 * when that is gone), then every new event; `ended` is called after the event that ended the run.
 */
async function follow(
  run: ServedRun,
  since: number | undefined,
  write: (runId: string, id: number | undefined, data: string | undefined) => void,
  ended: () => void,
): Promise<() => void> {
  // Hold live events until the catch-up below is written, so the order stays right.
  const held: HubMessage[] = [];
  let holding = true;
  const deliver = (m: HubMessage) => {
    write(run.id, m.id, m.data);
    if (!isLiveState(run.state)) ended();
  };
  const { missed, unsubscribe } = run.hub.subscribe((m) => (holding ? held.push(m) : deliver(m)), since);
  try {
    if (missed) {
      const base = run.hub.lastId;
      const resync: RunEvent[] = [
        { type: 'run', run: await run.source.getRun(run.id) },
        { type: 'metrics-added', metrics: await run.source.listMetrics(run.id) },
        { type: 'files-changed' },
        { type: 'artifacts-changed' },
      ];
      for (const e of resync) write(run.id, undefined, stringifyWire(e));
      write(run.id, base, undefined);
      for (const m of held.splice(0)) if (m.id > base) write(run.id, m.id, m.data);
    } else {
      // Tell a new client where the stream stands, so a reconnect resumes from here.
      if (since === undefined) write(run.id, run.hub.lastId, undefined);
      for (const m of held.splice(0)) write(run.id, m.id, m.data);
    }
  } finally {
    holding = false;
    for (const m of held.splice(0)) write(run.id, m.id, m.data);
  }
  return unsubscribe;
}

async function finalFacts(run: ServedRun): Promise<Partial<RunInfo>> {
  const info = await run.source.getRun(run.id).catch(() => undefined);
  const out: Partial<RunInfo> = { state: run.state };
  if (info) for (const k of FINAL_FIELDS) if (info[k] !== undefined) Object.assign(out, { [k]: info[k] });
  out.state = run.state;
  return out;
}

function parseSince(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

/** `a=41&b=7` → positions by run; anything else (an id from a one-run stream) → none. */
function parseCursor(header: string | string[] | undefined): Map<string, number> | undefined {
  if (typeof header !== 'string' || !header.includes('=')) return undefined;
  const out = new Map<string, number>();
  for (const [k, v] of new URLSearchParams(header.trim())) if (/^\d+$/.test(v)) out.set(k, Number(v));
  return out;
}
