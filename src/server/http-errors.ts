/**
 * How a failure travels: a `SourceError` code becomes an HTTP status and the JSON body
 * `{"error": {"code", "message", "retryable"}}` that `HttpSource` turns back into a SourceError.
 */
import { SourceError, isSourceError, type SourceErrorCode } from '../data/errors.js';

const STATUS: Record<SourceErrorCode, number> = {
  'not-found': 404,
  unauthorized: 403,
  'invalid-data': 400,
  unsupported: 501,
  unavailable: 503,
  // The client went away or cancelled; nobody reads this answer. 499 as nginx names it.
  aborted: 499,
};

export interface ErrorBody {
  error: { code: SourceErrorCode; message: string; retryable: boolean };
}

/** Any thrown value as an HTTP status and error body. Unexpected errors are `unavailable` (500). */
export function errorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (isSourceError(e)) {
    return {
      status: STATUS[e.code] ?? 500,
      body: { error: { code: e.code, message: e.message, retryable: e.retryable } },
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    status: 500,
    body: { error: { code: 'unavailable', message: `Internal error: ${message}`, retryable: true } },
  };
}

export function badRequest(message: string): SourceError {
  return new SourceError('invalid-data', message);
}
