/**
 * The grid of runs: its header (sort buttons with `aria-sort`, added columns with a remove button)
 * and its rows (tick box, name with id under it, project, group, live state badge, start, runtime,
 * tags, added columns). The element owns the state; these only draw it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunRef } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { formatDateTime, formatDuration } from '../../internal/format.js';
import { renderStateBadge, renderTags } from '../../internal/state-badge.js';
import { styleProps } from '../../internal/style-props.js';
import { formatCell } from './cell-format.js';
import { msg } from './run-table.messages.js';
import { BASE_COLUMNS, runtimeOf, type BaseColumn, type ColumnId, type RunRow, type RunSort } from './run-rows.js';

/** Column widths: tick box, the base columns, then each added column. */
const BASE_WIDTHS: Record<BaseColumn, string> = {
  name: 'minmax(14rem, 2fr)',
  project: 'minmax(7rem, 1fr)',
  group: 'minmax(6rem, 1fr)',
  state: '9rem',
  started: '13rem',
  runtime: '6.5rem',
  tags: 'minmax(8rem, 1.2fr)',
};
const ADDED_WIDTH = 'minmax(7rem, 1fr)';
const TICK_WIDTH = '2.5rem';

export function gridColumns(added: readonly ColumnId[]): string {
  return [TICK_WIDTH, ...BASE_COLUMNS.map((c) => BASE_WIDTHS[c]), ...added.map(() => ADDED_WIDTH)].join(' ');
}

/** Minimum width of the grid, so a narrow host scrolls sideways rather than squeezing columns. */
export function gridMinWidth(added: readonly ColumnId[]): string {
  return `${62 + added.length * 8}rem`;
}

/** A base column's name, or a value column's key without its `config.` / `summary.` (the title says which). */
export function columnLabel(column: ColumnId, lang: Lang): string {
  if ((BASE_COLUMNS as readonly string[]).includes(column)) return msg(lang, column as BaseColumn);
  return column.slice(column.indexOf('.') + 1);
}

const NUMERIC: ReadonlySet<string> = new Set(['runtime']);

export interface HeaderContext {
  lang: Lang;
  added: readonly ColumnId[];
  sort: RunSort;
  numeric: (column: ColumnId) => boolean;
  /** Tick box state for "every run shown". */
  allTicked: boolean | 'mixed';
  onSort: (column: ColumnId) => void;
  onRemove: (column: ColumnId) => void;
  onTickAll: () => void;
}

export function renderHeader(c: HeaderContext): TemplateResult {
  const { lang } = c;
  const cell = (column: ColumnId, added: boolean) => {
    const label = columnLabel(column, lang);
    const active = c.sort.column === column;
    const numeric = NUMERIC.has(column) || (added && c.numeric(column));
    return html`<div
      class="cell ${numeric ? 'num' : ''} ${added ? 'added' : ''}"
      role="columnheader"
      data-column=${column}
      aria-sort=${active ? (c.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        class="rp-bare sort"
        type="button"
        title=${msg(lang, 'sortBy', added ? column : label)}
        @click=${() => c.onSort(column)}
      >
        <span class="sort-label">${label}</span>${active ? (c.sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}
      </button>
      ${
        added
          ? html`<button
              class="remove"
              type="button"
              aria-label=${msg(lang, 'removeColumn', column)}
              title=${msg(lang, 'removeColumn', column)}
              @click=${() => c.onRemove(column)}
            >
              ×
            </button>`
          : nothing
      }
    </div>`;
  };
  return html`<div class="row head" role="row" aria-rowindex="1">
    <div class="cell tick" role="columnheader">
      <input
        type="checkbox"
        aria-label=${msg(lang, 'tickAll')}
        .checked=${c.allTicked === true}
        .indeterminate=${c.allTicked === 'mixed'}
        @change=${c.onTickAll}
      />
    </div>
    ${BASE_COLUMNS.map((col) => cell(col, false))} ${c.added.map((col) => cell(col, true))}
  </div>`;
}

export interface RowContext {
  lang: Lang;
  added: readonly ColumnId[];
  now: number;
  href: (ref: RunRef) => string | undefined;
  ticked: ReadonlySet<string>;
  active: boolean;
  index: number;
  top: number;
  ariaRowIndex: number;
  onTick: (id: string) => void;
  onOpen: (ref: RunRef, e: Event) => void;
  onActivate: (index: number) => void;
}

export function renderRunRow(row: RunRow, c: RowContext): TemplateResult {
  const { lang } = c;
  const r = row.ref;
  const name = r.name || r.id;
  const href = c.href(r);
  const ticked = c.ticked.has(r.id);
  const runtime = runtimeOf(r, c.now);
  return html`<div
    class="row body-row ${ticked ? 'ticked' : ''}"
    part="row"
    role="row"
    data-row=${c.index}
    data-id=${r.id}
    tabindex=${c.active ? 0 : -1}
    aria-rowindex=${c.ariaRowIndex}
    aria-selected=${String(ticked)}
    style=${styleProps({ top: `${c.top}px` })}
    @click=${() => c.onActivate(c.index)}
  >
    <div class="cell tick" role="gridcell">
      <input
        type="checkbox"
        tabindex="-1"
        aria-label=${msg(lang, 'tick', name)}
        .checked=${ticked}
        @click=${(e: Event) => e.stopPropagation()}
        @change=${() => c.onTick(r.id)}
      />
    </div>
    <div class="cell name" role="gridcell" title=${r.name ? `${r.name}\n${r.id}` : r.id}>
      ${
        href
          ? html`<a class="name-text" href=${href} tabindex="-1" @click=${(e: Event) => c.onOpen(r, e)}>${name}</a>`
          : html`<span class="name-text">${name}</span>`
      }
      <span class="id mono">${r.id}</span>
    </div>
    <div class="cell" role="gridcell" title=${r.project ?? ''}>${r.project ?? ''}</div>
    <div class="cell" role="gridcell" title=${r.group ?? ''}>${r.group ?? ''}</div>
    <div class="cell" role="gridcell">
      ${
        r.error
          ? html`<span class="unreadable" title=${msg(lang, 'unreadable', r.error)}
              >${msg(lang, 'unreadable', '')}</span
            >`
          : r.state
            ? renderStateBadge(r.state, lang)
            : nothing
      }
      ${r.warnings ? html`<span class="warn" title=${msg(lang, 'warnings', r.warnings)}>⚠</span>` : nothing}
    </div>
    <div class="cell" role="gridcell">${r.startedAt === undefined ? '' : formatDateTime(r.startedAt, lang)}</div>
    <div class="cell num" role="gridcell" data-runtime=${runtime ?? ''}>
      ${runtime === undefined ? '' : formatDuration(runtime)}
    </div>
    <div class="cell tags" role="gridcell">${renderTags(Array.isArray(r.tags) ? r.tags : undefined, lang)}</div>
    ${c.added.map((col) => {
      const v = formatCell(col, row.values.get(col), lang);
      return html`<div class="cell added ${v.numeric ? 'num' : ''}" role="gridcell" data-column=${col} title=${v.full}>
        ${v.text}
      </div>`;
    })}
  </div>`;
}
