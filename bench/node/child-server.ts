/**
 * Starts a bench server script (`soak-server.ts`, `listing-server.ts`) in a child process over
 * `root` and waits for the `READY <url>` line it prints once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function spawnServer(script: URL, root: string, env?: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script), root], {
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
}

/** The URL the child prints when it is ready; rejects when it exits first. */
export function serverReady(child: ChildProcess, name: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      text += c;
      const m = /READY (\S+)/.exec(text);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
}
