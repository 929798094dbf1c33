import { css } from 'lit';

export const metricWorkspaceStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--runpage-metric-workspace-height, 720px);
    min-height: 0;
    --_panel-height: var(--runpage-metric-workspace-panel-height, 300px);
    --_media-height: var(--runpage-metric-workspace-media-height, 360px);
    --_panel-min-width: var(--runpage-metric-workspace-panel-min-width, 340px);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    background: var(--_color-bg);
    color: var(--_color-fg);
  }
  .toolbar {
    padding: var(--_space);
    border-bottom: 1px solid var(--_color-border);
    background: var(--_color-surface);
  }
  .search {
    flex-basis: 10em;
  }
  .section-count {
    color: var(--_color-muted);
    white-space: nowrap;
  }
  .field {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    white-space: nowrap;
  }
  .weight {
    width: 5em;
  }
  .notices {
    padding: 0 var(--_space);
  }
  .notice {
    margin: var(--_space) 0 0;
    display: flex;
    align-items: center;
    gap: var(--_space);
    color: var(--_color-warning);
  }
  .notice--error {
    color: var(--_color-danger);
  }
  .body {
    flex: 1;
    min-height: 0;
    overflow: auto;
    padding: var(--_space);
    outline: none;
    /* the grid's column count follows the width of the panel area, not of the window */
    container: workspace-body / inline-size;
  }
  .section {
    margin-bottom: calc(var(--_space) * 2);
  }
  .section-header {
    display: flex;
    align-items: center;
    gap: var(--_space);
    border-bottom: 1px solid var(--_color-border);
    padding-bottom: 4px;
    margin-bottom: var(--_space);
  }
  .section-title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  .section-toggle {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    padding: 2px 4px;
    cursor: pointer;
    display: inline-flex;
    gap: 6px;
  }
  .section-toggle:disabled {
    cursor: default;
  }
  .chevron {
    display: inline-block;
    width: 1em;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    font: inherit;
    color: var(--_color-muted);
    background: none;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    min-width: 24px;
    height: 24px;
    padding: 0 4px;
    cursor: pointer;
  }
  .icon-button:hover {
    color: var(--_color-fg);
    border-color: var(--_color-border);
  }
  .icon-button[aria-pressed='true'] {
    color: var(--_color-accent);
    border-color: var(--_color-accent);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(var(--_columns, 2), minmax(0, 1fr));
    gap: var(--_space);
  }
  .grid--auto {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_panel-min-width)), 1fr));
  }
  .panel {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    height: var(--_panel-height);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    overflow: hidden;
    /* panels far off screen skip style and layout; the fixed height keeps the scrollbar right */
    content-visibility: auto;
    contain-intrinsic-size: auto var(--_panel-height);
  }
  .panel--media {
    grid-column: 1 / -1;
    height: var(--_media-height);
  }
  .panel-header {
    display: flex;
    align-items: center;
    gap: 4px;
    min-height: 28px;
    padding: 2px 4px 2px var(--_space);
    border-bottom: 1px solid var(--_color-border);
  }
  .panel-title {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  mark {
    background: var(--_color-highlight);
    color: inherit;
    border-radius: 2px;
  }
  .panel-title--far {
    flex: none;
    min-height: 28px;
    line-height: 28px;
    padding: 0 var(--_space);
    border-bottom: 1px solid var(--_color-border);
  }
  .panel-buttons {
    display: inline-flex;
    gap: 2px;
  }
  .panel-body {
    flex: 1;
    min-height: 0;
    overflow: hidden;
    --runpage-metric-chart-height: calc(var(--_panel-height) - 110px);
    --runpage-state-min-height: 120px;
  }
  .panel--media .panel-body {
    overflow: auto;
  }
  /*
   * The chart fills the panel's body and is contained in size and layout: a layout root, so what
   * changes inside it (its first draw, the legend's counts, the table) lays out the chart alone,
   * not every grid of the workspace. (A grid or flex item cannot be one: the panel and its body
   * are, so the chart itself is.)
   */
  .panel--chart .panel-body > * {
    height: 100%;
    contain: strict;
  }
  .panel--far {
    background: var(--_color-surface);
  }
  .no-match {
    color: var(--_color-muted);
    text-align: center;
  }
  /* a phone: one column of full-width panels, titles wrap instead of being cut to a few letters */
  @container workspace-body (max-width: 599.98px) {
    .grid,
    .grid--auto {
      grid-template-columns: minmax(0, 1fr);
    }
    .panel-header {
      align-items: flex-start;
    }
    .panel-title {
      white-space: normal;
      overflow-wrap: anywhere;
    }
  }
`;
