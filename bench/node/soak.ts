/**
 * `runpage serve` under hostile load: how long a health request (`GET /api`) waits.
 *
 * The server runs in a child process (bench/node/soak-server.ts) over a W&B run whose console is a
 * 20 MB output.log served from disk (with one 5,000-character line of `a`s). A probe sends
 * `GET /api` every 20 ms on a fresh connection and records each latency: first on a quiet server
 * (the baseline, same run), then while the hostile load runs, for the same number of samples:
 *
 * - 1,000 concurrent requests, wave after wave: log windows asking a billion lines, plain and
 *   regex searches, file ranges, the runs list;
 * - 200 live clients (event streams) opened, held a moment and dropped, round after round;
 * - a slow client: 20 connections that ask for the 20 MB output.log and never read;
 * - catastrophic searches (`(a+)+$` over the long line), four at a time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverReady, spawnServer } from './child-server.js';

export interface SoakParams {
  /** Health samples per phase. */
  samples: number;
  /** Concurrent requests per wave. */
  concurrent: number;
  /** Live clients per round. */
  live: number;
}

const RUN = 'soak1';
const errors = new Map<string, number>();

function writeRun(root: string): void {
  const run = join(root, 'wandb', `run-20240101_000000-${RUN}`);
  mkdirSync(join(run, 'files'), { recursive: true });
  writeFileSync(join(run, 'files', 'wandb-metadata.json'), JSON.stringify({ startedAt: '2024-01-01T00:00:00' }));
  const lines: string[] = [];
  for (let i = 0; i < 400_000; i++) lines.push(`step ${i} | loss ${(1 / (1 + i)).toFixed(6)} | lr 3e-4`);
  lines.splice(200_000, 0, 'a'.repeat(5000) + '!');
  writeFileSync(join(run, 'files', 'output.log'), lines.join('\n') + '\n');
}

/** One GET on a fresh connection; resolves with the status (0 for a failure) once the body is read. */
function get(port: number, path: string, timeoutMs = 120_000): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', (e) => {
      const what = `${(e as { code?: string }).code ?? e.message} ${path.replace(/\?.*/, '')}`;
      errors.set(what, (errors.get(what) ?? 0) + 1);
      resolve(0);
    });
    req.end();
  });
}

async function probe(port: number, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const status = await get(port, '/api', 30_000);
    out.push(status === 200 ? performance.now() - t : 30_000);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

export async function runSoak(p: SoakParams) {
  const root = mkdtempSync(join(tmpdir(), 'runpage-soak-'));
  writeRun(root);
  const child = spawnServer(new URL('./soak-server.ts', import.meta.url), root);
  try {
    const url = await serverReady(child, 'soak server');
    const port = Number(new URL(url).port);
    const base = `/api/runs/${RUN}`;
    await get(port, `${base}/logs?start=0&count=1`); // read (indexed) before measuring

    const quiet = await probe(port, p.samples);

    let stop = false;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const targets = [
      `${base}/logs?start=0&count=1000000000`,
      `${base}/logs?start=123456&count=500`,
      `${base}/logs/search?q=loss%200.00001`,
      `${base}/logs/search?q=%5Estep%2019999%5Cd&regex=1`,
      `${base}/raw/files/output.log`,
      `/api/runs`,
    ];
    const waves = (async () => {
      let sent = 0;
      while (!stop) {
        const wave = Array.from({ length: p.concurrent }, (_, i) => get(port, targets[(sent + i) % targets.length]!));
        sent += p.concurrent;
        for (const s of await Promise.all(wave)) count(s);
      }
      return sent;
    })();
    const liveRounds = (async () => {
      let rounds = 0;
      while (!stop) {
        const sockets: Socket[] = [];
        for (let i = 0; i < p.live; i++) {
          const s = connect(port, '127.0.0.1');
          s.on('error', () => undefined);
          s.write(`GET /api/runs/live/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
          sockets.push(s);
        }
        await new Promise((r) => setTimeout(r, 500));
        for (const s of sockets) s.destroy();
        rounds++;
      }
      return rounds;
    })();
    const slow = Array.from({ length: 20 }, () => {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write(`GET ${base}/raw/files/output.log HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      s.pause();
      return s;
    });
    let stopped = 0;
    const evil = (async () => {
      while (!stop) {
        const answers = await Promise.all(
          Array.from({ length: 4 }, () => get(port, `${base}/logs/search?q=(a%2B)%2B%24&regex=1`)),
        );
        stopped += answers.filter((s) => s === 503).length;
      }
    })();

    const hostile = await probe(port, p.samples);
    stop = true;
    const requests = await waves;
    const rounds = await liveRounds;
    await evil;
    for (const s of slow) s.destroy();
    return {
      quiet,
      hostile,
      requests,
      liveRounds: rounds,
      catastrophicStopped: stopped,
      statuses: Object.fromEntries(statuses),
      errors: Object.fromEntries(errors),
    };
  } finally {
    child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}
