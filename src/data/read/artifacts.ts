/** Readers of artifact answers. */
import type { ArtifactDetail, ArtifactDirection, ArtifactInfo, RunRef } from '../source.js';
import { readFileEntries } from './files.js';
import { readJsonObject } from './json.js';
import type { Repairs } from './repairs.js';
import { readRunRef } from './run.js';
import {
  isObj,
  isObjOrDropped,
  put,
  readList,
  readNumber,
  readOneOf,
  readString,
  readStrings,
  readTime,
  type Obj,
} from './values.js';

const DIRECTIONS: readonly ArtifactDirection[] = ['input', 'output'];

function readInfoFields(v: Obj, r: Repairs, out: ArtifactInfo): void {
  put(out, 'version', readString(v.version, r, 'artifact versions'));
  put(out, 'size', readNumber(v.size, r, 'artifact sizes', { min: 0 }));
  put(out, 'digest', readString(v.digest, r, 'artifact digests'));
  put(out, 'createdAt', readTime(v.createdAt, r, 'artifact times'));
  put(out, 'fileCount', readNumber(v.fileCount, r, 'artifact file counts', { min: 0, int: true }));
  put(out, 'description', readString(v.description, r, 'artifact descriptions'));
}

export function readArtifactInfo(v: unknown, r: Repairs): ArtifactInfo | undefined {
  if (!isObjOrDropped(v, r, 'artifacts')) return undefined;
  const id = readString(v.id, r, 'artifact ids');
  if (id === undefined || id === '') {
    r.dropped('artifacts without an id');
    return undefined;
  }
  const name = readString(v.name, r, 'artifact names');
  if (name === undefined) r.converted('artifacts without a name');
  const type = readString(v.type, r, 'artifact types');
  if (type === undefined) r.converted('artifacts without a type');
  const out: ArtifactInfo = {
    id,
    name: name ?? id,
    type: type ?? 'unknown',
    direction: readOneOf(v.direction, DIRECTIONS, r, 'artifact directions', 'output')!,
    aliases: readStrings(v.aliases, r, 'artifact aliases') ?? [],
  };
  readInfoFields(v, r, out);
  return out;
}

export function readArtifactDetail(v: unknown, r: Repairs): ArtifactDetail | undefined {
  const info = readArtifactInfo(v, r);
  if (!info || !isObj(v)) return undefined;
  const out: ArtifactDetail = { ...info, files: readFileEntries(v.files, r, '', 'artifact files') };
  put(out, 'metadata', readJsonObject(v.metadata, r, 'metadata'));
  if (v.producer !== undefined && v.producer !== null) put(out, 'producer', readRunRef(v.producer, r, 'lineage runs'));
  if (v.consumers !== undefined && v.consumers !== null) {
    out.consumers = readList(v.consumers, r, 'lineage lists')
      .map((c) => readRunRef(c, r, 'lineage runs'))
      .filter((c): c is RunRef => c !== undefined);
  }
  if (v.versions !== undefined && v.versions !== null) {
    out.versions = readList(v.versions, r, 'artifact version lists')
      .map((x) => readArtifactInfo(x, r))
      .filter((x): x is ArtifactInfo => x !== undefined);
  }
  return out;
}
