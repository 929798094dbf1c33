/**
 * The table's model of the runs it lists: each run with its config and summary flattened to
 * `config.<path>` / `summary.<path>` columns and the text a search looks through, built once per
 * listing; runtime, search, filters, sorting and grouping over it. No DOM here.
 */
import type { RunRef } from '../../data/source.js';
import { RunRow, type ColumnId } from '../../data/run-query.js';

export {
  BASE_COLUMNS,
  isColumnId,
  matchesFilters,
  matchesSearch,
  parseSearch,
  runtimeOf,
  RunRow,
  sortRows,
  sortValue,
  valueText,
  type BaseColumn,
  type ColumnId,
  type ParsedSearch,
  type RunFilters,
  type RunSort,
  type SortDir,
} from '../../data/run-query.js';

export type GroupBy = 'none' | 'project' | 'group';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'project', 'group'];

/** A line of the table: a group's header or a run. */
export type TableItem = { kind: 'group'; key: string; label: string; count: number } | { kind: 'run'; row: RunRow };

export function toRow(ref: RunRef): RunRow {
  return new RunRow(ref);
}

/** Every config and summary column the runs have, sorted (config first). */
export function valueColumns(rows: readonly RunRow[]): ColumnId[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of r.values.keys()) keys.add(k);
  return [...keys].sort((a, b) => a.localeCompare(b)) as ColumnId[];
}

/** The rows as table lines: with grouping, each group's header (with its count) before its runs. */
export function groupRows(
  rows: readonly RunRow[],
  by: GroupBy,
  collapsed: ReadonlySet<string>,
  noneLabel: string,
): TableItem[] {
  if (by === 'none') return rows.map((row) => ({ kind: 'run', row }));
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
