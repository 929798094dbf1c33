/**
 * A server with a token, over HTTP: 401 without it, 200 with `Authorization: Bearer`, the sign-in
 * form's session cookie (and its expiry), the `authorize` hook, and the token never repeated in
 * an answer or a log line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { HttpSource } from '../../../src/data/http-source.js';
import { isSourceError } from '../../../src/data/errors.js';
import { Auth, sameSecret } from '../../../src/server/auth.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { safeNext } from '../../../src/server/sign-in.js';
import { rawGet, type RawAnswer } from './helpers.js';

const TOKEN = 'tok-3f9a1c77e2b84d0aa51c';

function registry(): RunRegistry {
  const r = new RunRegistry({ log: () => {} });
  r.addMemoryRun({
    info: { id: 'r1', name: 'first', state: 'finished' },
    files: [{ path: 'notes.txt', bytes: 'hello' }],
  });
  return r;
}

function post(base: string, target: string, body: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: target,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('a server with a token', () => {
  let server: RunpageServer;
  let now = Date.UTC(2026, 0, 1);
  const logged: string[] = [];
  before(async () => {
    server = await startServer(registry(), { authToken: TOKEN, now: () => now, log: (m) => logged.push(m) });
  });
  after(() => server.close());

  it('answers 401 without the token and 200 with it, on every kind of request', async () => {
    for (const target of [
      '/api/runs',
      '/api/runs/r1',
      '/api/runs/r1/raw/notes.txt',
      '/api/events?run=r1',
      '/',
      '/runs/r1',
      '/runpage.bundle.js',
      '/assets/page.js',
    ]) {
      const without = await rawGet(server.url, target);
      assert.equal(without.status, 401, target);
      const wrong = await rawGet(server.url, target, { Authorization: `Bearer ${TOKEN}x` });
      assert.equal(wrong.status, 401, `${target} with a wrong token`);
    }
    const api = await rawGet(server.url, '/api/runs', { Authorization: `Bearer ${TOKEN}` });
    assert.equal(api.status, 200);
    assert.equal(api.headers['www-authenticate'], undefined);
    const refused = await rawGet(server.url, '/api/runs');
    assert.equal(refused.headers['www-authenticate'], 'Bearer realm="runpage"');
    assert.equal(JSON.parse(refused.body.toString()).error.code, 'unauthorized');
    const file = await rawGet(server.url, '/api/runs/r1/raw/notes.txt', { Authorization: `bearer ${TOKEN}` });
    assert.equal(file.body.toString(), 'hello');
  });

  it('HttpSource with the header reads everything; without it, the error says what is missing', async () => {
    const ok = new HttpSource(server.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal((await ok.getRun('r1')).name, 'first');
    const e = await new HttpSource(server.url).getRun('r1').catch((x: unknown) => x);
    assert.ok(isSourceError(e) && e.code === 'unauthorized', String(e));
    assert.match((e as Error).message, /needs its token/);
  });

  it('gives a browser the sign-in form for a page, and signs it in with a cookie', async () => {
    const page = await rawGet(server.url, '/runs/r1?tab=logs', { Accept: 'text/html' });
    assert.equal(page.status, 401);
    const html = page.body.toString();
    assert.match(html, /<form method="post" action="\.\.\/login">/);
    assert.match(html, /name="next" value="runs\/r1\?tab=logs"/);
    assert.doesNotMatch(html, /<script/);
    // The form's stylesheet loads without signing in.
    assert.equal((await rawGet(server.url, '/assets/page.css')).status, 200);

    const bad = await post(server.url, '/login', `token=nope&next=runs%2Fr1`, { Origin: server.url.slice(0, -1) });
    assert.equal(bad.status, 401);
    assert.match(bad.body.toString(), /That token is not right/);
    assert.equal(bad.headers['set-cookie'], undefined);

    const good = await post(server.url, '/login', `token=${TOKEN}&next=${encodeURIComponent('runs/r1?tab=logs')}`, {
      Origin: server.url.slice(0, -1),
    });
    assert.equal(good.status, 303);
    assert.equal(good.headers.location, './runs/r1?tab=logs');
    const cookie = String(good.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Path=/, 'scoped by the browser to the sign-in URL’s folder: the root');
    assert.ok(!cookie.includes(TOKEN), 'the cookie does not hold the token');
    const pair = cookie.split(';')[0];
    for (const target of ['/runs/r1', '/api/runs/r1', '/api/runs/r1/raw/notes.txt', '/runpage.bundle.js']) {
      assert.notEqual((await rawGet(server.url, target, { Cookie: `other=1; ${pair}` })).status, 401, target);
    }
    // A week later the session is over.
    now += 8 * 24 * 3600 * 1000;
    assert.equal((await rawGet(server.url, '/api/runs', { Cookie: pair })).status, 401);
    now = Date.UTC(2026, 0, 1);
    // A forged or altered cookie does not pass.
    const forged = pair.replace(/=(\d+)\./, (_m, t: string) => `=${Number(t) + 1}.`);
    assert.equal((await rawGet(server.url, '/api/runs', { Cookie: forged })).status, 401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const r = await post(server.url, '/login', `token=${TOKEN}`, { Origin: 'https://evil.example' });
    assert.equal(r.status, 403);
    assert.equal(r.headers['set-cookie'], undefined);
    const r2 = await post(server.url, '/login', `token=${TOKEN}`, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(r2.status, 403);
  });

  it('never repeats the token in an answer or a log line', async () => {
    const answers = [
      await rawGet(server.url, '/api/runs', { Authorization: `Bearer ${TOKEN}` }),
      await rawGet(server.url, '/api/runs/nope', { Authorization: `Bearer ${TOKEN}` }),
      await rawGet(server.url, '/api/runs', { Authorization: `Bearer ${TOKEN}zz` }),
      await post(server.url, '/login', `token=${TOKEN}zz`),
      await post(server.url, '/login', `token=${TOKEN}&next=https://evil.example/`),
    ];
    for (const a of answers) {
      assert.ok(!a.body.toString().includes(TOKEN), a.body.toString());
      assert.ok(!JSON.stringify(a.headers).includes(TOKEN));
    }
    assert.ok(!logged.join('\n').includes(TOKEN));
  });
});

describe('the authorize hook', () => {
  it('lets in what it approves (an SSO proxy’s header), alone or beside a token', async () => {
    const authorize = (req: import('node:http').IncomingMessage) => req.headers['x-forwarded-user'] === 'alice';
    const alone = await startServer(registry(), { authorize });
    const both = await startServer(registry(), { authorize, authToken: TOKEN });
    try {
      assert.equal((await rawGet(alone.url, '/api/runs')).status, 403);
      assert.equal((await rawGet(alone.url, '/api/runs', { 'X-Forwarded-User': 'bob' })).status, 403);
      assert.equal((await rawGet(alone.url, '/api/runs', { 'X-Forwarded-User': 'alice' })).status, 200);
      assert.equal((await rawGet(alone.url, '/login')).status, 404, 'no sign-in form without a token');
      assert.equal((await rawGet(both.url, '/api/runs', { 'X-Forwarded-User': 'alice' })).status, 200);
      assert.equal((await rawGet(both.url, '/api/runs', { Authorization: `Bearer ${TOKEN}` })).status, 200);
      assert.equal((await rawGet(both.url, '/api/runs')).status, 401);
      // A hook that throws refuses.
      const throwing = await startServer(registry(), {
        authorize: () => {
          throw new Error('directory down');
        },
      });
      try {
        assert.equal((await rawGet(throwing.url, '/api/runs')).status, 403);
      } finally {
        await throwing.close();
      }
    } finally {
      await alone.close();
      await both.close();
    }
  });
});

describe('secrets and redirects', () => {
  it('compares in constant time over digests (any lengths)', () => {
    assert.equal(sameSecret('a'.repeat(40), 'a'.repeat(40)), true);
    assert.equal(sameSecret('a'.repeat(40), 'a'.repeat(41)), false);
    assert.equal(sameSecret('', 'x'), false);
    assert.throws(() => new Auth({ token: 'has a space in it!!' }), /spaces/);
  });

  it('sends a signed-in browser only to places under the root', () => {
    assert.equal(safeNext('runs/abc?tab=logs'), 'runs/abc?tab=logs');
    assert.equal(safeNext(''), '');
    for (const bad of [
      '//evil.example/',
      'https://evil.example/',
      '/etc',
      '../up',
      'runs/../../x',
      'javascript:alert(1)',
      'a\\b',
      'a b',
    ])
      assert.equal(safeNext(bad), '', bad);
  });
});
