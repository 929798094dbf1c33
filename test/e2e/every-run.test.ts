/**
 * Every run page, the way a user uses it: `runpage serve` (the built CLI) over the real public
 * runs in ../shared/fixtures/real plus W&B runs this test writes in a temp folder (one intact,
 * and damaged copies of it and of a real run: datastore cut mid-record, emptied, removed). For
 * every run the server lists: open /runs/<id> in Chromium and click every tab. On each tab every
 * visible element leaves aria-busy within 5 s; no role=alert except on the runs damaged on purpose
 * (there a warning is shown and every intact record is); zero console and page errors; at most
 * one live-update stream open at any moment, and none reopened for a run that has ended. The log
 * viewer's line count and each chart's point count equal what the server's API says, and for the
 * runs written here, what was written.
 *
 * The real runs are skipped, with a message, when ../shared/fixtures/real is absent (or set
 * RUNPAGE_REAL_FIXTURES to their folder); the runs written here always run. Needs dist/
 * (`npm run build`). Pages run two at a time. RUNPAGE_E2E_RUNS=<regex> visits only the matching runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLiveState, type RunRef } from '../../src/data/source.js';
import { countOf, listRuns, runFacts, type RunFacts } from './support/api.js';
import { browserMissing, openPage, type PageWatch } from './support/browser.js';
import { visitEveryTab, type Visit } from './support/click-through.js';
import { REAL_FIXTURES, REAL_FIXTURES_MISSING } from './support/paths.js';
import { serveDuringTests } from './support/serve-session.js';
import { damagedCopies, writeFinishedRun, type DamagedCopy } from './support/wandb-run.js';

const SETTLE_MS = 5000;
/** RUNPAGE_E2E_RUNS=<regex>: visit only the runs whose id matches (to look at one failure again). */
const ONLY = process.env.RUNPAGE_E2E_RUNS ? new RegExp(process.env.RUNPAGE_E2E_RUNS) : undefined;
const PAGES_AT_ONCE = 2;
/** The real run copied and damaged: W&B 0.12, history, stats, console, and a full files/. */
const REAL_TO_DAMAGE = 'ARM-software__keyword-transformer/wandb/run-20220429_201936-3ojed7lz';

/** What a run written or damaged here must show, beyond what every run must. */
interface Expected {
  /** What was done to it (damaged on purpose: alerts allowed, a warning required). */
  damage?: string;
  /** Exact raw-point counts per metric key. */
  metricCounts?: Map<string, number>;
  /**
   * The intact run it was copied from: no metric may have more points than there, and (when
   * `logLines` is not given) the console no fewer lines: a cut datastore's console goes on in
   * files/output.log, which both have.
   */
  copyOf?: string;
  /** The copy's datastore still holds records (metrics) before the cut. */
  keepsMetrics?: boolean;
  /** The console lines shown. */
  logLines?: number;
}

const missingBrowser = await browserMissing();
const work = mkdtempSync(join(tmpdir(), 'runpage-e2e-'));
const expected = new Map<string, Expected>();

const session = serveDuringTests({ skip: missingBrowser, work, paths: writeRunsToServe });

/** Writes the generated runs and their damaged copies, notes what each must show, and names the folders to serve. */
function writeRunsToServe(): string[] {
  const wandbDir = join(work, 'wandb');
  const gen = writeFinishedRun(wandbDir, 'e2egen');
  expected.set('e2egen', { metricCounts: gen.counts(), logLines: gen.lines.length });
  const copies = damagedCopies(gen.folder, wandbDir, {
    truncated: 'e2ecut',
    'empty-datastore': 'e2eempty',
    'no-datastore': 'e2enostore',
  });
  for (const c of copies) {
    const e: Expected = { damage: describeDamage(c) };
    // The console is whole whatever happened to the datastore: files/output.log holds every
    // line, also those after the cut (issue 14: a run cut short must not lose the end).
    e.logLines = gen.lines.length;
    if (c.damage === 'truncated') e.metricCounts = gen.counts(c.intactRecords);
    expected.set(c.id, e);
  }
  const paths = [work];
  if (!REAL_FIXTURES_MISSING) {
    paths.unshift(REAL_FIXTURES);
    const source = join(REAL_FIXTURES, REAL_TO_DAMAGE);
    if (existsSync(source)) {
      const real = damagedCopies(source, wandbDir, {
        truncated: 'realcut',
        'empty-datastore': 'realempty',
        'no-datastore': 'realnostore',
      });
      for (const c of real) {
        const e: Expected = { damage: `${describeDamage(c)} (a copy of ${REAL_TO_DAMAGE})` };
        e.copyOf = '3ojed7lz';
        e.keepsMetrics = c.damage === 'truncated';
        // Without a datastore, the console is files/output.log, line for line (the datastore's
        // console of the intact run also has lines that output.log does not).
        if (c.damage !== 'truncated') e.logLines = lineCount(readFileSync(join(source, 'files', 'output.log'), 'utf8'));
        expected.set(c.id, e);
      }
    }
  }
  return paths;
}

