import { css } from 'lit';

export const mediaPanelStyles = css`
  :host {
    display: block;
    --_thumb: var(--runpage-media-panel-thumb-size, 160px);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    padding: var(--_space-2);
    color: var(--_color-fg);
    background: var(--_color-bg);
  }
  .controls {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    flex-wrap: wrap;
  }
  .slider-label {
    flex: 1 1 12em;
    display: flex;
  }
  .slider {
    width: 100%;
    accent-color: var(--_color-accent);
  }
  .step {
    color: var(--_color-muted);
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .classes {
    display: flex;
    flex-wrap: wrap;
    gap: 4px var(--_space-3);
    margin: 0;
    padding: 4px var(--_space-2);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .swatch {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    border-radius: 2px;
  }
  .keys {
    display: grid;
    grid-template-columns: repeat(var(--_key-count, 1), minmax(0, 1fr));
    gap: var(--_space-4);
  }
  .keys.stale {
    opacity: 0.6;
  }
  .key-title {
    margin: 0 0 4px;
    font-size: 1em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(var(--_thumb), 100%), 1fr));
    gap: var(--_space-2);
  }
  .figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .thumb {
    display: block;
    padding: 0;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    cursor: zoom-in;
    overflow: hidden;
  }
  .frame {
    position: relative;
    width: 100%;
  }
  .frame img,
  .frame canvas,
  .frame svg {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .frame img {
    object-fit: fill;
    image-rendering: pixelated;
  }
  .boxes rect {
    fill: none;
    stroke-width: 2px;
  }
  figcaption {
    font-size: 0.9em;
    color: var(--_color-muted);
    overflow-wrap: anywhere;
  }
  .none {
    color: var(--_color-muted);
    margin: 0;
  }
  dialog {
    color: var(--_color-fg);
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-4);
    max-width: 92vw;
    max-height: 92vh;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .dialog-body {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: var(--_space-2);
  }
  .figure.large {
    width: min(80vw, 70vh);
  }
`;
