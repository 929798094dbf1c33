/**
 * <run-table> over 10,000 generated runs (src/data/sample-runs.ts: config and summary values,
 * tags, some running), all listed at once as a runpage server lists them.
 *
 * - First screen: from setting `source` until the first rows are drawn and the next frame is
 *   produced. Baseline: the same runs as a plain <table> (name, id, project, state, start) built
 *   with DOM calls and appended, to the next frame: what the server-rendered list costs the browser.
 * - Search keystroke: from the search box's input event until the element has rendered and its rows
 *   are laid out, typed one character at a time.
 * - Scroll: the rows' scrollTop set across the whole list, one position per frame; rAF deltas.
 */
import '../../src/elements/run-table/define.js';
import type { RunTable } from '../../src/elements/run-table/run-table.js';
import { generateSampleRefs, sampleRunsSource } from '../../src/data/sample-runs.js';
import type { RunRef } from '../../src/data/source.js';
import { afterNextPaint, frameDeltas, stage, until } from './page-kit.js';

interface RunsParams {
  runs: number;
  repeats: number;
  scrollFrames: number;
}

const TYPED = 'sweep-lr';

function rows(el: RunTable): number {
  return el.shadowRoot!.querySelectorAll('[part="row"]').length;
}

async function plainTable(refs: RunRef[]): Promise<number> {
  document.body.replaceChildren();
  const box = stage(1200, 700);
  box.style.overflow = 'auto';
  await afterNextPaint();
  const t0 = performance.now();
  const table = document.createElement('table');
  const body = table.createTBody();
  for (const r of refs) {
    const tr = body.insertRow();
    for (const text of [
      `${r.name ?? r.id}\n${r.id}`,
      r.project ?? '',
      r.state ?? '',
      new Date(r.startedAt ?? 0).toISOString(),
    ])
      tr.insertCell().textContent = text;
  }
  box.append(table);
  return (await afterNextPaint()) - t0;
}

async function run(p: RunsParams) {
  const refs = generateSampleRefs({ count: p.runs, running: 20, now: Date.now() });
  const firstScreen: number[] = [];
  const baseline: number[] = [];
  let el: RunTable | undefined;
  for (let r = 0; r < p.repeats; r++) {
    baseline.push(await plainTable(refs));
    document.body.replaceChildren();
    const box = stage(1200, 700);
    el = document.createElement('run-table');
    el.style.cssText = 'width:1200px;--runpage-run-table-height:600px';
    el.refreshInterval = 0;
    box.append(el);
    await el.updateComplete;
    await afterNextPaint();
    const source = sampleRunsSource(refs);
    const t0 = performance.now();
    el.source = source;
    const view = el;
    await until(() => rows(view) > 0, 60_000, 'the first rows');
    firstScreen.push((await afterNextPaint()) - t0);
  }
  const table = el!;
  const input = table.shadowRoot!.querySelector<HTMLInputElement>('.toolbar > .search')!;
  const keystrokes: number[] = [];
  for (let i = 1; i <= TYPED.length; i++) {
    const t0 = performance.now();
    input.value = TYPED.slice(0, i);
    input.dispatchEvent(new Event('input'));
    await table.updateComplete;
    table.shadowRoot!.querySelector('.grid')?.getBoundingClientRect();
    keystrokes.push(performance.now() - t0);
  }
  input.value = '';
  input.dispatchEvent(new Event('input'));
  await table.updateComplete;
  await afterNextPaint();
  const scroller = table.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  const steps = p.scrollFrames;
  const scrollDeltas = await frameDeltas((i) => {
    const max = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = i >= steps - 1 ? max : Math.round((max * i) / (steps - 1));
    return i < steps - 1;
  });
  return { firstScreen, baseline, keystrokes, scrollDeltas, scrollHeightPx: scroller.scrollHeight };
}

(window as unknown as { bench: unknown }).bench = { run };
