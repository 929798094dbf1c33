/**
 * <file-browser> over one folder of 100,000 entries in a MemorySource, listed in one page
 * (`page-size` = the entry count) so sorting and filtering work on all of them.
 *
 * - First render: from setting `source` until the first entry rows are rendered and the next frame
 *   is produced.
 * - Filter keystroke: from the filter box's input event until the element has rendered (Lit's
 *   updateComplete) and its new rows are laid out (a forced layout read), typed one character at a
 *   time, then erased. `frameMs` adds the wait for the next frame (which includes vsync alignment).
 * - Scroll: the grid's scrollTop set across the whole list, one position per frame; rAF deltas.
 */
import '../../src/elements/file-browser/define.js';
import type { FileBrowser } from '../../src/elements/file-browser/file-browser.js';
import { MemorySource } from '../../src/data/memory-source.js';
import type { MemoryFile } from '../../src/data/memory-files.js';
import type { RunInfo } from '../../src/data/source.js';
import { afterNextPaint, frameDeltas, stage, until } from './page-kit.js';

interface FileParams {
  entries: number;
  runs: number;
  scrollFrames: number;
}

const INFO = { id: 'files', name: 'files', state: 'finished' } as RunInfo;
const KINDS = ['shard-', 'checkpoint_', 'events_', 'media/image_', 'table_'];
const EXT = ['.parquet', '.pt', '.log', '.png', '.json'];
const TYPED = 'shard-01';

function files(n: number): MemoryFile[] {
  const out: MemoryFile[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7919) % KINDS.length;
    const name = `${KINDS[k].replace('/', '-')}${String(i).padStart(6, '0')}${EXT[k]}`;
    out.push({
      path: name,
      size: 1024 + (((i * 2654435761) >>> 0) % 50_000_000),
      modified: 1_714_550_400_000 + i * 1000,
    });
  }
  return out;
}

function rows(el: FileBrowser): number {
  return el.shadowRoot!.querySelectorAll('[part="row"]').length;
}

async function run(p: FileParams) {
  const listing = files(p.entries);
  const firstRender: number[] = [];
  let el: FileBrowser | undefined;
  for (let r = 0; r < p.runs; r++) {
    document.body.replaceChildren();
    const source = new MemorySource({ info: INFO, files: listing });
    const box = stage(1000, 600);
    el = document.createElement('file-browser');
    el.style.cssText = 'width:1000px;--runpage-file-browser-height:600px';
    el.run = 'files';
    el.noHash = true;
    el.noLive = true;
    el.pageSize = p.entries;
    box.append(el);
    await el.updateComplete;
    await afterNextPaint();
    const t0 = performance.now();
    el.source = source;
    const view = el;
    await until(() => rows(view) > 0, 60_000, 'the first rows');
    firstRender.push((await afterNextPaint()) - t0);
  }
  const browser = el!;
  const input = browser.shadowRoot!.querySelector<HTMLInputElement>('input[part="filter"]')!;
  const keystrokes: { value: string; ms: number; frameMs: number; rows: number }[] = [];
  const typeValue = async (value: string) => {
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await browser.updateComplete;
    // reading a layout box makes style and layout of the new rows happen now
    browser.shadowRoot!.querySelector('.grid')?.getBoundingClientRect();
    const ms = performance.now() - t0;
    const frameMs = (await afterNextPaint()) - t0;
    keystrokes.push({ value, ms, frameMs, rows: rows(browser) });
  };
  for (let i = 1; i <= TYPED.length; i++) await typeValue(TYPED.slice(0, i));
  for (let i = TYPED.length - 1; i >= 0; i--) await typeValue(TYPED.slice(0, i));
  const grid = browser.shadowRoot!.querySelector<HTMLElement>('.grid')!;
  const steps = p.scrollFrames;
  const scrollDeltas = await frameDeltas((i) => {
    const max = grid.scrollHeight - grid.clientHeight;
    grid.scrollTop = i >= steps - 1 ? max : Math.round((max * i) / (steps - 1));
    return i < steps - 1;
  });
  return { firstRender, keystrokes, scrollDeltas, scrollHeightPx: grid.scrollHeight };
}

(window as unknown as { bench: unknown }).bench = { run };
