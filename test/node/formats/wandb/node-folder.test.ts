import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFolder, safeSegments } from '../../../../src/server/node-folder.js';
import { findWandbRuns } from '../../../../src/formats/wandb/discover.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { isSourceError } from '../../../../src/data/errors.js';
import { frame, outputRecord, runRecord } from './helpers.js';

let tmp: string;
let run: string;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'runpage-wandb-'));
  const outside = join(tmp, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  writeFileSync(join(outside, 'config.yaml'), 'stolen:\n  value: 1\n');
  run = join(tmp, 'project', 'wandb', 'run-20240102_030405-abc');
  mkdirSync(join(run, 'files', 'media'), { recursive: true });
  writeFileSync(join(run, 'files', 'a.txt'), '0123456789');
  writeFileSync(join(run, 'run-abc.wandb'), frame([runRecord({ id: 'abc', startMs: 1 }), outputRecord('hi\n')]));
  symlinkSync(join(outside, 'secret.txt'), join(run, 'files', 'link-out.txt'));
  symlinkSync(join(outside, 'config.yaml'), join(run, 'files', 'config.yaml'));
  symlinkSync(outside, join(run, 'files', 'dir-out'));
  symlinkSync('a.txt', join(run, 'files', 'link-in.txt'));
  symlinkSync(join(tmp, 'nowhere'), join(run, 'files', 'dangling'));
  symlinkSync('../../..', join(run, 'files', 'up'));
  // discovery layout
  symlinkSync('run-20240102_030405-abc', join(tmp, 'project', 'wandb', 'latest-run'));
  mkdirSync(join(tmp, 'project', '.wandb', 'offline-run-20240103_000000-def', 'files'), { recursive: true });
  mkdirSync(join(tmp, 'project', 'exp', 'sub', 'wandb', 'run-20240104_000000-ghi-resumed'), { recursive: true });
  mkdirSync(join(tmp, 'project', 'node_modules', 'pkg', 'wandb', 'run-20240105_000000-zzz'), { recursive: true });
});

after(() => rmSync(tmp, { recursive: true, force: true }));

async function rejects(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: unknown) => isSourceError(e) && e.code === code);
}

test('safe path segments: .. , absolute, drive letters and NUL are refused', () => {
  assert.deepEqual(safeSegments('files/./a.txt'), ['files', 'a.txt']);
  assert.deepEqual(safeSegments(''), []);
  for (const bad of ['..', 'files/../../x', '/etc/passwd', '\\\\server\\share', 'C:/x', 'a\0b', 'files\\..\\..\\x']) {
    assert.throws(
      () => safeSegments(bad),
      (e: unknown) => isSourceError(e) && e.code === 'invalid-data',
      bad,
    );
  }
});

test('listing shows links out of the folder as `link` and never follows them', async () => {
  const f = createNodeFolder(run);
  const entries = await f.list('files');
  const kinds = Object.fromEntries(entries.map((e) => [e.name, e.kind]));
  assert.deepEqual(kinds, {
    'a.txt': 'file',
    'link-out.txt': 'link',
    'config.yaml': 'link',
    'dir-out': 'link',
    'link-in.txt': 'file',
    dangling: 'link',
    up: 'link',
    media: 'dir',
  });
  assert.equal(entries.find((e) => e.name === 'link-in.txt')!.size, 10);
});

test('reading: inside links work, links out, .. and absolute paths are refused', async () => {
  const f = createNodeFolder(run);
  assert.equal(new TextDecoder().decode(await f.read('files/a.txt')), '0123456789');
  assert.equal(new TextDecoder().decode(await f.read('files/link-in.txt')), '0123456789');
  await rejects(f.read('files/link-out.txt'), 'invalid-data');
  await rejects(f.read('files/dir-out/secret.txt'), 'invalid-data');
  await rejects(f.list('files/dir-out'), 'invalid-data');
  await rejects(f.list('files/up'), 'invalid-data');
  await rejects(f.read('../../outside/secret.txt'), 'invalid-data');
  await rejects(f.read(join(tmp, 'outside', 'secret.txt')), 'invalid-data');
  // a dangling link whose target is outside is refused like any link out: the status never tells
  // whether something exists out there
  await rejects(f.read('files/dangling'), 'invalid-data');
  await rejects(f.read('files/missing'), 'not-found');
  await rejects(f.read('files'), 'not-found');
});

test('streaming from an offset', async () => {
  const f = createNodeFolder(run);
  const parts: Uint8Array[] = [];
  for await (const c of f.stream('files/a.txt', 4)) parts.push(c);
  assert.equal(Buffer.concat(parts).toString(), '456789');
});

test('the reader lists a config.yaml link out of the folder but does not read it', async () => {
  const r = await readWandbRun(createNodeFolder(run), { folderName: 'run-20240102_030405-abc', now: 2 });
  assert.deepEqual(r.info.config, {});
  const linked = r.files!.find((x) => x.path === 'files/config.yaml');
  assert.equal(linked?.mime, 'inode/symlink');
  assert.equal(
    r.files!.some((x) => x.path.startsWith('files/dir-out/')),
    false,
  );
  assert.ok(r.files!.some((x) => x.path === 'files/link-in.txt' && x.size === 10));
});

test('discovery: wandb/ and .wandb/ at any depth, links and node_modules skipped', async () => {
  const found = await findWandbRuns(createNodeFolder(join(tmp, 'project')));
  assert.deepEqual(
    found.map((r) => [r.path, r.id, r.offline]),
    [
      ['.wandb/offline-run-20240103_000000-def', 'def', true],
      ['exp/sub/wandb/run-20240104_000000-ghi-resumed', 'ghi', false],
      ['wandb/run-20240102_030405-abc', 'abc', false],
    ],
  );
  const self = await findWandbRuns(createNodeFolder(run), { rootName: 'run-20240102_030405-abc' });
  assert.deepEqual(
    self.map((r) => [r.path, r.id]),
    [['', 'abc']],
  );
  const shallow = await findWandbRuns(createNodeFolder(join(tmp, 'project')), { maxDepth: 1 });
  assert.deepEqual(
    shallow.map((r) => r.id),
    ['def', 'abc'],
  );
  assert.deepEqual(await findWandbRuns(createNodeFolder(join(tmp, 'does-not-exist'))), []);
});
