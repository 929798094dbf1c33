/**
 * `runpage serve` sends every chunk the built bundle can import: starting from
 * runpage.bundle.js, each chunk named in a served script is fetched through the server, as a
 * browser would on first use (source readers, previews, zips). Catches a static route that
 * refuses some of the names the build emits.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/paths.js';
import { runpageServe, type Served } from './support/serve.js';

let served: Served | undefined;
const empty = mkdtempSync(join(tmpdir(), 'runpage-chunks-'));

before(async () => {
  served = await runpageServe([empty]);
});

after(async () => {
  await served?.close();
  rmSync(empty, { recursive: true, force: true });
});

test('every chunk the bundle can import is served', async () => {
  const base = served!.url;
  const named = /(?:bundle-chunks\/|["']\.\/)([A-Za-z0-9._-]+\.js)\b/g;
  const seen = new Set<string>();
  const queue = ['runpage.bundle.js'];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const answer = await fetch(new URL(path, base));
    assert.equal(answer.status, 200, `/${path}`);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/javascript/, `/${path}`);
    for (const m of (await answer.text()).matchAll(named)) {
      const chunk = `bundle-chunks/${m[1]}`;
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      queue.push(chunk);
    }
  }
  const emitted = readdirSync(join(ROOT, 'dist/bundle-chunks')).filter((n) => n.endsWith('.js'));
  const reached = emitted.filter((n) => seen.has(`bundle-chunks/${n}`));
  assert.deepEqual(reached.sort(), emitted.sort(), 'every emitted chunk is reachable from the bundle');
});
