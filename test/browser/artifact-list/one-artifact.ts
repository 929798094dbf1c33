/** A run with one input artifact of one file, for the tests of the artifact detail's file browser. */
import { MemorySource } from '../../../src/data/memory-source.js';

export function oneArtifactSource(): MemorySource {
  return new MemorySource({
    info: { id: 'r1', state: 'finished' },
    artifacts: [
      {
        id: 'mnist:v3',
        name: 'mnist',
        type: 'dataset',
        direction: 'input',
        version: 'v3',
        aliases: [],
        files: [{ path: 'README.md', name: 'README.md', kind: 'file', size: 12 }],
      },
    ],
    artifactFiles: { 'mnist:v3': [{ path: 'README.md', bytes: 'hello' }] },
  });
}
