/**
 * A small HTTP server on 127.0.0.1 that answers like an MLflow tracking server: the endpoints,
 * query parameters, JSON shapes and error bodies of MLflow's REST API (and the step sampling of
 * `get-history-bulk-interval` as MLflow's handler does it). Test data only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface FakeRun {
  info: {
    run_id: string;
    run_uuid: string;
    run_name: string;
    experiment_id: string;
    user_id: string;
    status: 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
    start_time: number;
    end_time?: number;
    artifact_uri: string;
    lifecycle_stage: string;
  };
  params: Record<string, string>;
  tags: Record<string, string>;
  history: FakeMetric[];
  artifacts: Record<string, string>;
  /** `inputs` of runs/get, as MLflow answers it (`{dataset_inputs: [...]}`). */
  inputs?: unknown;
}

export interface FakeServer {
  url: string;
  requests: string[];
  /** Starts serving another run (a run just started on the tracking server). */
  addRun(run: FakeRun): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  runs: FakeRun[];
  experiments: { experiment_id: string; name: string }[];
  /** Require this Authorization header. */
  auth?: string;
  /** get-history caps max_results at this page size (to exercise paging). */
  historyPageSize?: number;
  /** Take requests but never answer them (to test aborts); `close()` drops them. */
  hold?: boolean;
  /** experiments/search and runs/search answer at most this many per page (default: 2 runs, 1000 experiments). */
  searchPageSize?: number;
}

/** Python-style JSON of a float: MLflow's proto JSON writes NaN and ±Infinity as strings. */
const num = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse, what: string): void {
  sendJson(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: what });
}

function invalid(res: ServerResponse, message: string): void {
  sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message });
}

function latest(history: FakeMetric[]): FakeMetric[] {
  const best = new Map<string, FakeMetric>();
  for (const m of history) {
    const b = best.get(m.key);
    if (!b || m.step > b.step || (m.step === b.step && m.timestamp >= b.timestamp)) best.set(m.key, m);
  }
  return [...best.values()];
}

function runJson(run: FakeRun) {
  return {
    info: run.info,
    data: {
      metrics: latest(run.history).map((m) => ({ ...m, value: num(m.value) })),
      params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
      tags: Object.entries(run.tags).map(([key, value]) => ({ key, value })),
    },
    inputs: run.inputs ?? {},
  };
}

/** MLflow's `_get_sampled_steps_from_steps`. */
function sampledSteps(start: number, end: number, maxResults: number, all: number[]): Set<number> {
  const lo = all.findIndex((s) => s >= start);
  const startIdx = lo < 0 ? all.length : lo;
  let endIdx = startIdx;
  while (endIdx < all.length && all[endIdx]! <= end) endIdx++;
  if (endIdx - startIdx <= maxResults) return new Set(all.slice(startIdx, endIdx));
  const numSteps = endIdx - startIdx;
  const interval = numSteps / maxResults;
  const out: number[] = [];
  for (let i = 0; i < maxResults; i++) {
    const idx = startIdx + Math.floor(i * interval);
    if (idx < numSteps) out.push(all[idx]!);
  }
  out.push(all[endIdx - 1]!);
  return new Set(out);
}

