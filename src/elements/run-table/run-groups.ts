/**
 * Grouping the table's runs by project or group: the group headers (with their counts, collapsible)
 * between the runs. `<run-table>` loads this the first time a grouping is chosen: most tables are
 * never grouped.
 */
import { html, type TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { formatNumber } from '../../internal/format.js';
import { styleProps } from '../../internal/style-props.js';
import { msg } from './run-table.messages.js';
import type { GroupBy, RunRow, TableItem } from './run-rows.js';

/** The rows as table lines: each group's header (with its count) before its runs, unnamed last. */
export function groupRows(
  rows: readonly RunRow[],
  by: Exclude<GroupBy, 'none'>,
  collapsed: ReadonlySet<string>,
  noneLabel: string,
): TableItem[] {
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) {
    const key = row.ref[by] ?? '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(row);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const out: TableItem[] = [];
  for (const key of keys) {
    const list = groups.get(key)!;
    out.push({ kind: 'group', key, label: key || noneLabel, count: list.length });
    if (!collapsed.has(key)) for (const row of list) out.push({ kind: 'run', row });
  }
  return out;
}

export function renderGroupRow(
  label: string,
  count: number,
  collapsed: boolean,
  c: { lang: Lang; index: number; top: number; active: boolean; ariaRowIndex: number; onToggle: () => void },
): TemplateResult {
  return html`<div
    class="row group-row"
    part="group"
    role="row"
    data-row=${c.index}
    tabindex=${c.active ? 0 : -1}
    aria-rowindex=${c.ariaRowIndex}
    style=${styleProps({ top: `${c.top}px` })}
    @click=${c.onToggle}
  >
    <div class="cell group-cell" role="gridcell">
      <button class="rp-bare group-toggle" type="button" tabindex="-1" aria-expanded=${String(!collapsed)}>
        <span class="twisty ${collapsed ? '' : 'open'}" aria-hidden="true">▸</span>
        ${msg(c.lang, 'groupCount', label, formatNumber(count, c.lang))}
      </button>
    </div>
  </div>`;
}
