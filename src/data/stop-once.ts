/**
 * The end of a subscription (a `watch`): `end` runs once, when the returned function is called or
 * when `signal` aborts, whichever comes first.
 */
export function stopOnce(signal: AbortSignal | undefined, end: () => void): () => void {
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    signal?.removeEventListener('abort', stop);
    end();
  };
  signal?.addEventListener('abort', stop);
  return stop;
}
