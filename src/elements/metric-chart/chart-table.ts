/** The chart's data for screen readers: a visually hidden summary and a table of sampled points. */
import { html, noChange, nothing, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';

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
  return html`<div class="rp-visually-hidden data-table">
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
        ${tableRows(t)}
      </tbody>
    </table>
  </div>`;
}

/**
 * The body rows, made by cloning one row and setting its texts: 200 rows of lit templates (an
 * instance and a part per cell) took most of the idle task that builds the table.
 */
class TableRowsDirective extends Directive {
  private rows: HTMLTableRowElement[] = [];
  /** The table the rows show: the same one again leaves them as they are. */
  private shown?: DataTable;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('tableRows() belongs in element content');
  }

  render(_t: DataTable): typeof nothing {
    return nothing;
  }

  override update(part: ChildPart, [t]: [DataTable]): typeof nothing | typeof noChange {
    if (t === this.shown) return noChange;
    this.shown = t;
    const parent = part.parentNode as Element;
    const cells = t.columns.length + 1;
    // rows of another shape are made anew
    if (this.rows.length && this.rows[0].cells.length !== cells) {
      for (const row of this.rows) row.remove();
      this.rows = [];
    }
    const proto = this.rows[0] ?? protoRow(parent.ownerDocument, cells);
    const added = parent.ownerDocument.createDocumentFragment();
    t.rows.forEach((i, r) => {
      let row = this.rows[r];
      if (!row) {
        row = proto.cloneNode(true) as HTMLTableRowElement;
        this.rows.push(row);
        added.append(row);
      }
      setText(row.cells[0], t.formatX(t.x[i]));
      t.columns.forEach((c, k) => setText(row.cells[k + 1], c.missing && c.missing[i] ? '' : t.formatY(c.y[i])));
    });
    for (const row of this.rows.splice(t.rows.length)) row.remove();
    if (added.firstChild) parent.insertBefore(added, part.endNode);
    return nothing;
  }
}

const tableRows = directive(TableRowsDirective);

function protoRow(doc: Document, cells: number): HTMLTableRowElement {
  const row = doc.createElement('tr');
  const head = doc.createElement('th');
  head.scope = 'row';
  row.append(head);
  for (let k = 1; k < cells; k++) row.append(doc.createElement('td'));
  for (const cell of row.cells) cell.append(doc.createTextNode(''));
  return row;
}

function setText(cell: HTMLTableCellElement, text: string): void {
  const node = cell.firstChild as Text;
  if (node.data !== text) node.data = text;
}
