/**
 * The server under attack, in a process of its own (hostile.ts starts it): when a request stalls
 * it, the tests (in another process) still run, see it, and fail instead of hanging with it.
 *
 *   node --import tsx test/hostile/server/child-server.ts <folder of runs>
 *
 * Serves the runs found in the folder, plus in-memory runs: `mem` (a console with hostile lines)
 * and `live` (running, for live streams). Prints `READY <url>` once listening and `REQUEST` for
 * each request it takes (so a test can wait until its requests have arrived).
 */
import { discoverRuns } from '../../../src/server/discover.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer } from '../../../src/server/server.js';
import type { RunInfo } from '../../../src/data/source.js';
import { memoryConsole } from './fixtures.js';

const [dir] = process.argv.slice(2);
const registry = new RunRegistry({ log: () => undefined });
if (dir) registry.addLocations((await discoverRuns([dir])).runs);
registry.addMemoryRun({ info: { id: 'mem', name: 'mem', state: 'finished' } as RunInfo, logs: memoryConsole() });
registry.addMemoryRun({
  info: { id: 'live', name: 'live', state: 'running', heartbeatAt: Date.now() + 3600_000 } as RunInfo,
  logs: [{ text: 'started' }],
});
const server = await startServer(registry);
server.server.on('request', () => process.stdout.write('REQUEST\n'));
process.stdout.write(`READY ${server.url}\n`);
