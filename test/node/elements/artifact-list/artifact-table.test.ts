import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArtifactDetail, ArtifactInfo, RunSource } from '../../../../src/data/source.js';
import { SourceError } from '../../../../src/data/errors.js';
import {
  cleanArtifacts,
  filterArtifacts,
  shortDigest,
  sortArtifacts,
} from '../../../../src/elements/artifact-list/artifact-table.js';
import { artifactFilesSource } from '../../../../src/elements/artifact-list/artifact-files-source.js';

const a = (id: string, extra: Partial<ArtifactInfo> = {}): ArtifactInfo => ({
  id,
  name: id,
  type: 'dataset',
  direction: 'output',
  aliases: [],
  ...extra,
});

const list = [
  a('mnist', { version: 'v10', size: 300, createdAt: 3, aliases: ['latest'], fileCount: 2 }),
  a('cifar', { version: 'v9', size: 100, type: 'dataset', fileCount: 10 }),
  a('resnet', { version: 'v2', type: 'model', aliases: ['best', 'production'], createdAt: 1 }),
];

test('search matches name, type and aliases, every word', () => {
  assert.deepEqual(
    filterArtifacts(list, 'MODEL').map((x) => x.id),
    ['resnet'],
  );
  assert.deepEqual(
    filterArtifacts(list, 'prod').map((x) => x.id),
    ['resnet'],
  );
  assert.deepEqual(
    filterArtifacts(list, 'dataset latest').map((x) => x.id),
    ['mnist'],
  );
  assert.deepEqual(filterArtifacts(list, '  ').length, 3);
  assert.deepEqual(filterArtifacts(list, 'nothing'), []);
});

test('sort by each column; versions naturally; missing values last', () => {
  const ids = (key: Parameters<typeof sortArtifacts>[1]['key'], dir: 'asc' | 'desc') =>
    sortArtifacts(list, { key, dir }).map((x) => x.id);
  assert.deepEqual(ids('name', 'asc'), ['cifar', 'mnist', 'resnet']);
  assert.deepEqual(ids('name', 'desc'), ['resnet', 'mnist', 'cifar']);
  assert.deepEqual(ids('version', 'asc'), ['resnet', 'cifar', 'mnist']);
  assert.deepEqual(ids('size', 'desc'), ['mnist', 'cifar', 'resnet']);
  assert.deepEqual(ids('size', 'asc'), ['cifar', 'mnist', 'resnet']);
  assert.deepEqual(ids('createdAt', 'asc'), ['resnet', 'mnist', 'cifar']);
  assert.deepEqual(ids('fileCount', 'desc'), ['cifar', 'mnist', 'resnet']);
  assert.deepEqual(ids('type', 'asc'), ['cifar', 'mnist', 'resnet']);
});

test('cleanArtifacts keeps what is usable and reports the rest', () => {
  const { artifacts, warnings } = cleanArtifacts([
    { id: 'x', name: 'x', type: 'model', direction: 'input', aliases: ['a', 3, null], size: 'big', createdAt: NaN },
    { name: 'no id' },
    null,
    { id: 'x', name: 'again' },
    { id: 7, type: 5, aliases: 'latest' },
  ]);
  assert.deepEqual(artifacts, [
    { id: 'x', name: 'x', type: 'model', direction: 'input', aliases: ['a', '3'] },
    { id: '7', name: '7', type: '5', direction: 'output', aliases: [] },
  ]);
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.deepEqual(cleanArtifacts({}).artifacts, []);
  assert.equal(cleanArtifacts({}).warnings.length, 1);
  assert.equal(cleanArtifacts(undefined).warnings.length, 0);
});

test('shortDigest', () => {
  assert.equal(shortDigest('sha256:0123456789abcdef'), '01234567');
  assert.equal(shortDigest('abc'), 'abc');
});

const detail: ArtifactDetail = {
  ...a('data:v1', { name: 'data', version: 'v1' }),
  files: [
    { path: 'train/a.tar', name: 'a.tar', kind: 'file', size: 10 },
    { path: 'train/b.tar', name: 'b.tar', kind: 'file', size: 20 },
    { path: 'README.md', name: 'README.md', kind: 'file', size: 5 },
    { path: 'empty', name: 'empty', kind: 'dir' },
    { path: '../escape', name: 'escape', kind: 'file' },
  ],
};

test('the artifact files source lists the manifest and reads through readArtifactFile', async () => {
  const calls: unknown[][] = [];
  const base: RunSource = {
    getRun: async () => ({ id: 'r1', state: 'finished' }),
    readArtifactFile: async (runId, artifactId, path, range) => {
      calls.push([runId, artifactId, path, range]);
      if (path !== 'README.md') throw new SourceError('not-found', 'nope');
      return { path, bytes: new TextEncoder().encode('# Hi!'), start: 0, size: 5 };
    },
  };
  const files = artifactFilesSource(base, 'r1', detail);
  assert.equal(files.defaultRunId!(), 'r1');
  assert.equal((await files.getRun('r1')).name, 'data:v1');
  const root = await files.listFiles!('r1', '');
  assert.deepEqual(
    root.entries.map((e) => [e.name, e.kind]),
    [
      ['README.md', 'file'],
      ['empty', 'dir'],
      ['train', 'dir'],
    ],
  );
  const train = await files.listFiles!('r1', 'train');
  assert.deepEqual(
    train.entries.map((e) => [e.path, e.size]),
    [
      ['train/a.tar', 10],
      ['train/b.tar', 20],
    ],
  );
  const bytes = await files.readFile!('r1', 'README.md', { start: 0 });
  assert.equal(new TextDecoder().decode(bytes.bytes), '# Hi!');
  assert.deepEqual(calls, [['r1', 'data:v1', 'README.md', { start: 0 }]]);
  await assert.rejects(files.readFile!('r1', 'train/a.tar'), (e: Error) => e.name === 'SourceError');
  assert.equal(files.fileUrl!('r1', 'README.md'), undefined);
});

test('without readArtifactFile the files are listed but not readable', async () => {
  const files = artifactFilesSource({ getRun: async () => ({ id: 'r', state: 'finished' }) }, 'r', {
    ...detail,
    files: 'junk' as never,
  });
  assert.equal(files.readFile, undefined);
  assert.deepEqual((await files.listFiles!('r', '')).entries, []);
});
