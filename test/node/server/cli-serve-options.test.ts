/**
 * `runpage serve`'s team options on the command line: the token from a file or the environment,
 * clear refusals of bad values (which never repeat a token), and the options reaching the server;
 * where the runs list is kept across restarts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/server/cli.js';
import { rawGet } from './helpers.js';
import { writeRun } from './support/deployment.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('runpage serve, team options', () => {
  let dir: string;
  let runs: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-cli-team-'));
    runs = writeRun(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the token from a file (its final newline dropped), which wins over the environment', async () => {
    const token = 'file-token-0123456789abcdef';
    writeFileSync(join(dir, 'token'), `${token}\n`);
    const cli = io();
    const r = await main(['serve', runs, '--port', '0', '--auth-token-file', join(dir, 'token')], cli.io, {
      RUNPAGE_AUTH_TOKEN: 'env-token-0123456789abcdef',
    });
    assert.equal(r.code, 0, cli.err.join('\n'));
    try {
      assert.match(cli.out[0], /\(token required\)$/);
      assert.equal((await rawGet(r.server!.url, '/api/runs')).status, 401);
      assert.equal((await rawGet(r.server!.url, '/api/runs', { Authorization: `Bearer ${token}` })).status, 200);
      assert.equal(
        (await rawGet(r.server!.url, '/api/runs', { Authorization: 'Bearer env-token-0123456789abcdef' })).status,
        401,
      );
    } finally {
      await r.server!.close();
    }
  });

  it('takes the token from RUNPAGE_AUTH_TOKEN', async () => {
    const cli = io();
    const r = await main(['serve', runs, '--port', '0'], cli.io, { RUNPAGE_AUTH_TOKEN: 'env-token-0123456789abcdef' });
    try {
      assert.equal((await rawGet(r.server!.url, '/api/runs')).status, 401);
      assert.equal(
        (await rawGet(r.server!.url, '/api/runs', { Authorization: 'Bearer env-token-0123456789abcdef' })).status,
        200,
      );
    } finally {
      await r.server!.close();
    }
  });

  it('refuses bad values with the reason, before listening, never repeating a token', async () => {
    writeFileSync(join(dir, 'short'), 'tooshort\n');
    writeFileSync(join(dir, 'empty'), '\n');
    const cases: [string[], RegExp, number][] = [
      [['--auth-token-file', join(dir, 'missing')], /--auth-token-file: .*missing cannot be read \(ENOENT\)/, 1],
      [['--auth-token-file', join(dir, 'empty')], /is empty/, 1],
      [['--auth-token-file', join(dir, 'short')], /at least 16 characters/, 1],
      [['--cors', 'portal.example.com'], /not an origin/, 1],
      [['--allowed-hosts', 'https://runs.example.com'], /not a host name/, 1],
      [['--base-path', '/a/../b'], /not a path prefix/, 1],
      [['--frame-ancestors', '*; script-src *'], /frame-ancestors/, 1],
      [['--mlflow', 'ftp://x'], /--mlflow needs the tracking server's http\(s\) URL/, 2],
      [['--cors', ','], /--cors needs at least one value/, 2],
    ];
    for (const [args, message, code] of cases) {
      const cli = io();
      const r = await main(['serve', runs, '--port', '0', ...args], cli.io, {});
      assert.equal(r.code, code, args.join(' '));
      assert.equal(r.server, undefined);
      assert.match(cli.err.join('\n'), message, args.join(' '));
      assert.ok(!cli.err.join('\n').includes('tooshort'), 'the token is not repeated');
    }
    const none = io();
    assert.equal((await main(['serve', '--port', '0'], none.io, {})).code, 2);
    assert.match(none.err.join('\n'), /at least one folder, or --mlflow URL/);
  });

  it('keeps the runs list in --cache-dir, or $XDG_CACHE_HOME/runpage, and nowhere with --no-cache', async () => {
    const cacheDir = join(dir, 'cache-given');
    const xdg = join(dir, 'xdg');
    const listed = (folder: string) =>
      existsSync(join(folder, 'listing'))
        ? readdirSync(join(folder, 'listing')).map((f) => readFileSync(join(folder, 'listing', f), 'utf8'))
        : [];
    for (const [args, folder] of [
      [['--cache-dir', cacheDir], cacheDir],
      [[], join(xdg, 'runpage')],
      [['--no-cache'], undefined],
    ] as const) {
      const cli = io();
      const r = await main(['serve', runs, '--port', '0', ...args], cli.io, { XDG_CACHE_HOME: xdg });
      assert.equal(r.code, 0, cli.err.join('\n'));
      assert.equal((await rawGet(r.server!.url, '/api/runs')).status, 200);
      await r.server!.close();
      if (folder) assert.match(listed(folder).join(''), /"deployed run"/, args.join(' '));
    }
    rmSync(xdg, { recursive: true, force: true });
    const cli = io();
    const r = await main(['serve', runs, '--port', '0', '--no-cache'], cli.io, { XDG_CACHE_HOME: xdg });
    await rawGet(r.server!.url, '/api/runs');
    await r.server!.close();
    assert.ok(!existsSync(xdg), '--no-cache writes nothing');
    assert.ok(
      !readdirSync(runs, { recursive: true }).some((f) => String(f).includes('listing')),
      'nothing in the runs',
    );
    const both = io();
    assert.equal((await main(['serve', runs, '--no-cache', '--cache-dir', cacheDir], both.io, {})).code, 2);
    assert.match(both.err.join('\n'), /--cache-dir and --no-cache/);
  });

  it('passes --public, --allowed-hosts, --base-path, --cors and --frame-ancestors to the server', async () => {
    const cli = io();
    const r = await main(
      [
        'serve',
        runs,
        '--port',
        '0',
        '--public',
        '--allowed-hosts',
        'runs.example.com',
        '--base-path',
        '/runpage',
        '--cors',
        'https://portal.example.com',
        '--frame-ancestors',
        "'self',https://portal.example.com",
      ],
      cli.io,
      {},
    );
    assert.equal(r.code, 0, cli.err.join('\n'));
    const server = r.server!;
    try {
      assert.match(server.url, /\/runpage\/$/);
      assert.match(cli.out[0], /private details hidden/);
      const base = server.url.replace(/runpage\/$/, '');
      const headers = { Host: 'runs.example.com', Origin: 'https://portal.example.com' };
      const info = await rawGet(base, '/runpage/api/runs/deploy1', headers);
      assert.equal(info.status, 200);
      assert.equal(info.headers['access-control-allow-origin'], 'https://portal.example.com');
      assert.deepEqual(JSON.parse(info.body.toString()).withheld, ['command', 'host', 'python.executable']);
      assert.ok(!info.body.toString().includes('deploy-host-1'));
      const page = await rawGet(base, '/runpage/runs/deploy1', headers);
      assert.match(
        String(page.headers['content-security-policy']),
        /frame-ancestors 'self' https:\/\/portal\.example\.com$/,
      );
      assert.equal((await rawGet(base, '/runpage/api/runs', { Host: 'evil.example' })).status, 403);
    } finally {
      await server.close();
    }
  });
});
