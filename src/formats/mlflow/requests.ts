/** Request plumbing of MlflowSource: bounded concurrency, and every failure as a SourceError. */
import type { Req } from '../../data/source.js';
import { SourceError, throwIfAborted, toSourceError } from '../../data/errors.js';

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function guard<T>(o: Req | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    throwIfAborted(o?.signal);
    return await fn();
  } catch (e) {
    if (o?.signal?.aborted) throw new SourceError('aborted', 'The request was cancelled.', { cause: e });
    throw toSourceError(e);
  }
}
