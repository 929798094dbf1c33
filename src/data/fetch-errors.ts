/**
 * fetch → SourceError: the one place runpage's HTTP clients (HttpSource, the `src` bundle loader)
 * turn a request that could not be made, an error status or an answer that broke off into the
 * SourceError every element renders.
 */
import { SourceError, isAbortError, throwIfAborted, type SourceErrorCode } from './errors.js';

/** The code an HTTP error status stands for. */
export function codeForStatus(status: number): SourceErrorCode {
  if (status === 404 || status === 410) return 'not-found';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 501) return 'unsupported';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid-data';
  return 'unavailable';
}

function aborted(cause: unknown): SourceError {
  return new SourceError('aborted', 'The request was cancelled.', { cause });
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Fetches `url`, with any status. A cancelled request throws `aborted`; one that could not be made
 * throws `unavailable` with `unreachable(reason)` as its message.
 */
export async function fetchResponse(
  url: string | URL,
  init: RequestInit,
  unreachable: (reason: string) => string,
  fetchImpl: typeof fetch = (input, i) => fetch(input, i),
): Promise<Response> {
  const signal = init.signal ?? undefined;
  throwIfAborted(signal);
  // a fetch that throws at once fails like one that rejects
  return readBody((async () => fetchImpl(url, init))(), signal, unreachable);
}

/**
 * Reads an answer's body (`response.text()`, `.arrayBuffer()`, …). A cancelled read throws
 * `aborted`; one that broke off throws `unavailable` with `brokeOff(reason)` as its message.
 */
export async function readBody<T>(
  read: Promise<T>,
  signal: AbortSignal | undefined,
  brokeOff: (reason: string) => string,
): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (signal?.aborted || isAbortError(e)) throw aborted(e);
    throw new SourceError('unavailable', brokeOff(reasonOf(e)), { cause: e });
  }
}
