/**
 * What a source's request rejects with when the code it needed could not be fetched (see
 * failing-load.ts): a retryable `unavailable` SourceError that says why. For node tests.
 */
import assert from 'node:assert/strict';
import { SourceError } from '../../src/data/errors.js';

/** A checker for `assert.rejects`: the error is that SourceError, and its message matches `message`. */
export function unavailableChunkGone(message = /chunk gone/): (e: unknown) => true {
  return (e) => {
    assert.ok(e instanceof SourceError, `a SourceError, not ${String(e)}`);
    assert.equal(e.code, 'unavailable');
    assert.equal(e.retryable, true);
    assert.match(e.message, message);
    return true;
  };
}
