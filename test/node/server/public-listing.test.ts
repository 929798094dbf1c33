/** --public: a runs-list entry keeps private config and summary entries out, as the run's own page does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../../src/data/memory-source.js';
import { asServedSource } from '../../../src/server/catalog.js';
import { hideServedSource, PrivateCatalog } from '../../../src/server/private-runs.js';
import type { RunCatalog } from '../../../src/server/catalog.js';
import type { RunRef } from '../../../src/data/source.js';

const SECRET = 'sk-abcdefghijklmnopqrstuvwxyz0123456789';
const run = {
  info: {
    id: 'r1',
    name: 'run on /home/alice/work',
    state: 'finished' as const,
    host: 'gpu-box-17',
    tags: ['gpu-box-17'],
    config: { lr: 0.1, api_key: SECRET, out: '/home/alice/out', nested: { token: 'x1y2z3w4x1y2z3w4x1y2' } },
    summary: { loss: 0.5, WANDB_API_KEY: SECRET },
  },
};

function check(ref: RunRef | undefined): void {
  assert.ok(ref);
  const text = JSON.stringify(ref);
  assert.doesNotMatch(text, new RegExp(SECRET));
  assert.doesNotMatch(text, /x1y2z3w4/);
  assert.doesNotMatch(text, /alice/);
  assert.equal(ref.config?.lr, 0.1);
  assert.equal(ref.summary?.loss, 0.5);
}

test('a served source under --public lists the run without its private values', async () => {
  const hidden = hideServedSource(asServedSource(new MemorySource(run)), 'r1');
  const [ref] = await hidden.listRuns();
  check(ref);
  assert.doesNotMatch(JSON.stringify(ref), /gpu-box-17/, 'the host named in a tag');
});

test('the private catalog scrubs the server’s own values and private entries from every listing', async () => {
  const inner: RunCatalog = {
    has: () => true,
    get: () => Promise.reject(new Error('unused')),
    listRuns: async () => [{ ...run.info, error: 'cannot read /srv/runs/r1' }],
    close: () => {},
  };
  const [ref] = await new PrivateCatalog(inner, ['/srv/runs']).listRuns();
  check(ref);
  assert.doesNotMatch(ref!.error!, /\/srv\/runs/);
});