test(
  'the server lists the real public runs of every format',
  { skip: REAL_FIXTURES_MISSING ?? missingBrowser ?? false },
  async () => {
    // Their pages are visited below, with the runs written here, by one server over both.
    const listed = await listRuns(session.served.url);
    const formats = new Set(listed.map((r) => r.format));
    for (const f of ['wandb', 'mlflow', 'tfevents']) assert.ok(formats.has(f), `no ${f} run listed`);
    // W&B runs named in the fixtures' README.
    for (const id of ['2zuxwf70', '3ojed7lz', '01tt2qoy', '0pd7u9c1', 'fu2alym7', '0t11yvt5', 'tlqs7r45'])
      assert.ok(
        listed.some((r) => r.id === id),
        `${id} is not listed`,
      );
  },
);

test(
  'every run page: every tab loads, no alert, no console error, one live stream at most',
  { skip: missingBrowser ?? false, concurrency: PAGES_AT_ONCE, timeout: 15 * 60_000 },
  async (t) => {
    const base = session.served.url;
    const listed = await listRuns(base);
    for (const id of expected.keys())
      assert.ok(
        listed.some((r) => r.id === id),
        `the server does not list ${id}, written for this test (it lists ${listed.map((r) => r.id).join(', ')})`,
      );
    const runs = ONLY ? listed.filter((r) => ONLY.test(r.id)) : listed;
    const summary: string[] = [];
    await Promise.all(
      runs.map((run) =>
        t.test(run.id, { timeout: 120_000 }, async () => {
          const { line, problems } = await checkRun(base, run);
          summary.push(`${problems.length ? 'FAIL' : 'ok  '} ${line}`);
          if (problems.length) assert.fail(`${line}\n  ${problems.join('\n  ')}`);
        }),
      ),
    );
    t.diagnostic(`${summary.filter((l) => l.startsWith('ok')).length} of ${runs.length} run pages passed`);
    for (const l of summary.sort()) t.diagnostic(l);
  },
);

async function checkRun(base: string, run: RunRef): Promise<{ line: string; problems: string[] }> {
  const exp = expected.get(run.id) ?? {};
  const facts = await runFacts(base, run.id);
  const { page, watch, close } = await openPage(session.browser);
  let visit: Visit;
  try {
    visit = await visitEveryTab(page, watch, new URL(`runs/${encodeURIComponent(run.id)}`, base).href, {
      settleMs: SETTLE_MS,
    });
  } finally {
    await close();
  }
  const problems = [
    ...pageProblems(visit, watch, facts, exp),
    ...countProblems(visit, facts),
    ...(await expectedProblems(base, facts, exp)),
  ];
  const tabs = visit.tabs.map((t) => `${t.name}${t.disabled ? ' (disabled)' : ''}`).join(', ');
  const line = `${run.id} (${run.format ?? '?'}, ${facts.info.state}${exp.damage ? `; damaged: ${exp.damage}` : ''}; tabs: ${tabs || 'none'}; streams: ${watch.streamSummary()})`;
  return { line, problems };
}

/** Stuck tabs, alerts, missing warnings, console errors, live streams. */
function pageProblems(visit: Visit, watch: PageWatch, facts: RunFacts, exp: Expected): string[] {
  const out: string[] = [];
  if (visit.loadProblem) out.push(`page: ${visit.loadProblem}`);
  for (const tab of visit.tabs) {
    const at = `tab ${tab.name}:`;
    if (tab.notTried) out.push(`${at} not tried: ${tab.notTried}`);
    if (tab.problem) out.push(`${at} ${tab.problem}`);
    if (tab.stuck.length) out.push(`${at} still aria-busy ${SETTLE_MS / 1000} s after the click: ${list(tab.stuck)}`);
    if (tab.alerts.length && !exp.damage) out.push(`${at} role=alert shown: ${list(tab.alerts)}`);
  }
  if (exp.damage && !visit.loadProblem && !visit.tabs.some((t) => t.warnings.length))
    out.push(
      `no tab shows a warning (role=alert or part="warnings") about the damage; the API's warnings: ${JSON.stringify(facts.info.warnings ?? [])}`,
    );
  for (const e of watch.errors) out.push(e);
  if (watch.maxOpenStreams > 1)
    out.push(`live-update streams: ${watch.streamSummary()}; at most 1 may be open at any moment`);
  else if (!isLiveState(facts.info.state) && watch.streamsOpened > 1)
    out.push(`live-update streams: ${watch.streamSummary()} for a run that has ended (${facts.info.state})`);
  return out;
}

