import { css } from 'lit';

export const systemPanelStyles = css`
  :host {
    display: block;
    min-width: 0;
    container: system-panel / inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_section-gap);
    color: var(--_color-fg);
    background: var(--_color-bg);
  }
  .hardware {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: var(--_space-1) var(--_space-4);
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    /* one line height whatever font a language falls back to, so labels and values share a baseline */
    line-height: 1.5;
  }
  .hardware .row {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    align-items: baseline;
  }
  .hardware dt {
    color: var(--_color-muted);
  }
  .hardware dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @container system-panel (max-width: 420px) {
    /* on a phone, each label above its value */
    .hardware .row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .switch[aria-checked='true'],
  .gpu-toggle[aria-pressed='true'] {
    background: var(--_color-surface-2);
    border-color: var(--_color-accent);
  }
  .switch-track {
    display: inline-block;
    width: 1.8em;
    height: 1em;
    margin-inline-end: 6px;
    vertical-align: -0.15em;
    border-radius: 1em;
    border: 1px solid var(--_color-border);
    background: var(--_color-bg);
    position: relative;
  }
  .switch-track::after {
    content: '';
    position: absolute;
    top: 1px;
    left: 1px;
    width: calc(1em - 4px);
    height: calc(1em - 4px);
    border-radius: 50%;
    background: var(--_color-muted);
  }
  .switch[aria-checked='true'] .switch-track::after {
    left: auto;
    right: 1px;
    background: var(--_color-accent);
  }
  .axis-note {
    color: var(--_color-muted);
  }
  .gpu-selector {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
  }
  .gpu-selector .label {
    color: var(--_color-muted);
    margin-inline-end: 4px;
  }
  .gpu-toggle {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    background: var(--swatch);
    flex: none;
  }
  .groups {
    --_grid-min: var(--runpage-system-panel-chart-min-width, var(--_panel-min-width));
    row-gap: var(--_section-gap);
    /* a small group fills a gap that a larger one before it left at the end of a row */
    grid-auto-flow: row dense;
  }
  section {
    grid-column: span var(--span, 1);
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    min-width: 0;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
    /* the same height in every language, so the charts of groups side by side start level */
    line-height: 1.5;
  }
  /* the group's own columns: the same widths and gap as the columns of the grid it spans */
  .grid {
    display: grid;
    grid-template-columns: repeat(var(--span, 1), minmax(0, 1fr));
    gap: var(--_grid-gap);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
    padding: var(--_panel-padding);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    --runpage-metric-chart-height: var(--runpage-system-panel-chart-height, 200px);
  }
  .note,
  .totals {
    margin: 0;
    font-size: 0.85em;
    color: var(--_color-muted);
  }
  .totals {
    min-height: 1.3em;
    color: var(--_color-fg);
  }
  table {
    border-collapse: collapse;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 1px 8px 1px 0;
    text-align: end;
    white-space: nowrap;
  }
  th {
    color: var(--_color-muted);
    font-weight: normal;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    color: var(--_color-fg);
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 12em;
  }
  .stats-wrap {
    overflow-x: auto;
  }
`;
