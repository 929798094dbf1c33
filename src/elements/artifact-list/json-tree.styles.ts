/**
 * The styles of the JSON tree (json-tree.ts), apart from it: they and the tree's code load with the
 * artifact detail that draws it (artifact-detail.styles.ts).
 */
import { css } from 'lit';

export const jsonTreeStyles = css`
  .jt {
    font-family: var(--_font-mono);
    font-size: 0.92em;
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .jt summary {
    cursor: pointer;
  }
  .jt-children {
    padding-left: 1.25em;
    border-left: 1px solid var(--_color-grid);
    margin-left: 0.3em;
  }
  .jt-leaf {
    padding-left: 1em;
  }
  .jt-key {
    color: var(--_color-fg);
    font-weight: 600;
  }
  .jt-meta,
  .jt-more {
    color: var(--_color-muted);
  }
  .jt-string {
    color: var(--_color-success);
  }
  .jt-number {
    color: var(--_color-accent);
  }
  .jt-boolean {
    color: var(--_color-warning);
  }
  .jt-null {
    color: var(--_color-muted);
    font-style: italic;
  }
`;
