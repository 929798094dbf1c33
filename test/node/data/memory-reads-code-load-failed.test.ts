/**
 * A memory source loads the code that reads a file's bytes (memory-file-reads.ts) with the first
 * file read, and the filtered views of a log (memory-log-views.ts) with the first filtered log
 * request. When a chunk cannot be fetched the request fails as a retryable `unavailable`
 * SourceError and the next one loads it and answers. Own file: a fresh process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../../src/data/memory-source.js';
import { fileReads } from '../../../src/data/memory-reads.js';
import { views } from '../../../src/data/memory-log-reads.js';
import { failLoads } from '../../support/failing-load.js';
import { unavailableChunkGone } from '../../support/chunk-gone.js';

const unavailable = unavailableChunkGone();

const source = () =>
  new MemorySource({
    info: { id: 'r', state: 'finished' },
    files: [{ path: 'a.txt', bytes: 'hello' }],
    logs: [{ text: 'out' }, { text: 'err', stream: 'stderr' }, { text: 'out 2' }],
  });

test('reading a file: its code that cannot load is a retryable failure; the next read loads it', async () => {
  const s = source();
  const failing = failLoads(fileReads);
  try {
    await assert.rejects(s.readFile('r', 'a.txt'), unavailable);
    const bytes = await s.readFile('r', 'a.txt');
    assert.equal(failing.tries, 2);
    assert.equal(new TextDecoder().decode(bytes.bytes), 'hello');
  } finally {
    failing.restore();
  }
});

test('a filtered log: its views that cannot load are a retryable failure; the next request loads them', async () => {
  const s = source();
  const failing = failLoads(views);
  try {
    const whole = await s.getLogs({ runId: 'r', start: 0, count: 10 });
    assert.equal(whole.lines.length, 3, 'an unfiltered log needs no views');
    assert.equal(failing.tries, 0);
    await assert.rejects(s.getLogs({ runId: 'r', start: 0, count: 10, streams: ['stderr'] }), unavailable);
    const errs = await s.getLogs({ runId: 'r', start: 0, count: 10, streams: ['stderr'] });
    assert.equal(failing.tries, 2);
    assert.deepEqual(
      errs.lines.map((l) => l.text),
      ['err'],
    );
  } finally {
    failing.restore();
  }
});
