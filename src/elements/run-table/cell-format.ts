/** How a config or summary value reads in a cell: numbers in the page's language, with the unit the key names. */
import type { JsonValue } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { formatBytes, formatDuration, formatNumber } from '../../internal/format.js';
import { valueText } from './run-rows.js';

export type Unit = 'bytes' | 'seconds' | 'ms' | 'percent' | undefined;

/** The unit a key's last part names: `…_bytes`, `…_seconds`/`…_sec`/`_runtime`, `…_ms`, `…_percent`/`…_pct`/`…%`. */
export function unitOf(column: string): Unit {
  const last = column.slice(column.lastIndexOf('.') + 1).toLowerCase();
  if (/(^|[_/-])bytes$/.test(last)) return 'bytes';
  if (/(^|[_/-])(ms|millis|milliseconds)$/.test(last)) return 'ms';
  if (/(^|[_/-])(sec|secs|seconds|runtime)$/.test(last)) return 'seconds';
  if (/((^|[_/-])(percent|pct)|%)$/.test(last)) return 'percent';
  return undefined;
}

export interface CellText {
  text: string;
  /** Right-aligned. */
  numeric: boolean;
  /** The whole value, for the cell's title. */
  full: string;
}

export function formatCell(column: string, v: JsonValue | undefined, lang: Lang): CellText {
  if (v === undefined || v === null) return { text: '—', numeric: false, full: v === null ? 'null' : '' };
  if (typeof v === 'number') {
    const full = String(v);
    if (!Number.isFinite(v)) return { text: full, numeric: true, full };
    switch (unitOf(column)) {
      case 'bytes':
        return { text: formatBytes(v, lang), numeric: true, full };
      case 'seconds':
        return { text: formatDuration(v), numeric: true, full };
      case 'ms':
        return { text: `${formatNumber(v, lang, 4)} ms`, numeric: true, full };
      case 'percent':
        return { text: `${formatNumber(v, lang, 4)} %`, numeric: true, full };
      default:
        return { text: formatNumber(v, lang, 5), numeric: true, full };
    }
  }
  const text = valueText(v);
  return { text: text.length > 200 ? `${text.slice(0, 200)}…` : text, numeric: false, full: text };
}
