// `npm run bench`: runpage's performance figures beside baselines measured in the same run, marked
// against the budgets in DESIGN.md. Prints a table, writes bench/results.json and, after a full run,
// the "Performance" section at the end of README.md.
//
//   node bench/run.mjs            full sizes (10 × 1M points, 1M log lines, 100k files, 100 MB files)
//   node bench/run.mjs --quick    small sizes, for trying it out (README left alone)
//   --only=chart,logs,…           run some groups only (chart, fidelity, workspace, logs, files, runs, readers, serve, serve-big, serve-listing, soak, bundle)
//   --no-readme                   do not touch README.md
//   --readme-only                 rewrite README's section from bench/results.json (a full run), run nothing
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPages, startBrowser } from './lib/browser.mjs';
import { bundleSizes } from './lib/bundle-size.mjs';
import { percentile, summary } from './lib/stats.mjs';
import { fmt, textTable, verdict } from './lib/table.mjs';
import { writeReadmeSection } from './lib/readme.mjs';
import { NOTES } from './lib/notes.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (group) => !only || only.includes(group);

if (args.includes('--readme-only')) {
  // rewrite README's Performance section from the last full run's bench/results.json
  const last = JSON.parse(readFileSync('bench/results.json', 'utf8'));
  if (last.quick) throw new Error('bench/results.json holds a --quick run; the README shows full runs only.');
  await writeReadmeSection({ ...last, notes: last.notes ?? NOTES });
  console.log('README.md: Performance section rewritten from bench/results.json');
  process.exit(0);
}

const SIZES = quick
  ? {
      chart: { series: 10, points: 100_000, runs: 3, zoomsPerLevel: 2 },
      chartjsRuns: 2,
      workspace: { metrics: 200, points: 200, runs: 2, scrollFrames: 40 },
      logs: { lines: 100_000, runs: 2, scrollFrames: 40, searches: 2, pre: true },
      files: { entries: 10_000, runs: 2, scrollFrames: 40 },
      runs: { runs: 10_000, repeats: 2, scrollFrames: 40 },
      fidelity: { points: 100_000, spikes: 50, seeds: 2 },
      readers: { megabytes: 10, runs: 2 },
      serve: { points: 1_000_000, requests: 10 },
      serveBig: { megabytes: 100 },
      serveListing: { runs: 100, megabytesPerRun: 1, baselineRuns: 3 },
      soak: { samples: 100, concurrent: 1000, live: 200 },
    }
  : {
      chart: { series: 10, points: 1_000_000, runs: 5, zoomsPerLevel: 4 },
      chartjsRuns: 3,
      workspace: { metrics: 2000, points: 1000, runs: 3, scrollFrames: 150 },
      logs: { lines: 1_000_000, runs: 3, scrollFrames: 150, searches: 5, pre: true },
      files: { entries: 100_000, runs: 5, scrollFrames: 150 },
      runs: { runs: 10_000, repeats: 5, scrollFrames: 150 },
      fidelity: { points: 1_000_000, spikes: 50, seeds: 5 },
      readers: { megabytes: 100, runs: 3 },
      serve: { points: 10_000_000, requests: 20 },
      serveBig: { megabytes: 1024 },
      serveListing: { runs: 1000, megabytesPerRun: 10, baselineRuns: 3 },
      soak: { samples: 500, concurrent: 1000, live: 200 },
    };

/** rAF deltas are whole vsync intervals (16.7 ms at 60 Hz): "≤ 16 ms" is met when no frame is dropped. */
const FRAME_BUDGET = { max: 17.5, text: '≤ 16 ms (1 frame)' };
const KB = 1024;

const rows = [];
const raw = { quick, sizes: SIZES };
const started = Date.now();
const stamp = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (m) => console.log(`[${stamp()}] ${m}`);

