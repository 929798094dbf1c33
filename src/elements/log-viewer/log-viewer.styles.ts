import { css, unsafeCSS } from 'lit';
import { ANSI_BASE, ANSI_BG_PERCENT } from './ansi-css.js';

const palette = unsafeCSS(
  ANSI_BASE.map(
    ([hue, pct], i) =>
      `--_ansi-${i}: var(--runpage-log-viewer-ansi-${i}, color-mix(in srgb, ${hue} ${pct}%, var(--_color-fg)));\n` +
      `--_ansi-bg-${i}: color-mix(in srgb, var(--runpage-log-viewer-ansi-${i}, ${hue}) ${ANSI_BG_PERCENT}%, var(--_color-bg));`,
  ).join('\n'),
);

/** Row height in px; the virtual window computes with it, so it is fixed here and not themable. */
export const ROW_HEIGHT = 20;

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: var(--runpage-log-viewer-height, 480px);
    min-height: 160px;
    position: relative;
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    position: relative;
    ${palette}
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    padding: 6px var(--_space-2);
    background: var(--_color-surface);
    border-bottom: 1px solid var(--_color-border);
  }
  .group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1);
  }
  .search {
    flex: 1 1 28em;
    flex-wrap: wrap;
  }
  .search-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    flex: 1;
    min-width: 0;
  }
  .rp-search {
    flex: 1 1 10em;
  }
  .mono {
    font-family: var(--_font-mono);
  }
  .search-error {
    flex-basis: 100%;
  }
  .body {
    flex: 1;
    min-height: 0;
    position: relative;
    display: flex;
    flex-direction: column;
  }
  .viewport {
    flex: 1;
    min-height: 0;
    overflow: auto;
    position: relative;
    font-family: var(--_font-mono);
    font-size: calc(var(--_font-size) - 1px);
    line-height: ${ROW_HEIGHT}px;
    tab-size: 8;
    outline-offset: -2px;
  }
  .spacer {
    position: relative;
    overflow-x: visible;
    overflow-y: clip;
  }
  .rows {
    position: absolute;
    left: 0;
    top: 0;
    min-width: 100%;
    width: max-content;
  }
  .wrap .rows {
    width: 100%;
  }
  .rows.flow {
    position: static;
  }
  .rows.bottom {
    top: auto;
    bottom: 0;
  }
  .line {
    display: flex;
    min-height: ${ROW_HEIGHT}px;
    white-space: pre;
  }
  .wrap .line .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .gutter {
    position: sticky;
    left: 0;
    z-index: 1;
    flex: none;
    display: flex;
    box-sizing: border-box;
    min-width: calc(var(--_digits, 4) * 1ch + 24px);
    background: var(--_color-surface);
    color: var(--_color-muted);
    border-right: 1px solid var(--_color-border);
    user-select: none;
  }
  .mark {
    flex: none;
    width: 4px;
  }
  .num {
    flex: 1;
    padding: 0 8px 0 4px;
    text-align: right;
    cursor: pointer;
  }
  .num:hover {
    color: var(--_color-fg);
  }
  .line.stderr {
    background: color-mix(in srgb, var(--_color-danger) 7%, transparent);
  }
  .line.stderr .mark {
    background: var(--_color-danger);
  }
  .line.stderr .num {
    color: var(--_color-danger);
  }
  .line.selected {
    background: color-mix(in srgb, var(--_color-accent) 16%, transparent);
  }
  .line.selected .gutter {
    background: color-mix(in srgb, var(--_color-accent) 22%, var(--_color-surface));
    color: var(--_color-fg);
  }
  .line.redrawn .text {
    color: var(--_color-muted);
  }
  .redraw-mark {
    flex: none;
    padding-right: 4px;
    color: var(--_color-muted);
  }
  .line.current {
    box-shadow: inset 0 0 0 1px var(--_color-warning);
  }
  .time,
  .label {
    flex: none;
    padding-left: 8px;
    color: var(--_color-muted);
  }
  .text {
    flex: 1;
    padding: 0 8px;
  }
  .placeholder .text {
    color: var(--_color-muted);
  }
  mark {
    background: var(--_color-highlight);
    color: inherit;
    border-radius: 2px;
  }
  .current mark {
    outline: 1px solid var(--_color-warning);
  }
  a {
    color: var(--_color-accent);
    text-decoration: underline;
  }
  .expand {
    white-space: nowrap;
    font: inherit;
    font-family: var(--_font-family);
    font-size: 12px;
    line-height: 16px;
    margin: 1px 8px 1px 0;
    padding: 0 6px;
    align-self: flex-start;
    color: var(--_color-accent);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .body-state {
    position: absolute;
    inset: 0;
    overflow: auto;
  }
  .pill {
    position: absolute;
    left: 50%;
    bottom: 12px;
    z-index: 2;
    transform: translateX(-50%);
    font: inherit;
    padding: 4px 14px;
    color: var(--_color-accent-fg);
    background: var(--_color-accent);
    border: none;
    border-radius: 999px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    cursor: pointer;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    padding: 2px var(--_space-2);
    font-size: 12px;
    color: var(--_color-muted);
    background: var(--_color-surface);
    border-top: 1px solid var(--_color-border);
    min-height: 22px;
  }
  .status .error {
    color: var(--_color-danger);
  }
  .status .rp-button {
    padding: 0 8px;
    font-size: 12px;
  }
`;
