/**
 * The table's model of the runs it lists: each run with its config and summary flattened to
 * `config.<path>` / `summary.<path>` columns and the text a search looks through, built once per
 * listing; runtime, search, filters and sorting over it (grouping: run-groups.ts). No DOM here.
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
