/** Readers of media answers: the keys with their steps, and the items of one step. */
import type { BoundingBox, MediaItem, MediaKey, MediaKind } from '../source.js';
import { putFields, type Fields } from './fields.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, put, readList, readNumber, readOneOf, readString } from './values.js';
import { answerReader, readArray } from './answer.js';

const KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];
const ITEM_FIELDS: Fields<MediaItem> = {
  caption: ['string', 'media captions'],
  width: ['number', 'media sizes', { min: 0 }],
  height: ['number', 'media sizes', { min: 0 }],
  maskUrl: ['string', 'mask URLs'],
};

/** An object with a text `field` and a known kind, what both answers need; else undefined (noted). */
function readKinded(v: unknown, r: Repairs, what: string, field: 'key' | 'url', fieldWhat: string, missing: string) {
  if (!isObjOrDropped(v, r, what)) return undefined;
  const text = readString(v[field], r, fieldWhat);
  const kind = readOneOf(v.kind, KINDS, r, 'media kinds');
  if (text === undefined || kind === undefined) {
    r.dropped(`${what} without ${missing} or a known kind`);
    return undefined;
  }
  return { v, text, kind };
}

export function readMediaKey(v: unknown, r: Repairs): MediaKey | undefined {
  const read = readKinded(v, r, 'media keys', 'key', 'media keys', 'a key');
  if (!read) return undefined;
  const { text: key, kind } = read;
  const steps: number[] = [];
  for (const s of readList(read.v.steps, r, 'media step lists')) {
    const n = readNumber(s, r, 'media steps');
    if (n !== undefined) steps.push(n);
    else if (s === null || s === undefined) r.dropped('media steps');
  }
  steps.sort((a, b) => a - b);
  return { key, kind, steps };
}

function readBox(v: unknown, r: Repairs): BoundingBox | undefined {
  if (!isObjOrDropped(v, r, 'boxes')) return undefined;
  const f = (x: unknown) => readNumber(x, r, 'box coordinates');
  const minX = f(v.minX);
  const minY = f(v.minY);
  const maxX = f(v.maxX);
  const maxY = f(v.maxY);
  if (minX === undefined || minY === undefined || maxX === undefined || maxY === undefined) {
    r.dropped('boxes without coordinates');
    return undefined;
  }
  const box: BoundingBox = {
    minX,
    minY,
    maxX,
    maxY,
    classId: readNumber(v.classId, r, 'box classes', { int: true }) ?? 0,
  };
  put(box, 'score', readNumber(v.score, r, 'box scores'));
  put(box, 'caption', readString(v.caption, r, 'box captions'));
  return box;
}

export function readMediaItem(
  v: unknown,
  r: Repairs,
  fallback: { key: string; step: number },
  index: number,
): MediaItem | undefined {
  const read = readKinded(v, r, 'media items', 'url', 'media URLs', 'a URL');
  if (!read) return undefined;
  const { v: o, text: url, kind } = read;
  const item: MediaItem = {
    key: readString(o.key, r, 'media keys') ?? fallback.key,
    step: readNumber(o.step, r, 'media steps') ?? fallback.step,
    index: readNumber(o.index, r, 'media indexes', { min: 0, int: true }) ?? index,
    kind,
    url,
  };
  putFields(item, o, r, ITEM_FIELDS);
  if (o.boxes !== undefined && o.boxes !== null) {
    item.boxes = readList(o.boxes, r, 'box lists')
      .map((b) => readBox(b, r))
      .filter((b): b is BoundingBox => b !== undefined);
  }
  if (o.classes !== undefined && o.classes !== null) {
    if (isObj(o.classes)) {
      const classes: Record<number, string> = {};
      for (const [k, name] of Object.entries(o.classes)) {
        const id = Number(k);
        const label = readString(name, r, 'class names');
        if (Number.isFinite(id) && label !== undefined) classes[id] = label;
        else r.dropped('class names');
      }
      item.classes = classes;
    } else r.dropped('class lists');
  }
  return item;
}

/** How checked-source.ts reads the answers of these methods. */
export const readAnswer = answerReader({
  listMedia: (v, r) => readArray(v, r, readMediaKey),
  getMedia: (v, r, [q]) => readArray(v, r, (item, ri, i) => readMediaItem(item, ri, q, i)),
});
