/** The HTML pages and the script bundle route. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer } from '../../../src/server/server.js';
import { rawGet } from './helpers.js';

test('run pages load the bundle and point <run-page> at the run; ids cannot break out of the script', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-pages-'));
  const bundle = join(dir, 'runpage.bundle.js');
  writeFileSync(bundle, 'export const marker = 42;');
  writeFileSync(`${bundle}.map`, '{"version":3}');
  const registry = new RunRegistry({ log: () => {} });
  const evil = '</script><script>alert(1)</script>';
  registry.addMemoryRun({ info: { id: evil, name: 'Evil <b>name</b>', state: 'finished' } });
  registry.addMemoryRun({ info: { id: 'plain', state: 'finished' } });
  const server = await startServer(registry, { bundlePath: bundle });
  try {
    const js = await rawGet(server.url, '/runpage.bundle.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal(js.body.toString(), 'export const marker = 42;');
    assert.equal((await rawGet(server.url, '/runpage.bundle.js.map')).body.toString(), '{"version":3}');

    const page = await rawGet(server.url, '/runs/plain');
    assert.equal(page.status, 200);
    const html = page.body.toString();
    assert.match(html, /<run-page id="page" data-served run="plain"/);
    assert.match(html, /<script type="module" src="\.\.\/assets\/page\.js"><\/script>/);
    const script = await rawGet(server.url, '/assets/page.js');
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.match(script.body.toString(), /new URL\('runpage\.bundle\.js', root\)/);

    const evilPage = (await rawGet(server.url, `/runs/${encodeURIComponent(evil)}`)).body.toString();
    assert.equal(evilPage.match(/<\/script>/g)?.length, 1, 'only the page’s own closing tag');
    assert.match(evilPage, /run="&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(evilPage, /<title>Evil &lt;b&gt;name&lt;\/b&gt; · runpage<\/title>/);

    assert.equal((await rawGet(server.url, '/runs/missing')).status, 404);
    for (const target of [
      '/bundle-chunks/..%2Fpackage.json',
      '/bundle-chunks/../package.json',
      '/bundle-chunks/x.txt',
    ]) {
      assert.equal((await rawGet(server.url, target)).status, 404, target);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runs list is a <run-table> around the plain table; a run page leads back: Runs › project › name', async () => {
  const registry = new RunRegistry({ log: () => {} });
  registry.addMemoryRun({ info: { id: 'r1', name: 'Nice <i>name</i>', project: 'p & q', state: 'finished' } });
  registry.addMemoryRun({ info: { id: 'r2', state: 'finished' } });
  const server = await startServer(registry, {});
  try {
    const list = (await rawGet(server.url, '/')).body.toString();
    assert.match(list, /<run-table data-served url-state run-href="runs\/\{id\}" theme="auto">/);
    assert.match(list, /<script type="module" src="assets\/list\.js"><\/script>/);
    // the plain table inside stays the list until the element takes over (or when scripts fail)
    assert.match(list, /<a href="runs\/r1">Nice &lt;i&gt;name&lt;\/i&gt;<\/a>/);
    const script = await rawGet(server.url, '/assets/list.js');
    assert.equal(script.status, 200);
    assert.match(script.body.toString(), /new runpage\.HttpSource\(root\.href\)/);

    const page = (await rawGet(server.url, '/runs/r1')).body.toString();
    assert.match(
      page,
      /<nav class="crumbs" aria-label="Breadcrumb"><a href="\.\.\/">All runs<\/a>.*<a href="\.\.\/#project=p%20%26%20q">p &amp; q<\/a>.*<span class="here" aria-current="page">Nice &lt;i&gt;name&lt;\/i&gt;<\/span><\/nav>/,
    );
    const plain = (await rawGet(server.url, '/runs/r2')).body.toString();
    assert.match(plain, /<span class="here" aria-current="page">r2<\/span>/);
    assert.doesNotMatch(plain, /#project=/);

    const missing = (await rawGet(server.url, '/runs/nope')).body.toString();
    assert.doesNotMatch(missing, /<run-table/, 'an error page is no table');
  } finally {
    await server.close();
  }
});
