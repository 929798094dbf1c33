import assert from 'node:assert/strict';
import { MemorySource } from '../../../src/data/memory-source.js';
import { checkSource, type Repair } from '../../../src/data/checked-source.js';
import { buildConformanceFixture, runSourceConformance } from '../../conformance/source-conformance.js';

// The boundary every element reads through must be invisible to a source that keeps the contract:
// the same answers, and not one repair reported.
runSourceConformance('MemorySource seen through checkSource', async () => {
  const { run } = buildConformanceFixture();
  const inner = new MemorySource(run);
  const repairs: Repair[] = [];
  const source = checkSource(inner, { repaired: (_request, r) => repairs.push(...r) });
  return {
    source,
    runId: run.info.id,
    append: (data) => inner.append(run.info.id, data),
    addRun: async (r) => inner.add(r)[0],
    appendTo: async (id, data) => inner.append(id, data),
    removeRun: async (id) => void inner.remove(id),
    cleanup: async () => assert.deepEqual(repairs, [], 'repairs reported for a source that keeps the contract'),
  };
});