/** One page of a search, by MLflow's rules: a bad max_results or page_token is INVALID_PARAMETER_VALUE. */
function pageOf<T>(
  all: T[],
  b: { max_results?: number; page_token?: string },
  pageSize: number,
  maxResults: number,
): { items: T[]; next?: string } | { error: string } {
  const max = b.max_results ?? 1000;
  if (!Number.isInteger(max) || max < 1 || max > maxResults)
    return { error: `Invalid value ${max} for parameter 'max_results' supplied.` };
  let offset = 0;
  if (b.page_token) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(b.page_token, 'base64').toString());
    if (!decoded) return { error: `Invalid page token, could not base64-decode: ${b.page_token}` };
    offset = Number(decoded[1]);
  }
  const size = Math.min(max, pageSize);
  const items = all.slice(offset, offset + size);
  return offset + size < all.length
    ? { items, next: Buffer.from(`offset:${offset + size}`).toString('base64') }
    : { items };
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startFakeMlflow(options: FakeServerOptions): Promise<FakeServer> {
  const requests: string[] = [];
  const runs = new Map(options.runs.map((r) => [r.info.run_id, r]));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (options.hold) return;
    if (options.auth && req.headers.authorization !== options.auth) {
      sendJson(res, 401, { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated.' });
      return;
    }
    const q = url.searchParams;
    const runOf = (id: string | null) => (id === null ? undefined : runs.get(id));
    switch (url.pathname) {
      case '/api/2.0/mlflow/runs/get': {
        const id = q.get('run_id');
        if (id === 'explode') {
          sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: 'database is locked' });
          return;
        }
        if (id === 'garbled') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"run": {"info": ');
          return;
        }
        const run = runOf(id);
        if (!run) return notFound(res, `Run '${id}' not found`);
        return sendJson(res, 200, { run: runJson(run) });
      }
      case '/api/2.0/mlflow/experiments/get': {
        const exp = options.experiments.find((e) => e.experiment_id === q.get('experiment_id'));
        if (!exp) return notFound(res, `No Experiment with id=${q.get('experiment_id')} exists`);
        return sendJson(res, 200, {
          experiment: { ...exp, lifecycle_stage: 'active', artifact_location: 'mlflow-artifacts:/0' },
        });
      }
      case '/api/2.0/mlflow/experiments/search': {
        // MLflow: max_results ≤ 50,000, an opaque page_token, next_page_token absent on the last page.
        const b = (await body(req)) as { max_results?: number; page_token?: string };
        const page = pageOf(options.experiments, b, options.searchPageSize ?? 1000, 50_000);
        if ('error' in page) return invalid(res, page.error);
        return sendJson(res, 200, {
          experiments: page.items.map((e) => ({ ...e, lifecycle_stage: 'active' })),
          ...(page.next ? { next_page_token: page.next } : {}),
        });
      }
      case '/api/2.0/mlflow/runs/search': {
        const b = (await body(req)) as { experiment_ids?: string[]; max_results?: number; page_token?: string };
        if (!Array.isArray(b.experiment_ids) || b.experiment_ids.length === 0)
          return invalid(res, 'experiment_ids must be a non-empty list.');
        const all = options.runs
          .filter((r) => b.experiment_ids?.includes(r.info.experiment_id))
          .sort((a, z) => z.info.start_time - a.info.start_time);
        const page = pageOf(all, b, options.searchPageSize ?? 2, 50_000);
        if ('error' in page) return invalid(res, page.error);
        return sendJson(res, 200, {
          runs: page.items.map(runJson),
          ...(page.next ? { next_page_token: page.next } : {}),
        });
      }
      case '/api/2.0/mlflow/metrics/get-history': {
        const run = runOf(q.get('run_id'));
        if (!run) return notFound(res, `Run '${q.get('run_id')}' not found`);
        const key = q.get('metric_key');
        const points = run.history.filter((m) => m.key === key);
        const pageSize = Math.min(Number(q.get('max_results') ?? 25000), options.historyPageSize ?? 25000);
        const offset = q.get('page_token') ? Number(Buffer.from(q.get('page_token')!, 'base64').toString()) : 0;
        const page = points.slice(offset, offset + pageSize);
        const next =
          offset + pageSize < points.length ? Buffer.from(String(offset + pageSize)).toString('base64') : undefined;
        return sendJson(res, 200, {
          metrics: page.map((m) => ({ ...m, value: num(m.value) })),
          ...(next ? { next_page_token: next } : {}),
        });
      }
      case '/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval': {
        const runIds = q.getAll('run_ids');
        const key = q.get('metric_key');
        const maxResults = Number(q.get('max_results') ?? 2500);
        if (!(maxResults >= 1 && maxResults <= 2500)) return invalid(res, 'max_results must be between 1 and 2500.');
        let start = q.get('start_step') === null ? undefined : Number(q.get('start_step'));
        let end = q.get('end_step') === null ? undefined : Number(q.get('end_step'));
        if ((start === undefined) !== (end === undefined))
          return invalid(res, 'If either start step or end step are specified, both must be specified.');
        if (start !== undefined && end !== undefined && start > end)
          return invalid(res, 'end_step must be greater than start_step.');
        const perRun = runIds.map((id) => runOf(id)?.history.filter((m) => m.key === key) ?? []);
        const allSteps = [...new Set(perRun.flatMap((p) => p.map((m) => m.step)))].sort((a, b) => a - b);
        if (start === undefined || end === undefined) {
          start = 0;
          end = allSteps.at(-1) ?? 0;
        }
        const minsMaxes = perRun.flatMap((p) =>
          p.length ? [Math.min(...p.map((m) => m.step)), Math.max(...p.map((m) => m.step))] : [],
        );
        const steps = sampledSteps(start, end, maxResults, allSteps);
        for (const s of minsMaxes) if (s >= start && s <= end) steps.add(s);
        const metrics = runIds.flatMap((id, i) =>
          perRun[i]!.filter((m) => steps.has(m.step)).map((m) => ({ ...m, value: num(m.value), run_id: id })),
        );
        return sendJson(res, 200, { metrics });
      }
      case '/api/2.0/mlflow/artifacts/list': {
        const run = runOf(q.get('run_id'));
        if (!run) return notFound(res, `Run '${q.get('run_id')}' not found`);
        const dir = q.get('path') ?? '';
        const prefix = dir ? `${dir}/` : '';
        const children = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
        for (const [path, text] of Object.entries(run.artifacts)) {
          if (!path.startsWith(prefix)) continue;
          const rest = path.slice(prefix.length);
          const name = rest.split('/')[0]!;
          if (rest.includes('/')) children.set(name, { path: prefix + name, is_dir: true });
          else children.set(name, { path, is_dir: false, file_size: Buffer.byteLength(text) });
        }
        return sendJson(res, 200, { root_uri: run.info.artifact_uri, files: [...children.values()] });
      }
      case '/get-artifact': {
        const run = runOf(q.get('run_uuid'));
        const text = run?.artifacts[q.get('path') ?? ''];
        if (text === undefined) return notFound(res, `File ${q.get('path')} not found`);
        res.writeHead(200, {
          'Content-Type': q.get('path')!.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8',
        });
        res.end(text);
        return;
      }
      default:
        sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No endpoint ${url.pathname}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addRun: (run) => {
      options.runs.push(run);
      runs.set(run.info.run_id, run);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
