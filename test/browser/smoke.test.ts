import { expect } from '@open-wc/testing';
import { SourceError } from '../../src/data/errors.js';
it('runs in chromium', () => {
  expect(new SourceError('unavailable', 'x').retryable).to.equal(true);
});