/** What the page counts must equal what the API says: log lines, and chart points on the Charts tab. */
function countProblems(visit: Visit, facts: RunFacts): string[] {
  const out: string[] = [];
  const history = facts.metrics.filter((m) => m.group === 'history' && m.count > 0);
  for (const tab of visit.tabs) {
    if (tab.disabled && tab.name === 'Logs' && facts.logTotal > 0)
      out.push(`tab Logs: disabled, though the API has ${facts.logTotal} lines`);
    if (tab.disabled && tab.name === 'Charts' && history.length)
      out.push(`tab Charts: disabled, though the API has ${history.length} history metrics`);
    if (tab.stuck.length || tab.notTried || tab.disabled) continue;
    for (const n of tab.logCounts) {
      if (n === null) {
        if (facts.logTotal > 0)
          out.push(`tab ${tab.name}: the log viewer states no line count; the API has ${facts.logTotal} lines`);
      } else if (n !== facts.logTotal)
        out.push(`tab ${tab.name}: the log viewer says ${n} lines; the API has ${facts.logTotal}`);
    }
    if (tab.name === 'Logs' && facts.logTotal > 0 && !tab.logCounts.some((n) => n !== null))
      out.push(`tab Logs: no visible log viewer states its line count; the API has ${facts.logTotal} lines`);
    if (tab.name !== 'Charts') continue;
    if (history.length && !tab.charts.some((c) => c.total !== null))
      out.push(`tab Charts: no visible chart states its point count; the API has ${history.length} history metrics`);
    for (const c of tab.charts) {
      const api = c.keys.reduce((sum, k) => sum + countOf(facts, k), 0);
      if (c.total === null) {
        if (api > 0) out.push(`tab Charts: ${c.where} states no point count; the API has ${api} points`);
      } else if (c.total !== api) out.push(`tab Charts: ${c.where} says ${c.total} raw points; the API has ${api}`);
    }
  }
  return out;
}

/** For the runs written or damaged here: the API holds what was written, or every intact record of it. */
async function expectedProblems(base: string, facts: RunFacts, exp: Expected): Promise<string[]> {
  const out: string[] = [];
  for (const [key, n] of exp.metricCounts ?? []) {
    const got = countOf(facts, key);
    if (got !== n) out.push(`API: ${key} has ${got} points; the intact records hold ${n}`);
  }
  if (exp.logLines !== undefined && facts.logTotal !== exp.logLines)
    out.push(`API: the console has ${facts.logTotal} lines; files/output.log holds ${exp.logLines}`);
  if (exp.copyOf) {
    const original = await runFacts(base, exp.copyOf);
    for (const m of facts.metrics) {
      const full = countOf(original, m.key);
      if (m.count > full) out.push(`API: ${m.key} has ${m.count} points, more than the intact ${exp.copyOf} (${full})`);
    }
    if (exp.keepsMetrics && facts.metrics.reduce((n, m) => n + m.count, 0) === 0)
      out.push(`API: no metric point survives the cut, though ${exp.copyOf} has them before it`);
    if (exp.logLines === undefined && facts.logTotal < original.logTotal)
      out.push(
        `API: the console has ${facts.logTotal} lines, fewer than the intact ${exp.copyOf} (${original.logTotal}); files/output.log holds them all`,
      );
  }
  return out;
}

/** Lines of a text as a console shows them: each `\n` ends one, and an unfinished last line counts. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function describeDamage(c: DamagedCopy): string {
  if (c.damage === 'truncated')
    return `datastore cut mid-record at byte ${c.cutAt} of ${c.size} (${c.intactRecords} intact records)`;
  return c.damage === 'empty-datastore' ? 'datastore emptied to 0 bytes' : 'datastore removed (files/ only)';
}

function list(items: string[], most = 4): string {
  return items.slice(0, most).join('; ') + (items.length > most ? `; … ${items.length - most} more` : '');
}
