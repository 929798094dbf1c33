import { MemorySource } from '../../../src/data/memory-source.js';
import { buildConformanceFixture, runSourceConformance } from '../../conformance/source-conformance.js';

runSourceConformance('MemorySource', async () => {
  const { run } = buildConformanceFixture();
  const source = new MemorySource(run);
  return {
    source,
    runId: run.info.id,
    append: (data) => source.append(run.info.id, data),
    addRun: async (r) => source.add(r)[0],
    appendTo: async (id, data) => source.append(id, data),
    removeRun: async (id) => void source.remove(id),
  };
});