/** Our time ÷ the baseline's (below 1: ours is faster), two significant digits. */
const ratio = (ours, base) =>
  ours > 0 && base > 0 ? `${(ours / base).toLocaleString('en-US', { maximumSignificantDigits: 2 })}×` : '–';
const one = (v) => ({ median: v, min: v, max: v, n: 1 });

async function section(group, fn) {
  try {
    await fn();
  } catch (e) {
    log(`${group} failed: ${e?.stack ?? e}`);
    rows.push({
      group,
      what: `${group}: did not run`,
      error: String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 160),
    });
  }
}

function runNode(which, params, timeoutMs = 600_000) {
  const dir = mkdtempSync(join(tmpdir(), 'runpage-bench-node-'));
  const out = join(dir, 'out.json');
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/node/main.ts', which, JSON.stringify(params), out],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: timeoutMs,
      },
    );
    if (r.status !== 0) throw new Error(`bench/node/main.ts ${which} exited with ${r.status ?? r.signal}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------- browser

const PAGES = ['chart', 'chart-uplot', 'chart-chartjs', 'workspace', 'logs', 'files', 'runs'];
const browserGroups = ['chart', 'workspace', 'logs', 'files', 'runs'].filter(wants);
let browser;
let built = new Map();
if (browserGroups.length > 0) {
  log('bundling the benchmark pages');
  const pages = await buildPages(PAGES.filter((p) => wants(p.split('-')[0])));
  built = pages.built;
  browser = await startBrowser(pages.dir);
  raw.browser = browser.version;
  log(`Chromium ${browser.version}`);
}
const notBuilt = (name) => (built.get(name) === true ? undefined : (built.get(name) ?? 'not bundled'));

if (wants('chart'))
  await section('<metric-chart>', async () => {
    const group = `<metric-chart>, ${SIZES.chart.series} series × ${fmt(SIZES.chart.points)} points`;
    const why = notBuilt('chart');
    if (why) throw new Error(`not built: ${why}`);
    log('metric-chart: runpage');
    const ours = await browser.run('chart', SIZES.chart);
    log('metric-chart: uPlot baseline');
    const uplot = notBuilt('chart-uplot') ? undefined : await browser.run('chart-uplot', SIZES.chart);
    log('metric-chart: Chart.js baseline');
    const chartjs = notBuilt('chart-chartjs')
      ? undefined
      : await browser.run('chart-chartjs', { ...SIZES.chart, runs: SIZES.chartjsRuns });
    raw.chart = { ours, uplot, chartjs };
    const fp = (r) => summary(r.firstPaint);
    const bl = (f) =>
      [uplot && `uPlot ${f(uplot)}`, chartjs && `Chart.js + decimation ${f(chartjs)}`].filter(Boolean).join('; ');
    rows.push({
      group,
      what: 'first paint after the data is in memory',
      stat: fp(ours),
      unit: 'ms',
      budget: { max: 100, text: '≤ 100 ms' },
      baseline: bl((b) => `${fmt(fp(b).median, 'ms')} (ours ${ratio(fp(ours).median, fp(b).median)})`),
    });
    rows.push({
      group,
      what: '  of which: until getSeries answered (source M4 + caches)',
      stat: summary(ours.fetched),
      unit: 'ms',
      baseline: `the rest (chart, uPlot draw, frame): median ${fmt(summary(ours.firstPaint.map((t, i) => t - ours.fetched[i])).median, 'ms')}`,
    });
    const zoomP95 = (r) =>
      percentile(
        r.zoom.map((z) => z.ms),
        95,
      );
    const zoomRange = (r) => summary(r.zoom.map((z) => z.ms));
    rows.push({
      group,
      what: `zoom redraw (refetch + redraw) p95 over ${ours.zoom.length} zooms at 5 levels`,
      stat: { ...zoomRange(ours), median: zoomP95(ours) },
      unit: 'ms',
      budget: { max: 16, text: '≤ 16 ms p95' },
      baseline: bl((b) => `${fmt(zoomP95(b), 'ms')} (ours ${ratio(zoomP95(ours), zoomP95(b))})`),
    });
    const levels = [...new Set(ours.zoom.map((z) => z.level))];
    const perLevel = (r) =>
      levels.map((l) => fmt(summary(r.zoom.filter((z) => z.level === l).map((z) => z.ms)).median)).join(' / ');
    rows.push({
      group,
      what: `  zoom median per level (${levels.map((l) => `${l * 100}%`).join(' / ')} of x)`,
      stat: undefined,
      baseline:
        `ours ${perLevel(ours)} ms` +
        (uplot ? `; uPlot ${perLevel(uplot)} ms` : '') +
        (chartjs ? `; Chart.js ${perLevel(chartjs)} ms` : ''),
    });
    rows.push({
      group,
      what: 'JS heap: data + source caches + chart',
      stat: one(ours.heap.totalMB),
      unit: 'MB',
      budget: { max: 150, text: '≤ 150 MB' },
      baseline:
        bl((b) => `${fmt(b.heap.totalMB, 'MB')} (raw data ${fmt(b.heap.dataMB, 'MB')})`) +
        `; our raw data ${fmt(ours.heap.dataMB, 'MB')}`,
    });
  });

if (wants('fidelity'))
  await section('fidelity', async () => {
    log('fidelity');
    const f = runNode('fidelity', SIZES.fidelity);
    raw.fidelity = f;
    const group = `Fidelity: ${fmt(SIZES.fidelity.points)} points, ${SIZES.fidelity.spikes} single-sample spikes, drawn at 1,000 px (${SIZES.fidelity.seeds} seeds)`;
    for (const [name, m] of Object.entries(f)) {
      const ourRow = name.includes('runpage');
      rows.push({
        group,
        what: `spikes visible: ${name}`,
        stat: summary(m.share),
        unit: '%',
        budget: ourRow ? { min: 100, text: '100 %' } : undefined,
        baseline: `${fmt(summary(m.points).median)} points drawn${ourRow ? '' : ' (baseline)'}`,
      });
    }
  });

if (wants('workspace'))
  await section('<metric-workspace>', async () => {
    const group = `<metric-workspace>, ${fmt(SIZES.workspace.metrics)} metrics × ${fmt(SIZES.workspace.points)} steps`;
    const why = notBuilt('workspace');
    if (why) {
      rows.push({ group, what: '<metric-workspace>: not built', error: `not built: ${why}` });
      return;
    }
    log('metric-workspace');
    const w = await browser.run('workspace', SIZES.workspace);
    raw.workspace = w;
    rows.push({
      group,
      what: `first screen drawn and interactive (${w.chartsOnScreen} charts)`,
      stat: summary(w.interactive),
      unit: 'ms',
      budget: { max: 1000, text: '≤ 1 s' },
      baseline: `longest task while loading ${fmt(summary(w.longestTaskMs).median, 'ms')}`,
    });
    // the first run is on a cold page (code not compiled yet, first templates and charts): what a visitor sees
    rows.push({
      group,
      what: '  first run of the page (cold): longest task while loading',
      stat: one(w.longestTaskMs[0]),
      unit: 'ms',
      baseline: `first screen interactive ${fmt(w.interactive[0], 'ms')}; 0 = no task ≥ 50 ms`,
    });
    rows.push({
      group,
      what: `scroll through (${fmt(w.scrollHeightPx)} px, ${fmt(w.scrollHeightPx / w.scrollDeltas.length)} px a frame): frame p95`,
      stat: { ...summary(w.scrollDeltas), median: percentile(w.scrollDeltas, 95) },
      unit: 'ms',
      baseline: `median frame ${fmt(summary(w.scrollDeltas).median, 'ms')}; no budget in DESIGN.md`,
    });
  });

if (wants('logs'))
  await section('<log-viewer>', async () => {
    const group = `<log-viewer>, ${fmt(SIZES.logs.lines)} lines, ANSI coloured`;
    const why = notBuilt('logs');
    if (why) throw new Error(`not built: ${why}`);
    log('log-viewer');
    const l = await browser.run('logs', SIZES.logs);
    raw.logs = l;
    rows.push({
      group,
      what: 'last screen visible (End key → last line drawn)',
      stat: summary(l.lastScreen),
      unit: 'ms',
      budget: { max: 300, text: '≤ 300 ms' },
      baseline: l.pre
        ? `<pre> with the same ${fmt(l.pre.chars / 1e6)} M chars: ${fmt(l.pre.renderMs, 'ms')} to show its end (ours ${ratio(summary(l.lastScreen).median, l.pre.renderMs)})`
        : '',
    });
    rows.push({
      group,
      what: '  first screen after setting source',
      stat: summary(l.firstScreen),
      unit: 'ms',
    });
    rows.push({
      group,
      what: `scroll over the whole range incl. the last line (${fmt(l.scrollHeightPx / l.scrollDeltas.length)} px a frame): frame p95`,
      stat: { ...summary(l.scrollDeltas), median: percentile(l.scrollDeltas, 95) },
      unit: 'ms',
      budget: FRAME_BUDGET,
      baseline: `${l.scrollDeltas.length} frames over ${fmt(l.scrollHeightPx)} px; median ${fmt(summary(l.scrollDeltas).median, 'ms')}`,
    });
    const searchMs = l.search.map((s) => s.ms);
    rows.push({
      group,
      what: 'regex search to the full match count',
      stat: summary(searchMs),
      unit: 'ms',
      budget: { max: 300, text: '≤ 300 ms' },
      baseline: l.regexLoop
        ? `plain RegExp.test loop over the same ${fmt(SIZES.logs.lines)} stripped strings: median ${fmt(summary(l.regexLoop.map((b) => b.ms)).median, 'ms')} (ours ${ratio(summary(searchMs).median, summary(l.regexLoop.map((b) => b.ms)).median)}); per query ours ÷ loop: ${l.search.map((s, i) => `/${s.query}/ ${fmt(s.matches)} lines ${ratio(s.ms, l.regexLoop[i].ms)}`).join(', ')}`
        : l.search.map((s) => `/${s.query}/: ${fmt(s.matches)} lines`).join('; '),
    });
    const longest = l.search.map((s) => s.longestTaskMs);
    rows.push({
      group,
      what: '  longest main-thread task during a search (0 = none ≥ 50 ms)',
      stat: summary(longest),
      unit: 'ms',
      budget: { max: 49, text: 'never blocks (< 50 ms)' },
    });
    rows.push({
      group,
      what: 'JS heap after scrolling and searching',
      stat: one(l.heapMB),
      unit: 'MB',
      baseline: l.pre
        ? `<pre>: ${fmt(l.pre.heapMB, 'MB')} JS heap with its text still referenced (the DOM's own copy is outside the JS heap)`
        : '',
    });
  });

