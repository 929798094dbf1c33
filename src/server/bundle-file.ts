/**
 * Finds the built script-tag bundle (`dist/runpage.bundle.js`) of the installed runpage package,
 * from wherever this module runs (dist/server/ when installed, src/server/ in development).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = nodePath.dirname(from);
  for (;;) {
    const pkg = nodePath.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'runpage') return dir;
      } catch {
        // not ours; keep looking upwards
      }
    }
    const up = nodePath.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The script-tag bundle's path, or undefined when the package has not been built. */
export function findBundle(): string | undefined {
  const root = findPackageRoot();
  const path = root && nodePath.join(root, 'dist', 'runpage.bundle.js');
  return path && existsSync(path) ? path : undefined;
}
