import { css } from 'lit';

export const runPageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    background: var(--_color-bg);
    color: var(--_color-fg);
    min-height: 0;
  }
  .base {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-3) var(--_gutter) var(--_space-2);
  }
  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 650;
    overflow-wrap: anywhere;
  }
  .header .rp-state {
    min-height: 0;
    padding: 0;
    background: none;
    align-items: flex-start;
  }
  .tablist {
    display: flex;
    gap: 2px;
    padding: 0 var(--_gutter);
    border-bottom: 1px solid var(--_color-border);
    overflow-x: auto;
    scrollbar-width: thin;
  }
  .tab {
    font: inherit;
    color: var(--_color-muted);
    background: none;
    border: 0;
    border-bottom: 2px solid transparent;
    padding: var(--_space-2) var(--_space-3);
    cursor: pointer;
    white-space: nowrap;
  }
  .tab:hover {
    color: var(--_color-fg);
  }
  .tab[aria-selected='true'] {
    color: var(--_color-fg);
    border-bottom-color: var(--_color-accent);
    font-weight: 600;
  }
  .tab[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .tab:focus-visible {
    outline-offset: -2px;
  }
  /* every tab's content keeps the same gutter from the window edge */
  .panel {
    flex: 1;
    min-height: 0;
    min-width: 0;
    padding: var(--_space-4) var(--_gutter);
    /* The log viewer fills most of the window in a run page instead of its 480 px default. */
    --runpage-log-viewer-height: max(480px, 75vh);
  }
  .panel[hidden] {
    display: none;
  }
`;