if (wants('files'))
  await section('<file-browser>', async () => {
    const group = `<file-browser>, ${fmt(SIZES.files.entries)} entries in one folder`;
    const why = notBuilt('files');
    if (why) throw new Error(`not built: ${why}`);
    log('file-browser');
    const f = await browser.run('files', SIZES.files);
    raw.files = f;
    rows.push({
      group,
      what: 'first render',
      stat: summary(f.firstRender),
      unit: 'ms',
      budget: { max: 100, text: '≤ 100 ms' },
    });
    rows.push({
      group,
      what: `filter keystroke (${f.keystrokes.length} keystrokes, input → rows laid out)`,
      stat: summary(f.keystrokes.map((k) => k.ms)),
      unit: 'ms',
      budget: { max: 16, text: '≤ 16 ms' },
      baseline: `p95 ${fmt(
        percentile(
          f.keystrokes.map((k) => k.ms),
          95,
        ),
        'ms',
      )}; to the next frame: median ${fmt(summary(f.keystrokes.map((k) => k.frameMs)).median, 'ms')}`,
    });
    rows.push({
      group,
      what: `scroll through (${fmt(f.scrollHeightPx)} px, ${fmt(f.scrollHeightPx / f.scrollDeltas.length)} px a frame): frame p95`,
      stat: { ...summary(f.scrollDeltas), median: percentile(f.scrollDeltas, 95) },
      unit: 'ms',
      budget: FRAME_BUDGET,
      baseline: `median frame ${fmt(summary(f.scrollDeltas).median, 'ms')}`,
    });
  });

