/** A CSV/TSV table: sticky header, rows virtualised by the shared virtual list controller. */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleProps } from '../../../internal/style-props.js';
import { ref } from 'lit/directives/ref.js';
import { VirtualListController } from '../../../internal/virtual-list-controller.js';
import { formatNumber } from '../../../internal/format.js';
import type { Lang } from '../../../internal/i18n.js';
import { pmsg } from '../preview.messages.js';
import { DelimitedParser } from './csv-parse.js';

const ROW_HEIGHT = 26;
const MAX_COLUMN_CH = 40;

export class CsvView {
  private readonly parser: DelimitedParser;
  private readonly list: VirtualListController;
  private widths: number[] = [];

  constructor(delimiter: string, host: ReactiveControllerHost) {
    this.parser = new DelimitedParser(delimiter);
    this.list = new VirtualListController(host, { rowHeight: ROW_HEIGHT, headerRows: 1 });
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

  dispose(): void {
    this.list.dispose();
  }

  render(lang: Lang): TemplateResult {
    const columns = this.widths.length;
    const template = `4.5rem ${this.widths.map((w) => `${w}ch`).join(' ')}`;
    this.list.rowCount = this.rowCount;
    const win = this.list.window();
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
          aria-rowindex=${this.list.ariaRowIndex(i)}
          style=${styleProps({ top: `${this.list.rowTop(i)}px` })}
        >
          <div role="rowheader" class="csv-cell csv-n">${i + 1}</div>
          ${cells}
        </div>`,
      );
    }
    return html`<div class="csv" part="csv" style=${styleProps({ '--csv-columns': template })}>
      <p class="preview-note csv-summary">
        ${pmsg(lang, 'csvSummary', formatNumber(this.rowCount, lang), formatNumber(columns, lang))}
      </p>
      <div
        class="csv-scroll"
        role="table"
        aria-rowcount=${this.rowCount + 1}
        aria-colcount=${columns + 1}
        tabindex="0"
        ${ref(this.list.attach)}
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
