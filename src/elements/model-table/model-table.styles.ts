import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_color-bg);
    --_row-height: 32px;
    --_min-width: 40rem;
    --_columns: minmax(12rem, 2.2fr) minmax(7rem, 1fr) minmax(7.5rem, 0.7fr) minmax(7rem, 1fr) minmax(7rem, 1fr);
  }
  /* A graph without parameter counts (an MLflow signature): name, type, shape. */
  .grid.no-counts {
    --_columns: minmax(12rem, 2fr) minmax(10rem, 1.5fr) minmax(7rem, 1fr);
  }
  .model-name {
    margin: 0 0 var(--_space);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar {
    margin-bottom: var(--_space-2);
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-5);
    margin: 0 0 var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .totals div {
    display: flex;
    gap: 6px;
    align-items: baseline;
  }
  .totals dt {
    color: var(--_color-muted);
  }
  .totals dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .sort {
    font-weight: 600;
    width: 100%;
    text-align: right;
  }
  .scroller {
    position: relative;
    overflow: auto;
    max-height: var(--runpage-model-table-max-height, 60vh);
    contain: size layout paint;
  }
  .scroller:focus-visible {
    outline-offset: -2px;
  }
  .spacer {
    position: relative;
  }
  .body-row {
    position: absolute;
    left: 0;
    right: 0;
    cursor: default;
  }
  .body-row:hover {
    background: var(--_color-surface);
  }
  .body-row[aria-selected='true'] {
    background: var(--_color-surface-2);
  }
  .body-row:focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: -2px;
  }
  .body-row.match .name-text {
    background: var(--_color-highlight);
    border-radius: 3px;
  }
  .name {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .twisty {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 18px;
    height: 18px;
    color: var(--_color-muted);
    cursor: pointer;
    border-radius: 3px;
    transition: transform 0.12s;
  }
  .twisty:hover {
    background: var(--_color-surface-2);
  }
  .twisty.open {
    transform: rotate(90deg);
  }
  .twisty.leaf {
    visibility: hidden;
  }
  .name-text {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .type {
    color: var(--_color-muted);
  }
  .share {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .bar {
    flex: 1;
    height: 8px;
    background: var(--_color-surface-2);
    border-radius: 4px;
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--runpage-model-table-bar-color, var(--_color-accent));
    border-radius: 4px;
  }
  .pct {
    flex: none;
    width: 3.5em;
    text-align: right;
    color: var(--_color-muted);
    font-variant-numeric: tabular-nums;
  }
  .no-matches {
    padding: var(--_space-4);
    color: var(--_color-muted);
    text-align: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .twisty {
      transition: none;
    }
  }
`;