if (wants('runs'))
  await section('<run-table>', async () => {
    const group = `<run-table>, ${fmt(SIZES.runs.runs)} runs`;
    const why = notBuilt('runs');
    if (why) throw new Error(`not built: ${why}`);
    log('run-table');
    const t = await browser.run('runs', SIZES.runs);
    raw.runs = t;
    rows.push({
      group,
      what: 'first screen (source set → rows drawn → next frame)',
      stat: summary(t.firstScreen),
      unit: 'ms',
      budget: { max: 300, text: '≤ 300 ms' },
      baseline: `a plain <table> of the same runs: ${fmt(summary(t.baseline).median, 'ms')} (${ratio(
        summary(t.firstScreen).median,
        summary(t.baseline).median,
      )})`,
    });
    rows.push({
      group,
      what: `search keystroke (${t.keystrokes.length} keystrokes over names, ids, tags, config, summary)`,
      stat: summary(t.keystrokes),
      unit: 'ms',
      baseline: `p95 ${fmt(percentile(t.keystrokes, 95), 'ms')}`,
    });
    rows.push({
      group,
      what: `scroll through (${fmt(t.scrollHeightPx)} px, ${fmt(t.scrollHeightPx / t.scrollDeltas.length)} px a frame): frame p95`,
      stat: { ...summary(t.scrollDeltas), median: percentile(t.scrollDeltas, 95) },
      unit: 'ms',
      budget: FRAME_BUDGET,
      baseline: `median frame ${fmt(summary(t.scrollDeltas).median, 'ms')}`,
    });
  });

