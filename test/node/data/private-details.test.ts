/**
 * The rule for private details (src/data/private-details.ts) and how the server applies it to a
 * run held in memory, its live changes and its files (src/server/private-runs.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hidePrivateDetails,
  isPrivateKey,
  looksLikeSecret,
  scrubberFor,
  stripUrlCredentials,
  TextScrubber,
} from '../../../src/data/private-details.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunEvent, RunInfo } from '../../../src/data/source.js';
import { hideMemoryRun, hostOfEventFile, PrivateCatalog, RunRedactor } from '../../../src/server/private-runs.js';
import { SourceError } from '../../../src/data/errors.js';
import type { RunCatalog } from '../../../src/server/catalog.js';

const INFO: RunInfo = {
  id: 'r1',
  name: 'resnet on gpu-box-7',
  state: 'finished',
  host: 'gpu-box-7',
  user: 'alice',
  os: 'Linux-6.1',
  command: {
    program: '/home/alice/proj/train.py',
    args: ['--data', '/data/imagenet', '--api-key=k3y-v4lue-123', '--lr', '0.1'],
  },
  python: { version: '3.11.4', executable: '/home/alice/.venv/bin/python' },
  git: { remote: 'https://alice:ghp_0123456789abcdefghijABCDEFGHIJ@github.com/acme/vision.git', commit: 'abc123' },
  config: {
    lr: 0.1,
    BATCH_SIZE: 256,
    CUDA_VISIBLE_DEVICES: '0,1',
    WANDB_API_KEY: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
    optimizer: { name: 'adamw', access_token: 'not-a-real-token-1234' },
    tokenizer: { eos_token: '</s>', pad_token_id: 0, max_tokens: 512, hf_token: 'hf_abcdefghijklmnopqrstuvwxyzAB' },
    env: { PATH: '/usr/bin', HOME: '/home/alice' },
    data_dir: '/home/alice/datasets',
    webhook: 'see sk-abcdefghijklmnopqrstuvwx',
  },
  summary: { loss: 0.1, DB_PASSWORD: 'hunter2hunter2' },
  warnings: ['could not read /home/alice/proj/wandb/run-x/files/media'],
};

describe('the rule for private config keys', () => {
  it('hides environment variables holding text and names of secrets, keeps hyperparameters', () => {
    const hidden = [
      'CUDA_VISIBLE_DEVICES',
      'WANDB_API_KEY',
      'HOME',
      'PATH',
      'apiKey',
      'api_key',
      'accessToken',
      'AUTH-TOKEN',
      'password',
      'db.passwd',
      'client_secret',
      'aws_secret_access_key',
      'credentials',
      'session_token',
      'env',
      'environ',
    ];
    for (const key of hidden) assert.equal(isPrivateKey(key, 'some text value'), true, key);
    const kept = [
      'lr',
      'BATCH_SIZE',
      'author',
      'tokenizer',
      'pad_token_id',
      'max_tokens',
      'num_keys',
      'keyframe',
      'monkey',
      'authors',
    ];
    for (const key of kept) assert.equal(isPrivateKey(key, 32), false, key);
    // Upper-case constants holding numbers are hyperparameters, not the environment.
    assert.equal(isPrivateKey('LEARNING_RATE', 0.1), false);
    assert.equal(isPrivateKey('CUDA_HOME', '/usr/local/cuda'), true);
    // A long unspaced string under a key ending in `token` is one; a special-token string is not.
    assert.equal(isPrivateKey('hf_token', 'hf_abcdefghijklmnopqrstuv'), true);
    assert.equal(isPrivateKey('eos_token', '</s>'), false);
  });

  it('knows credentials of well-known services by their shape', () => {
    for (const s of [
      'ghp_0123456789abcdefghijABCDEFGHIJ',
      'github_pat_11ABCDEFG0123456789_abcdefghij',
      'hf_abcdefghijklmnopqrstuvwxyzAB',
      'sk-proj-abcdefghijklmnopqrstuvwx',
      'xoxb-1234567890-abcdef',
      'AKIAIOSFODNN7EXAMPLE',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijkl',
    ])
      assert.equal(looksLikeSecret(s), true, s);
    for (const s of ['86db7dc9144c87a4b41cad77a0dae2e55288b587', 'resnet50', 'sk-learn', 'hf_home'])
      assert.equal(looksLikeSecret(s), false, s);
  });

  it('strips credentials from URLs, keeps the rest of the URL', () => {
    assert.equal(
      stripUrlCredentials('git clone https://bob:s3cr3t@git.example.com/r.git now'),
      'git clone https://git.example.com/r.git now',
    );
    assert.equal(
      stripUrlCredentials('postgres://u@db:5432/x and git@github.com:a/b.git'),
      'postgres://db:5432/x and git@github.com:a/b.git',
    );
  });
});

describe('hiding a run’s private details', () => {
  it('withholds the private fields and entries and says which', () => {
    const out = hidePrivateDetails(INFO);
    assert.deepEqual(out.withheld, [
      'command',
      'config.CUDA_VISIBLE_DEVICES',
      'config.WANDB_API_KEY',
      'config.env',
      'config.optimizer.access_token',
      'config.tokenizer.hf_token',
      'git.credentials',
      'host',
      'python.executable',
      'summary.DB_PASSWORD',
      'user',
    ]);
    for (const k of ['host', 'user', 'command'] as const) assert.equal(out[k], undefined);
    assert.deepEqual(out.python, { version: '3.11.4' });
    assert.equal(out.git?.remote, 'https://github.com/acme/vision.git');
    assert.equal(out.os, 'Linux-6.1');
    assert.deepEqual(out.config?.tokenizer, { eos_token: '</s>', pad_token_id: 0, max_tokens: 512 });
    assert.equal(out.config?.BATCH_SIZE, 256);
    // HOME is one of the private values (the env entry): the path loses it whole.
    assert.equal(out.config?.data_dir, '[hidden]/datasets');
    assert.equal(out.config?.webhook, 'see [hidden]');
    assert.equal(out.name, 'resnet on [hidden]');
    assert.deepEqual(out.warnings, ['could not read [hidden]/proj/wandb/run-x/files/media']);
    // The input is not changed.
    assert.equal(INFO.host, 'gpu-box-7');
  });

  it('hides the run’s values wherever they turn up in text', () => {
    const s = scrubberFor(INFO);
    const line =
      'gpu-box-7: python /home/alice/proj/train.py --api-key=k3y-v4lue-123 (key f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed) pushed to https://alice:pw@github.com/acme';
    assert.equal(
      s.scrub(line),
      '[hidden]: python [hidden] --api-key=[hidden] (key [hidden]) pushed to https://github.com/acme',
    );
    // Whole words only: a host name inside another word stays.
    assert.equal(s.scrub('my-gpu-box-77 and gpu-box-7.'), 'my-gpu-box-77 and [hidden].');
    assert.equal(
      new TextScrubber().scrub('C:\\Users\\Bob\\x and /Users/bob/y'),
      'C:\\Users\\[hidden]\\x and /Users/[hidden]/y',
    );
  });
});

describe('a run served without its private details', () => {
  it('answers facts, logs and searches from the redacted run: the hidden text cannot be found', async () => {
    const run = hideMemoryRun({
      info: { ...INFO, format: 'wandb' },
      logs: [{ text: 'starting on gpu-box-7' }, { text: 'loss 0.1' }, { text: 'reading /home/alice/datasets' }],
      files: [
        { path: 'files/output.log' },
        { path: 'files/requirements.txt' },
        { path: 'events.out.tfevents.1700000000.gpu-box-7.1.0' },
      ],
    });
    const source = new MemorySource(run);
    const info = await source.getRun('r1');
    assert.equal(info.host, undefined);
    assert.ok(info.withheld?.includes('host'));
    const logs = await source.getLogs({ runId: 'r1', start: 0, count: 10 });
    assert.deepEqual(
      logs.lines.map((l) => l.text),
      ['starting on [hidden]', 'loss 0.1', 'reading [hidden]/datasets'],
    );
    assert.equal((await source.searchLogs({ runId: 'r1', query: 'gpu-box' })).total, 0);
    assert.equal((await source.searchLogs({ runId: 'r1', query: 'alice' })).total, 0);
    assert.equal((await source.searchLogs({ runId: 'r1', query: 'loss' })).total, 1);
    // A lazily read log is redacted line by line as it is read.
    const lazy = hideMemoryRun({ info: INFO, logs: { count: 2, line: (i) => ({ text: `line ${i} on gpu-box-7` }) } });
    const lazySource = new MemorySource(lazy);
    assert.equal((await lazySource.getLogs({ runId: 'r1', start: 1, count: 1 })).lines[0].text, 'line 1 on [hidden]');
    assert.deepEqual(
      (await source.listFiles('r1', 'files')).entries.map((e) => e.name),
      ['requirements.txt'],
    );
    assert.equal(
      (await source.listFiles('r1', '')).entries.some((e) => e.name.startsWith('events.')),
      false,
    );
  });

  it('redacts live changes; withheld grows as a whole list; new secrets are learned', () => {
    const r = new RunRedactor(INFO);
    r.info(INFO);
    const quiet = r.patch({ heartbeatAt: 5, summary: { loss: 0.05 } });
    assert.equal(quiet.withheld, undefined, 'nothing new withheld: the patch does not repeat the list');
    const patch = r.patch({ config: { ...INFO.config, NEW_TOKEN_VAR: 'tok-0987654321zyxw' } });
    assert.ok(patch.withheld?.includes('config.NEW_TOKEN_VAR'));
    assert.ok(patch.withheld?.includes('host'), 'the whole list, since clients merge patches');
    assert.equal(r.text('leaked tok-0987654321zyxw here'), 'leaked [hidden] here');
    const e = r.event({
      type: 'logs',
      lines: [{ n: 3, text: 'on gpu-box-7', stream: 'stdout' }],
      total: 4,
    } as RunEvent);
    assert.equal((e as { lines: { text: string }[] }).lines[0].text, 'on [hidden]');
  });

  it('refuses the W&B files that hold the details, in a W&B run or below another folder', () => {
    const wandb = new RunRedactor({ ...INFO, format: 'wandb' });
    for (const p of [
      'files/wandb-metadata.json',
      'files/config.yaml',
      'files/output.log',
      'files/wandb-summary.json',
      'logs/debug.log',
      'logs',
      'run-r1.wandb',
    ])
      assert.equal(wandb.allows(p), false, p);
    for (const p of ['files/requirements.txt', 'files/media/images/a.png', 'files/diff.patch'])
      assert.equal(wandb.allows(p), true, p);
    const other = new RunRedactor({ ...INFO, format: 'tfevents' });
    assert.equal(other.allows('logs/train.log'), true, 'a logs/ folder of a TensorBoard run is its own');
    assert.equal(other.allows('config.yaml'), true);
    assert.equal(other.allows('wandb/offline-run-20210216_154407-g9dvvkua/files/config.yaml'), false);
    assert.equal(other.allows('wandb/debug-internal.log'), false);
    assert.throws(() => wandb.check('files/output.log'), /Logs tab/);
  });

  it('finds host names in event file names', () => {
    assert.equal(hostOfEventFile('events.out.tfevents.1753805796.pkMac.local.49879.0'), 'pkMac.local');
    assert.equal(hostOfEventFile('events.out.tfevents.1666350020.67d731bb51ab.314.0.v2'), '67d731bb51ab');
    assert.equal(hostOfEventFile('events.out.tfevents.1666015010.MS-IJHPFNLAGMLT.profile-empty'), 'MS-IJHPFNLAGMLT');
    assert.equal(hostOfEventFile('events.out.tfevents.1585769947.cvp'), 'cvp');
    assert.equal(hostOfEventFile('train.log'), undefined);
  });
});

describe('the runs list of a public server', () => {
  it('does not name the server’s folders in the errors of runs it cannot read', async () => {
    const root = '/srv/team-runs/wandb';
    const inner: RunCatalog = {
      has: () => true,
      get: () =>
        Promise.reject(new SourceError('invalid-data', `wandb run at ${root}/run-x could not be read: truncated`)),
      listRuns: async () => [
        { id: 'x', name: 'run-x', error: `wandb run at ${root}/run-x could not be read: truncated` },
      ],
      close: () => {},
    };
    const catalog = new PrivateCatalog(inner, [root]);
    const [ref] = await catalog.listRuns();
    assert.equal(ref.error, 'wandb run at [hidden]/run-x could not be read: truncated');
    const e = (await catalog.get('x').catch((x: unknown) => x)) as SourceError;
    assert.equal(e.code, 'invalid-data');
    assert.equal(e.message, 'wandb run at [hidden]/run-x could not be read: truncated');
  });
});
