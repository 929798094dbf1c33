/** Shared by the server tests: start a server over a registry, send raw requests. */
import { request } from 'node:http';
import { RunRegistry, type RegistryOptions } from '../../../src/server/registry.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';

export async function serve(options: RegistryOptions = {}): Promise<{ registry: RunRegistry; server: RunpageServer }> {
  const registry = new RunRegistry({ log: () => {}, ...options });
  const server = await startServer(registry);
  return { registry, server };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the target sent exactly as given (fetch would normalise `..` away). */
export function rawGet(base: string, target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: target, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