await browser?.close();

// ------------------------------------------------------------------------------------------- node

if (wants('readers'))
  await section('readers', async () => {
    log('readers (generating the files first)');
    const r = runNode('readers', SIZES.readers);
    raw.readers = r;
    const group = `Readers (Node), ~${SIZES.readers.megabytes} MB files read from memory`;
    const mbps = (x) => summary(x.ms.map((ms) => x.mb / (ms / 1000)));
    for (const [key, label, unitName, baseKey] of [
      ['wandb', '.wandb: createDatastoreReader (framing + CRC + Record decode)', 'records', 'wandb'],
      ['wandbColumns', '.wandb to metric columns: framing + CRC + WandbRunBuilder.addPayload', 'points', 'wandb'],
      ['tfevents', 'tfevents: TfRecordReader + decodeEvent', 'scalar values', 'tfevents'],
    ]) {
      if (!r[key]) continue;
      const base = mbps(r[`${baseKey}Baseline`]);
      const ours = mbps(r[key]);
      rows.push({
        group,
        what: label,
        stat: ours,
        unit: 'MB/s',
        budget: { min: base.median / 6, text: '≤ 6× the loop' },
        baseline: `${fmt(r[key].items)} ${unitName}; a JS loop over the same bytes: ${fmt(base.median, 'MB/s')} (ours ${ratio(base.median, ours.median)})`,
      });
    }
    for (const [key, label] of [
      ['realWandb', 'real .wandb files (fixtures/real) to metric columns'],
      ['realTfevents', 'real tfevents files (fixtures/real): TfRecordReader + decodeEvent'],
    ]) {
      const x = r[key];
      if (!x) continue;
      const base = mbps({ mb: x.mb, ms: x.baselineMs });
      const ours = mbps(x);
      rows.push({
        group,
        what: `${label}, ${x.files} files`,
        stat: ours,
        unit: 'MB/s',
        budget: { min: base.median / 6, text: '≤ 6× the loop' },
        baseline: `${fmt(x.mb)} MB read whole, repeated; a JS loop over the same bytes: ${fmt(base.median, 'MB/s')} (ours ${ratio(base.median, ours.median)})`,
      });
    }
  });

