/**
 * The contract every RunSource must keep, checked against the run of `buildConformanceFixture()`.
 *
 *   runSourceConformance('MemorySource', async () => ({ source: new MemorySource(fixture.run), runId }));
 *
 * Optional methods a source leaves out are skipped with a message; methods it has must behave.
 * `append` (when the source can take live data) adds data for `runId`; `watch` must then deliver it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileListing, RunEvent, RunListEvent, RunPage, RunSource, Series } from '../../src/data/source.js';
import type { MemoryAppend, MemoryRun } from '../../src/data/memory-source.js';
import { isSourceError } from '../../src/data/errors.js';
import { SPIKY_KEY, SPIKY_POINTS, buildConformanceFixture } from './fixture.js';
import { until } from '../support/until.js';

export { buildConformanceFixture, spikyMetric, SPIKY_KEY, SPIKY_POINTS, SPIKE_COUNT } from './fixture.js';

export interface ConformanceSetup {
  source: RunSource;
  runId: string;
  /** Appends live data to `runId` (sources that support it). */
  append?: (data: MemoryAppend) => void | Promise<void>;
  cleanup?: () => Promise<void>;
  /** Adds a run to the source (a run that started); resolves with its id. */
  addRun?: (run: MemoryRun) => Promise<string>;
  /** Appends live data to a run `addRun` added. */
  appendTo?: (runId: string, data: MemoryAppend) => Promise<void>;
  /** Removes a run (its folder was deleted), where the source can. */
  removeRun?: (runId: string) => Promise<void>;
  /** Resolves once a `watchRuns` subscription made just before hears of changes. */
  runsWatched?: () => Promise<void>;
}

async function rejectsWith(p: Promise<unknown>, code: string, what: string): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSourceError(e), `${what}: expected a SourceError, got ${String(e)}`);
    assert.equal((e as { code: string }).code, code, `${what}: ${(e as Error).message}`);
    return e;
  }
  assert.fail(`${what}: expected a rejection with ${code}`);
}

/** TensorBoard's EMA, written out again here so the check does not share code with any source. */
function referenceEma(values: ArrayLike<number>, w: number): number[] {
  let last = 0;
  let n = 0;
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out.push(v);
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out.push(last / (1 - w ** n));
  }
  return out;
}

type Listed = Extract<RunListEvent, { run: unknown }>;

function inRange(s: Series, lo: number, hi: number): number {
  let k = 0;
  for (const x of s.x) if (x >= lo && x <= hi) k++;
  return k;
}

function hasPoint(s: Series, x: number, y: number): boolean {
  for (let i = 0; i < s.x.length; i++) if (s.x[i] === x && s.y[i] === y) return true;
  return false;
}

