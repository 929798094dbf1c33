/** Steps of a media panel: the union of the steps its keys have images at, and snapping to them. */
import type { BoundingBox, MediaItem, MediaKey } from '../../data/source.js';

/** Sorted, distinct, finite steps of every key. */
export function mergeSteps(keys: readonly MediaKey[]): number[] {
  const all = new Set<number>();
  for (const k of keys) for (const s of Array.isArray(k.steps) ? k.steps : []) if (Number.isFinite(s)) all.add(s);
  return [...all].sort((a, b) => a - b);
}

/** Index of the step nearest to `step` (ties go to the earlier one); -1 without steps. */
export function snapIndex(steps: readonly number[], step: number | undefined): number {
  if (steps.length === 0) return -1;
  if (step === undefined || !Number.isFinite(step)) return steps.length - 1;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && step - steps[lo - 1] <= steps[lo] - step) return lo - 1;
  return lo;
}

/** Class ids present in the items' drawable boxes and class tables, with their names, in id order. */
export function classesOf(items: readonly MediaItem[]): { id: number; name: string }[] {
  const names = new Map<number, string>();
  for (const item of items) {
    for (const [id, name] of Object.entries(item.classes ?? {})) {
      const n = Number(id);
      if (Number.isInteger(n) && !names.has(n)) names.set(n, String(name));
    }
    for (const b of drawableBoxes(item.boxes))
      if (Number.isInteger(b.classId) && !names.has(b.classId)) names.set(b.classId, b.caption || String(b.classId));
  }
  return [...names].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name }));
}

/** Boxes with finite coordinates inside 0..1 (clamped), in the right corner order; others are dropped. */
export function drawableBoxes(boxes: readonly BoundingBox[] | undefined): BoundingBox[] {
  const out: BoundingBox[] = [];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  for (const b of boxes ?? []) {
    if (![b?.minX, b?.minY, b?.maxX, b?.maxY].every((v) => typeof v === 'number' && Number.isFinite(v))) continue;
    const minX = clamp(Math.min(b.minX, b.maxX));
    const maxX = clamp(Math.max(b.minX, b.maxX));
    const minY = clamp(Math.min(b.minY, b.maxY));
    const maxY = clamp(Math.max(b.minY, b.maxY));
    if (maxX <= minX || maxY <= minY) continue;
    out.push({ ...b, minX, minY, maxX, maxY });
  }
  return out;
}
