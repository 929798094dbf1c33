/**
 * `GET /api/runs/{run}/events`: the run's live events as Server-Sent Events. Each message is one
 * RunEvent in wire JSON with a numbered `id`; a client reconnecting with `Last-Event-ID` gets what
 * it missed. When the gap is too old to replay, it gets the run's whole current state instead
 * (`run` with every field, `metrics-added` with every metric, `files-changed`, `artifacts-changed`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunEvent } from '../data/source.js';
import { stringifyWire } from '../data/http-wire.js';
import type { ServedRun } from './registry.js';

const KEEPALIVE_MS = 15_000;

export async function sendEvents(req: IncomingMessage, res: ServerResponse, run: ServedRun): Promise<void> {
  const header = req.headers['last-event-id'];
  const since = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const write = (id: number, data: string | undefined) => {
    if (!res.destroyed) res.write(data === undefined ? `id: ${id}\n\n` : `id: ${id}\ndata: ${data}\n\n`);
  };

  // Hold live events until the catch-up below is written, so the order stays right.
  const held: { id: number; data: string }[] = [];
  let holding = true;
  const { missed, unsubscribe } = run.hub.subscribe((m) => (holding ? held.push(m) : write(m.id, m.data)), since);
  const stop = () => {
    unsubscribe();
    clearInterval(keepalive);
  };
  const keepalive = setInterval(() => {
    if (!res.destroyed) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref?.();
  res.on('close', stop);

  try {
    if (missed) {
      const base = run.hub.lastId;
      const resync: RunEvent[] = [
        { type: 'run', run: await run.source.getRun(run.id) },
        { type: 'metrics-added', metrics: await run.source.listMetrics(run.id) },
        { type: 'files-changed' },
        { type: 'artifacts-changed' },
      ];
      for (const e of resync) res.write(`data: ${stringifyWire(e)}\n\n`);
      write(base, undefined);
      for (const m of held.splice(0)) if (m.id > base) write(m.id, m.data);
    } else {
      // Tell a new client where the stream stands, so a reconnect resumes from here.
      if (since === undefined) write(run.hub.lastId, undefined);
      for (const m of held.splice(0)) write(m.id, m.data);
    }
  } finally {
    holding = false;
    for (const m of held.splice(0)) write(m.id, m.data);
  }
}