if (wants('serve'))
  await section('serve', async () => {
    log('runpage serve');
    const s = runNode('serve', SIZES.serve);
    raw.serve = s;
    const group = `runpage serve, one metric of ${fmt(SIZES.serve.points)} points, points=1000`;
    const p = (xs) => ({ ...summary(xs), p95: percentile(xs, 95) });
    const full = p(s.full);
    const zoomed = p(s.zoomed);
    const direct = p(s.direct);
    rows.push({
      group,
      what: `GET /api/series, full range (${s.full.length} requests)`,
      stat: full,
      unit: 'ms',
      baseline: `p95 ${fmt(full.p95, 'ms')}; first request ${fmt(s.firstMs, 'ms')}; source.getSeries directly ${fmt(direct.median, 'ms')} (HTTP ${ratio(full.median, direct.median)})`,
    });
    rows.push({
      group,
      what: `GET /api/series, 10 % zoom windows (${s.zoomed.length} requests)`,
      stat: zoomed,
      unit: 'ms',
      baseline: `p95 ${fmt(zoomed.p95, 'ms')}; ${fmt(s.responseBytes / KB)} KB JSON for the full range`,
    });
  });

if (wants('serve-big'))
  await section('serve-big', async () => {
    log(`runpage serve over a ${SIZES.serveBig.megabytes} MB .wandb run (generating it first)`);
    const s = runNode('serve-big', SIZES.serveBig);
    raw.serveBig = s;
    const group = `runpage serve, first chart of a ${fmt(s.mb)} MB .wandb run (GET /api/series, points=1000)`;
    const loop = `a JS loop over the file's bytes from disk: ${fmt(s.loopMs, 'ms')}`;
    rows.push({
      group,
      what: 'first open (no cache: the run is read, the asked key scanned beside it)',
      stat: one(s.first.firstMs),
      unit: 'ms',
      budget: { max: 3000, text: '≤ 3 s' },
      baseline: `${loop} (ours ${ratio(s.first.firstMs, s.loopMs)}); CPU ${fmt(s.first.firstCpuMs, 'ms')}; whole run read ${fmt(s.first.wholeReadMs, 'ms')}; RSS ${fmt(s.first.rssMB, 'MB')} (${fmt(s.rssBeforeMB, 'MB')} before)`,
    });
    rows.push({
      group,
      what: 'later open, the whole run read and held in memory',
      stat: one(s.first.cachedMs),
      unit: 'ms',
      budget: { max: 200, text: '≤ 200 ms' },
      baseline: `asked while the run's cache file was being written: ${fmt(s.first.duringWriteMs, 'ms')} (the held run's first step-ordered series: its steps sorted), again ${fmt(s.first.duringWriteAgainMs, 'ms')}${s.first.askedAgainWhileWriting ? '' : ' (after the write)'}; the write held the event loop ≤ ${fmt(s.first.writeStallMs, 'ms')}`,
    });
    rows.push({
      group,
      what: 'later open, new registry (restarted server; the run loaded from its disk cache)',
      stat: one(s.again.firstMs),
      unit: 'ms',
      budget: { max: 200, text: '≤ 200 ms' },
      baseline: `the first open, which reads the datastore: ${fmt(s.first.firstMs, 'ms')} (ours ${ratio(s.again.firstMs, s.first.firstMs)}); cache file ${fmt(s.first.cacheMB, 'MB')} written in ${fmt(s.first.cacheWriteMs, 'ms')} once the run was read; RSS ${fmt(s.again.rssMB, 'MB')}`,
    });
  });

