/**
 * `runpage serve --public` over every real fixture run: every answer of every endpoint of every
 * run (facts, lists, series, every log line, log searches, file listings and the bytes of every
 * file served, artifacts, media, live streams, the HTML pages) is searched for each run's host
 * name, program, Python executable and path arguments, as the same server without --public
 * reports them. None may appear. The Overview is told what was withheld.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdirSync, lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HttpSource } from '../../../src/data/http-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import { hostOfEventFile } from '../../../src/server/private-runs.js';
import { startServer, type RunpageServer } from '../../../src/server/server.js';
import { rawGet } from './helpers.js';

const REAL = resolve(new URL('../../../../shared/fixtures/real/', import.meta.url).pathname);
const skip = existsSync(REAL) ? false : `real fixtures not found at ${REAL}`;

/** Host names in event file names anywhere below the fixtures. */
function eventFileHosts(dir: string, out = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = lstatSync(p);
    if (s.isDirectory()) eventFileHosts(p, out);
    else {
      const host = hostOfEventFile(name);
      if (host) out.add(host);
    }
  }
  return out;
}

/**
 * What must not appear: each run's host, program path, executable and path-like arguments. (A
 * program given as a bare script name, `example.py`, is the name of the run's own code files.)
 */
function privateStrings(info: RunInfo): string[] {
  const program = info.command?.program;
  const out = [info.host, /[/\s]/.test(program ?? '') ? program : undefined, info.python?.executable];
  for (const arg of info.command?.args ?? []) if (arg.includes('/')) out.push(arg);
  return out.filter((v): v is string => typeof v === 'string' && v.length >= 3);
}

function pattern(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(/^\w/.test(value) && /\w$/.test(value) ? `\\b${escaped}\\b` : escaped);
}

