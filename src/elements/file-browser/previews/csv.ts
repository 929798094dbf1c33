/** A CSV/TSV table: sticky header, rows virtualised with the shared virtual window. */
import { html, type TemplateResult } from 'lit';
import { styleProps } from '../../../internal/style-props.js';
import { ref } from 'lit/directives/ref.js';
import { virtualWindow } from '../../../internal/virtual-window.js';
import { formatNumber } from '../../../internal/format.js';
import type { Lang } from '../../../internal/i18n.js';
import { msg } from '../file-browser.messages.js';
import { DelimitedParser } from './csv-parse.js';

const ROW_HEIGHT = 26;
const MAX_COLUMN_CH = 40;

interface Host {
  requestUpdate(): void;
}

export class CsvView {
  private readonly parser: DelimitedParser;
  private scrollTop = 0;
  private viewportHeight = 400;
  private widths: number[] = [];

  constructor(
    delimiter: string,
    private readonly host: Host,
  ) {
    this.parser = new DelimitedParser(delimiter);
  }

  push(text: string, final: boolean): void {
    this.parser.push(text, final);
    this.measure();
  }

  /** Rows after the header. */
  get rowCount(): number {
    return Math.max(0, this.parser.rows.length - 1);
  }

  get header(): string[] {
    return this.parser.rows[0] ?? [];
  }

  // Column widths from the first rows, in characters, so a 100,000-row table is not measured.
  private measure(): void {
    const cols = this.parser.columnCount;
    const widths = new Array<number>(cols).fill(3);
    for (const r of this.parser.rows.slice(0, 200)) {
      r.forEach((cell, i) => (widths[i] = Math.min(MAX_COLUMN_CH, Math.max(widths[i], cell.length + 1))));
    }
    this.widths = widths;
  }

  private observer?: ResizeObserver;
  private observed?: Element;

  /** The rows drawn depend on the table's height: follow it. */
  private observe = (el: Element | undefined): void => {
    if (!el || el === this.observed || typeof ResizeObserver === 'undefined') return;
    this.observer?.disconnect();
    this.observed = el;
    this.observer = new ResizeObserver(() => {
      const height = (el as HTMLElement).clientHeight;
      if (height && height !== this.viewportHeight) {
        this.viewportHeight = height;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(el);
  };

  dispose(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private onScroll = (e: Event): void => {
    const el = e.currentTarget as HTMLElement;
    this.scrollTop = el.scrollTop;
    this.viewportHeight = el.clientHeight;
    this.host.requestUpdate();
  };

  render(lang: Lang): TemplateResult {
    const columns = this.widths.length;
    const template = `4.5rem ${this.widths.map((w) => `${w}ch`).join(' ')}`;
    const win = virtualWindow({
      rowCount: this.rowCount,
      rowHeight: ROW_HEIGHT,
      scrollTop: this.scrollTop,
      viewportHeight: this.viewportHeight,
    });
    const rows = this.parser.rows;
    const body = [];
    for (let i = win.first; i < win.last; i++) {
      const r = rows[i + 1];
      const cells = [];
      for (let c = 0; c < columns; c++)
        cells.push(html`<div role="cell" class="csv-cell" title=${r[c] ?? ''}>${r[c] ?? ''}</div>`);
      body.push(
        html`<div
          role="row"
          class="csv-row"
          aria-rowindex=${i + 2}
          style=${styleProps({ top: `${win.top + (i - win.first) * ROW_HEIGHT}px` })}
        >
          <div role="rowheader" class="csv-cell csv-n">${i + 1}</div>
          ${cells}
        </div>`,
      );
    }
    return html`<div class="csv" part="csv" style=${styleProps({ '--csv-columns': template })}>
      <p class="csv-summary">
        ${msg(lang, 'csvSummary', formatNumber(this.rowCount, lang), formatNumber(columns, lang))}
      </p>
      <div
        class="csv-scroll"
        role="table"
        aria-rowcount=${this.rowCount + 1}
        aria-colcount=${columns + 1}
        tabindex="0"
        ${ref(this.observe)}
        @scroll=${this.onScroll}
      >
        <div role="rowgroup" class="csv-head">
          <div role="row" class="csv-row" aria-rowindex="1">
            <div role="columnheader" class="csv-cell csv-n">#</div>
            ${Array.from({ length: columns }, (_, c) => html`<div role="columnheader" class="csv-cell">${this.header[c] ?? ''}</div>`)}
          </div>
        </div>
        <div role="rowgroup" class="csv-body" style=${styleProps({ height: `${win.scrollHeight}px` })}>${body}</div>
      </div>
    </div>`;
  }
}
