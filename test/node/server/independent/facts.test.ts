/**
 * Every run `runpage serve ../shared/fixtures/real` lists, compared with what the independent
 * readers in test/independent/ (written from FORMATS.md, sharing no code with src/) read from the
 * same files: state, exit code, start/end/runtime, every metric point bit for bit, the console
 * line by line, config and summary, every file byte for byte, hardware. Then the same for copies
 * of real W&B runs made here without their datastore, or with an empty one, and with the
 * metadata shapes of other SDK versions: the folder's other files must carry the facts alone.
 *
 * A failure lists each difference as `field: expected … got …`, the expectation being the
 * independent reader's; its rules (what decides a state, which file wins) are written at the top
 * of each reader, so a reviewer can judge which side is right.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { discoverRuns } from '../../../../src/server/discover.js';
import type { RunpageServer } from '../../../../src/server/server.js';
import { serve } from '../helpers.js';
import type { RunFacts } from '../../../independent/facts.js';
import { findRuns, type FoundRuns } from '../../../independent/find-runs.js';
import { readMlflowRun } from '../../../independent/mlflow.js';
import { readTensorBoardRun } from '../../../independent/tfevents.js';
import { readWandbRun } from '../../../independent/wandb.js';
import { compareRun } from './compare.js';
import { ServerAnswers } from './server-answers.js';

const REAL = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;

interface ListedRun {
  id: string;
  format?: string;
  error?: string;
}

interface Served {
  server: RunpageServer;
  answers: ServerAnswers;
  listed: ListedRun[];
  found: FoundRuns;
}

/** `runpage serve root`, in process, with the runs found there independently too. */
async function serveFolder(root: string): Promise<Served> {
  const discovered = await discoverRuns([root]);
  const { registry, server } = await serve();
  registry.addLocations(discovered.runs);
  const answers = new ServerAnswers(server.url);
  return { server, answers, listed: await answers.json<ListedRun[]>('api/runs'), found: findRuns(root) };
}

/** The independent reader's facts for a run the server lists, found by the formats' own naming. */
function factsFor(root: string, run: ListedRun, found: FoundRuns, now: number): RunFacts | string {
  if (run.format === 'wandb') {
    const dir = found.wandb.get(run.id);
    return dir ? readWandbRun(dir, now) : `no W&B run folder named …-${run.id}`;
  }
  if (run.format === 'mlflow') {
    const dir = found.mlflow.get(run.id);
    return dir ? readMlflowRun(dir, now) : `no mlruns/<experiment>/${run.id}/meta.yaml`;
  }
  if (run.format === 'tfevents') {
    // The server names a TensorBoard run by the searched folder's name, then its path below it.
    const below = run.id.split('/').slice(1).join('/');
    const dir = join(root, below);
    return existsSync(dir) ? readTensorBoardRun(dir, now) : `no folder ${below}`;
  }
  return `no independent reader for format ${String(run.format)}`;
}

/** One subtest per listed run; each fails with every difference it found. */
async function compareEveryRun(t: TestContext, root: string, served: Served): Promise<void> {
  const now = Date.now();
  for (const run of served.listed) {
    await t.test(`${run.format} ${run.id}`, async (st) => {
      assert.equal(run.error, undefined, `the server could not read ${run.id}`);
      const facts = factsFor(root, run, served.found, now);
      if (typeof facts === 'string') assert.fail(facts);
      if (facts.notes.length > 0) st.diagnostic(`reader notes: ${facts.notes.join('; ')}`);
      const mismatches = await compareRun(run.id, facts, served.answers);
      const report = mismatches.map((m) => `  ${m.field}:\n    expected ${m.expected}\n    got      ${m.got}`);
      assert.equal(
        mismatches.length,
        0,
        `${run.id} (${run.format}): ${mismatches.length} differences\n${report.join('\n')}`,
      );
    });
  }
}

