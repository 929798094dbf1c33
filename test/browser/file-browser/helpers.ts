import { fixture, html, waitUntil } from '@open-wc/testing';
import { MemorySource, type MemoryFile } from '../../../src/data/memory-source.js';
import type { FileBrowser } from '../../../src/elements/file-browser/file-browser.js';
import '../../../src/elements/file-browser/define.js';

export function sourceWith(files: MemoryFile[], pageSize?: number): MemorySource {
  return new MemorySource({ info: { id: 'run-1', state: 'finished' }, files }, pageSize ? { pageSize } : {});
}

export async function mount(
  source: unknown,
  attrs: { path?: string; file?: string; hash?: boolean; lang?: string; theme?: string } = {},
): Promise<FileBrowser> {
  const el = await fixture<FileBrowser>(
    html`<file-browser
      .source=${source}
      path=${attrs.path ?? ''}
      file=${attrs.file ?? ''}
      ?no-hash=${!attrs.hash}
      lang=${attrs.lang ?? 'en'}
      theme=${attrs.theme ?? 'light'}
      style="height: 480px; width: 900px"
    ></file-browser>`,
  );
  return el;
}

export function shadow(el: FileBrowser): ShadowRoot {
  return el.shadowRoot!;
}

/** Names shown in the listing rows, in order. */
export function rowNames(el: FileBrowser): string[] {
  return [...shadow(el).querySelectorAll('.body .row:not(.more) .name')].map((n) => n.textContent ?? '');
}

export async function until(check: () => unknown, message: string, timeout = 5000): Promise<void> {
  await waitUntil(() => !!check(), message, { timeout, interval: 20 });
}

export async function listed(el: FileBrowser): Promise<void> {
  await until(
    () => shadow(el).querySelector('.grid') || shadow(el).querySelector('.rp-state--empty'),
    'the listing renders',
  );
}

export function preview(el: FileBrowser): HTMLElement | null {
  return shadow(el).querySelector('.preview-body');
}

/**
 * The test server hands node_modules to the browser untransformed, and highlight.js's core is
 * CommonJS (`es/core.js` re-exports `lib/core.js`); Vite and Rollup (commonjs plugin) load it as
 * is. Here the CommonJS file is evaluated once and handed to the preview's highlighter.
 */
export async function installHighlighter(): Promise<void> {
  const { useHighlighter } = await import('../../../src/elements/file-browser/previews/highlight.js');
  const text = await (await fetch('/node_modules/highlight.js/lib/core.js')).text();
  const module: { exports: unknown } = { exports: {} };
  new Function('module', 'exports', text)(module, module.exports);
  useHighlighter(async () => module.exports as never);
}
