/**
 * The server of the serve-listing bench, in a process of its own so its RSS is its own: the runs
 * found in a folder, with the runs-list cache in `$XDG_CACHE_HOME/runpage` as `runpage serve`
 * keeps it. Prints `READY <url>`.
 */
import { defaultCacheDir } from '../../src/server/cache-dir.js';
import { discoverRuns } from '../../src/server/discover.js';
import { RunRegistry } from '../../src/server/registry.js';
import { startServer } from '../../src/server/server.js';

const registry = new RunRegistry({ log: () => undefined, cacheDir: defaultCacheDir() });
registry.addLocations((await discoverRuns([process.argv[2]!])).runs);
const server = await startServer(registry);
process.stdout.write(`READY ${server.url}\n`);
