/**
 * What the artifact tables show: the source's listing made safe to render, search over name,
 * type and aliases, and sorting by any column. Pure functions, no DOM.
 */
import type { ArtifactDirection, ArtifactInfo } from '../../data/source.js';
import { FIELD_SEPARATOR, matchesQuery, parseQuery } from '../../data/search-query.js';

export type ArtifactSortKey = 'name' | 'type' | 'version' | 'size' | 'createdAt' | 'fileCount';
export const ARTIFACT_SORT_KEYS: readonly ArtifactSortKey[] = [
  'name',
  'type',
  'version',
  'size',
  'createdAt',
  'fileCount',
];

export interface ArtifactSort {
  key: ArtifactSortKey;
  dir: 'asc' | 'desc';
}

export interface CleanListing {
  artifacts: ArtifactInfo[];
  warnings: string[];
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/**
 * Keeps every artifact that has an id, with fields of the wrong type dropped (and reported) rather
 * than shown wrongly. An artifact without a direction is counted as an output.
 */
export function cleanArtifacts(raw: unknown): CleanListing {
  const warnings: string[] = [];
  if (!Array.isArray(raw)) {
    if (raw !== undefined && raw !== null)
      warnings.push('The source answered something other than a list of artifacts');
    return { artifacts: [], warnings };
  }
  const artifacts: ArtifactInfo[] = [];
  const ids = new Set<string>();
  raw.forEach((item, i) => {
    const a = item as Partial<ArtifactInfo> | null;
    const id = a && typeof a === 'object' ? text(a.id) : undefined;
    if (!a || id === undefined || id === '') {
      warnings.push(`Skipped artifact #${i + 1}: it has no id`);
      return;
    }
    if (ids.has(id)) {
      warnings.push(`Skipped a second artifact with the id ${id}`);
      return;
    }
    ids.add(id);
    const direction: ArtifactDirection = a.direction === 'input' ? 'input' : 'output';
    if (a.direction !== 'input' && a.direction !== 'output')
      warnings.push(`Artifact ${id} has no direction; listed as an output`);
    const clean: ArtifactInfo = {
      id,
      name: text(a.name) || id,
      type: text(a.type) ?? '',
      direction,
      aliases: Array.isArray(a.aliases)
        ? a.aliases.map(text).filter((s): s is string => s !== undefined && s !== '')
        : [],
    };
    const version = text(a.version);
    if (version) clean.version = version;
    const size = finite(a.size);
    if (size !== undefined) clean.size = size;
    const digest = text(a.digest);
    if (digest) clean.digest = digest;
    const createdAt = finite(a.createdAt);
    if (createdAt !== undefined) clean.createdAt = createdAt;
    const fileCount = finite(a.fileCount);
    if (fileCount !== undefined) clean.fileCount = fileCount;
    const description = text(a.description);
    if (description) clean.description = description;
    artifacts.push(clean);
  });
  return { artifacts, warnings };
}

/** Artifacts whose name, type and aliases match `query` (`data/search-query.ts`: every word, case-insensitive). */
export function filterArtifacts(list: readonly ArtifactInfo[], query: string): ArtifactInfo[] {
  const { terms } = parseQuery(query);
  if (!terms.length) return [...list];
  return list.filter((a) => matchesQuery(terms, [a.name, a.type, ...a.aliases].join(FIELD_SEPARATOR)));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareKey(a: ArtifactInfo, b: ArtifactInfo, key: ArtifactSortKey): number | undefined {
  const x = a[key];
  const y = b[key];
  if (x === undefined || x === '') return y === undefined || y === '' ? 0 : undefined;
  if (y === undefined || y === '') return undefined;
  return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
}

/** Sorted copy; versions compare naturally (`v10` after `v9`); missing values go last either way. */
export function sortArtifacts(list: readonly ArtifactInfo[], sort: ArtifactSort): ArtifactInfo[] {
  const dir = sort.dir === 'desc' ? -1 : 1;
  return [...list].sort((a, b) => {
    const c = compareKey(a, b, sort.key);
    if (c === undefined) return a[sort.key] === undefined || a[sort.key] === '' ? 1 : -1;
    return dir * c || collator.compare(a.name, b.name);
  });
}

/** The first 8 characters of a digest, without an algorithm prefix (`sha256:`). */
export function shortDigest(digest: string): string {
  const bare = digest.includes(':') ? digest.slice(digest.lastIndexOf(':') + 1) : digest;
  return bare.length > 8 ? bare.slice(0, 8) : bare;
}
