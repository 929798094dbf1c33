/**
 * Symbolic links in a run folder, as the server lists and serves them: a link inside is followed
 * and says where it leads; a link out of the folder is a leaf that is never followed (400, whether
 * or not its target exists out there); a link to nothing is a leaf too (404). No answer names a
 * path outside the run folder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import type { FileEntry } from '../../../src/data/source.js';
import { discoverRuns } from '../../../src/server/discover.js';
import { createNodeFolder } from '../../../src/server/node-folder.js';
import { listDiskFiles } from '../../../src/server/disk-listing.js';
import { eventBytes, eventFile, scalarValue } from '../formats/tfevents/encode.js';
import { rawGet, serve } from './helpers.js';
import type { RunpageServer } from '../../../src/server/server.js';

const SECRET = 'secret-next-to-the-run-7731';

describe('symbolic links in a run folder', () => {
  let dir: string;
  let run: string;
  let server: RunpageServer;
  let runId: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-links-'));
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    mkdirSync(join(dir, 'outside'));
    run = join(dir, 'run');
    mkdirSync(join(run, 'logs'), { recursive: true });
    const wall = Date.now() / 1000 - 3600;
    const events = join(run, 'events.out.tfevents.1700000000.host.1.0');
    writeFileSync(events, eventFile([eventBytes(wall, 1, [scalarValue('loss', 0.5)])], wall));
    utimesSync(events, wall, wall);
    writeFileSync(join(run, 'logs', 'output.log'), 'line 1\n');
    // inside, followed
    symlinkSync('logs/output.log', join(run, 'latest.log'));
    symlinkSync('logs', join(run, 'latest-logs'));
    // to nothing, inside (W&B's `debug.log` and `latest-run` once the run folder is moved or pruned)
    symlinkSync('run-20240101_000000-old/logs/debug.log', join(run, 'debug.log'));
    symlinkSync('gone', join(run, 'latest-run'));
    // loops lead nowhere either
    symlinkSync('loop-b', join(run, 'loop-a'));
    symlinkSync('loop-a', join(run, 'loop-b'));
    // out of the folder: to something, to nothing, and through a link out
    symlinkSync(join(dir, 'secret.txt'), join(run, 'escape.txt'));
    symlinkSync('/nonexistent-runpage-author/project/model.pt', join(run, 'model.pt'));
    symlinkSync(join(dir, 'outside'), join(run, 'outdir'));
    symlinkSync('outdir/missing.txt', join(run, 'via-outdir.txt'));
    const found = await discoverRuns([run]);
    const s = await serve();
    s.registry.addLocations(found.runs);
    server = s.server;
    runId = found.runs[0].id;
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const raw = (path: string) => rawGet(server.url, `/api/runs/${encodeURIComponent(runId)}/raw/${path}`);
  const byName = (entries: FileEntry[]) => Object.fromEntries(entries.map((e) => [e.name, e]));

  it('lists each link with where it leads, targets only inside the run', async () => {
    const listing = await listDiskFiles(createNodeFolder(run), '');
    const e = byName(listing.entries);
    assert.deepEqual(e['latest.log'].link, { to: 'inside', target: 'logs/output.log' });
    assert.equal(e['latest.log'].kind, 'file');
    assert.equal(e['latest.log'].size, 7);
    assert.deepEqual(e['latest-logs'].link, { to: 'inside', target: 'logs' });
    assert.equal(e['latest-logs'].kind, 'dir');
    assert.deepEqual(e['debug.log'].link, { to: 'nothing', target: 'run-20240101_000000-old/logs/debug.log' });
    assert.deepEqual(e['latest-run'].link, { to: 'nothing', target: 'gone' });
    assert.deepEqual(e['loop-a'].link, { to: 'nothing', target: 'loop-b' });
    for (const name of ['escape.txt', 'model.pt', 'outdir', 'via-outdir.txt']) {
      assert.deepEqual(e[name].link, { to: 'outside' }, name);
      assert.equal(e[name].kind, 'file', `${name} is a leaf`);
      assert.equal(e[name].mime, 'inode/symlink', name);
      assert.equal(e[name].size, undefined, name);
    }
    assert.equal(e['debug.log'].mime, 'inode/symlink');
    assert.equal(e['logs'].link, undefined);
  });

  it('sends the same over HTTP, naming no path outside the run folder', async () => {
    const r = await rawGet(server.url, `/api/runs/${encodeURIComponent(runId)}/files?dir=`);
    assert.equal(r.status, 200);
    const body = r.body.toString();
    for (const leak of [dir, 'nonexistent-runpage-author', 'secret.txt', SECRET])
      assert.ok(!body.includes(leak), `the listing names ${leak}`);
    const listing = await new HttpSource(server.url).listFiles(runId, '');
    assert.deepEqual(byName(listing.entries)['debug.log'].link, {
      to: 'nothing',
      target: 'run-20240101_000000-old/logs/debug.log',
    });
  });

  it('serves a file through a link inside the run', async () => {
    const r = await raw('latest.log');
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), 'line 1\n');
    assert.equal((await raw('latest-logs/output.log')).status, 200);
  });

  it('answers 404 for a link to nothing, saying so', async () => {
    for (const [path, message] of [
      [
        'debug.log',
        'debug.log is a link to nothing (its target run-20240101_000000-old/logs/debug.log does not exist)',
      ],
      ['latest-run', 'latest-run is a link to nothing (its target gone does not exist)'],
      ['latest-run/files/output.log', 'latest-run/files/output.log: latest-run is a link to nothing'],
      ['loop-a', 'loop-a is a link to nothing'],
    ] as const) {
      const r = await raw(path);
      assert.equal(r.status, 404, path);
      const { error } = JSON.parse(r.body.toString()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'not-found', path);
      assert.ok(error.message.startsWith(message), `${path}: ${error.message}`);
    }
  });

  it('answers 400 for a link out of the folder, whether or not its target exists out there', async () => {
    for (const path of ['escape.txt', 'model.pt', 'outdir/anything.txt', 'via-outdir.txt']) {
      const r = await raw(path);
      assert.equal(r.status, 400, path);
      const text = r.body.toString();
      const { error } = JSON.parse(text) as { error: { code: string; message: string } };
      assert.equal(error.code, 'invalid-data', path);
      assert.match(error.message, /is a link out of the run folder; links out of it are never followed/, path);
      for (const leak of [dir, 'nonexistent-runpage-author', SECRET])
        assert.ok(!text.includes(leak), `${path}: ${leak}`);
    }
  });

  it('HttpSource reads those answers as not-found and invalid-data', async () => {
    const source = new HttpSource(server.url);
    await assert.rejects(source.readFile(runId, 'debug.log'), (e) => isSourceError(e) && e.code === 'not-found');
    await assert.rejects(source.readFile(runId, 'model.pt'), (e) => isSourceError(e) && e.code === 'invalid-data');
  });
});
