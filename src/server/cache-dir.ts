/**
 * The folder `runpage serve` keeps its caches in (never inside the run folders it serves):
 * `--cache-dir`, else `$XDG_CACHE_HOME/runpage`, else `~/.cache/runpage`. Each cache keeps its
 * files in a subfolder of its own.
 */
import { homedir } from 'node:os';
import * as nodePath from 'node:path';

export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const base = xdg && nodePath.isAbsolute(xdg) ? xdg : nodePath.join(homedir(), '.cache');
  return nodePath.join(base, 'runpage');
}
