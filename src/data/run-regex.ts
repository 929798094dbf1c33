/**
 * The runs of a listing whose text a `/regex/` search term matches (run-query.ts): loaded with the
 * first regular expression searched, as most listings have none.
 */
import { inPlaceRunner, type SearchRunner } from './log-search.js';
import type { Req } from './source.js';

/** Indexes of `texts` that `re` matches, run in slices by `runner` (default: in place, yielding between slices). */
export async function regexHits(
  re: RegExp,
  texts: readonly string[],
  o: Req & { runner?: SearchRunner },
): Promise<Set<number>> {
  const runner = o.runner ?? inPlaceRunner();
  try {
    const hits = new Set<number>();
    for (let next = 0; next < texts.length;) {
      await runner.turn(o.signal);
      const slice = runner.slice(re, texts, next, 0);
      for (const k of slice.hits) hits.add(k);
      if (!(slice.next > next)) throw new Error('The search runner made no progress.');
      next = slice.next;
    }
    return hits;
  } finally {
    runner.done?.();
  }
}
