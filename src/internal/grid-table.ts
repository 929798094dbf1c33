import { css, type CSSResult } from 'lit';

/**
 * The look of a virtualised table drawn as CSS grid rows (run table, model table): a bordered
 * `.grid` that scrolls sideways below `--_min-width`, `.row`s of `--_columns` and `--_row-height`,
 * a `.head` row, `.cell`s that cut their text, `.num` cells, and the `.warnings` under a table.
 */
export const gridTableStyles: CSSResult = css`
  .grid {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    overflow-x: auto;
    overflow-y: hidden;
  }
  /* Narrow hosts scroll sideways rather than squeezing the columns. */
  .grid > * {
    min-width: var(--_min-width);
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    height: var(--_row-height);
    box-sizing: border-box;
    border-bottom: 1px solid var(--_color-grid);
  }
  .head {
    background: var(--_color-surface);
    color: var(--_color-muted);
    font-weight: 600;
    border-bottom: 1px solid var(--_color-border);
  }
  .cell {
    padding: 0 var(--_space-2);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .mono {
    font-family: var(--_font-mono);
    font-size: 0.9em;
  }
  .warnings {
    margin-top: var(--_space-2);
    color: var(--_color-warning);
  }
  .warnings ul {
    margin: 4px 0 0;
    color: var(--_color-fg);
  }
`;
