/**
 * What the deployment tests share: a small finished W&B run on disk, a free port, the deployment
 * doc's code blocks, and `runpage serve` started as its own process (from the sources, as
 * bin/runpage.js would run it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitRecord, frame, historyRecord, outputRecord, runRecord } from '../../formats/wandb/helpers.js';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SHIM = fileURLToPath(new URL('./runpage-from-src.ts', import.meta.url));

/** A finished W&B run `deploy1` under `dir/wandb/`, with a host name and a console log. */
export function writeRun(dir: string): string {
  const run = join(dir, 'wandb', 'run-20260101_120000-deploy1');
  mkdirSync(join(run, 'files'), { recursive: true });
  writeFileSync(join(run, 'files', 'requirements.txt'), 'torch==2.3\n');
  writeFileSync(
    join(run, 'files', 'wandb-metadata.json'),
    JSON.stringify({ host: 'deploy-host-1', program: '/home/dev/train.py', executable: '/home/dev/venv/bin/python' }),
  );
  const t0 = Date.UTC(2026, 0, 1, 12);
  const records = [runRecord({ id: 'deploy1', project: 'deploy', name: 'deployed run', startMs: t0 })];
  for (let i = 0; i < 50; i++)
    records.push(
      historyRecord(
        [
          ['loss', String(1 / (i + 1))],
          ['_step', String(i)],
          ['_timestamp', String((t0 + i * 1000) / 1000)],
        ],
        i,
      ),
    );
  records.push(outputRecord('training…\n', true, false, t0));
  records.push(exitRecord(0, 50));
  writeFileSync(join(run, 'run-deploy1.wandb'), frame(records));
  return join(dir, 'wandb');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The code blocks of a language in a Markdown file of the repository. */
export function codeBlocks(path: string, lang: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const out: string[] = [];
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

export interface ServeProcess {
  child: ChildProcess;
  /** What it printed on stdout. */
  out: string[];
  err: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** `runpage <args>` as its own process; resolves once it says it is serving. */
export async function spawnRunpage(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SHIM, ...args], {
    cwd: ROOT,
    env: { ...process.env, RUNPAGE_AUTH_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (d: Buffer) => err.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out.push(d.toString());
      if (/serving \d+ runs? at /.test(out.join(''))) resolve();
    });
    void exited.then((code) => reject(new Error(`runpage exited (${code}) before serving: ${err.join('')}`)));
  });
  return { child, out, err, exited };
}
