/**
 * The repository served as static files (scripts/static-server.mjs), as a docs site serves the
 * script-tag builds beside its pages: for the tests that open test/pages/*.html over dist/.
 */
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';

export interface StaticRoot {
  /** `http://127.0.0.1:PORT/`, the repository's root. */
  base: string;
  close(): Promise<void>;
}

export async function serveRoot(): Promise<StaticRoot> {
  const { serveStatic } = (await import(pathToFileURL(join(ROOT, 'scripts/static-server.mjs')).href)) as {
    serveStatic(root: string, o: { port: number }): Promise<Server>;
  };
  const server = await serveStatic(ROOT, { port: 0 });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
