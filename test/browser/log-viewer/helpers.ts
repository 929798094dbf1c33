import { fixture, html, waitUntil } from '@open-wc/testing';
import { MemorySource, type MemoryLogs } from '../../../src/data/memory-source.js';
import type { RunInfo } from '../../../src/data/source.js';
import type { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import '../../../src/elements/log-viewer/define.js';

export function sourceWith(logs: MemoryLogs, info: Partial<RunInfo> = {}): MemorySource {
  return new MemorySource({ info: { id: 'run-1', state: 'finished', ...info }, logs });
}

export async function viewer(
  source: unknown,
  attrs: { lang?: string; theme?: string; noHash?: boolean } = {},
): Promise<LogViewer> {
  const el = await fixture<LogViewer>(
    html`<log-viewer
      .source=${source}
      lang=${attrs.lang ?? 'en'}
      theme=${attrs.theme ?? 'light'}
      ?no-hash=${attrs.noHash ?? true}
      style="height: 400px; width: 800px"
    ></log-viewer>`,
  );
  return el;
}

export function shadow(el: LogViewer): ShadowRoot {
  return el.shadowRoot!;
}

/** Rendered (loaded) lines: [line number as shown, text as shown]. */
export function shownLines(el: LogViewer): [string, string][] {
  return [...shadow(el).querySelectorAll('.line:not(.placeholder)')].map((l) => [
    l.querySelector('.num')!.textContent!.trim(),
    l.querySelector('.text')!.textContent!,
  ]);
}

/** Rendered lines whose row is inside the visible part of the viewport. */
export function visibleLines(el: LogViewer): [string, string][] {
  const vp = shadow(el).querySelector('.viewport')!.getBoundingClientRect();
  return [...shadow(el).querySelectorAll('.line:not(.placeholder)')]
    .filter((l) => {
      const r = l.getBoundingClientRect();
      return r.bottom > vp.top + 1 && r.top < vp.bottom - 1;
    })
    .map((l) => [l.querySelector('.num')!.textContent!.trim(), l.querySelector('.text')!.textContent!]);
}

export async function until(el: LogViewer, check: () => boolean, message: string): Promise<void> {
  await waitUntil(
    async () => {
      await el.updateComplete;
      return check();
    },
    message,
    { timeout: 5000 },
  );
}

export async function loaded(el: LogViewer): Promise<void> {
  await until(
    el,
    // the loading skeleton is a state too, but not the one a test waits for
    () => shownLines(el).length > 0 || !!shadow(el).querySelector('.rp-state:not(.rp-state--loading)'),
    'the viewer never showed lines or a state',
  );
}

export function button(el: LogViewer, text: string): HTMLButtonElement {
  const b = [...shadow(el).querySelectorAll('button')].find(
    (x) => x.textContent!.trim() === text || x.getAttribute('aria-label') === text,
  );
  if (!b) throw new Error(`no button ${text}`);
  return b;
}

export function lines(count: number, make: (i: number) => string = (i) => `line ${i + 1}`): { text: string }[] {
  return Array.from({ length: count }, (_, i) => ({ text: make(i) }));
}

/** Whether a rendered line can actually be seen (hit-tested: not clipped or covered). */
export function lineIsSeen(el: LogViewer, n: string): boolean {
  const line = [...shadow(el).querySelectorAll<HTMLElement>('.line')].find(
    (l) => l.querySelector('.num')?.textContent === n,
  );
  if (!line) return false;
  const r = line.getBoundingClientRect();
  const hit = shadow(el).elementFromPoint(r.left + 60, r.bottom - 4);
  return hit?.closest('.line') === line;
}