export function runSourceConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  const fixture = buildConformanceFixture();
  const run = fixture.run;
  const logs = Array.isArray(run.logs) ? run.logs : [];

  describe(`${name}: source conformance`, () => {
    let s: ConformanceSetup;
    let source: RunSource;
    let runId: string;
    before(async () => {
      s = await setup();
      source = s.source;
      runId = s.runId;
    });
    after(async () => {
      await s?.cleanup?.();
    });

    describe('run', () => {
      it('getRun returns the run', async () => {
        const info = await source.getRun(runId);
        assert.equal(info.id, runId);
        assert.equal(info.name, run.info.name);
        assert.equal(info.state, run.info.state);
        assert.deepEqual(info.config, run.info.config);
        assert.deepEqual(info.hardware?.gpus?.length, run.info.hardware?.gpus?.length);
      });
      it('listRuns lists the run with its listing fields', async (t) => {
        if (!source.listRuns) return t.skip('the source lists no runs');
        const ref = (await source.listRuns()).find((r) => r.id === runId);
        assert.ok(ref, 'the run is listed');
        const info = run.info;
        assert.equal(ref.name, info.name);
        assert.equal(ref.project, info.project);
        assert.equal(ref.group, info.group);
        assert.deepEqual(ref.tags, info.tags);
        assert.equal(ref.state, info.state);
        assert.equal(ref.startedAt, info.startedAt);
        assert.equal(ref.endedAt, info.endedAt);
        assert.deepEqual(ref.config, info.config);
        // the summary, with the last value of each metric the summary does not name
        for (const [k, v] of Object.entries(info.summary ?? {})) assert.deepEqual(ref.summary?.[k], v, `summary ${k}`);
        const spiky = fixture.spikes.length ? ref.summary?.[SPIKY_KEY] : undefined;
        if (info.summary?.[SPIKY_KEY] === undefined) assert.equal(typeof spiky, 'number', 'the last value of a metric');
      });
      it('queryRuns finds the run by name, id, /regex/ and filters, and -word excludes it', async (t) => {
        if (!source.queryRuns) return t.skip('the source answers no run queries');
        const ids = async (q: Parameters<NonNullable<RunSource['queryRuns']>>[0]) =>
          (await source.queryRuns!(q)).runs.map((r) => r.id);
        const first = await source.queryRuns({});
        assert.ok(first.total >= first.runs.length, 'total counts every matching run');
        const escaped = runId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        assert.ok(
          (await ids({ search: runId.toUpperCase() })).includes(runId),
          'a word matches the id, whatever its case',
        );
        assert.ok(!(await ids({ search: `-${runId}` })).includes(runId), '-word excludes');
        assert.ok((await ids({ search: `/^${escaped}$/m` })).includes(runId), 'a /regex/ word matches');
        assert.ok(!(await ids({ search: `${runId} no-such-word-zz9` })).includes(runId), 'every word must match');
        const state = run.info.state;
        assert.ok((await ids({ filters: { state } })).includes(runId), 'the run in its state');
        const other = state === 'failed' ? 'killed' : 'failed';
        assert.ok(!(await ids({ filters: { state: other } })).includes(runId), 'not in another state');
        const ref = (await source.queryRuns({ search: runId })).runs.find((r) => r.id === runId)!;
        assert.deepEqual(ref.config, run.info.config, 'a page carries the listing fields');
        const bad = await source.queryRuns({ search: '/(unclosed/' });
        assert.equal(bad.invalid, '/(unclosed/', 'a regex that does not compile is named');
      });
      it('queryRuns pages: every run once, in the sort asked for, up to the limit', async (t) => {
        if (!source.queryRuns) return t.skip('the source answers no run queries');
        const seen: string[] = [];
        const names: string[] = [];
        let cursor: string | undefined;
        let total = -1;
        for (let k = 0; k < 10_000; k++) {
          const page: RunPage = await source.queryRuns({ limit: 1, cursor, sort: { column: 'name', dir: 'asc' } });
          assert.ok(page.runs.length <= 1, 'no more than the limit');
          total = page.total;
          for (const r of page.runs) {
            seen.push(r.id);
            names.push((r.name ?? r.id).toLowerCase());
          }
          cursor = page.next;
          if (!cursor) break;
        }
        assert.equal(seen.length, total, 'the pages hold every run');
        assert.equal(new Set(seen).size, seen.length, 'no run twice');
        assert.ok(seen.includes(runId));
        for (let i = 1; i < names.length; i++) assert.ok(names[i - 1]!.localeCompare(names[i]!) <= 0, 'sorted by name');
        await rejectsWith(source.queryRuns({ cursor: 'not-a-cursor' }), 'invalid-data', 'an unknown cursor');
        const controller = new AbortController();
        controller.abort();
        await rejectsWith(source.queryRuns({}, { signal: controller.signal }), 'aborted', 'queryRuns');
      });
      it('an unknown run is not-found for every method', async (t) => {
        const ghost = 'no-such-run-0000';
        await rejectsWith(source.getRun(ghost), 'not-found', 'getRun');
        const calls: [string, (() => Promise<unknown>) | undefined][] = [
          ['listMetrics', source.listMetrics && (() => source.listMetrics!(ghost))],
          [
            'getSeries',
            source.getSeries && (() => source.getSeries!({ runIds: [ghost], keys: ['train/loss'], x: 'step' })),
          ],
          ['getLogs', source.getLogs && (() => source.getLogs!({ runId: ghost, start: 0, count: 10 }))],
          ['searchLogs', source.searchLogs && (() => source.searchLogs!({ runId: ghost, query: 'x' }))],
          ['listFiles', source.listFiles && (() => source.listFiles!(ghost, ''))],
          ['readFile', source.readFile && (() => source.readFile!(ghost, 'config.yaml'))],
          ['listArtifacts', source.listArtifacts && (() => source.listArtifacts!(ghost))],
          ['getModel', source.getModel && (() => source.getModel!(ghost))],
          ['listMedia', source.listMedia && (() => source.listMedia!(ghost))],
        ];
        for (const [method, call] of calls) if (call) await rejectsWith(call(), 'not-found', method);
        if (calls.every(([, c]) => !c)) t.skip('the source has only getRun');
      });
      it('every method rejects with aborted once the signal has fired', async () => {
        const controller = new AbortController();
        controller.abort();
        const o = { signal: controller.signal };
        await rejectsWith(source.getRun(runId, o), 'aborted', 'getRun');
        if (source.listMetrics) await rejectsWith(source.listMetrics(runId, o), 'aborted', 'listMetrics');
        if (source.getSeries)
          await rejectsWith(
            source.getSeries({ runIds: [runId], keys: [SPIKY_KEY], x: 'step', points: 500 }, o),
            'aborted',
            'getSeries',
          );
        if (source.getLogs) await rejectsWith(source.getLogs({ runId, start: 0, count: 10 }, o), 'aborted', 'getLogs');
        if (source.searchLogs)
          await rejectsWith(source.searchLogs({ runId, query: 'loss' }, o), 'aborted', 'searchLogs');
        if (source.listFiles) await rejectsWith(source.listFiles(runId, '', undefined, o), 'aborted', 'listFiles');
        if (source.readFile)
          await rejectsWith(source.readFile(runId, 'config.yaml', undefined, o), 'aborted', 'readFile');
        if (source.listArtifacts) await rejectsWith(source.listArtifacts(runId, o), 'aborted', 'listArtifacts');
        if (source.getModel) await rejectsWith(source.getModel(runId, o), 'aborted', 'getModel');
        if (source.listMedia) await rejectsWith(source.listMedia(runId, o), 'aborted', 'listMedia');
      });
    });

    describe('metrics', () => {
      it('listMetrics lists every metric with counts, groups and steps', async (t) => {
        if (!source.listMetrics) return t.skip('no listMetrics');
        const metrics = await source.listMetrics(runId);
        assert.equal(metrics.length, run.metrics!.length);
        for (const m of run.metrics!) {
          const info = metrics.find((x) => x.key === m.key);
          assert.ok(info, `missing ${m.key}`);
          assert.equal(info.count, m.value.length, m.key);
          assert.equal(info.group, m.group ?? (m.key.startsWith('system') ? 'system' : 'history'), m.key);
          assert.deepEqual(info.steps, [m.step[0], m.step[m.step.length - 1]], m.key);
        }
      });

      it('keeps every single-sample spike at full view, at several widths', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        for (const points of [300, 1000, 1920]) {
          const [series] = await source.getSeries({ runIds: [runId], keys: [SPIKY_KEY], x: 'step', points });
          assert.equal(series.total, SPIKY_POINTS);
          assert.equal(series.exact, false);
          assert.ok(series.x.length <= 4 * points + 2, `${series.x.length} points for a ${points} px budget`);
          for (const spike of fixture.spikes)
            assert.ok(hasPoint(series, spike.step, spike.value), `spike at ${spike.step} lost at ${points} px`);
        }
      });

      it('keeps every spike at several zoom levels', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const points = 800;
        for (const width of [400_000, 40_000, 4_000, 900]) {
          for (const spike of fixture.spikes.filter((_, i) => i % 5 === 0)) {
            // An off-centre window, so each spike lands inside a pixel column, not on its first point.
            const lo = Math.max(0, spike.step - Math.floor(width * 0.3137) - 3);
            const hi = lo + width;
            const [series] = await source.getSeries({
              runIds: [runId],
              keys: [SPIKY_KEY],
              x: 'step',
              points,
              range: [lo, hi],
            });
            const expectedTotal = Math.min(hi, SPIKY_POINTS - 1) - lo + 1;
            assert.equal(series.total, expectedTotal);
            assert.equal(series.exact, expectedTotal <= 4 * points, `exact at width ${width}`);
            assert.ok(series.x.length <= 4 * points + 2);
            assert.ok(hasPoint(series, spike.step, spike.value), `spike at ${spike.step} lost at width ${width}`);
            if (!series.exact) assert.ok(inRange(series, lo, hi) < series.total);
          }
        }
      });

      it('zooming to a small range returns the raw points, plus one point beyond each end', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const spiky = run.metrics!.find((m) => m.key === SPIKY_KEY)!;
        const [series] = await source.getSeries({
          runIds: [runId],
          keys: [SPIKY_KEY],
          x: 'step',
          points: 1000,
          range: [5000, 5100],
        });
        assert.equal(series.exact, true);
        assert.equal(series.total, 101);
        assert.equal(inRange(series, 5000, 5100), 101);
        assert.deepEqual(
          [...series.x],
          Array.from({ length: 103 }, (_, i) => 4999 + i),
        );
        assert.deepEqual(
          [...series.y],
          Array.from({ length: 103 }, (_, i) => spiky.value[4999 + i]),
        );
      });

      it('exact is true exactly when nothing was dropped', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const [all] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'step' });
        assert.equal(all.exact, true);
        assert.equal(all.x.length, all.total);
        const [wide] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'step', points: 2000 });
        assert.equal(wide.exact, true, '2000 points fit in a 2000 px budget');
        assert.equal(wide.x.length, 2000);
        const [narrow] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'step', points: 50 });
        assert.equal(narrow.exact, false);
        assert.ok(narrow.x.length < narrow.total);
        assert.ok(narrow.x.length <= 200);
      });

      it('reports non-finite values and returns them as gaps', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const aux = run.metrics!.find((m) => m.key === 'train/aux_loss')!;
        const expected = Array.from(aux.value as ArrayLike<number>).filter((v) => !Number.isFinite(v)).length;
        assert.ok(expected > 0, 'the fixture has non-finite values');
        for (const points of [undefined, 100]) {
          const [series] = await source.getSeries({ runIds: [runId], keys: ['train/aux_loss'], x: 'step', points });
          assert.equal(series.nonFinite, expected);
          assert.ok(
            series.y.some((v) => !Number.isFinite(v)),
            'a gap is visible',
          );
        }
      });

      it('ema smoothing runs on the full data and matches TensorBoard', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const loss = run.metrics!.find((m) => m.key === 'train/loss')!;
        const expected = referenceEma(loss.value, 0.6);
        const [series] = await source.getSeries({
          runIds: [runId],
          keys: ['train/loss'],
          x: 'step',
          smoothing: { kind: 'ema', weight: 0.6 },
        });
        assert.equal(series.smoothed, true);
        assert.equal(series.y.length, expected.length);
        series.y.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `step ${i}: ${v} vs ${expected[i]}`));
        assert.deepEqual([...series.original!.y], Array.from(loss.value));
        const [zoomed] = await source.getSeries({
          runIds: [runId],
          keys: ['train/loss'],
          x: 'step',
          range: [1000, 1100],
          smoothing: { kind: 'ema', weight: 0.6 },
        });
        zoomed.x.forEach((x, i) =>
          assert.ok(Math.abs(zoomed.y[i] - expected[x]) < 1e-12, 'zoom does not change the smoothed curve'),
        );
      });

      it('serves other x axes', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        const [wall] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'wallclock' });
        const loss = run.metrics!.find((m) => m.key === 'train/loss')!;
        assert.equal(wall.x[0], loss.time![0]);
        const [rel] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'relative' });
        assert.ok(Math.abs(rel.x[10] - (loss.time![10] - run.info.startedAt!) / 1000) < 1e-9);
        const [byEpoch] = await source.getSeries({ runIds: [runId], keys: ['train/loss'], x: 'epoch' });
        assert.equal(byEpoch.total, loss.value.length);
        assert.ok(byEpoch.x[byEpoch.x.length - 1] > 9);
      });

      it('an unknown metric is not-found', async (t) => {
        if (!source.getSeries) return t.skip('no getSeries');
        await rejectsWith(
          source.getSeries({ runIds: [runId], keys: ['no/such/metric'], x: 'step' }),
          'not-found',
          'unknown key',
        );
      });
    });

    describe('logs', () => {
      it('returns windows of lines with their numbers and the total', async (t) => {
        if (!source.getLogs) return t.skip('no getLogs');
        const first = await source.getLogs({ runId, start: 0, count: 100 });
        assert.equal(first.total, logs.length);
        assert.equal(first.lines.length, 100);
        first.lines.forEach((l, i) => {
          assert.equal(l.n, i);
          assert.equal(l.text, logs[i].text);
          assert.equal(l.stream, logs[i].stream ?? 'stdout');
        });
        const tail = await source.getLogs({ runId, start: logs.length - 10, count: 100 });
        assert.deepEqual(
          tail.lines.map((l) => l.n),
          Array.from({ length: 10 }, (_, i) => logs.length - 10 + i),
        );
        assert.ok(
          logs.some((l) => l.text.includes('\r')),
          'the fixture has tqdm redraws',
        );
        const bar = await source.getLogs({ runId, start: logs.findIndex((l) => l.text.includes('\r')), count: 1 });
        assert.ok(bar.lines[0].text.includes('\r'), 'carriage returns are kept inside a line');
      });

      it('filters by stream, keeping whole-log line numbers', async (t) => {
        if (!source.getLogs) return t.skip('no getLogs');
        const expected = logs.map((l, n) => ({ ...l, n })).filter((l) => l.stream === 'stderr');
        const chunk = await source.getLogs({ runId, start: 0, count: 1000, streams: ['stderr'] });
        assert.equal(chunk.total, expected.length);
        assert.deepEqual(
          chunk.lines.map((l) => l.n),
          expected.slice(0, 1000).map((l) => l.n),
        );
        assert.ok(chunk.lines.every((l) => l.stream === 'stderr'));
      });

      it('searches plain text and regular expressions, with and without case', async (t) => {
        if (!source.searchLogs) return t.skip('no searchLogs');
        const plain = await source.searchLogs({ runId, query: 'Traceback' });
        assert.deepEqual(
          plain.lines,
          logs.flatMap((l, n) => (l.text.includes('Traceback') ? [n] : [])),
        );
        assert.equal(plain.total, plain.lines.length);
        assert.ok(plain.total > 0);
        const caseless = await source.searchLogs({ runId, query: 'traceback' });
        assert.equal(caseless.total, plain.total);
        const cased = await source.searchLogs({ runId, query: 'traceback', caseSensitive: true });
        assert.equal(cased.total, 0);
        const regex = await source.searchLogs({ runId, query: 'loss=0\\.4\\d+', regex: true });
        assert.equal(regex.total, logs.filter((l) => /loss=0\.4\d+/i.test(l.text)).length);
        assert.ok(regex.total > 0);
        const limited = await source.searchLogs({ runId, query: 'loss=', limit: 5 });
        assert.equal(limited.lines.length, 5);
        assert.equal(limited.truncated, true);
        assert.ok(limited.total > 5);
        const stderr = await source.searchLogs({ runId, query: 'File "', streams: ['stderr'] });
        const stderrLines = logs.map((l, n) => ({ ...l, n })).filter((l) => l.stream === 'stderr');
        assert.deepEqual(
          stderr.positions,
          stderrLines.flatMap((l, pos) => (l.text.includes('File "') ? [pos] : [])),
        );
      });

      it('an invalid regular expression is invalid-data with a message', async (t) => {
        if (!source.searchLogs) return t.skip('no searchLogs');
        const e = (await rejectsWith(
          source.searchLogs({ runId, query: 'loss=(', regex: true }),
          'invalid-data',
          'bad regex',
        )) as Error;
        assert.match(e.message, /regular expression/i);
      });
    });

    describe('files', () => {
      it('lists one folder with child counts, paging by cursor', async (t) => {
        if (!source.listFiles) return t.skip('no listFiles');
        const root = await source.listFiles(runId, '');
        assert.ok(
          root.entries.some((e) => e.path === 'config.yaml' && e.kind === 'file' && typeof e.size === 'number'),
        );
        const media = root.entries.find((e) => e.path === 'media');
        assert.equal(media?.kind, 'dir');
        assert.equal(media?.count, 1);
        const images = run.files!.filter((f) => f.path.startsWith('media/images/'));
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page: FileListing = await source.listFiles(runId, 'media/images', { cursor, limit: 7 });
          assert.equal(page.total, images.length);
          assert.ok(page.entries.length <= 7);
          seen.push(...page.entries.map((e) => e.path));
          cursor = page.next;
          pages++;
        } while (cursor && pages < 100);
        assert.deepEqual([...seen].sort(), images.map((f) => f.path).sort());
        assert.equal(pages, Math.ceil(images.length / 7));
        await rejectsWith(source.listFiles(runId, 'no/such/folder'), 'not-found', 'missing folder');
        await rejectsWith(source.listFiles(runId, '../etc'), 'invalid-data', 'parent path');
      });

      it('reads whole files and byte ranges', async (t) => {
        if (!source.readFile) return t.skip('no readFile');
        const text = run.files!.find((f) => f.path === 'config.yaml')!.bytes as string;
        const bytes = new TextEncoder().encode(text);
        const whole = await source.readFile(runId, 'config.yaml');
        assert.deepEqual(whole.bytes, bytes);
        assert.equal(whole.size, bytes.length);
        const part = await source.readFile(runId, 'config.yaml', { start: 10, end: 50 });
        assert.equal(part.start, 10);
        assert.equal(part.size, bytes.length);
        assert.deepEqual(part.bytes, bytes.slice(10, 50));
        const tail = await source.readFile(runId, 'config.yaml', { start: bytes.length - 5 });
        assert.deepEqual(tail.bytes, bytes.slice(bytes.length - 5));
        await rejectsWith(source.readFile(runId, 'no-such-file.txt'), 'not-found', 'missing file');
        await rejectsWith(source.readFile(runId, '../../etc/passwd'), 'invalid-data', 'parent path');
      });
    });

    describe('artifacts, model, media', () => {
      it('lists artifacts without their files and returns details', async (t) => {
        if (!source.listArtifacts || !source.getArtifact) return t.skip('no artifacts');
        const list = await source.listArtifacts(runId);
        assert.equal(list.length, run.artifacts!.length);
        assert.ok(list.some((a) => a.direction === 'input') && list.some((a) => a.direction === 'output'));
        for (const a of list) assert.equal((a as { files?: unknown }).files, undefined);
        const detail = await source.getArtifact(runId, list[0].id);
        assert.deepEqual(detail.files, run.artifacts!.find((a) => a.id === list[0].id)!.files);
        await rejectsWith(source.getArtifact(runId, 'nope:v0'), 'not-found', 'missing artifact');
      });

      it('reads artifact files that have contents', async (t) => {
        if (!source.readArtifactFile) return t.skip('no readArtifactFile');
        const [id, files] = Object.entries(run.artifactFiles ?? {})[0];
        const readme = files.find((f) => f.path === 'README.md')!;
        const bytes = new TextEncoder().encode(readme.bytes as string);
        const whole = await source.readArtifactFile(runId, id, 'README.md');
        assert.deepEqual(whole.bytes, bytes);
        const part = await source.readArtifactFile(runId, id, 'README.md', { start: 2, end: 7 });
        assert.deepEqual([part.start, part.size, [...part.bytes]], [2, bytes.length, [...bytes.slice(2, 7)]]);
        await rejectsWith(source.readArtifactFile(runId, 'nope:v0', 'README.md'), 'not-found', 'missing artifact');
        await rejectsWith(source.readArtifactFile(runId, id, 'nope.txt'), 'not-found', 'missing artifact file');
      });

      it('returns the model graph', async (t) => {
        if (!source.getModel) return t.skip('no getModel');
        const model = await source.getModel(runId);
        assert.equal(model.layers.length, run.model!.layers.length);
        const ids = new Set<string>();
        for (const layer of model.layers) {
          if (layer.parent !== undefined) assert.ok(ids.has(layer.parent), `${layer.id}: parent listed first`);
          ids.add(layer.id);
        }
      });

      it('lists media keys with steps and returns the items of one step', async (t) => {
        if (!source.listMedia || !source.getMedia) return t.skip('no media');
        const keys = await source.listMedia(runId);
        assert.deepEqual(keys.map((k) => k.key).sort(), ['predictions', 'samples']);
        const predictions = keys.find((k) => k.key === 'predictions')!;
        assert.ok(predictions.steps.length > 0);
        const items = await source.getMedia({ runId, key: 'predictions', step: predictions.steps[0] });
        assert.equal(items.length, 3);
        assert.ok(items.every((i) => i.kind === 'image' && typeof i.url === 'string' && i.url.length > 0));
        assert.ok(items[0].boxes && items[0].boxes.length > 0);
      });
    });

    describe('live', () => {
      it('watch delivers appended points, log lines and the final state', async (t) => {
        if (!source.watch) return t.skip('no watch');
        if (!s.append) return t.skip('the setup cannot append');
        const events: RunEvent[] = [];
        const controller = new AbortController();
        const stop = source.watch(runId, (e) => events.push(e), { signal: controller.signal });
        try {
          const time = Date.now();
          await s.append({ run: { state: 'running', heartbeatAt: time } });
          await s.append({
            points: [
              { key: 'train/loss', step: 2000, time, value: 0.25 },
              { key: 'live/new_metric', step: 2000, time, value: 1 },
            ],
            logs: [{ text: 'live line one' }, { text: 'live line two', stream: 'stderr' }],
          });
          await s.append({ run: { state: 'finished', exitCode: 0, endedAt: time + 1000 } });
          await until(() => events.some((e) => e.type === 'run' && e.run.state === 'finished'), 'the final state');
          const states = events.flatMap((e) => (e.type === 'run' && e.run.state ? [e.run.state] : []));
          assert.deepEqual(states, ['running', 'finished']);
          const metrics = events
            .filter((e) => e.type === 'metrics')
            .flatMap((e) => (e.type === 'metrics' ? e.points : []));
          assert.ok(metrics.some((p) => p.key === 'train/loss' && p.step === 2000 && p.value === 0.25));
          assert.ok(
            events.some((e) => e.type === 'metrics-added' && e.metrics.some((m) => m.key === 'live/new_metric')),
          );
          const logEvent = events.find((e) => e.type === 'logs');
          assert.ok(logEvent && logEvent.type === 'logs');
          assert.deepEqual(
            logEvent.lines.map((l) => [l.n, l.text, l.stream]),
            [
              [logs.length, 'live line one', 'stdout'],
              [logs.length + 1, 'live line two', 'stderr'],
            ],
          );
          assert.equal(logEvent.total, logs.length + 2);
          if (source.getLogs)
            assert.equal((await source.getLogs({ runId, start: 0, count: 0 })).total, logs.length + 2);
          if (source.getSeries) {
            const [loss] = await source.getSeries({
              runIds: [runId],
              keys: ['train/loss'],
              x: 'step',
              range: [1999, 2000],
            });
            assert.equal(loss.y[loss.y.length - 1], 0.25);
          }
          assert.equal((await source.getRun(runId)).state, 'finished');
        } finally {
          stop();
          controller.abort();
        }
        const seen = events.length;
        await s.append({ logs: [{ text: 'after unsubscribe' }] });
        // A watcher's listener is dropped at once on stop(); a turn lets anything already queued arrive.
        await new Promise((r) => setImmediate(r));
        assert.equal(events.length, seen, 'no events after unsubscribing');
      });

      it('watchRuns tells of a run added, of its end and of its removal, with its listing fields', async (t) => {
        if (!source.watchRuns) return t.skip('no watchRuns');
        if (!s.addRun || !s.appendTo) return t.skip('the setup cannot add runs');
        const events: RunListEvent[] = [];
        const stop = source.watchRuns((e) => events.push(e));
        const startedAt = Date.now();
        try {
          await s.runsWatched?.();
          const id = await s.addRun({
            info: { id: 'listing-live', name: 'started later', project: 'p', state: 'running', startedAt },
          });
          const added = await until<Listed | undefined>(
            () => events.find((e): e is Listed => e.type === 'run-added' && e.run.id === id),
            'the run added is told',
          );
          assert.ok(added);
          assert.equal(added.run.name, 'started later');
          assert.equal(added.run.state, 'running');
          assert.equal(added.run.startedAt, startedAt);
          await s.appendTo(id, { run: { state: 'finished', endedAt: startedAt + 5000, summary: { loss: 0.5 } } });
          const changed = await until<Listed | undefined>(
            () =>
              events.find(
                (e): e is Listed => e.type === 'run-changed' && e.run.id === id && e.run.state === 'finished',
              ),
            'the end of the run is told',
          );
          assert.ok(changed);
          assert.equal(changed.run.endedAt, startedAt + 5000);
          assert.equal(changed.run.summary?.loss, 0.5);
          assert.ok(
            (await source.listRuns!()).some((r) => r.id === id && r.state === 'finished'),
            'the listing agrees with the events',
          );
          if (s.removeRun) {
            await s.removeRun(id);
            await until(
              () => events.some((e) => e.type === 'run-removed' && e.runId === id),
              'the removed run is told',
            );
          }
          assert.ok(
            events.every((e) => e.type === 'resync' || (e.type === 'run-removed' ? e.runId === id : e.run.id === id)),
            'only the run that changed is told',
          );
        } finally {
          stop();
        }
        const seen = events.length;
        await s.appendTo(runId, { run: { name: 'renamed after unsubscribe' } });
        await new Promise((r) => setImmediate(r));
        assert.equal(events.length, seen, 'no events after unsubscribing');
      });
    });
  });
}
