export type SourceErrorCode = 'not-found' | 'unauthorized' | 'unavailable' | 'invalid-data' | 'unsupported' | 'aborted';

const RETRYABLE_BY_DEFAULT: Record<SourceErrorCode, boolean> = {
  'not-found': false,
  unauthorized: false,
  unavailable: true,
  'invalid-data': false,
  unsupported: false,
  aborted: true,
};

/** Every failure a source reports. Elements show `message` and offer retry when `retryable`. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly retryable: boolean;

  constructor(code: SourceErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
  }
}

export function isSourceError(e: unknown): e is SourceError {
  return (
    e instanceof SourceError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SourceError')
  );
}

/** Turns anything thrown into a SourceError, keeping SourceErrors as they are. */
export function toSourceError(e: unknown): SourceError {
  if (isSourceError(e)) return e;
  if (isAbortError(e)) return new SourceError('aborted', 'The request was cancelled.', { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new SourceError('unavailable', message || 'Unknown error', { cause: e });
}

export function isAbortError(e: unknown): boolean {
  return (
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError') ||
    (isSourceError(e) && e.code === 'aborted')
  );
}

/** Rejects with `aborted` when the signal has fired. Call at the top of every source method and between slow steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SourceError('aborted', 'The request was cancelled.');
}
