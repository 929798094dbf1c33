/**
 * docs/deploy.md's nginx configuration, in a real nginx (its own config in a temp folder, on free
 * ports) in front of a runpage server with the options the doc's unit gives it: the Host names,
 * the prefix, auth (token and sign-in cookie), a compressed immutable chunk, and the live stream
 * passing events on while it is open. Skips where nginx is not installed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { MemorySource } from '../../../src/data/memory-source.js';
import { RunRegistry } from '../../../src/server/registry.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { rawGet, type RawAnswer } from './helpers.js';
import { until } from '../../support/until.js';
import { codeBlocks, freePort } from './support/deployment.js';

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((bin) => !spawnSync(bin, ['-v']).error);
const skip = NGINX ? false : 'nginx is not installed (apt-get install nginx); the proxy configuration is not tested';
const TOKEN = 'nginx-token-0123456789abcdef';
const HOST = 'runs.example.com';

/** The doc's block inside a main configuration of the test's own: temp paths, no daemon. */
function nginxConfig(dir: string, nginxPort: number, runpagePort: number): string {
  const [block] = codeBlocks('docs/deploy.md', 'nginx');
  assert.match(block, /listen 80;/);
  assert.match(block, /server 127\.0\.0\.1:8080;/);
  const site = block
    .replace('listen 80;', `listen 127.0.0.1:${nginxPort};`)
    .replace('127.0.0.1:8080', `127.0.0.1:${runpagePort}`);
  const temp = (name: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    return join(dir, name);
  };
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${site}
}
`;
}

function waitForPort(port: number, ms = 10_000): Promise<boolean> {
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  return until(listening, `nothing listens on ${port}`, ms);
}

function post(base: string, target: string, body: string, headers: Record<string, string>): Promise<RawAnswer> {
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

describe('runpage behind nginx, configured as docs/deploy.md says', { skip }, () => {
  let dir: string;
  let nginx: ChildProcess;
  let runpage: RunpageServer;
  let live: MemorySource;
  let proxy: string;
  const auth = { Host: HOST, Authorization: `Bearer ${TOKEN}` };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-nginx-'));
    // A build's bundle with a hashed lazy chunk.
    mkdirSync(join(dir, 'build', 'bundle-chunks'), { recursive: true });
    writeFileSync(join(dir, 'build', 'runpage.bundle.js'), `export const b = ${JSON.stringify('b'.repeat(3000))};`);
    writeFileSync(
      join(dir, 'build', 'bundle-chunks', 'marked.esm-B7r2xQ_a.js'),
      `export const m = ${JSON.stringify('m'.repeat(5000))};`,
    );
    // The runpage server with the options of the doc's unit.
    const [unit] = codeBlocks('docs/deploy.md', 'ini');
    assert.match(unit, new RegExp(`--allowed-hosts ${HOST.replace(/\./g, '\\.')} --base-path /runpage`));
    const registry = new RunRegistry({ log: () => {} });
    registry.addMemoryRun({ info: { id: 'done', name: 'a finished run', state: 'finished' } });
    live = registry.addMemoryRun({ info: { id: 'live', state: 'running', heartbeatAt: Date.now() } }).source;
    runpage = await startServer(registry, {
      port: await freePort(),
      authToken: TOKEN,
      allowedHosts: [HOST],
      basePath: '/runpage',
      bundlePath: join(dir, 'build', 'runpage.bundle.js'),
    });
    const nginxPort = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(dir, nginxPort, Number(new URL(runpage.url).port)));
    const checked = spawnSync(NGINX!, ['-t', '-p', dir, '-c', conf]);
    assert.equal(checked.status, 0, `nginx -t: ${checked.stderr.toString()}`);
    nginx = spawn(NGINX!, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    await waitForPort(nginxPort);
    proxy = `http://127.0.0.1:${nginxPort}/`;
  });
  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGTERM');
      await gone;
    }
    await runpage?.close();
    if (dir) {
      const log = join(dir, 'error.log');
      try {
        const text = readFileSync(log, 'utf8');
        if (/\[(?:crit|alert|emerg)\]/.test(text)) console.log(text);
      } catch {
        // no log written
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 401 without the token and 200 with it', async () => {
    assert.equal((await rawGet(proxy, '/runpage/api/runs', { Host: HOST })).status, 401);
    const ok = await rawGet(proxy, '/runpage/api/runs', auth);
    assert.equal(ok.status, 200);
    assert.deepEqual((JSON.parse(ok.body.toString()) as { id: string }[]).map((r) => r.id).sort(), ['done', 'live']);
  });

  it('answers the proxy’s host name, and 403 for another', async () => {
    assert.equal((await rawGet(proxy, '/runpage/api/runs', auth)).status, 200);
    const other = await rawGet(proxy, '/runpage/api/runs', { ...auth, Host: 'evil.example' });
    assert.equal(other.status, 403);
    assert.match(JSON.parse(other.body.toString()).error.message, /evil\.example/);
  });

  it('serves pages under the prefix, their relative links and the root’s redirect', async () => {
    const page = await rawGet(proxy, '/runpage/runs/done', auth);
    assert.equal(page.status, 200);
    const css = /href="([^"]*page\.css)"/.exec(page.body.toString())![1];
    const cssPath = new URL(css, `${proxy}runpage/runs/done`).pathname;
    assert.equal(cssPath, '/runpage/assets/page.css');
    assert.equal((await rawGet(proxy, cssPath, { Host: HOST })).status, 200);
    assert.equal((await rawGet(proxy, '/runpage/', auth)).status, 200);
    const bare = await rawGet(proxy, '/runpage', auth);
    assert.ok([301, 308].includes(bare.status), String(bare.status));
    assert.match(String(bare.headers.location), /\/runpage\/$/);
  });

  it('signs a browser in through the proxy', async () => {
    const form = await rawGet(proxy, '/runpage/runs/done', { Host: HOST, Accept: 'text/html' });
    assert.equal(form.status, 401);
    assert.match(form.body.toString(), /action="\.\.\/login"/);
    const signIn = await post(proxy, '/runpage/login', `token=${TOKEN}&next=runs%2Fdone`, {
      Host: HOST,
      Origin: `http://${HOST}`,
    });
    assert.equal(signIn.status, 303);
    assert.equal(
      new URL(String(signIn.headers.location), `http://${HOST}/runpage/login`).pathname,
      '/runpage/runs/done',
    );
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    assert.equal((await rawGet(proxy, '/runpage/runs/done', { Host: HOST, Cookie: cookie })).status, 200);
  });

  it('passes on a compressed, immutable hashed chunk', async () => {
    const chunk = await rawGet(proxy, '/runpage/bundle-chunks/marked.esm-B7r2xQ_a.js', {
      ...auth,
      'Accept-Encoding': 'br, gzip',
    });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['content-encoding'], 'br');
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(chunk.headers.etag);
    assert.match(brotliDecompressSync(chunk.body).toString(), /^export const m/);
  });

  it('streams live events through, each as it happens', async () => {
    const u = new URL(proxy);
    const received: string[] = [];
    let res!: import('node:http').IncomingMessage;
    const req = request({ host: u.hostname, port: u.port, path: '/runpage/api/events?run=live', headers: auth });
    const opened = new Promise<void>((resolve, reject) => {
      req.on('response', (r) => {
        res = r;
        r.on('data', (d: Buffer) => {
          received.push(d.toString());
          resolve();
        });
      });
      req.on('error', reject);
    });
    req.end();
    try {
      await opened;
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      live.append('live', { logs: [{ text: 'step 1 done' }] });
      await until(() => received.join('').includes('step 1 done'), 'the event did not come through');
    } finally {
      req.destroy();
    }
  });
});
