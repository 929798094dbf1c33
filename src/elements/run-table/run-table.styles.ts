import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_color-bg);
    --_row-height: 44px;
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar {
    margin-bottom: var(--_space);
  }
  .toolbar > .search {
    flex-basis: 16rem;
  }
  .bad-regex {
    color: var(--_color-warning);
  }
  .primary {
    background: var(--_color-accent);
    color: var(--_color-accent-fg);
    border-color: var(--_color-accent);
  }
  .primary:hover {
    background: var(--_color-accent);
    filter: brightness(1.1);
  }
  .picker-anchor {
    position: relative;
  }
  .picker {
    position: absolute;
    z-index: 5;
    top: calc(100% + 4px);
    left: 0;
    width: min(26rem, 90vw);
    max-height: 22rem;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  }
  .keys {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow: auto;
  }
  .keys label {
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 2px 4px;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .keys label:hover {
    background: var(--_color-surface);
  }
  .none,
  .more {
    margin: 0;
    color: var(--_color-muted);
  }
  .head {
    height: 36px;
  }
  .head .cell {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .head .num {
    justify-content: flex-end;
  }
  .tick {
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0;
  }
  .sort {
    font-weight: 600;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .head [aria-sort='ascending'] .sort,
  .head [aria-sort='descending'] .sort {
    color: var(--_color-fg);
  }
  .remove {
    flex: none;
    font: inherit;
    color: var(--_color-muted);
    background: none;
    border: 0;
    cursor: pointer;
    padding: 0 2px;
  }
  .scroller {
    position: relative;
    overflow-y: auto;
    overflow-x: hidden;
    height: var(--runpage-run-table-height, 70vh);
    contain: size layout paint;
  }
  .scroller:focus-visible {
    outline-offset: -2px;
  }
  .spacer {
    position: relative;
  }
  .body-row,
  .group-row {
    position: absolute;
    left: 0;
    right: 0;
    /* a row's layout never reaches outside it: rows drawn while scrolling lay out alone */
    contain: layout style paint;
  }
  .body-row:hover {
    background: var(--_color-surface);
  }
  .body-row.ticked {
    background: color-mix(in srgb, var(--_color-accent) 10%, var(--_color-bg));
  }
  .body-row:focus-visible,
  .group-row:focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: -2px;
  }
  .name {
    display: flex;
    flex-direction: column;
    justify-content: center;
    line-height: 1.25;
  }
  .name-text {
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 500;
  }
  a.name-text {
    color: var(--_color-accent);
    text-decoration: none;
  }
  a.name-text:hover {
    text-decoration: underline;
  }
  .id {
    color: var(--_color-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    font-size: 0.8em;
  }
  .tags .rp-tags {
    flex-wrap: nowrap;
    overflow: hidden;
  }
  .unreadable {
    color: var(--_color-danger);
  }
  .warn {
    color: var(--_color-warning);
    margin-left: 4px;
  }
  .group-row {
    background: var(--_color-surface);
    cursor: pointer;
    display: flex;
    font-weight: 600;
  }
  .group-cell {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .group-toggle {
    font-weight: 600;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .twisty {
    display: inline-block;
    color: var(--_color-muted);
    transition: transform 0.12s;
  }
  .twisty.open {
    transform: rotate(90deg);
  }
  .no-matches {
    padding: calc(var(--_space) * 2);
    color: var(--_color-muted);
    text-align: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .twisty {
      transition: none;
    }
  }
`;
