import { css } from 'lit';

export const runOverviewStyles = css`
  :host {
    display: block;
    background: var(--_color-bg);
    container-type: inline-size;
  }
  .overview {
    display: flex;
    flex-direction: column;
    gap: var(--_section-gap);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .name {
    margin: 0;
    font-size: 1.4em;
    font-weight: 650;
    overflow-wrap: anywhere;
  }
  .id,
  code {
    font-family: var(--_font-mono);
    font-size: 0.92em;
  }
  .id {
    color: var(--_color-muted);
  }
  .notes {
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 3px solid var(--_color-border);
    background: var(--_color-surface);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .notes > :first-child {
    margin-top: 0;
  }
  .notes > :last-child {
    margin-bottom: 0;
  }
  .notes a,
  .facts a,
  .kv a {
    color: var(--_color-accent);
  }
  .warnings {
    border: 1px solid var(--_color-warning);
    border-radius: var(--_radius);
    padding: var(--_space-2);
    color: var(--_color-fg);
  }
  .warnings summary {
    cursor: pointer;
    color: var(--_color-warning);
    font-weight: 600;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
    gap: var(--_space-2) var(--_space-4);
    margin: 0;
  }
  .fact {
    min-width: 0;
  }
  /* a set line height, whatever font a language falls back to, so every label and value of a row line up */
  .fact dt {
    color: var(--_color-muted);
    font-size: 0.85em;
    line-height: 1.4;
  }
  .fact dd {
    line-height: 1.5;
  }
  .fact dd {
    margin: 2px 0 0;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_color-muted);
  }
  .dirty {
    color: var(--_color-warning);
  }
  .command,
  .git {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .command-text {
    flex: 1 1 100%;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .copy,
  .more {
    padding: 0 8px;
    font-size: 0.85em;
  }
  .tables {
    display: grid;
    grid-template-columns: 1fr;
    gap: var(--_space-4);
  }
  @container (min-width: 900px) {
    .tables {
      grid-template-columns: 1fr 1fr;
    }
  }
  .kv {
    min-width: 0;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .kv__head {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-2);
    background: var(--_color-surface);
    border-bottom: 1px solid var(--_color-border);
  }
  .kv__title {
    flex: 1;
    margin: 0;
    font-size: 1em;
    font-weight: 650;
  }
  .kv__count {
    color: var(--_color-muted);
    font-weight: 400;
    font-size: 0.85em;
  }
  .kv__search {
    flex: 0 1 14em;
    min-width: 0;
  }
  .kv__empty {
    margin: 0;
    padding: var(--_space-2);
    color: var(--_color-muted);
  }
  .kv__scroll {
    overflow: auto;
    position: relative;
    contain: strict;
  }
  .kv__spacer {
    position: relative;
  }
  .kv__rows {
    position: absolute;
    inset: 0 0 auto 0;
  }
  .kv__row {
    display: grid;
    grid-template-columns: minmax(8em, 40%) 1fr auto;
    align-items: center;
    height: 30px;
    box-sizing: border-box;
    border-bottom: 1px solid var(--_color-grid);
    font-size: 0.92em;
  }
  .kv__row:hover,
  .kv__row:focus-visible {
    background: var(--_color-surface);
  }
  .kv__row:focus-visible {
    outline-offset: -2px;
  }
  .kv__key {
    display: flex;
    align-items: center;
    gap: 2px;
    min-width: 0;
    font-family: var(--_font-mono);
    white-space: nowrap;
  }
  .kv__keytext {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .kv__row--group .kv__keytext {
    font-weight: 600;
  }
  .kv__toggle,
  .kv__toggle-space {
    flex: none;
    width: 20px;
    height: 20px;
    border: 0;
    padding: 0;
    background: none;
    color: var(--_color-muted);
    cursor: pointer;
    font: inherit;
  }
  .kv__value {
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    padding-inline: 6px;
  }
  .kv__value--number {
    font-family: var(--_font-mono);
    font-variant-numeric: tabular-nums;
  }
  .kv__value--boolean {
    color: var(--_color-accent);
    font-family: var(--_font-mono);
  }
  .kv__value--null,
  .kv__muted,
  .kv__date {
    color: var(--_color-muted);
  }
  .kv__date {
    font-family: var(--_font-family);
    margin-inline-start: 0.5em;
  }
  .kv__more,
  .kv__copy {
    font: inherit;
    font-size: 0.85em;
    border: 0;
    background: none;
    color: var(--_color-accent);
    cursor: pointer;
    padding: 0 6px;
  }
  .kv__copy {
    visibility: hidden;
  }
  .kv__row:hover .kv__copy,
  .kv__row:focus-within .kv__copy {
    visibility: visible;
  }
  .kv__detail {
    border-top: 1px solid var(--_color-border);
    padding: var(--_space-2);
    background: var(--_color-surface);
  }
  .kv__detail-head {
    display: flex;
    gap: var(--_space-2);
    align-items: center;
    flex-wrap: wrap;
  }
  .kv__detail-head code {
    flex: 1;
    overflow-wrap: anywhere;
  }
  .kv__detail-body {
    max-height: 300px;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: var(--_font-mono);
    margin: var(--_space-2) 0 0;
  }
  .hidden-detail {
    color: var(--_color-muted);
    font-style: italic;
  }
  .withheld-list {
    color: var(--_color-muted);
    font-size: 0.9em;
  }
  .withheld {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
