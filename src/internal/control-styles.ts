/**
 * The look of the controls of `controls.ts`, part of every element's styles
 * (`RunpageElement.styles`). A module of its own: every element has these styles, but not every
 * element draws a toolbar, and `controls.ts` brings lit's `ref` directive with it.
 */
import { css, type CSSResult } from 'lit';

export const controlStyles: CSSResult = css`
  .rp-toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  /* A field, alone (.rp-input) or every field of a form (.rp-form). */
  .rp-input,
  .rp-button,
  .rp-form :is(input:not([type='checkbox'], [type='radio']), select, textarea) {
    font: inherit;
    color: var(--_color-fg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .rp-input,
  .rp-form :is(input:not([type='checkbox'], [type='radio']), select, textarea) {
    background: var(--_color-bg);
    padding: 3px 6px;
  }
  .rp-input[aria-invalid='true'],
  .rp-form [aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .rp-search {
    flex: 1 1 14rem;
    min-width: 8em;
  }
  .rp-label {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    white-space: nowrap;
  }
  .rp-count {
    color: var(--_color-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .rp-field-error {
    color: var(--_color-danger);
  }
  .rp-button {
    background: var(--_color-surface);
    padding: 4px 12px;
    cursor: pointer;
  }
  .rp-button:hover {
    background: var(--_color-surface-2);
  }
  .rp-button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .rp-tool {
    padding: 2px 8px;
    white-space: nowrap;
  }
  .rp-button[aria-pressed='true'] {
    background: var(--_color-accent);
    border-color: var(--_color-accent);
    color: var(--_color-accent-fg);
  }
  /* A button that looks like its text: sort headers, tree toggles, copy links. */
  .rp-bare {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
  }
`;
