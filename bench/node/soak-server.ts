/**
 * The server the soak bench attacks, in a process of its own so the load generator's work never
 * counts as the server's: the runs found in a folder, plus `live` (running, for live streams).
 * Prints `READY <url>`.
 */
import { discoverRuns } from '../../src/server/discover.js';
import { RunRegistry } from '../../src/server/registry.js';
import { startServer } from '../../src/server/server.js';
import type { RunInfo } from '../../src/data/source.js';

const registry = new RunRegistry({ log: () => undefined });
registry.addLocations((await discoverRuns([process.argv[2]!])).runs);
registry.addMemoryRun({
  info: { id: 'live', name: 'live', state: 'running', heartbeatAt: Date.now() + 3600_000 } as RunInfo,
  logs: [{ text: 'started' }],
});
const server = await startServer(registry);
process.stdout.write(`READY ${server.url}\n`);