if (wants('serve-listing'))
  await section('serve-listing', async () => {
    log('runpage serve runs list (generating the runs first)');
    const s = runNode('serve-listing', SIZES.serveListing, 30 * 60_000);
    raw.serveListing = s;
    const gb = s.bytes / 1024 ** 3;
    const group = `runpage serve, runs list of ${fmt(s.runs)} W&B runs (${gb.toFixed(1)} GB)`;
    rows.push({
      group,
      what: 'first answer: GET /api/runs?limit=100 on a server that has read nothing',
      stat: one(s.first.ms),
      unit: 'ms',
      budget: { max: 1000, text: '≤ 1 s' },
      baseline: `reading every run fully, as the list did before: ~${fmt(s.fullReadMs, 'ms')} (${ratio(s.first.ms, s.fullReadMs)}; timed on ${s.baselineRuns} runs, scaled)`,
    });
    rows.push({
      group,
      what: 'the same request again (runs listed before, cache checked by size and mtime)',
      stat: one(s.again.ms),
      unit: 'ms',
      baseline: `every run as one array (GET /api/runs): ${fmt(s.all.ms, 'ms')}`,
    });
    rows.push({
      group,
      what: 'after a restart (runs-list cache on disk): GET /api/runs?limit=100',
      stat: one(s.restartFirst.ms),
      unit: 'ms',
      baseline: `every run as one array after the restart: ${fmt(s.restartAll.ms, 'ms')}`,
    });
    rows.push({
      group,
      what: 'server peak RSS after those answers',
      stat: one(s.rssKb / 1024),
      unit: 'MB',
      budget: { max: 1024, text: '≤ 1 GB' },
      baseline: `${fmt(gb, 'GB')} of runs on disk; server start with discovery ${fmt(s.startMs, 'ms')}`,
    });
  });

if (wants('soak'))
  await section('soak', async () => {
    log('runpage serve under hostile load');
    const s = runNode('soak', SIZES.soak);
    raw.soak = s;
    const group = `runpage serve under hostile load (bench/node/soak.ts)`;
    const p99 = (xs) => percentile(xs, 99);
    rows.push({
      group,
      what:
        `GET /api p99 while ${fmt(SIZES.soak.concurrent)} concurrent requests (${fmt(s.requests)} in all), ` +
        `${SIZES.soak.live} live clients opened and dropped (${s.liveRounds} rounds), a slow client and ` +
        `catastrophic regex searches (${s.catastrophicStopped} stopped) run`,
      stat: one(p99(s.hostile)),
      unit: 'ms',
      baseline: `quiet server p99 ${fmt(p99(s.quiet), 'ms')} (${ratio(p99(s.hostile), p99(s.quiet))}); median ${fmt(summary(s.hostile).median, 'ms')} vs ${fmt(summary(s.quiet).median, 'ms')}; answers ${JSON.stringify(s.statuses)}`,
    });
  });

