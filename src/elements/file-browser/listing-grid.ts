/**
 * The listing grid: a summary line (count, pages being read, selection), the sortable header with
 * select-all, the rows of the visible window (checkbox, icon, name, size, date) and the "more
 * entries" row of a folder read in pages. It draws what the element gives it and calls back; the
 * virtual list controller places the rows.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ref } from 'lit/directives/ref.js';
import type { FileEntry } from '../../data/source.js';
import { formatBytes, formatDateTime, formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { common } from '../../internal/messages.js';
import { renderEmpty } from '../../internal/states.js';
import { styleProps } from '../../internal/style-props.js';
import type { VirtualListController } from '../../internal/virtual-list-controller.js';
import { iconKindOf } from './file-kind.js';
import { renderLinkLabel } from './file-link.js';
import { msg } from './file-browser.messages.js';
import type { Folder } from './folder-listing.js';
import { renderIcon } from './icons.js';
import type { SortKey, SortSpec } from './listing.js';

/** Height of a row (and of the header row), px. */
export const ROW_HEIGHT = 32;

export interface ListingGridView {
  lang: Lang;
  folder: Folder;
  /** The entries shown: sorted and filtered. */
  rows: FileEntry[];
  list: VirtualListController;
  sort: SortSpec;
  filter: string;
  selected: ReadonlySet<string>;
  /** Path of the file open in the preview. */
  openPath: string;
  /** Every page is being read (a sort or a filter over a listing read in part). */
  readingAll: boolean;
  /** The last page failed. */
  pageError?: unknown;
}

export interface ListingGridActions {
  onKeydown(e: KeyboardEvent): void;
  /** A row was clicked. */
  open(row: number, entry: FileEntry): void;
  toggleSort(key: SortKey): void;
  setSelection(paths: Set<string>): void;
  toggleSelected(entry: FileEntry, row: number): void;
  /** Shift+click on a checkbox: the range from the anchor to `row`. */
  selectRange(row: number): void;
  retryPage(): void;
}

export function renderListingGrid(v: ListingGridView, a: ListingGridActions): TemplateResult {
  const { lang, folder, rows, list } = v;
  if (folder.entries.length === 0 && !folder.next)
    return renderEmpty(msg(lang, 'emptyFolder'), msg(lang, 'emptyFolderDetail'));
  const total = folder.total ?? folder.entries.length;
  const partial = !!folder.next;
  list.rowCount = rows.length;
  const win = list.window();
  const active = Math.min(list.active, Math.max(0, rows.length - 1));
  const activeRendered = active >= win.first && active < win.last && rows.length > 0;
  const allSelected = rows.length > 0 && rows.every((r) => v.selected.has(r.path));
  const entryRows: TemplateResult[] = [];
  for (let i = win.first; i < win.last; i++) entryRows.push(renderRow(v, a, i, i === active));
  return html`
    <div class="summary">
      <span
        >${v.filter.trim() ? msg(lang, 'entriesShown', formatNumber(rows.length, lang), formatNumber(total, lang)) : msg(lang, 'entriesTotal', formatNumber(total, lang))}</span
      >
      ${
        partial && v.readingAll
          ? html`<span class="muted"
              >${msg(lang, 'loadingEntries', formatNumber(folder.entries.length, lang), formatNumber(total, lang))}</span
            >`
          : nothing
      }
      ${
        v.selected.size
          ? html`<span>${msg(lang, 'selected', formatNumber(v.selected.size, lang))}</span>
              <button type="button" class="link" @click=${() => a.setSelection(new Set())}>
                ${msg(lang, 'clearSelection')}
              </button>`
          : nothing
      }
    </div>
    <div
      class="grid"
      part="grid"
      role="grid"
      tabindex="0"
      aria-label=${msg(lang, 'listing')}
      aria-rowcount=${(partial ? total : rows.length) + 1}
      aria-multiselectable="true"
      aria-activedescendant=${activeRendered ? `row-${active}` : nothing}
      ${ref(list.attach)}
      @keydown=${a.onKeydown}
    >
      <div role="rowgroup" class="head">
        <div role="row" class="row" aria-rowindex="1">
          <div role="columnheader" class="cell col-select">
            <input
              type="checkbox"
              tabindex="-1"
              aria-label=${msg(lang, 'selectAll')}
              .checked=${allSelected}
              @change=${() => a.setSelection(allSelected ? new Set() : new Set(rows.map((r) => r.path)))}
            />
          </div>
          ${sortHeader(v, a, 'name', msg(lang, 'name'))} ${sortHeader(v, a, 'size', msg(lang, 'size'))}
          ${sortHeader(v, a, 'modified', msg(lang, 'modified'))}
        </div>
      </div>
      <div
        role="rowgroup"
        class="body"
        style=${styleProps({ height: `${win.scrollHeight + (partial ? ROW_HEIGHT : 0)}px` })}
      >
        ${entryRows}
        ${
          partial || v.pageError
            ? html`<div role="row" class="row more" style=${styleProps({ top: `${list.rowTop(rows.length)}px` })}>
                <div role="gridcell" class="cell">
                  ${
                    v.pageError
                      ? html`<span class="error">${msg(lang, 'moreEntriesFailed')}</span>
                          <button type="button" class="rp-button small" tabindex="-1" @click=${a.retryPage}>
                            ${common(lang, 'retry')}
                          </button>`
                      : msg(lang, 'loadingMoreEntries')
                  }
                </div>
              </div>`
            : nothing
        }
      </div>
    </div>
    ${rows.length === 0 && !partial ? html`<p class="no-matches">${msg(lang, 'noMatches', v.filter)}</p>` : nothing}
  `;
}

