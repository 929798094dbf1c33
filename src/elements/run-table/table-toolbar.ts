/**
 * The run table's toolbar: search, filters, grouping, the column picker, counts and compare. The
 * filters, grouping and column picker fold into the "More" menu on a narrow table (toolbar-overflow.ts).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { RUN_STATES } from '../../data/source.js';
import { elementToolbar, searchField } from '../../internal/controls.js';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { stateLabels } from '../../internal/state-badge.js';
import type { ToolbarOverflowController } from '../../internal/toolbar-overflow.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { common } from '../../internal/messages.js';
import type { PickerContext } from './column-picker.js';
import { parseSearch, valueColumns, GROUP_BYS, type ColumnId, type GroupBy, type RunRow } from './run-rows.js';
import { msg } from './run-table.messages.js';
import type { TableState } from './table-state.js';

export interface TableToolbar {
  lang: Lang;
  overflow: ToolbarOverflowController;
  state: TableState;
  /** Every loaded run, and how many of them the search and filters show. */
  rows: RunRow[];
  shown: number;
  choices: { projects: string[]; tags: string[] };
  pickerOpen: boolean;
  pickerQuery: string;
  /** A search is asking the source for the runs not loaded yet. */
  searchingAll: boolean;
  /** The last listing changes, for screen readers. */
  announcement: string;
  /** The code of the listing's changes could not be loaded: said, with a retry (`onRetryUpdates`). */
  updatesFailed: boolean;
  onRetryUpdates(): void;
  setState(patch: Partial<TableState>): void;
  onSearch(query: string): void;
  onPickerOpen(open: boolean): void;
  onPickerQuery(query: string): void;
  onToggleColumn(column: ColumnId): void;
  onCompare(): void;
}

/** The column picker loads on its first opening (`loadColumnPicker`): most visits never open it. */
export const columnPicker = lazyImport(() => import('./column-picker.js'));

/** Loads the column picker, re-rendering `host` when it is in. */
export function loadColumnPicker(host: ReactiveControllerHost): Promise<unknown> {
  return columnPicker.load(host);
}

/** The picker, or while its code loads (or if it could not) a busy box in its place that Escape closes. */
function picker(c: PickerContext): TemplateResult {
  const loaded = columnPicker.now;
  if (loaded) return loaded.renderColumnPicker(c);
  return html`<div
    class="picker"
    part="column-picker"
    role="dialog"
    aria-label=${msg(c.lang, 'columns')}
    aria-busy=${columnPicker.failed ? 'false' : 'true'}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        c.onClose();
      }
    }}
  >
    ${common(c.lang, columnPicker.failed ? 'errorTitle' : 'loading')}
  </div>`;
}

export function renderTableToolbar(o: TableToolbar): TemplateResult {
  const { lang, state: s, rows, shown } = o;
  const { projects, tags } = o.choices;
  const search = parseSearch(s.query);
  const select = (
    label: string,
    value: string,
    options: readonly [string, string][],
    onChange: (v: string) => void,
    name: string,
  ) =>
    html`<select
      class="filter rp-input"
      data-filter=${name}
      aria-label=${label}
      title=${label}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`;
  /** A filter by one of `values` (none: no filter to offer). */
  const valueFilter = (name: 'project' | 'tag', values: readonly string[], label: string, all: string) =>
    values.length > 0
      ? select(
          label,
          s.filters[name] ?? '',
          [['', all], ...values.map((v): [string, string] => [v, v])],
          (v) => o.setState({ filters: { ...s.filters, [name]: v || undefined } }),
          name,
        )
      : nothing;
  const ticked = s.ticked.length;
  const secondary = html`${select(
      msg(lang, 'filterState'),
      s.filters.state ?? '',
      [['', msg(lang, 'allStates')], ...RUN_STATES.map((st): [string, string] => [st, stateLabels(lang, st)])],
      (v) => o.setState({ filters: { ...s.filters, state: (v || undefined) as TableState['filters']['state'] } }),
      'state',
    )}
    ${valueFilter('project', projects, msg(lang, 'filterProject'), msg(lang, 'allProjects'))}
    ${valueFilter('tag', tags, msg(lang, 'filterTag'), msg(lang, 'allTags'))}
    ${select(
      msg(lang, 'groupBy'),
      s.groupBy,
      GROUP_BYS.map((g): [string, string] => [
        g,
        msg(lang, g === 'none' ? 'groupNone' : g === 'project' ? 'groupProject' : 'groupGroup'),
      ]),
      (v) => o.setState({ groupBy: v as GroupBy }),
      'group',
    )}
    <span class="picker-anchor">
      <button
        class="rp-button columns"
        type="button"
        aria-expanded=${String(o.pickerOpen)}
        @click=${() => o.onPickerOpen(!o.pickerOpen)}
      >
        ${msg(lang, 'columns')}
      </button>
      ${
        o.pickerOpen
          ? picker({
              lang,
              keys: valueColumns(rows),
              chosen: s.columns,
              query: o.pickerQuery,
              onQuery: o.onPickerQuery,
              onToggle: o.onToggleColumn,
              onClose: () => o.onPickerOpen(false),
            })
          : nothing
      }
    </span>`;
  return elementToolbar(
    { overflow: o.overflow, class: 'rp-toolbar' },
    html`${searchField({
        value: s.query,
        label: msg(lang, 'search'),
        class: 'search',
        title: msg(lang, 'searchHint'),
        invalid: search.invalid !== undefined,
        onInput: o.onSearch,
      })}
      ${o.overflow.render(lang, secondary)}
      <span class="count rp-count" role="status">
        ${msg(lang, 'count', formatNumber(shown, lang), formatNumber(rows.length, lang))}
        ${ticked ? html` · ${msg(lang, 'ticked', formatNumber(ticked, lang))}` : nothing}
        ${search.invalid ? html` · <span class="bad-regex">${msg(lang, 'badRegex', search.invalid)}</span>` : nothing}
        ${o.searchingAll ? html` · <span class="searching-all">${msg(lang, 'searchingAll')}</span>` : nothing}
      </span>
      ${
        o.updatesFailed
          ? html`<span class="updates-failed" role="alert">${msg(lang, 'updatesFailed')}</span>
              <button class="rp-button retry-updates" type="button" @click=${o.onRetryUpdates}>
                ${common(lang, 'retry')}
              </button>`
          : nothing
      }
      <span class="rp-visually-hidden announce" role="status" aria-live="polite">${o.announcement}</span>
      ${
        ticked
          ? html`<button class="rp-button" type="button" @click=${() => o.setState({ ticked: [] })}>
                ${msg(lang, 'clearTicks')}
              </button>
              <button class="rp-button primary compare" type="button" @click=${o.onCompare}>
                ${msg(lang, 'compare', formatNumber(ticked, lang))}
              </button>`
          : nothing
      }`,
  );
}