if (wants('bundle'))
  await section('bundle', async () => {
    log('bundle sizes');
    const b = await bundleSizes();
    raw.bundle = b;
    const group = 'Bundle, gzip -9 (esbuild --minify; "first use": what Chromium fetched for the page)';
    if (b.bundle) {
      const firstUse = b.bundle.page.gzip - b.bundle.gzip;
      rows.push({
        group,
        what: `all elements on one page, script tag (dist/runpage.bundle.js): every script loaded on first use (${b.bundle.page.files} files)`,
        stat: one(b.bundle.page.gzip / KB),
        unit: 'KB',
        budget: { max: 110, text: '≤ 110 KB' },
        baseline: `runpage.bundle.js + static chunks ${fmt(b.bundle.gzip / KB, 'KB')}; lazy chunks loaded on first use ${fmt(firstUse / KB, 'KB')} (${b.bundle.page.lazyChunks.join(', ')}); lazy chunks only a click or another language loads: ${fmt((b.bundle.lazyGzip - firstUse) / KB, 'KB')} in ${b.bundle.lazyFiles - b.bundle.page.lazyFiles} files; floor ${fmt(b.bundle.page.ranGzip / KB, 'KB')} (our code that ran on first use, by V8 block coverage, and the npm packages whole)`,
      });
    }
    const chart = b.elements.find((e) => e.tag === 'metric-chart');
    if (chart) {
      rows.push({
        group,
        what: 'a page with one <metric-chart>, everything included: every script loaded on first use',
        stat: one(chart.everything.page.gzip / KB),
        unit: 'KB',
        budget: { max: 50, text: '≤ 50 KB' },
        baseline: `static ${fmt(chart.everything.gzip / KB, 'KB')} + lazy chunks loaded on first use ${fmt((chart.everything.page.gzip - chart.everything.gzip) / KB, 'KB')} (${chart.everything.page.lazyFiles} files); lit/uplot external ${fmt(chart.withoutLitUplot.gzip / KB, 'KB')}, so lit and uPlot ${fmt((chart.everything.gzip - chart.withoutLitUplot.gzip) / KB, 'KB')}; floor ${fmt(chart.everything.page.ranGzip / KB, 'KB')} (our code that ran on first use, by V8 block coverage, and the npm packages whole)`,
      });
    }
    if (b.autoload) {
      const page = b.autoload.chartPage;
      rows.push({
        group,
        what: 'a page with one <metric-chart>, script tag runpage.autoload.js: every script loaded on first use',
        stat: one(page.gzip / KB),
        unit: 'KB',
        budget: { max: 50, text: '≤ 50 KB' },
        baseline: `${page.files} files, element chunks ${page.elementChunks.join(', ')}; runpage.autoload.js itself ${fmt(b.autoload.gzip / KB, 'KB')}${b.bundle ? `; the same page with runpage.bundle.js ${fmt(b.bundle.chartPage.gzip / KB, 'KB')} (${b.bundle.chartPage.files} files)` : ''}${chart ? `; esbuild, everything included ${fmt(chart.everything.page.gzip / KB, 'KB')}` : ''}`,
      });
    }
    for (const e of b.elements) {
      rows.push({
        group,
        what: `<${e.tag}>: own code (packages and shared runtime external)`,
        stat: one(e.own.gzip / KB),
        unit: 'KB',
        budget: { max: 8, text: '≤ 8 KB' },
        baseline: `with the shared runtime ${fmt(e.ours.gzip / KB, 'KB')}; lit/uplot external ${fmt(e.withoutLitUplot.gzip / KB, 'KB')}; all included ${fmt(e.everything.gzip / KB, 'KB')}, lazy ${fmt(e.everything.lazyGzip / KB, 'KB')}, of which a page loads on first use ${fmt((e.everything.page.gzip - e.everything.gzip) / KB, 'KB')}`,
      });
    }
  });

// ----------------------------------------------------------------------------------------- output

const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), Node ${process.version}${raw.browser ? `, headless Chromium ${raw.browser}` : ''}`;
const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const table = textTable(rows);
console.log(
  `\n${quick ? 'QUICK run (small sizes). ' : ''}${machine}, ${when}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(table);
const over = rows.filter((r) => (r.error && r.budget) || verdict(r.stat?.median, r.budget) === '✗');
console.log(
  `\n${over.length} figure(s) over budget.\n\nHow the figures are taken:\n${NOTES.map((n) => `- ${n}`).join('\n')}`,
);

writeFileSync(
  'bench/results.json',
  JSON.stringify({ when, machine, quick, seconds: (Date.now() - started) / 1000, rows, notes: NOTES, raw }, null, 1) +
    '\n',
);

if (!quick && !only && !args.includes('--no-readme')) {
  await writeReadmeSection({ when, machine, rows, notes: NOTES });
  log('README.md: Performance section updated');
}
