/** Readers of media answers: the keys with their steps, and the items of one step. */
import type { BoundingBox, MediaItem, MediaKey, MediaKind } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, put, readList, readNumber, readOneOf, readString } from './values.js';

const KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];

export function readMediaKey(v: unknown, r: Repairs): MediaKey | undefined {
  if (!isObjOrDropped(v, r, 'media keys')) return undefined;
  const key = readString(v.key, r, 'media keys');
  const kind = readOneOf(v.kind, KINDS, r, 'media kinds');
  if (key === undefined || kind === undefined) {
    r.dropped('media keys without a key or a known kind');
    return undefined;
  }
  const steps: number[] = [];
  for (const s of readList(v.steps, r, 'media step lists')) {
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
  if (!isObjOrDropped(v, r, 'media items')) return undefined;
  const url = readString(v.url, r, 'media URLs');
  const kind = readOneOf(v.kind, KINDS, r, 'media kinds');
  if (url === undefined || kind === undefined) {
    r.dropped('media items without a URL or a known kind');
    return undefined;
  }
  const item: MediaItem = {
    key: readString(v.key, r, 'media keys') ?? fallback.key,
    step: readNumber(v.step, r, 'media steps') ?? fallback.step,
    index: readNumber(v.index, r, 'media indexes', { min: 0, int: true }) ?? index,
    kind,
    url,
  };
  put(item, 'caption', readString(v.caption, r, 'media captions'));
  put(item, 'width', readNumber(v.width, r, 'media sizes', { min: 0 }));
  put(item, 'height', readNumber(v.height, r, 'media sizes', { min: 0 }));
  put(item, 'maskUrl', readString(v.maskUrl, r, 'mask URLs'));
  if (v.boxes !== undefined && v.boxes !== null) {
    item.boxes = readList(v.boxes, r, 'box lists')
      .map((b) => readBox(b, r))
      .filter((b): b is BoundingBox => b !== undefined);
  }
  if (v.classes !== undefined && v.classes !== null) {
    if (isObj(v.classes)) {
      const classes: Record<number, string> = {};
      for (const [k, name] of Object.entries(v.classes)) {
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
