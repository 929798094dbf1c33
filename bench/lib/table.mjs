/** The results table: rows of figures against their DESIGN.md budgets, as text and as Markdown. */

export function fmt(v, unit) {
  if (v === undefined || v === null || Number.isNaN(v)) return '–';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${n} ${unit}` : n;
}

/** ✓ / ✗ of a value against `{ max }` or `{ min }`; '' when the figure has no budget. */
export function verdict(value, budget) {
  if (!budget || value === undefined || value === null || Number.isNaN(value)) return '';
  if (budget.max !== undefined) return value <= budget.max ? '✓' : '✗';
  if (budget.min !== undefined) return value >= budget.min ? '✓' : '✗';
  return '';
}

export function budgetText(budget) {
  if (!budget) return '—';
  return budget.text ?? (budget.max !== undefined ? `≤ ${budget.max}` : `≥ ${budget.min}`);
}

/**
 * A row: { group, what, stat: { median, min, max, n }, unit, budget?, baseline?, note? }.
 * `stat.median` is what is marked against the budget.
 */
export function cells(row) {
  if (row.error) return [row.what, '–', '–', budgetText(row.budget), row.budget ? '✗' : '', row.error];
  const s = row.stat ?? {};
  const range = s.n > 1 ? `${fmt(s.min)} – ${fmt(s.max)}` : '';
  return [
    row.what,
    fmt(s.median, row.unit),
    range,
    budgetText(row.budget),
    verdict(s.median, row.budget),
    row.baseline ?? '',
  ];
}

const HEAD = ['figure', 'median', 'min – max', 'budget', '', 'baseline in the same run / note'];

export function textTable(rows) {
  const lines = [];
  let group;
  const all = rows.map(cells);
  const widths = HEAD.map((h, i) =>
    Math.min(i === 0 ? 58 : i === 5 ? 80 : 24, Math.max(h.length, ...all.map((c) => String(c[i]).length))),
  );
  const line = (c) =>
    c
      .map((v, i) => String(v).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  lines.push(line(HEAD));
  rows.forEach((row, i) => {
    if (row.group !== group) {
      group = row.group;
      lines.push('', `${group}`);
    }
    lines.push(line(all[i]));
  });
  return lines.join('\n');
}

export function markdownTable(rows) {
  const esc = (v) => String(v).replace(/</g, '&lt;').replace(/\|/g, '&#124;');
  const out = [`| ${HEAD.map(esc).join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`];
  let group;
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      out.push(`| **${esc(group)}** | | | | | |`);
    }
    out.push(`| ${cells(row).map(esc).join(' | ')} |`);
  }
  return out.join('\n');
}
