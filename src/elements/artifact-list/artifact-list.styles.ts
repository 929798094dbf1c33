import { css } from 'lit';

/** The listing's styles; the opened artifact's come with its code (artifact-detail.styles.ts). */
export const styles = [
  css`
    :host {
      display: block;
      background: var(--_color-bg);
    }
    :host([hidden]) {
      display: none;
    }
    section.list {
      margin-bottom: var(--_space-5);
    }
    .section-head {
      margin-bottom: var(--_space-2);
    }
    h3,
    h4 {
      margin: 0;
      font-size: 1.05em;
      font-weight: 600;
    }
    h4 {
      font-size: 1em;
      margin-bottom: var(--_space-1);
    }
    .hint,
    .count,
    .none {
      color: var(--_color-muted);
      font-weight: normal;
    }
    .none {
      margin: 0;
    }
    .search {
      margin-left: auto;
      flex: 0 1 16rem;
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 6px var(--_space-2);
      text-align: left;
      white-space: nowrap;
      border-bottom: 1px solid var(--_color-grid);
      vertical-align: middle;
    }
    th {
      background: var(--_color-surface);
      color: var(--_color-muted);
      font-weight: 600;
      border-bottom-color: var(--_color-border);
    }
    tbody tr:last-child td {
      border-bottom: 0;
    }
    .sort {
      font-weight: 600;
    }
    .artifact-row {
      cursor: pointer;
    }
    .artifact-row:hover {
      background: var(--_color-surface);
    }
    .artifact-row:focus-visible {
      outline: 2px solid var(--_color-focus);
      outline-offset: -2px;
    }
    .name-cell {
      max-width: 28rem;
      overflow: hidden;
      text-overflow: ellipsis;
      font-weight: 600;
    }
    .mono,
    code {
      font-family: var(--_font-mono);
      font-size: 0.92em;
    }
    .chips {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .chip {
      display: inline-block;
      padding: 0 8px;
      border-radius: 999px;
      border: 1px solid var(--_color-border);
      background: var(--_color-surface-2);
      color: var(--_color-fg);
      font-size: 0.86em;
      line-height: 1.6;
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .copy {
      font: inherit;
      font-size: 0.86em;
      margin-left: 4px;
      padding: 0 6px;
      color: var(--_color-fg);
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .copy:hover {
      background: var(--_color-surface-2);
    }
    .more {
      margin-top: var(--_space-2);
    }
    .detail > .back {
      margin-bottom: var(--_space-3);
    }
  `,
];
