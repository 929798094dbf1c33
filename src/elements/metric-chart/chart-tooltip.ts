/**
 * The crosshair tooltip: written straight into its own element, outside the host's update cycle.
 * Plain DOM, not lit: it loads with the crosshair's code on first use, and a lazy chunk that
 * imports lit makes the bundler split lit out of the page's entry (a bigger page).
 */
import { adoptStyles, sheetOf } from '../../internal/adopt-styles.js';

/** The rows' look (the box's own is the element's: it shows a failed load of this code too). */
const ROWS_CSS = `
  .tooltip .tt-x {
    font-weight: 600;
    margin-bottom: 2px;
  }
  .tooltip .tt-row {
    display: flex;
    align-items: baseline;
    gap: 6px;
  }
  .tooltip .tt-label {
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 180px;
  }
  .tooltip .tt-value {
    margin-inline-start: auto;
    font-family: var(--_font-mono);
  }
  .tooltip .tt-note,
  .tooltip .tt-original {
    color: var(--_color-muted);
  }
`;
let rowsSheet: CSSStyleSheet | undefined;

/** Adds the rows' styles to the shadow root of `tooltip`, once per root. */
export function styleTooltip(tooltip: HTMLElement): void {
  adoptStyles(tooltip.getRootNode() as DocumentFragment, (rowsSheet ??= sheetOf(ROWS_CSS)));
}

export interface TooltipRow {
  label: string;
  color: string;
  value: string;
  /** The raw value under a smoothed one. */
  original?: string;
  notes: string[];
}

/** An element of class `className` holding `text` as text (never markup). */
function block(tag: 'div' | 'span', className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function renderTooltip(
  target: HTMLElement,
  title: string,
  originalLabel: string,
  rows: readonly TooltipRow[],
  footer: readonly string[] = [],
): void {
  const out = [block('div', 'tt-x', title)];
  for (const r of rows) {
    const swatch = block('span', 'swatch');
    // through the CSSOM: a Content-Security-Policy without 'unsafe-inline' styles refuses a style attribute
    swatch.style.setProperty('--swatch', r.color);
    const row = block('div', 'tt-row');
    row.append(swatch, block('span', 'tt-label', r.label), block('span', 'tt-value', r.value));
    out.push(row);
    if (r.original !== undefined) {
      const original = block('div', 'tt-row tt-original');
      original.append(block('span', 'tt-label', originalLabel), block('span', 'tt-value', r.original));
      out.push(original);
    }
    for (const n of r.notes) out.push(block('div', 'tt-note', n));
  }
  for (const n of footer) out.push(block('div', 'tt-note tt-footer', n));
  target.replaceChildren(...out);
}

/** Places the tooltip beside the cursor (CSS px in the plot host), flipped to stay inside it. */
export function placeTooltip(
  el: HTMLElement,
  cursorLeft: number,
  cursorTop: number,
  hostWidth: number,
  hostHeight: number,
): void {
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  const tx = cursorLeft + 14 + w > hostWidth ? Math.max(0, cursorLeft - 14 - w) : cursorLeft + 14;
  const ty = Math.min(Math.max(0, cursorTop - h / 2), Math.max(0, hostHeight - h));
  el.style.transform = `translate(${Math.round(tx)}px, ${Math.round(ty)}px)`;
}
