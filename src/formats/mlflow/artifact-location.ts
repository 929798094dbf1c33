/**
 * Where a file-store run's artifacts are on disk. MLflow writes them under the run's
 * `artifact_uri` (meta.yaml), which is not always the run's own `artifacts/` folder:
 * - a plain file store: `file:///<path on the writer's machine>/mlruns/<exp>/<run>/artifacts`,
 *   the run's own folder wherever the store was copied to;
 * - runs logged through a tracking server (`mlflow server` / `mlflow ui`, which serve artifacts by
 *   default since MLflow 2.0): `mlflow-artifacts:/<exp>/<run>/artifacts`, kept by the server in
 *   `mlartifacts/` (its default `--artifacts-destination`) beside its `mlruns/`;
 * - an experiment created with its own artifact location: any absolute path of the machine that
 *   wrote the run (`/data/artifacts/<run>/artifacts`), found here by its tail from the run id on;
 * - a bucket (`s3://`, `gs://`, `wasbs://`, `dbfs:/`, …): not on this disk at all.
 * Only paths inside the folder being read are looked at. Where the artifacts are not found, a
 * warning says where they are, rather than showing a run that seems to have none.
 */
import type { RunFolder } from '../common/run-folder.js';
import { joinPath } from '../common/run-folder.js';

export interface ArtifactLocation {
  /** The artifacts folder, relative to the RunFolder's root (the run's own `artifacts/` when not found elsewhere). */
  path: string;
  /** Set when the run's artifact_uri names a place that is not on this disk or not found. */
  warning?: string;
}

/** The folder holding a tracking server's artifacts, beside its `mlruns/` (`--artifacts-destination`). */
export const SERVER_ARTIFACTS_FOLDER = 'mlartifacts';

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

async function holdsEntries(folder: RunFolder, dir: string): Promise<boolean> {
  try {
    return (await folder.list(dir)).length > 0;
  } catch {
    return false;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The artifacts folder of the run at `runPath` (`<store>/<exp>/<run>`) whose meta.yaml gives
 * `artifactUri`. The run's own `artifacts/` wins whenever it holds anything. `runName`: the run
 * folder's name when `runPath` is `''` (the folder read is the run folder itself).
 */
export async function locateArtifacts(
  folder: RunFolder,
  runPath: string,
  artifactUri: string | undefined,
  runName = runPath.slice(runPath.lastIndexOf('/') + 1),
): Promise<ArtifactLocation> {
  const own = joinPath(runPath, 'artifacts');
  const uri = artifactUri?.trim();
  if (!uri || (await holdsEntries(folder, own))) return { path: own };
  const store = parentOf(parentOf(runPath));
  // The store's parent is where its writer ran (`./mlruns`, `./mlartifacts`); none when the store is the root.
  const beside = store === '' ? undefined : parentOf(store);
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(uri)?.[1]?.toLowerCase();

  if (scheme === 'mlflow-artifacts') {
    const segments = uri
      .slice(scheme.length + 1)
      .replace(/^\/\/[^/]*/, '')
      .split('/')
      .map(decode)
      .filter((s) => s !== '' && s !== '.' && s !== '..' && !/[\\/]/.test(s));
    const where = `${SERVER_ARTIFACTS_FOLDER}/${segments.join('/')}`;
    const logged = `The run's artifacts were logged through an MLflow tracking server (${uri}), which keeps them in ${where} beside mlruns/`;
    if (beside === undefined) {
      return {
        path: own,
        warning: `${logged}; that is outside the folder being read: open the folder holding both mlruns/ and ${SERVER_ARTIFACTS_FOLDER}/.`,
      };
    }
    // Kept even while it does not exist: a live run's first artifacts appear there.
    const path = joinPath(beside, where);
    return (await holdsEntries(folder, path)) ? { path } : { path, warning: `${logged}; that folder is not here.` };
  }

  if (scheme !== undefined && scheme !== 'file') {
    return { path: own, warning: `The run's artifacts are stored at ${uri}, not in this folder.` };
  }

  // A local path of the machine that wrote the run (file:///…, /…, ./…, C:\…).
  const text = scheme === 'file' ? uri.slice('file:'.length).replace(/^\/\/[^/]*/, '') : uri;
  const segments = text
    .split(/[\\/]+/)
    .map(decode)
    .filter((s) => s !== '' && s !== '.');
  // The experiment's folder name, unknown when the folder read is the run folder itself.
  const expName = runPath === '' ? undefined : parentOf(runPath).slice(parentOf(runPath).lastIndexOf('/') + 1);
  const tail = segments.slice(-3);
  // The run's own folder, as the writer's machine spelled it: the run simply has no artifacts.
  if (
    tail.length === 3 &&
    (expName === undefined || tail[0] === expName) &&
    tail[1] === runName &&
    tail[2] === 'artifacts'
  )
    return { path: own };
  if (segments.some((s) => s === '..' || /[\\/]/.test(s)))
    return { path: own, warning: `The run's artifacts are stored at ${uri}, not found here.` };
  const from = runName === '' ? -1 : segments.lastIndexOf(runName);
  if (from >= 0) {
    // Tails that keep the run id, longest first, under the store's parent and each folder above it.
    const bases: string[] = [];
    for (let b = beside ?? store; ; b = parentOf(b)) {
      bases.push(b);
      if (b === '') break;
    }
    for (const base of bases) {
      for (let k = 0; k <= from; k++) {
        const path = joinPath(base, segments.slice(k).join('/'));
        if (path !== own && (await holdsEntries(folder, path))) return { path };
      }
    }
  }
  return { path: own, warning: `The run's artifacts are stored at ${uri}, not found in this folder.` };
}
