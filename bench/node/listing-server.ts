/**
 * The server of the serve-listing bench, in a process of its own so its RSS is its own: the runs
 * found in a folder. Prints `READY <url>`.
 */
import { discoverRuns } from '../../src/server/discover.js';
import { RunRegistry } from '../../src/server/registry.js';
import { startServer } from '../../src/server/server.js';

const registry = new RunRegistry({ log: () => undefined });
registry.addLocations((await discoverRuns([process.argv[2]!])).runs);
const server = await startServer(registry);
process.stdout.write(`READY ${server.url}\n`);