function sortHeader(v: ListingGridView, a: ListingGridActions, key: SortKey, label: string): TemplateResult {
  const on = v.sort.key === key;
  return html`<div
    role="columnheader"
    class="cell col-${key}"
    aria-sort=${on ? (v.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
  >
    <button
      type="button"
      class="rp-bare sort"
      tabindex="-1"
      title=${msg(v.lang, 'sortBy', label)}
      @click=${() => a.toggleSort(key)}
    >
      ${label}<span class="sort-mark" aria-hidden="true">${on ? (v.sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
    </button>
  </div>`;
}

function renderRow(v: ListingGridView, a: ListingGridActions, i: number, active: boolean): TemplateResult {
  const { lang, list } = v;
  const e = v.rows[i];
  const selected = v.selected.has(e.path);
  const size =
    e.kind === 'dir'
      ? e.count === undefined
        ? '—'
        : e.count === 1
          ? msg(lang, 'oneItem')
          : msg(lang, 'items', formatNumber(e.count, lang))
      : formatBytes(e.size, lang);
  return html`<div
    role="row"
    id="row-${i}"
    part="row"
    class=${classMap({ row: true, active, selected, open: e.path === v.openPath, dir: e.kind === 'dir' })}
    aria-rowindex=${list.ariaRowIndex(i)}
    aria-selected=${selected ? 'true' : 'false'}
    style=${styleProps({ top: `${list.rowTop(i)}px` })}
    @click=${() => a.open(i, e)}
  >
    <div role="gridcell" class="cell col-select">
      <input
        type="checkbox"
        tabindex="-1"
        aria-label=${msg(lang, 'select', e.name)}
        .checked=${selected}
        @click=${(ev: MouseEvent) => {
          ev.stopPropagation();
          if (ev.shiftKey) {
            ev.preventDefault();
            a.selectRange(i);
          }
        }}
        @change=${() => a.toggleSelected(e, i)}
      />
    </div>
    <div role="gridcell" class="cell col-name" title=${e.name}>
      ${renderIcon(iconKindOf(e.name, e.kind, e.mime))}<span class="name">${e.name}</span>${
        e.kind === 'dir' ? html`<span class="rp-visually-hidden">${msg(lang, 'folder')}</span>` : nothing
      }${renderLinkLabel(e, lang)}
    </div>
    <div role="gridcell" class="cell col-size">${size}</div>
    <div role="gridcell" class="cell col-modified">
      ${e.modified === undefined ? '—' : formatDateTime(e.modified, lang)}
    </div>
  </div>`;
}
