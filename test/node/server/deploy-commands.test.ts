/**
 * The command lines the deployment runs, as plain processes (docker and systemd cannot run here):
 * the Dockerfile's entrypoint and default arguments, its health check, and the systemd unit's
 * ExecStart from docs/deploy.md, each over a small run, with the ports and paths swapped for the
 * test's own.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawGet } from './helpers.js';
import { codeBlocks, freePort, ROOT, spawnRunpage, writeRun, type ServeProcess } from './support/deployment.js';

const TOKEN = 'deploy-token-0123456789abcdef';

/** The last stage's instructions of the Dockerfile, continuation lines joined. */
function dockerfile(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages = text.split(/^FROM /m);
  const last = stages[stages.length - 1];
  const out = new Map<string, string>();
  for (const line of last.split('\n')) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

describe('the Docker image’s command line', () => {
  let dir: string;
  let port: number;
  let serve: ServeProcess;
  let docker: Map<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-docker-'));
    const runs = writeRun(dir);
    port = await freePort();
    docker = dockerfile();
    const entrypoint = JSON.parse(docker.get('ENTRYPOINT')!) as string[];
    const cmd = JSON.parse(docker.get('CMD')!) as string[];
    assert.deepEqual(
      entrypoint.slice(0, 2),
      ['node', 'bin/runpage.js'],
      'the test runs bin/runpage.js from the sources',
    );
    // `-v <runs>:/runs`, the published port, and `-e RUNPAGE_AUTH_TOKEN`.
    const args = [...entrypoint.slice(2), ...cmd].map((a) => (a === '/runs' ? runs : a === '8080' ? String(port) : a));
    serve = await spawnRunpage(args, { RUNPAGE_AUTH_TOKEN: TOKEN });
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the mounted runs on every interface, with the token from the environment', async () => {
    const url = `http://127.0.0.1:${port}/`;
    assert.match(serve.out.join(''), /serving 1 run at http:\/\/localhost:\d+\/ \(token required\)/);
    assert.equal((await rawGet(url, '/api/runs')).status, 401);
    const runs = await rawGet(url, '/api/runs', { Authorization: `Bearer ${TOKEN}` });
    assert.equal(runs.status, 200);
    assert.deepEqual(
      (JSON.parse(runs.body.toString()) as { id: string }[]).map((r) => r.id),
      ['deploy1'],
    );
    // From outside the container: another address, any Host (no --allowed-hosts given).
    const address = nonLoopbackAddress();
    if (address) {
      const outside = await rawGet(`http://${address}:${port}/`, '/api/runs', { Authorization: `Bearer ${TOKEN}` });
      assert.equal(outside.status, 200);
    }
    assert.ok(!serve.out.join('').includes(TOKEN) && !serve.err.join('').includes(TOKEN));
  });

  it('passes its health check', () => {
    const check = JSON.parse(/\bCMD (\[.*\])\s*$/.exec(docker.get('HEALTHCHECK')!)![1]) as string[];
    assert.equal(check[0], 'node');
    const r = spawnSync(
      process.execPath,
      check.slice(1).map((a) => a.replace('8080', String(port))),
      { timeout: 10_000 },
    );
    assert.equal(r.status, 0, r.stderr.toString());
  });

  it('runs as an unprivileged user and stops cleanly on SIGTERM (docker stop)', async () => {
    assert.equal(docker.get('USER'), 'node');
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  });
});

describe('the systemd unit’s ExecStart', () => {
  let dir: string;
  let port: number;
  let serve: ServeProcess;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-systemd-'));
    const runs = writeRun(dir);
    port = await freePort();
    const [unit] = codeBlocks('docs/deploy.md', 'ini');
    assert.match(unit, /^LoadCredential=token:\/etc\/runpage\/token$/m);
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1].split(/\s+/);
    assert.equal(exec[0], '/usr/bin/node');
    assert.match(exec[1], /\/bin\/runpage\.js$/);
    // The credential systemd hands the service in %d, the runs folder and the port.
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`, { mode: 0o600 });
    const args = exec
      .slice(2)
      .map((a) => (a === '/srv/runs' ? runs : a === '8080' ? String(port) : a.replace('%d', dir)));
    serve = await spawnRunpage(args);
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers under its prefix to the proxy’s host name, with the token from the credential', async () => {
    const url = `http://127.0.0.1:${port}/`;
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const behindProxy = await rawGet(url, '/runpage/api/runs', { ...auth, Host: 'runs.example.com' });
    assert.equal(behindProxy.status, 200);
    assert.equal((await rawGet(url, '/runpage/api/runs', { Host: 'runs.example.com' })).status, 401);
    assert.equal((await rawGet(url, '/runpage/api/runs', { ...auth, Host: 'evil.example' })).status, 403);
    assert.equal((await rawGet(url, '/api/runs', { ...auth, Host: 'runs.example.com' })).status, 404);
  });

  it('stops cleanly (systemctl stop)', async () => {
    serve.child.kill('SIGTERM');
    assert.equal(await serve.exited, 0);
  });
});

describe('bin/runpage.js', () => {
  it('is what the tests run: runCli over the built command line', () => {
    const bin = readFileSync(join(ROOT, 'bin/runpage.js'), 'utf8');
    assert.match(bin, /import\('\.\.\/dist\/server\/cli\.js'\)/);
    assert.match(bin, /await cli\.runCli\(process\.argv\.slice\(2\)\);/);
  });
});
