/** The `src` loader recognises runpage server run URLs and nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpRunLoader, parseRunUrl } from '../../../src/internal/http-loader.js';
import { HttpSource } from '../../../src/data/http-source.js';

test('run URLs become an HttpSource on the server root showing that run', async () => {
  assert.deepEqual(parseRunUrl(new URL('http://127.0.0.1:8080/api/runs/3ojed7lz')), {
    root: 'http://127.0.0.1:8080/',
    runId: '3ojed7lz',
  });
  assert.deepEqual(parseRunUrl(new URL('https://host/prefix/api/runs/a%2Fb/')), {
    root: 'https://host/prefix/',
    runId: 'a/b',
  });
  const source = await httpRunLoader(new URL('http://h:1/x/api/runs/r1'));
  assert.ok(source instanceof HttpSource);
  assert.equal(source.base, 'http://h:1/x/');
  assert.equal(source.defaultRunId(), 'r1');
});

test('other URLs are left to the next loader', async () => {
  for (const href of [
    'http://h/runs/abc.runpage.json',
    'http://h/api/runs/',
    'http://h/api/runs/a/metrics',
    'http://h/api/runs/bundle.json',
    'file:///api/runs/x',
    'http://h/api/runs/%E0%A4%A',
  ]) {
    assert.equal(await httpRunLoader(new URL(href)), undefined, href);
  }
});
