/**
 * What reading a MemorySource's files fetches: listing them does not load the code that reads
 * their bytes (memory-file-reads.ts); the first read of a file, or of an artifact's file, does.
 * Its own file: a fresh page.
 */
import { expect } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';

const fetched = (): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith('/data/memory-file-reads.ts'));

describe('MemorySource files: what loads on first use', () => {
  it('lists files without the byte reader, and loads it with the first read', async () => {
    const source = new MemorySource({
      info: { id: 'r', state: 'finished' },
      files: [{ path: 'config.yaml', bytes: 'lr: 0.1\n' }],
      artifacts: [
        {
          id: 'a',
          name: 'model',
          type: 'model',
          direction: 'output',
          aliases: [],
          files: [{ path: 'w.txt', name: 'w.txt', kind: 'file', size: 2 }],
        },
      ],
      artifactFiles: { a: [{ path: 'w.txt', bytes: 'ok' }] },
    });
    const listing = await source.listFiles('r', '');
    expect(listing.entries.map((e) => e.path)).to.deep.equal(['config.yaml']);
    expect(fetched(), 'memory-file-reads.ts fetched for a listing').to.equal(false);

    const file = await source.readFile('r', 'config.yaml', { start: 4 });
    expect(new TextDecoder().decode(file.bytes)).to.equal('0.1\n');
    expect(file.start).to.equal(4);
    expect(fetched()).to.equal(true);
    const artifactFile = await source.readArtifactFile('r', 'a', 'w.txt');
    expect(new TextDecoder().decode(artifactFile.bytes)).to.equal('ok');
    await source.readFile('r', '../etc/passwd').then(
      () => expect.fail('a path out of the run was read'),
      (e: unknown) => expect((e as { code?: string }).code).to.equal('invalid-data'),
    );
  });
});
