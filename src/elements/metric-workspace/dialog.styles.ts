/**
 * The styles of the settings dialog and the full-screen view: they come with those views' code
 * (settings-dialog.ts, fullscreen-view.ts), adopted on their first opening, so the workspace's first
 * view does not carry them.
 */
import { css } from 'lit';

export const dialogStyles = css`
  .fullscreen-position {
    color: var(--_color-muted);
    white-space: nowrap;
  }
  .form-error {
    color: var(--_color-danger);
  }
  dialog {
    color: var(--_color-fg);
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    max-width: min(720px, 94vw);
    max-height: 90vh;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h2 {
    margin: 0 0 var(--_space);
    font-size: 1.15em;
  }
  .form-fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
  }
  .wide {
    flex-basis: 100%;
  }
  .wide input[type='text'] {
    flex: 1;
  }
  .metrics {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .metric-list {
    display: flex;
    flex-direction: column;
    max-height: 180px;
    overflow: auto;
    font-family: var(--_font-mono);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 2);
  }
  .rp-button--primary {
    background: var(--_color-accent);
    color: var(--_color-accent-fg);
    border-color: var(--_color-accent);
  }
  .rp-button--primary:hover {
    background: var(--_color-accent);
    filter: brightness(1.1);
  }
  dialog.fullscreen {
    width: 94vw;
    height: 90vh;
    max-width: none;
    box-sizing: border-box;
    display: none;
    flex-direction: column;
    gap: var(--_space);
  }
  dialog.fullscreen[open] {
    display: flex;
  }
  .fullscreen-header {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .fullscreen-header h2 {
    flex: 1;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .fullscreen-body {
    flex: 1;
    min-height: 0;
    overflow: auto;
    --runpage-metric-chart-height: calc(90vh - 220px);
  }
`;
