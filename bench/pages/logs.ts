/**
 * <log-viewer> over a lazy 1M-line ANSI-coloured log (≈ 100 MB of text) in a MemorySource.
 *
 * - Last screen: from an End key press in the log until the row of the last line is rendered with
 *   its text (not a placeholder), no placeholder row is left, and the next frame is produced.
 * - Scroll: scrollTop set across the whole range (ending at the very bottom), one position per
 *   frame; requestAnimationFrame deltas.
 * - Search: regex typed into the search box; from the source's searchLogs call until the full
 *   match count is rendered (the element's own 180 ms typing debounce comes before that call and is
 *   not counted). The longest main-thread task during the search tells whether input was blocked.
 * Baselines: the same lines (ANSI codes stripped) as the text of one plain <pre>; for the search,
 * a plain loop of `RegExp.test` (the same compiled query) over the same 1M stripped strings, made
 * beforehand and held in an array, timed alone.
 */
import '../../src/elements/log-viewer/define.js';
import type { LogViewer } from '../../src/elements/log-viewer/log-viewer.js';
import { MemorySource } from '../../src/data/memory-source.js';
import { generateLargeLogs } from '../../src/data/sample-large.js';
import { compileQuery } from '../../src/data/log-search.js';
import { stripAnsi } from '../../src/data/strip-ansi.js';
import type { LogMatches, LogSearch, Req, RunInfo } from '../../src/data/source.js';
import { MB, afterNextPaint, frameDeltas, heapAfterGc, longestTask, stage, until } from './page-kit.js';

interface LogParams {
  lines: number;
  runs: number;
  scrollFrames: number;
  searches: number;
  /** Skip the <pre> baseline (it needs the whole text in the DOM). */
  pre: boolean;
}

const INFO = { id: 'logs', name: 'logs', state: 'finished' } as RunInfo;
const QUERIES = [
  'step \\d*7 \\|',
  'rank[13].*4\\d\\d samples',
  'WARNING.*waited [1-3]\\d',
  'lr=2\\.\\d\\de-4',
  'loss=\\d\\.\\d{2}9',
];

class TimedLogSource extends MemorySource {
  searchAskedAt = 0;
  lastTotal = 0;
  override async searchLogs(q: LogSearch, o?: Req): Promise<LogMatches> {
    this.searchAskedAt = performance.now();
    const found = await super.searchLogs(q, o);
    this.lastTotal = found.total;
    return found;
  }
}

function shadow(el: LogViewer): ShadowRoot {
  return el.shadowRoot!;
}

function lastScreenShown(el: LogViewer, last: number): boolean {
  const root = shadow(el);
  return root.querySelector(`.line[data-n="${last}"]`) !== null && root.querySelector('.line.placeholder') === null;
}

/** The baseline: the same lines, ANSI codes stripped and `\r` redraws collapsed, as one <pre>'s text. */
async function preBaseline(lines: number) {
  const heapBefore = await heapAfterGc();
  const logs = generateLargeLogs(lines, 3) as { line(i: number): { text: string } };
  const parts: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) {
    const line = stripAnsi(logs.line(i).text);
    const cr = line.lastIndexOf('\r');
    parts[i] = cr >= 0 ? line.slice(cr + 1) : line;
  }
  const box = stage(1000, 600);
  box.style.overflow = 'auto';
  const pre = document.createElement('pre');
  pre.style.cssText = 'margin:0;font:12px monospace';
  box.append(pre);
  const text = parts.join('\n');
  parts.length = 0;
  await afterNextPaint();
  const t0 = performance.now();
  pre.textContent = text;
  box.scrollTop = box.scrollHeight;
  const renderMs = (await afterNextPaint()) - t0;
  const heapAfter = await heapAfterGc();
  return {
    renderMs,
    chars: text.length,
    heapMB: heapAfter !== undefined && heapBefore !== undefined ? (heapAfter - heapBefore) / MB : undefined,
  };
}

