/**
 * A RunSource over one artifact's files, for `<file-browser>`: folders and listings come from the
 * artifact's manifest (`ArtifactDetail.files`), contents from the run source's `readArtifactFile`.
 * Without `readArtifactFile` the files are listed but their contents are "not available".
 */
import { MemorySource, type MemoryFile } from '../../data/memory-source.js';
import type { ArtifactDetail, FileEntry, RunSource } from '../../data/source.js';

function manifestFiles(entries: unknown): MemoryFile[] {
  if (!Array.isArray(entries)) return [];
  const files: MemoryFile[] = [];
  for (const e of entries as Partial<FileEntry>[]) {
    if (!e || typeof e.path !== 'string') continue;
    if (e.kind === 'dir') {
      files.push({ path: e.path.endsWith('/') ? e.path : `${e.path}/` });
      continue;
    }
    const file: MemoryFile = { path: e.path };
    if (typeof e.size === 'number' && Number.isFinite(e.size) && e.size >= 0) file.size = e.size;
    if (typeof e.modified === 'number' && Number.isFinite(e.modified)) file.modified = e.modified;
    if (typeof e.mime === 'string') file.mime = e.mime;
    files.push(file);
  }
  return files;
}

/**
 * `runId` names the run the artifact was read from; the returned source answers for that run id
 * only, so a `<file-browser>` given `run=runId` browses the artifact.
 */
export function artifactFilesSource(base: RunSource, runId: string, artifact: ArtifactDetail): RunSource {
  const label = artifact.version ? `${artifact.name}:${artifact.version}` : artifact.name;
  const manifest = new MemorySource({
    info: { id: runId, name: label, state: 'finished' },
    files: manifestFiles(artifact.files),
  });
  const source: RunSource = {
    defaultRunId: () => runId,
    getRun: (id, o) => manifest.getRun(id, o),
    listFiles: (id, dir, page, o) => manifest.listFiles(id, dir, page, o),
    fileUrl: () => undefined,
  };
  const read = base.readArtifactFile;
  if (typeof read === 'function') {
    source.readFile = (_id, path, range, o) => read.call(base, runId, artifact.id, path, range, o);
  }
  return source;
}
