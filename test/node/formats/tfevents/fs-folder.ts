/** A minimal RunFolder over node:fs for tests (the server has the real one). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderEntry, RunFolder } from '../../../../src/formats/common/run-folder.js';

export function fsFolder(root: string): RunFolder & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async list(dir: string): Promise<FolderEntry[]> {
      const out: FolderEntry[] = [];
      for (const d of await readdir(join(root, dir), { withFileTypes: true })) {
        if (d.isSymbolicLink()) out.push({ name: d.name, kind: 'link' });
        else if (d.isDirectory()) out.push({ name: d.name, kind: 'dir' });
        else {
          const s = await stat(join(root, dir, d.name));
          out.push({ name: d.name, kind: 'file', size: s.size, modified: s.mtimeMs });
        }
      }
      return out;
    },
    async read(path: string): Promise<Uint8Array> {
      reads.push(path);
      return new Uint8Array(await readFile(join(root, path)));
    },
  };
}
