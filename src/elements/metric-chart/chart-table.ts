/** The chart's data for screen readers: a visually hidden summary and a table of sampled points. */
import { html, type TemplateResult } from 'lit';

export interface TableColumn {
  label: string;
  y: Float64Array;
  missing: Uint8Array | null;
}

export interface DataTable {
  caption: string;
  summary: string;
  xHeader: string;
  x: Float64Array;
  rows: readonly number[];
  columns: readonly TableColumn[];
  formatX: (v: number) => string;
  formatY: (v: number) => string;
}

export function renderDataTable(t: DataTable): TemplateResult {
  return html`<div class="rp-visually-hidden">
    <p>${t.summary}</p>
    <table>
      <caption>
        ${t.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.xHeader}</th>
          ${t.columns.map((c) => html`<th scope="col">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${t.rows.map(
          (i) =>
            html`<tr>
              <th scope="row">${t.formatX(t.x[i])}</th>
              ${t.columns.map((c) => html`<td>${c.missing && c.missing[i] ? '' : t.formatY(c.y[i])}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
