import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeForStatus, fetchResponse, readBody } from '../../../src/data/fetch-errors.js';
import { SourceError } from '../../../src/data/errors.js';

test('an HTTP status stands for one source error code', () => {
  const codes = [404, 410, 401, 403, 501, 408, 429, 500, 503, 400, 416, 422].map(codeForStatus);
  assert.deepEqual(codes, [
    'not-found',
    'not-found',
    'unauthorized',
    'unauthorized',
    'unsupported',
    'unavailable',
    'unavailable',
    'unavailable',
    'unavailable',
    'invalid-data',
    'invalid-data',
    'invalid-data',
  ]);
});

test('a request that cannot be made is unavailable, a cancelled one aborted; any status is returned', async () => {
  const down = (() => Promise.reject(new TypeError('connection refused'))) as typeof fetch;
  await assert.rejects(
    fetchResponse('http://x/', {}, (r) => `no server: ${r}`, down),
    (e: SourceError) => e.code === 'unavailable' && e.message === 'no server: connection refused',
  );
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    fetchResponse('http://x/', { signal: controller.signal }, () => '', down),
    (e: SourceError) => e.code === 'aborted',
  );
  const throwsAtOnce = (() => {
    throw new TypeError('bad url');
  }) as typeof fetch;
  await assert.rejects(
    fetchResponse('http://x/', {}, (r) => `no server: ${r}`, throwsAtOnce),
    (e: SourceError) => e instanceof SourceError && e.code === 'unavailable' && e.message === 'no server: bad url',
  );
  const teapot = (async () => new Response('', { status: 418 })) as typeof fetch;
  assert.equal((await fetchResponse('http://x/', {}, () => '', teapot)).status, 418);
});

test('a body that breaks off is unavailable', async () => {
  await assert.rejects(
    readBody(Promise.reject(new Error('reset')), undefined, (r) => `cut: ${r}`),
    (e: SourceError) => e.code === 'unavailable' && e.message === 'cut: reset',
  );
  assert.equal(await readBody(Promise.resolve('ok'), undefined, () => ''), 'ok');
});
