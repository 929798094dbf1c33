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
  try {
    return (
      e instanceof SourceError ||
      (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SourceError')
    );
  } catch {
    return false;
  }
}

const CODES = Object.keys(RETRYABLE_BY_DEFAULT) as SourceErrorCode[];

/** What a thrown value says about itself, in words: never "undefined" or "[object Object]". */
export function describeFailure(e: unknown): string {
  try {
    if (typeof e === 'string' && e.trim()) return e.trim();
    const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message.trim()) return message.trim();
    if (typeof e === 'number' || typeof e === 'boolean' || typeof e === 'bigint') return `Failed with ${String(e)}.`;
  } catch {
    return 'The source failed in a way that cannot be read.';
  }
  return 'The source failed without saying why.';
}

/**
 * Turns anything thrown into a SourceError: SourceErrors stay as they are; look-alikes from
 * another copy of runpage are kept when their fields are usable and rebuilt otherwise; strings,
 * `undefined`, `null` and other values get a message that says what happened.
 */
export function toSourceError(e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  if (isSourceError(e)) {
    try {
      const { code, message, retryable } = e as { code?: unknown; message?: unknown; retryable?: unknown };
      const known = CODES.includes(code as SourceErrorCode);
      if (known && typeof message === 'string' && typeof retryable === 'boolean') return e;
      return new SourceError(known ? (code as SourceErrorCode) : 'unavailable', describeFailure(e), {
        retryable: typeof retryable === 'boolean' ? retryable : undefined,
        cause: e,
      });
    } catch {
      return new SourceError('unavailable', describeFailure(undefined), { cause: e });
    }
  }
  return isAbortError(e) ? cancelled(e) : new SourceError('unavailable', describeFailure(e), { cause: e });
}

export function isAbortError(e: unknown): boolean {
  try {
    return (
      (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError') ||
      (isSourceError(e) && e.code === 'aborted')
    );
  } catch {
    return false;
  }
}

/** The `aborted` error of a request that was cancelled (`cause`: what told so, if anything). */
function cancelled(cause?: unknown): SourceError {
  return new SourceError('aborted', 'The request was cancelled.', { cause });
}

/** Rejects with `aborted` when the signal has fired. Call at the top of every source method and between slow steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}
