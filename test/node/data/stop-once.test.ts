import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopOnce } from '../../../src/data/stop-once.js';

test('stopOnce ends once when called, however often, and no later abort ends it again', () => {
  let ended = 0;
  const controller = new AbortController();
  const stop = stopOnce(controller.signal, () => ended++);
  stop();
  stop();
  controller.abort();
  assert.equal(ended, 1);
});

test('stopOnce ends when the signal aborts; calling it afterwards does nothing', () => {
  let ended = 0;
  const controller = new AbortController();
  const stop = stopOnce(controller.signal, () => ended++);
  controller.abort();
  assert.equal(ended, 1);
  stop();
  assert.equal(ended, 1);
});

test('stopOnce without a signal ends when called', () => {
  let ended = 0;
  stopOnce(undefined, () => ended++)();
  assert.equal(ended, 1);
});