describe('serving the real fixtures with --public', { skip }, () => {
  let open: RunpageServer;
  let hidden: RunpageServer;
  let secrets: Map<string, string[]>;
  let everyPrivate: string[];
  /** Every answer the public server gave: what was asked, and the text. */
  const answers: { what: string; text: string }[] = [];

  before(async () => {
    open = await startServer(undefined, { paths: [REAL], log: () => {} });
    hidden = await startServer(undefined, { paths: [REAL], public: true, log: () => {} });
    const source = new HttpSource(open.url);
    secrets = new Map();
    for (const ref of await source.listRuns()) {
      const info = await source.getRun(ref.id).catch(() => undefined);
      if (info) secrets.set(ref.id, privateStrings(info));
    }
    everyPrivate = [...new Set([...[...secrets.values()].flat(), ...eventFileHosts(REAL), REAL])];
  });
  after(async () => {
    await open?.close();
    await hidden?.close();
  });

  /** GETs a target on the public server and keeps the answer's text. */
  async function get(target: string): Promise<{ status: number; text: string; json?: unknown }> {
    const r = await rawGet(hidden.url, target);
    const text = r.body.toString('latin1');
    answers.push({ what: target, text: `${JSON.stringify(r.headers)}\n${text}` });
    let json: unknown;
    if (String(r.headers['content-type']).startsWith('application/json')) json = JSON.parse(r.body.toString('utf8'));
    return { status: r.status, text, json };
  }

  it('the fixtures hold private details to hide', () => {
    assert.ok(everyPrivate.includes('ip-172-31-3-98'));
    assert.ok(everyPrivate.includes('-m kws_streaming.train.model_train_eval'));
    assert.ok(everyPrivate.includes('pkMac.local'));
    assert.ok(everyPrivate.some((v) => v.startsWith('/Users/aryan/')));
  });

  it('answers every endpoint of every run without them', { timeout: 300_000 }, async () => {
    const base = (id: string) => `/api/runs/${encodeURIComponent(id)}`;
    const runs = (await get('/api/runs')).json as { id: string }[];
    await get('/');
    assert.ok(runs.length >= 20);
    for (const { id } of runs) {
      await get(`/runs/${encodeURIComponent(id)}`);
      const info = (await get(base(id))).json as RunInfo;
      const metrics = ((await get(`${base(id)}/metrics`)).json ?? []) as { key: string }[];
      for (const m of Array.isArray(metrics) ? metrics : []) {
        const s = await rawGet(
          hidden.url,
          `/api/series?run=${encodeURIComponent(id)}&key=${encodeURIComponent(m.key)}&points=50`,
        );
        // The columns are numbers in base64; everything else in the answer is searched.
        const series = JSON.parse(s.body.toString()) as Record<string, unknown>[];
        answers.push({
          what: `series ${m.key}`,
          text: JSON.stringify(
            Array.isArray(series) ? series.map(({ x: _x, y: _y, original: _o, ...rest }) => rest) : series,
          ),
        });
      }
      const first = (await get(`${base(id)}/logs?start=0&count=0`)).json as { total?: number };
      for (let start = 0; start < (first?.total ?? 0); start += 5000)
        await get(`${base(id)}/logs?start=${start}&count=5000`);
      for (const value of secrets.get(id) ?? []) {
        const found = (await get(`${base(id)}/logs/search?q=${encodeURIComponent(value)}`)).json as { total?: number };
        assert.equal(found?.total ?? 0, 0, `a log search for ${value} in ${id} finds nothing`);
      }
      const dirs = [''];
      while (dirs.length > 0) {
        const dir = dirs.shift()!;
        let cursor = '';
        do {
          const listing = (await get(`${base(id)}/files?dir=${encodeURIComponent(dir)}&cursor=${cursor}`)).json as {
            entries?: { path: string; kind: string }[];
            next?: string;
          };
          for (const e of listing?.entries ?? []) {
            if (e.kind === 'dir') dirs.push(e.path);
            else await get(`${base(id)}/raw/${e.path.split('/').map(encodeURIComponent).join('/')}`);
          }
          cursor = listing?.next ?? '';
        } while (cursor);
      }
      const artifacts = (await get(`${base(id)}/artifacts`)).json;
      for (const a of Array.isArray(artifacts) ? (artifacts as { id: string }[]) : []) {
        const detail = (await get(`${base(id)}/artifacts/${encodeURIComponent(a.id)}`)).json as {
          files?: { path: string }[];
        };
        for (const f of (detail?.files ?? []).slice(0, 20))
          await get(
            `${base(id)}/artifacts/${encodeURIComponent(a.id)}/raw/${f.path.split('/').map(encodeURIComponent).join('/')}`,
          );
      }
      await get(`${base(id)}/model`);
      const media = (await get(`${base(id)}/media`)).json;
      for (const k of Array.isArray(media) ? (media as { key: string; steps: number[] }[]) : [])
        for (const step of k.steps.slice(0, 3))
          await get(`${base(id)}/media/items?key=${encodeURIComponent(k.key)}&step=${step}`);
      // Every fixture run has ended: its stream sends the final facts and closes.
      if (info && info.state !== 'running') await get(`${base(id)}/events`);
    }
    await get(`/api/events?${runs.map((r) => `run=${encodeURIComponent(r.id)}`).join('&')}`);

    assert.ok(answers.length > 200, `${answers.length} answers searched`);
    for (const value of everyPrivate) {
      const re = pattern(value);
      const leak = answers.find((a) => re.test(a.text));
      assert.equal(leak, undefined, `${JSON.stringify(value)} appears in the answer to ${leak?.what}`);
    }
    // Nor does anyone's home folder name (the fixtures' paths are under /home/ubuntu, /Users/aryan…).
    const home = /(?:\/home|\/Users)\/(?!\[hidden\])[A-Za-z]/;
    const inHome = answers.find((a) => home.test(a.text));
    assert.equal(
      inHome,
      undefined,
      `a home folder appears in the answer to ${inHome?.what}: ${home.exec(inHome?.text ?? '')}`,
    );
  });

  it('refuses the files that hold the details in raw form, and says why', async () => {
    const source = new HttpSource(hidden.url);
    const run = (await source.listRuns()).find((r) => r.id === '3ojed7lz')!;
    for (const path of [
      'files/wandb-metadata.json',
      'files/config.yaml',
      'files/output.log',
      'logs/debug.log',
      'run-3ojed7lz.wandb',
    ]) {
      const r = await rawGet(hidden.url, `/api/runs/${run.id}/raw/${path}`);
      assert.equal(r.status, 403, path);
      assert.match(JSON.parse(r.body.toString()).error.message, /private details/);
    }
    const listed = await source.listFiles(run.id, 'files');
    assert.deepEqual(
      listed.entries.map((e) => e.name),
      ['requirements.txt'],
    );
    assert.equal(
      (await source.listFiles(run.id, '')).entries.some((e) => e.name === 'logs'),
      false,
    );
    // The console is still there, through the Logs tab, with the details hidden.
    const logs = await source.getLogs({ runId: run.id, start: 0, count: 50 });
    assert.ok(logs.total > 100);
  });

  it('says which facts were withheld, and keeps the rest', async () => {
    const info = await new HttpSource(hidden.url).getRun('3ojed7lz');
    const open3 = await new HttpSource(open.url).getRun('3ojed7lz');
    assert.deepEqual(info.withheld, ['command', 'host', 'python.executable', 'user']);
    for (const k of ['host', 'user', 'command'] as const) assert.equal(info[k], undefined);
    assert.equal(info.python?.version, open3.python?.version);
    assert.equal(info.os, open3.os);
    assert.deepEqual(info.git, open3.git);
    assert.deepEqual(info.summary, open3.summary);
    assert.equal(info.name, open3.name);
  });
});
