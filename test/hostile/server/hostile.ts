/**
 * Driving the server under attack: start it in its own process, send requests with a deadline
 * (a stalled server fails the case instead of hanging it), and check that a health request
 * (`GET /api`) is still answered.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { until } from '../../support/until.js';

/** How long any one answer may take before the server counts as stalled. Far above a normal answer (ms). */
export const STALL_MS = 4000;

export interface HostileServer {
  url: string;
  port: number;
  /** How many requests the server has taken so far. */
  requests(): number;
  stop(): void;
}

export async function startHostileServer(dir: string): Promise<HostileServer> {
  const script = fileURLToPath(new URL('./child-server.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let requests = 0;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (line === 'REQUEST') requests++;
        const m = /^READY (\S+)/.exec(line);
        if (m) resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
  });
  return { url, port: Number(new URL(url).port), requests: () => requests, stop: () => child.kill('SIGKILL') };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the cases
  json(): any;
}

/** A GET with the target sent as given; rejects when no answer came within `ms`. */
export function get(
  base: string,
  target: string,
  o: { headers?: Record<string, string>; ms?: number; signal?: AbortSignal } = {},
): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: target, headers: o.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          json: () => JSON.parse(body.toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to ${target.slice(0, 120)} within ${o.ms ?? STALL_MS} ms: the server stalled`));
    }, o.ms ?? STALL_MS);
    o.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      req.destroy();
      reject(new Error('aborted'));
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

/** The health request answers, as it should, within the stall bound. */
export async function assertHealthy(base: string): Promise<void> {
  const a = await get(base, '/api');
  assert.equal(a.status, 200);
  assert.deepEqual(a.json(), { runpage: 1 });
}

/**
 * Runs the hostile work and, while it is under way, asks for health: health must be answered
 * within the stall bound whatever the hostile work does (and however long it takes).
 */
export async function healthyDuring<T>(server: HostileServer, hostile: () => Promise<T>): Promise<T> {
  const before = server.requests();
  const work = hostile();
  work.catch(() => undefined);
  // Health is asked once the hostile request has reached the server (another process).
  await until(() => server.requests() > before, 'the hostile request to reach the server', STALL_MS);
  await assertHealthy(server.url);
  return work;
}

/** The error body of an answer: `{code, message, retryable}`. */
export function errorOf(a: Answer): { code: string; message: string; retryable: boolean } {
  const body = a.json();
  assert.ok(body && typeof body.error === 'object', `an error body, got ${a.body.toString('utf8').slice(0, 200)}`);
  return body.error;
}

/** Writes raw bytes on a socket and resolves with what came back when the server closed or `ms` passed. */
export function raw(port: number, text: string | Buffer, ms = STALL_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (out += c));
    socket.on('error', (e) => (out ? resolve(out) : reject(e)));
    socket.on('close', () => resolve(out));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, ms);
    socket.on('close', () => clearTimeout(timer));
    socket.write(text);
  });
}

/** `status` of an HTTP answer's first line. */
export function statusOf(rawAnswer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(rawAnswer)?.[1] ?? 0);
}

export function q(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}
