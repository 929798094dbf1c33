/** GFM tables: a header row, its rule (`| :-- | --: |`, which sets each column's alignment), and body rows. */
import type { BlockReader } from './blocks.js';

const BLANK = /^\s*$/;

/** The cells of a table row: split at unescaped `|`, outer pipes dropped, `\|` read as `|`. */
function cells(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Reads the table whose header row is `lines[start]` into `parent`; returns the line after it. */
export function readTable(reader: BlockReader, lines: string[], start: number, parent: Node): number {
  const aligns = cells(lines[start + 1]).map((c) =>
    c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : '',
  );
  const table = reader.el('table', parent);
  const row = (texts: string[], section: HTMLElement, tag: 'th' | 'td'): void => {
    const tr = reader.el('tr', section);
    aligns.forEach((align, k) => {
      const cell = reader.el(tag, tr);
      if (align) cell.style.textAlign = align;
      reader.inline(texts[k] ?? '', cell);
    });
  };
  row(cells(lines[start]), reader.el('thead', table), 'th');
  let i = start + 2;
  const body = reader.el('tbody', table);
  for (
    ;
    i < lines.length && !BLANK.test(lines[i]) && lines[i].includes('|') && !reader.interrupts(lines[i], undefined);
    i++
  )
    row(cells(lines[i]), body, 'td');
  return i;
}