describe('the server agrees with an independent reader of the real fixtures', { skip }, () => {
  let served: Served;
  before(async () => {
    served = await serveFolder(REAL);
  });
  after(() => served?.server.close());

  it('lists every run the formats name, and serves each event file from one run', () => {
    const { listed, found } = served;
    assert.deepEqual(found.duplicates, [], 'run ids met twice in the fixtures');
    const ids = (format: string) =>
      listed
        .filter((r) => r.format === format)
        .map((r) => r.id)
        .sort();
    assert.deepEqual(ids('wandb'), [...found.wandb.keys()].sort());
    assert.deepEqual(ids('mlflow'), [...found.mlflow.keys()].sort());
    const tfFolders = ids('tfevents').map((id) => join(REAL, id.split('/').slice(1).join('/')));
    for (const file of found.eventFiles) {
      const owners = tfFolders.filter((dir) => !relative(dir, file).startsWith('..'));
      assert.equal(owners.length, 1, `${relative(REAL, file)} is served by ${owners.length} runs`);
    }
  });

  it('every listed run has the facts its files hold', (t) => compareEveryRun(t, REAL, served));
});

/**
 * Copies of real W&B runs under new ids: without a datastore, or with an empty one; two with
 * wandb-metadata.json in the shapes other SDK versions write (memory in GiB as a number up to
 * 0.17; in bytes as a string, with `gpu_nvidia`, from 0.19).
 */
const ARM = 'ARM-software__keyword-transformer/wandb';
const DAMAGED: { from: string; id: string; datastore: 'none' | 'empty'; metadata?: Record<string, unknown> }[] = [
  { from: `${ARM}/run-20220429_201847-2zuxwf70`, id: 'nostore1', datastore: 'none' },
  { from: `${ARM}/run-20220429_201936-3ojed7lz`, id: 'nostore2', datastore: 'none' },
  { from: `${ARM}/run-20220429_201847-2zuxwf70`, id: 'emptyds1', datastore: 'empty' },
  { from: `${ARM}/run-20220429_201936-3ojed7lz`, id: 'emptyds2', datastore: 'empty' },
  {
    from: `${ARM}/run-20220429_201847-2zuxwf70`,
    id: 'memgib17',
    datastore: 'none',
    metadata: { memory: { total: 503.7655143737793 } },
  },
  {
    from: `${ARM}/run-20220429_201847-2zuxwf70`,
    id: 'membyt19',
    datastore: 'none',
    metadata: {
      startedAt: '2025-12-20T18:05:11.222007Z',
      cpu_count: 6,
      cpu_count_logical: 12,
      gpu: 'NVIDIA L4',
      gpu_count: 1,
      memory: { total: '56863338496' },
      gpu_nvidia: [{ name: 'NVIDIA L4', memoryTotal: '24152899584', cudaCores: 7424, architecture: 'Ada' }],
    },
  },
];

/** Copies a folder (fixture folders are read-only, the copy is not), leaving out `.wandb` files. */
function copyWithoutDatastore(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyWithoutDatastore(src, join(to, name));
    else if (!name.endsWith('.wandb')) copyFileSync(src, join(to, name));
  }
}

describe('the server agrees with an independent reader of W&B runs without a datastore', { skip }, () => {
  let root: string;
  let served: Served;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'runpage-independent-'));
    for (const d of DAMAGED) {
      const dir = join(
        root,
        'wandb',
        d.from
          .split('/')
          .pop()!
          .replace(/-[A-Za-z0-9]+$/, `-${d.id}`),
      );
      copyWithoutDatastore(join(REAL, d.from), dir);
      if (d.datastore === 'empty') writeFileSync(join(dir, `run-${d.id}.wandb`), '');
      if (d.metadata) {
        const path = join(dir, 'files', 'wandb-metadata.json');
        const original = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        rmSync(path, { force: true });
        writeFileSync(path, JSON.stringify({ ...original, ...d.metadata }, null, 4));
      }
    }
    served = await serveFolder(root);
  });
  after(() => {
    served?.server.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('lists every copy', () => {
    assert.deepEqual(served.listed.map((r) => r.id).sort(), DAMAGED.map((d) => d.id).sort());
  });

  it('every copy has the facts its files hold', (t) => compareEveryRun(t, root, served));
});