/** The search baseline: each query's `RegExp.test` over every stripped line, timed without making the strings. */
function regexLoopBaseline(lines: number, queries: string[]) {
  const logs = generateLargeLogs(lines, 3) as { line(i: number): { text: string } };
  const texts: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) texts[i] = stripAnsi(logs.line(i).text);
  // A regex flattens a string built from pieces the first time it reads it: done before timing.
  const warm = /\n/;
  for (let i = 0; i < lines; i++) warm.test(texts[i]);
  return queries.map((query) => {
    const re = compileQuery({ query, regex: true, caseSensitive: false });
    const t0 = performance.now();
    let matches = 0;
    for (let i = 0; i < texts.length; i++) if (re.test(texts[i])) matches++;
    return { query, ms: performance.now() - t0, matches };
  });
}

async function run(p: LogParams) {
  const heapStart = await heapAfterGc();
  const lastScreen: number[] = [];
  const firstScreen: number[] = [];
  let el: LogViewer | undefined;
  let source: TimedLogSource | undefined;
  for (let r = 0; r < p.runs; r++) {
    document.body.replaceChildren();
    source = new TimedLogSource({ info: INFO, logs: generateLargeLogs(p.lines, 3) });
    const box = stage(1000, 600);
    el = document.createElement('log-viewer');
    el.style.cssText = 'width:1000px;--runpage-log-viewer-height:600px';
    el.run = 'logs';
    el.noPermalink = true;
    box.append(el);
    await el.updateComplete;
    const t0 = performance.now();
    el.source = source;
    const view = el;
    await until(
      () =>
        shadow(view).querySelector('.line[data-n="0"]') !== null &&
        shadow(view).querySelector('.line.placeholder') === null,
      60_000,
      'the first screen',
    );
    firstScreen.push((await afterNextPaint()) - t0);
    const viewport = shadow(el).querySelector<HTMLElement>('.viewport')!;
    const t1 = performance.now();
    viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await until(() => lastScreenShown(view, p.lines - 1), 60_000, 'the last screen');
    lastScreen.push((await afterNextPaint()) - t1);
  }
  const viewer = el!;
  const src = source!;
  const viewport = shadow(viewer).querySelector<HTMLElement>('.viewport')!;
  viewport.scrollTop = 0;
  await afterNextPaint();
  const steps = p.scrollFrames;
  const scrollDeltas = await frameDeltas((i) => {
    const max = viewport.scrollHeight - viewport.clientHeight;
    viewport.scrollTop = i >= steps - 1 ? max : Math.round((max * i) / (steps - 1));
    return i < steps - 1;
  });
  await until(() => lastScreenShown(viewer, p.lines - 1), 60_000, 'the last line after scrolling');
  const scrollHeightPx = viewport.scrollHeight;

  // regex search: switch the regex option on, then type whole queries
  const buttons = [...shadow(viewer).querySelectorAll<HTMLButtonElement>('button')];
  buttons.find((b) => b.textContent?.trim() === '.*')?.click();
  await viewer.updateComplete;
  const input = shadow(viewer).querySelector<HTMLInputElement>('input[type="search"]')!;
  const count = () => shadow(viewer).querySelector('#search-state')?.textContent?.trim() ?? '';
  const search: { query: string; ms: number; longestTaskMs: number; matches: number; shown: string }[] = [];
  for (let s = 0; s < p.searches; s++) {
    const query = QUERIES[s % QUERIES.length];
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await afterNextPaint();
    const before = src.searchAskedAt;
    const { value, longestMs } = await longestTask(async () => {
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await until(() => src.searchAskedAt !== before, 10_000, 'the search to start');
      const shownAt = await until(() => /\d/.test(count()) || count() === 'No matches', 60_000, 'the match count');
      return shownAt - src.searchAskedAt;
    });
    search.push({ query, ms: value, longestTaskMs: longestMs, matches: src.lastTotal, shown: count() });
    await afterNextPaint();
  }
  const heapViewer = await heapAfterGc();
  const regexLoop = regexLoopBaseline(
    p.lines,
    search.map((s) => s.query),
  );
  await afterNextPaint();

  let pre: Awaited<ReturnType<typeof preBaseline>> | undefined;
  if (p.pre) {
    viewer.remove();
    document.body.replaceChildren();
    pre = await preBaseline(p.lines);
  }
  return {
    firstScreen,
    lastScreen,
    scrollDeltas,
    scrollHeightPx,
    search,
    regexLoop,
    heapMB: heapViewer !== undefined && heapStart !== undefined ? (heapViewer - heapStart) / MB : undefined,
    pre,
  };
}

(window as unknown as { bench: unknown }).bench = { run };
