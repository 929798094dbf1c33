/**
 * A small client for an MLflow tracking server's REST API over `fetch` (browser or Node), with
 * MLflow's errors and HTTP statuses mapped to `SourceError`s.
 */
import { SourceError } from '../../data/errors.js';
import { codeForStatus, fetchResponse, readBody } from '../../data/fetch-errors.js';

export interface MlflowClientOptions {
  /** Tracking server URL, e.g. `http://localhost:5000` or `https://host/mlflow` (a path prefix is kept). */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra request headers (for example `Authorization`), or a function returning them per request. */
  headers?: Record<string, string> | (() => Record<string, string>);
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

export class MlflowClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly headers: MlflowClientOptions['headers'];

  constructor(options: MlflowClientOptions) {
    this.baseUrl = String(options.baseUrl ?? '').replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
    this.headers = options.headers;
  }

  /** `path` is relative to the base URL, e.g. `api/2.0/mlflow/runs/get`. */
  url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) params.append(k, item);
      else params.append(k, String(v));
    }
    const qs = params.toString();
    return `${this.baseUrl}/${path}${qs ? `?${qs}` : ''}`;
  }

  async getJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
    const res = await this.request(this.url(path, query), { method: 'GET' }, signal);
    return jsonObject<T>(await this.text(res, signal), path);
  }

  async postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const res = await this.request(
      this.url(path),
      { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      signal,
    );
    return jsonObject<T>(await this.text(res, signal), path);
  }

  async getBytes(
    path: string,
    query: Query,
    init: { headers?: Record<string, string> },
    signal?: AbortSignal,
  ): Promise<Response> {
    return this.request(this.url(path, query), { method: 'GET', headers: init.headers }, signal);
  }

  private async request(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const extra = typeof this.headers === 'function' ? this.headers() : this.headers;
    const res = await fetchResponse(
      url,
      {
        ...init,
        headers: { Accept: 'application/json', ...extra, ...(init.headers as Record<string, string>) },
        signal,
      },
      (reason) => `The MLflow server could not be reached: ${reason}`,
      this.fetchImpl,
    );
    if (!res.ok) throw await httpError(res, signal);
    return res;
  }

  /** The body of an answer `getBytes` returned. */
  bytes(res: Response, signal?: AbortSignal): Promise<ArrayBuffer> {
    return readBody(res.arrayBuffer(), signal, cutOff);
  }

  private text(res: Response, signal?: AbortSignal): Promise<string> {
    return readBody(res.text(), signal, cutOff);
  }
}

const cutOff = (reason: string) => `The MLflow server's answer was cut off: ${reason}`;

/** MLflow answers errors as `{error_code, message}`; the HTTP status picks our code. */
async function httpError(res: Response, signal?: AbortSignal): Promise<SourceError> {
  let detail = '';
  try {
    const body = JSON.parse(await res.text()) as { error_code?: unknown; message?: unknown };
    if (typeof body.message === 'string') detail = body.message;
    if (typeof body.error_code === 'string') detail = detail ? `${body.error_code}: ${detail}` : body.error_code;
  } catch (e) {
    if (signal?.aborted) return new SourceError('aborted', 'The request was cancelled.', { cause: e });
  }
  const what = `MLflow server answered ${res.status}${detail ? ` (${detail})` : ''}`;
  const code = codeForStatus(res.status);
  return new SourceError(code, what, code === 'unavailable' ? { retryable: true } : {});
}

/**
 * Parses JSON, also when a server wrote bare `NaN` / `Infinity` (Python's json module does);
 * they become the strings protobuf JSON uses, which `toNumber` reads.
 */
export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    try {
      return JSON.parse(text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"')) as T;
    } catch (e) {
      throw new SourceError('invalid-data', `The MLflow server's answer to ${what} is not JSON.`, { cause: e });
    }
  }
}

/** Every MLflow answer is a JSON object; anything else is bad data. */
function jsonObject<T>(text: string, what: string): T {
  const value = parseJson<unknown>(text, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SourceError('invalid-data', `The MLflow server's answer to ${what} is not a JSON object.`);
  }
  return value as T;
}

/** A number from MLflow JSON: numbers, numeric strings (int64), `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = v.trim() === '' ? NaN : Number(v);
    return n;
  }
  return NaN;
}
