/**
 * `runpage/server`: the runpage server for Node, to mount in an app or start on its own.
 *
 *   import { createRunpageHandler } from 'runpage/server';
 *   app.use('/runpage', createRunpageHandler({ paths: ['/data/wandb'], authToken: process.env.RUNPAGE_TOKEN }));
 *
 * See docs/deploy.md.
 */
export { createRunpageHandler, type RunpageHandler, type RunpageHandlerOptions } from './handler.js';
export { startServer, type RunpageServer, type ServeOptions } from './server.js';
export { asServedSource, JoinedCatalog, type RunCatalog, type ServedRun, type ServedSource } from './catalog.js';
export { RunRegistry, type RegistryOptions } from './registry.js';
export { TrackingServerRuns, type TrackingServerOptions } from './mlflow-runs.js';
export type { RunsToServe } from './open-runs.js';
