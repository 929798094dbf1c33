/**
 * SourceError and the helpers that make, read and test one. They are part of the source contract
 * and live in source.ts, with its other values: two modules that every element and source needs
 * would be two chunks of an app's bundle.
 */
export {
  SourceError,
  describeFailure,
  isAbortError,
  isSourceError,
  throwIfAborted,
  toSourceError,
  type SourceErrorCode,
} from './source.js';
