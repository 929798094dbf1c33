/**
 * A Jupyter notebook (.ipynb, nbformat 4) as cells: Markdown rendered and sanitized, code
 * highlighted with its execution count, outputs as text or images. HTML outputs show their
 * text/plain form (notebook HTML can carry scripts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Lang } from '../../../internal/i18n.js';
import { pmsg } from '../preview.messages.js';
import { highlightCode } from './highlight.js';
import { markdown } from '../../../internal/markdown.js';

export type NotebookOutput =
  { kind: 'text'; text: string; error?: boolean } | { kind: 'image'; src: string; mime: string };

export interface NotebookCell {
  type: 'markdown' | 'code' | 'raw';
  source: string;
  executionCount?: number;
  outputs: NotebookOutput[];
}

export interface Notebook {
  language: string;
  cells: NotebookCell[];
}

const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function joinText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((s) => typeof s === 'string').join('');
  return '';
}

// ANSI colour codes in tracebacks are noise in a text preview.
function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

function outputsOf(raw: unknown): NotebookOutput[] {
  if (!Array.isArray(raw)) return [];
  const out: NotebookOutput[] = [];
  for (const o of raw) {
    if (!o || typeof o !== 'object') continue;
    const rec = o as Record<string, unknown>;
    if (rec.output_type === 'stream')
      out.push({ kind: 'text', text: joinText(rec.text), error: rec.name === 'stderr' });
    else if (rec.output_type === 'error') {
      const tb = Array.isArray(rec.traceback) ? rec.traceback.filter((s) => typeof s === 'string').join('\n') : '';
      out.push({ kind: 'text', text: stripAnsi(tb || `${String(rec.ename)}: ${String(rec.evalue)}`), error: true });
    } else if (rec.data && typeof rec.data === 'object') {
      const data = rec.data as Record<string, unknown>;
      const image = IMAGE_MIMES.find((m) => /^[A-Za-z0-9+/=]+$/.test(joinText(data[m]).replace(/\s/g, '')));
      if (image)
        out.push({
          kind: 'image',
          mime: image,
          src: `data:${image};base64,${joinText(data[image]).replace(/\s/g, '')}`,
        });
      else if (data['text/plain'] !== undefined) out.push({ kind: 'text', text: joinText(data['text/plain']) });
    }
  }
  return out;
}

/** The notebook's cells, or undefined when the JSON is not a notebook. */
export function parseNotebook(value: unknown): Notebook | undefined {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { cells?: unknown }).cells)) return undefined;
  const nb = value as {
    cells: unknown[];
    metadata?: { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } };
  };
  const lang = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language;
  const cells: NotebookCell[] = [];
  for (const c of nb.cells) {
    if (!c || typeof c !== 'object') continue;
    const cell = c as Record<string, unknown>;
    const type = cell.cell_type === 'markdown' || cell.cell_type === 'code' ? cell.cell_type : 'raw';
    const count = typeof cell.execution_count === 'number' ? cell.execution_count : undefined;
    cells.push({
      type,
      source: joinText(cell.source),
      executionCount: count,
      outputs: type === 'code' ? outputsOf(cell.outputs) : [],
    });
  }
  return { language: typeof lang === 'string' ? lang.toLowerCase() : 'python', cells };
}

interface Host {
  requestUpdate(): void;
}

/** Renders cells at once (Markdown as DOM nodes, code as text), then swaps in highlighted code when it is ready. */
export class NotebookView {
  private readonly rich = new Map<number, string>();

  constructor(
    readonly notebook: Notebook,
    private readonly host: Host,
  ) {
    void this.prepare();
  }

  private async prepare(): Promise<void> {
    const tasks = this.notebook.cells.map(async (cell, i) => {
      const out = cell.type === 'code' ? await highlightCode(cell.source, this.notebook.language) : undefined;
      if (out !== undefined) this.rich.set(i, out);
    });
    await Promise.allSettled(tasks);
    this.host.requestUpdate();
  }

  render(lang: Lang): TemplateResult {
    return html`<div class="notebook" part="notebook">
      ${this.notebook.cells.length === 0 ? html`<p class="muted">${pmsg(lang, 'emptyNotebook')}</p>` : nothing}
      ${this.notebook.cells.map((cell, i) => this.cell(cell, i, lang))}
    </div>`;
  }

  private cell(cell: NotebookCell, i: number, lang: Lang): TemplateResult {
    const rich = this.rich.get(i);
    if (cell.type === 'markdown') {
      return html`<section class="nb-cell nb-markdown" aria-label=${pmsg(lang, 'cell', i + 1)}>
        <div class="markdown">${markdown(cell.source)}</div>
      </section>`;
    }
    if (cell.type === 'raw') {
      return html`<section class="nb-cell nb-raw" aria-label=${pmsg(lang, 'cell', i + 1)}>
        <pre class="nb-source">${cell.source}</pre>
      </section>`;
    }
    return html`<section class="nb-cell nb-code" aria-label=${pmsg(lang, 'cell', i + 1)}>
      <div class="nb-prompt" aria-hidden="true">[${cell.executionCount ?? ' '}]</div>
      <pre class="nb-source"><code class="hljs">${rich === undefined ? cell.source : unsafeHTML(rich)}</code></pre>
      ${cell.outputs.map((o) =>
        o.kind === 'image'
          ? html`<div class="nb-output"><img src=${o.src} alt=${pmsg(lang, 'cellOutput', i + 1)} /></div>`
          : html`<pre class="nb-output ${o.error ? 'nb-error' : ''}">${o.text}</pre>`,
      )}
    </section>`;
  }
}
