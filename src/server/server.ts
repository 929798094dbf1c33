/**
 * `runpage serve` as its own HTTP server: `createRunpageHandler` (src/server/handler.ts) listening
 * on a port. Binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RunCatalog } from './catalog.js';
import { answerClientError } from './client-errors.js';
import { createRunpageHandler, type RunpageHandler, type RunpageHandlerOptions } from './handler.js';

export interface ServeOptions extends RunpageHandlerOptions {
  port?: number;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
}

export interface RunpageServer {
  server: Server;
  handler: RunpageHandler;
  /** `http://host:port/` (with the base path, when there is one). */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens with a handler over `options` (and `catalog`, when given: the runs an app or a test holds).
 * Rejects when the port cannot be had.
 */
export async function startServer(catalog?: RunCatalog, options: ServeOptions = {}): Promise<RunpageServer> {
  const { port, host, ...handlerOptions } = options;
  const handler = createRunpageHandler(catalog ? { ...handlerOptions, catalog } : handlerOptions);
  const server = createServer(handler);
  server.on('clientError', (error, socket) => answerClientError(error, socket as Socket));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? 0, host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await handler.close();
    throw e;
  }
  const address = server.address() as AddressInfo;
  // Bound to every interface: show an address this machine can open.
  const shown =
    address.address === '0.0.0.0' || address.address === '::'
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  const base = (options.basePath ?? '').trim().replace(/^\/*/, '/').replace(/\/*$/, '/');
  return {
    server,
    handler,
    url: `http://${shown}:${address.port}${base}`,
    close: async () => {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
