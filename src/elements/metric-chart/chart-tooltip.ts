/** The crosshair tooltip: rendered straight into its own element, outside the host's update cycle. */
import { html, nothing, render } from 'lit';
import { styleProps } from '../../internal/style-props.js';

export interface TooltipRow {
  label: string;
  color: string;
  value: string;
  /** The raw value under a smoothed one. */
  original?: string;
  notes: string[];
}

export function renderTooltip(
  target: HTMLElement,
  title: string,
  originalLabel: string,
  rows: readonly TooltipRow[],
  footer: readonly string[] = [],
): void {
  render(
    html`<div class="tt-x">${title}</div>
      ${rows.map(
        (r) =>
          html`<div class="tt-row">
              <span class="swatch" style=${styleProps({ '--swatch': r.color })}></span>
              <span class="tt-label">${r.label}</span>
              <span class="tt-value">${r.value}</span>
            </div>
            ${
              r.original !== undefined
                ? html`<div class="tt-row tt-original">
                    <span class="tt-label">${originalLabel}</span><span class="tt-value">${r.original}</span>
                  </div>`
                : nothing
            }
            ${r.notes.map((n) => html`<div class="tt-note">${n}</div>`)}`,
      )}
      ${footer.map((n) => html`<div class="tt-note tt-footer">${n}</div>`)}`,
    target,
  );
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
