/** HttpSource talking to a runpage server over the conformance fixture passes the shared source suite. */
import { HttpSource } from '../../../src/data/http-source.js';
import type { MemorySource } from '../../../src/data/memory-source.js';
import { buildConformanceFixture, runSourceConformance } from '../../conformance/source-conformance.js';
import { serve } from './helpers.js';
import { until } from '../../support/until.js';

runSourceConformance('HttpSource ↔ runpage serve', async () => {
  const { run } = buildConformanceFixture();
  const { registry, server } = await serve();
  const { id, source: memory } = registry.addMemoryRun(run);
  const hub = (await registry.get(id)).hub;
  const source = new HttpSource(server.url);
  let revived = false;
  const added = new Map<string, MemorySource>();
  return {
    source,
    runId: id,
    append: async (data) => {
      // The fixture run has finished, and a finished run is not streamed: make it live on the
      // server first and let the client learn so, as it would of a run that is still training.
      if (!revived) {
        revived = true;
        memory.append(id, { run: { state: 'running', heartbeatAt: Date.now() } });
        await source.getRun(id);
        // A live append must come after the watcher's stream is connected, as with any event stream.
        await until(() => hub.subscribers > 0, 'the event stream to connect');
      }
      memory.append(id, data);
    },
    addRun: async (r) => {
      const { id: newId, source: held } = registry.addMemoryRun(r);
      added.set(newId, held);
      return newId;
    },
    appendTo: async (runId, data) => (added.get(runId) ?? memory).append(runId, data),
    // the listing stream is on once the server's watch has its first listing and follows the runs
    runsWatched: async () =>
      void (await until(() => registry.runChangeListenerCount > 0, 'the listing stream to connect')),
    cleanup: () => server.close(),
  };
});
