/** HttpSource talking to a runpage server over the conformance fixture passes the shared source suite. */
import { HttpSource } from '../../../src/data/http-source.js';
import { buildConformanceFixture, runSourceConformance } from '../../conformance/source-conformance.js';
import { serve, waitFor } from './helpers.js';

runSourceConformance('HttpSource ↔ runpage serve', async () => {
  const { run } = buildConformanceFixture();
  const { registry, server } = await serve();
  const { id, source: memory } = registry.addMemoryRun(run);
  const hub = (await registry.get(id)).hub;
  return {
    source: new HttpSource(server.url),
    runId: id,
    // A live append must come after the watcher's stream is connected, as with any event stream.
    append: async (data) => {
      await waitFor(() => hub.subscribers > 0, 'the event stream to connect');
      memory.append(id, data);
    },
    cleanup: () => server.close(),
  };
});
