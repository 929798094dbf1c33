import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_color-bg);
  }
  :host([hidden]) {
    display: none;
  }
  .title {
    font-size: 1.1em;
    margin: 0 0 var(--_space);
  }
  .runs {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .runs li {
    display: flex;
    align-items: baseline;
    gap: 6px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    margin-right: 6px;
    flex: none;
  }
  .run-name {
    font-weight: 600;
  }
  .id,
  .muted,
  .none {
    color: var(--_color-muted);
  }
  .mono {
    font-family: var(--_font-mono);
    font-size: 0.9em;
  }
  .picker {
    margin-bottom: var(--_space);
  }
  .picker summary {
    cursor: pointer;
    font-weight: 600;
  }
  .search {
    display: block;
    margin: var(--_space) 0;
    width: min(24rem, 100%);
  }
  .choices {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 16rem;
    overflow: auto;
    columns: 18rem;
  }
  .choices label {
    display: flex;
    gap: 6px;
    align-items: baseline;
    cursor: pointer;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr));
    gap: var(--_space);
    margin-bottom: calc(var(--_space) * 2);
  }
  .charts > * {
    --runpage-metric-chart-height: var(--runpage-run-compare-chart-height, 220px);
    padding: 4px;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .values h3 {
    font-size: 1em;
    margin: calc(var(--_space) * 2) 0 var(--_space);
  }
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 4px var(--_space);
    border-bottom: 1px solid var(--_color-grid);
    max-width: 24rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  thead th {
    background: var(--_color-surface);
    color: var(--_color-muted);
  }
  tbody th {
    font-weight: normal;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.missing {
    color: var(--_color-muted);
    font-style: italic;
  }
  tr.differs th {
    color: var(--_color-fg);
  }
`;
