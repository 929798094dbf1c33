import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    height: var(--runpage-file-browser-height, 560px);
    --_fb-added: var(--runpage-file-browser-added, color-mix(in srgb, var(--_color-success) 16%, transparent));
    --_fb-removed: var(--runpage-file-browser-removed, color-mix(in srgb, var(--_color-danger) 16%, transparent));
    --_fb-row: 32px;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .layout {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    gap: var(--_space-2);
    container-type: inline-size;
    background: var(--_color-bg);
    color: var(--_color-fg);
  }
  .crumbs {
    flex: 1 1 16rem;
    min-width: 0;
  }
  .crumbs ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    list-style: none;
    margin: 0;
    padding: 0;
    gap: 2px;
  }
  .crumbs li {
    display: flex;
    align-items: center;
    min-width: 0;
  }
  .crumb {
    font: inherit;
    color: var(--_color-accent);
    background: none;
    border: 0;
    border-radius: var(--_radius);
    padding: 2px 6px;
    cursor: pointer;
    max-width: 24ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .crumb-name {
    white-space: pre;
  }
  .crumb[aria-current='location'] {
    color: var(--_color-fg);
    font-weight: 600;
  }
  .crumb:hover {
    background: var(--_color-surface-2);
  }
  .sep {
    color: var(--_color-muted);
  }
  .blocked {
    flex-basis: 100%;
    margin: 0;
    color: var(--_color-muted);
    font-size: 0.9em;
  }
  .filter {
    flex: 0 1 14rem;
    /* as wide as its basis: Chromium sizes the toolbar around a field's own width, not its basis */
    width: 14rem;
    max-width: 100%;
  }
  .rp-button.small {
    padding: 1px 8px;
    font-size: 0.9em;
  }
  .link {
    font: inherit;
    color: var(--_color-accent);
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  .transfer {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    flex: 1 1 100%;
  }
  .transfer progress {
    flex: 1;
    accent-color: var(--_color-accent);
  }
  .panes {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-2);
  }
  .panes.with-preview {
    grid-template-columns: minmax(0, 1fr) minmax(0, var(--runpage-file-browser-preview-width, 55%));
  }
  @container (max-width: 700px) {
    .panes.with-preview {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 2fr) minmax(0, 3fr);
    }
  }
  .list-pane {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    color: var(--_color-muted);
    font-size: 0.9em;
    padding: 0 2px 4px;
  }
  .muted {
    color: var(--_color-muted);
  }
  .grid {
    position: relative;
    flex: 1;
    min-height: calc(var(--_fb-row) * 3);
    overflow: auto;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    outline: none;
  }
  .grid:focus-visible {
    box-shadow: 0 0 0 2px var(--_color-focus);
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_color-surface);
    border-bottom: 1px solid var(--_color-border);
  }
  .body {
    position: relative;
  }
  .row {
    display: grid;
    grid-template-columns: 2rem minmax(8rem, 1fr) 7rem 14rem;
    align-items: center;
    height: var(--_fb-row);
    width: 100%;
  }
  @container (max-width: 560px) {
    .row {
      grid-template-columns: 2rem minmax(6rem, 1fr) 6rem;
    }
    .col-modified {
      display: none;
    }
  }
  .body .row {
    position: absolute;
    left: 0;
    cursor: pointer;
  }
  .body .row:hover {
    background: var(--_color-surface);
  }
  .body .row.selected {
    background: color-mix(in srgb, var(--_color-accent) 12%, transparent);
  }
  .body .row.open {
    box-shadow: inset 3px 0 0 var(--_color-accent);
  }
  .grid:focus-visible .row.active {
    outline: 2px solid var(--_color-focus);
    outline-offset: -2px;
  }
  .row.more {
    cursor: default;
    color: var(--_color-muted);
  }
  .row.more .cell {
    grid-column: 1 / -1;
    display: flex;
    gap: var(--_space-2);
    align-items: center;
  }
  .error {
    color: var(--_color-danger);
  }
  .cell {
    padding: 0 6px;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .col-select {
    display: flex;
    justify-content: center;
  }
  .col-name {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: pre;
    unicode-bidi: plaintext;
  }
  .dir .name {
    font-weight: 500;
  }
  .link-to {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: pre;
    unicode-bidi: plaintext;
    color: var(--_color-muted);
    font-size: 0.9em;
  }
  .link-to::before {
    content: '→ ' / '';
  }
  .col-size,
  .col-modified {
    color: var(--_color-muted);
    font-variant-numeric: tabular-nums;
  }
  .col-size {
    text-align: right;
  }
  .sort {
    font-weight: 600;
    color: var(--_color-fg);
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .col-size .sort {
    width: 100%;
    justify-content: flex-end;
  }
  .sort-mark {
    font-size: 0.7em;
    color: var(--_color-muted);
  }
  .icon {
    flex: none;
    color: var(--_color-muted);
  }
  .icon-folder {
    color: var(--_color-accent);
  }
  .icon-image,
  .icon-video,
  .icon-audio {
    color: var(--_series-4);
  }
  .icon-code,
  .icon-notebook {
    color: var(--_series-2);
  }
  .icon-data,
  .icon-table {
    color: var(--_series-1);
  }
  .icon-model,
  .icon-archive {
    color: var(--_series-5);
  }
  .icon-diff {
    color: var(--_series-3);
  }
  .no-matches {
    color: var(--_color-muted);
    margin: var(--_space-2) 0 0;
  }

  /* preview pane */
  .preview-pane {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
  }
  .preview-header {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    padding: 6px var(--_space-2);
    border-bottom: 1px solid var(--_color-border);
    background: var(--_color-surface);
    min-width: 0;
  }
  .preview-title {
    display: flex;
    align-items: center;
    gap: 6px;
    min-width: 6rem;
    flex: 1 1 auto;
  }
  .preview-name {
    font-size: 1em;
    margin: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: pre;
    unicode-bidi: plaintext;
  }
  /* Size and date give way first when the pane is narrow. */
  .preview-meta {
    display: flex;
    gap: var(--_space-2);
    color: var(--_color-muted);
    font-size: 0.9em;
    flex: 0 1000 auto;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .preview-actions {
    display: flex;
    gap: 4px;
    flex: none;
  }
  .preview-body {
    flex: 1;
    min-height: 0;
    overflow: auto;
    display: flex;
    flex-direction: column;
  }
`;
