/** Readers of artifact answers. */
import type { ArtifactDetail, ArtifactDirection, ArtifactInfo, RunRef } from '../source.js';
import { readFileEntries } from './files.js';
import { readJsonObject } from './json.js';
import type { Repairs } from './repairs.js';
import { readRunRef } from './run.js';
import { COUNT, putFields, type Fields } from './fields.js';
import { isObj, isObjOrDropped, put, readList, readOneOf, readRequired, readString, readStrings } from './values.js';
import { answerReader, readArray } from './answer.js';

const DIRECTIONS: readonly ArtifactDirection[] = ['input', 'output'];

const INFO_FIELDS: Fields<ArtifactInfo> = {
  version: ['string', 'artifact versions'],
  size: ['number', 'artifact sizes', { min: 0 }],
  digest: ['string', 'artifact digests'],
  createdAt: ['time', 'artifact times'],
  fileCount: ['number', 'artifact file counts', COUNT],
  description: ['string', 'artifact descriptions'],
};

export function readArtifactInfo(v: unknown, r: Repairs): ArtifactInfo | undefined {
  if (!isObjOrDropped(v, r, 'artifacts')) return undefined;
  const id = readRequired(v.id, r, 'artifact ids', 'artifacts without an id');
  if (id === undefined) return undefined;
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
  putFields(out, v, r, INFO_FIELDS);
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

/** How checked-source.ts reads the answers of these methods. */
export const readAnswer = answerReader({
  listArtifacts: (v, r) => readArray(v, r, readArtifactInfo),
  getArtifact: readArtifactDetail,
});
