/**
 * `runpage serve` as a user starts it: the built CLI (bin/runpage.js over dist/) in its own
 * process, on a free port. Resolves once it prints the address it serves at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export interface Served {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** What the server wrote to stderr so far (problems it met, failing live polls). */
  stderr(): string;
  close(): Promise<void>;
}

const STARTUP_MS = 30_000;

export async function runpageServe(paths: readonly string[]): Promise<Served> {
  if (!existsSync(join(ROOT, 'dist/server/cli.js')) || !existsSync(join(ROOT, 'dist/runpage.bundle.js')))
    throw new Error('dist/ is missing: the end-to-end tests use the built package; run `npm run build` first.');
  const child = spawn(process.execPath, [join(ROOT, 'bin/runpage.js'), 'serve', ...paths, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no address within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`runpage serve ${paths.join(' ')}: ${why}\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /serving \d+ runs? at (http:\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before serving`));
    child.once('error', (e) => fail(e.message));
  });
  let closing = false;
  // A server that dies under a test leaves only "connection refused" behind: say why it died.
  child.once('exit', (code, signal) => {
    if (!closing)
      process.stderr.write(
        `runpage serve exited (${signal ?? `code ${code}`}) during the tests; its stderr:\n${err}\n`,
      );
  });
  return {
    url,
    stderr: () => err,
    close: () => {
      closing = true;
      return stop(child);
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
