/**
 * The look of the fields, labels, counts and toolbars of `controls.ts`, and of `.rp-bare` buttons:
 * in the styles of the elements that draw them, after `RunpageElement.styles` (`.rp-tool`
 * overrides the padding of `.rp-button`, in `states.ts`). Not part of every element's
 * styles: a page with one chart draws none of them.
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
  .rp-form :is(input:not([type='checkbox'], [type='radio']), select, textarea) {
    font: inherit;
    color: var(--_color-fg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
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
  .rp-tool {
    padding: 2px 8px;
    white-space: nowrap;
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
