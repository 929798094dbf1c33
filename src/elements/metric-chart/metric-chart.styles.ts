import { css } from 'lit';

/** The element's layout, plus the few uPlot rules its plot needs (written here, not uPlot's sheet). */
export const metricChartStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    min-width: 0;
    color: var(--_color-fg);
    background: var(--_color-bg);
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 28px;
  }
  .title {
    flex: 1;
    min-width: 0;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .toolbar {
    display: flex;
    gap: 4px;
    margin-inline-start: auto;
  }
  .toolbar .rp-button {
    padding: 2px 8px;
    font-size: 0.85em;
  }
  .plot {
    position: relative;
    height: var(--runpage-metric-chart-height, 240px);
    min-width: 0;
    border-radius: var(--_radius);
  }
  .plot:focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
  .canvas-host {
    position: absolute;
    inset: 0;
    overflow: hidden;
  }
  /* the loading state's box, observed for the plot's size, lies over the state's text */
  .canvas-host:empty {
    pointer-events: none;
  }
  .busy {
    position: absolute;
    inset-inline-end: 4px;
    top: 4px;
    font-size: 0.75em;
    color: var(--_color-muted);
    pointer-events: none;
  }
  .tooltip {
    position: absolute;
    top: 0;
    left: 0;
    z-index: 2;
    max-width: min(360px, 90%);
    padding: 6px 8px;
    font-size: 0.8em;
    line-height: 1.4;
    color: var(--_color-fg);
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    pointer-events: none;
    white-space: nowrap;
  }
  .tooltip[hidden] {
    display: none;
  }
  /* its rows' look comes with their code (chart-tooltip.ts); the box also shows a failed load */
  .swatch {
    flex: none;
    display: inline-block;
    width: 10px;
    height: 3px;
    border-radius: 2px;
    background: var(--swatch);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.85em;
  }
  .legend button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 4px;
    font: inherit;
    color: var(--_color-fg);
    background: none;
    border: 0;
    border-radius: 4px;
    cursor: pointer;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .legend button[aria-pressed='false'] {
    color: var(--_color-muted);
    text-decoration: line-through;
  }
  .legend button[aria-pressed='false'] .swatch {
    opacity: 0.3;
  }
  .legend .legend-warn {
    color: var(--_color-warning);
  }
  /*
   * The screen-reader table keeps its 1px box whatever it holds: laying it out again never lays out
   * the chart around it. (content-visibility would skip its layout, but Chromium then leaves the
   * skipped table out of the accessibility tree.)
   */
  .rp-visually-hidden.data-table {
    contain: strict;
  }
  .notes {
    margin: 0;
    font-size: 0.8em;
    color: var(--_color-warning);
  }
  .stats {
    font-size: 0.75em;
    color: var(--_color-muted);
  }

  /* uPlot: only what this chart uses (no legend, no title). */
  .uplot,
  .uplot *,
  .uplot *::before,
  .uplot *::after {
    box-sizing: border-box;
  }
  .uplot {
    font-family: var(--_font-family);
    line-height: 1.5;
    width: min-content;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-select {
    position: absolute;
    pointer-events: none;
    background: color-mix(in srgb, var(--_color-accent) 15%, transparent);
  }
  .u-cursor-x,
  .u-cursor-y {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    will-change: transform;
  }
  .u-hz .u-cursor-x {
    height: 100%;
    border-right: 1px dashed var(--_color-muted);
  }
  .u-hz .u-cursor-y {
    width: 100%;
    border-bottom: 1px dashed var(--_color-muted);
  }
  .u-cursor-pt {
    position: absolute;
    top: 0;
    left: 0;
    border-radius: 50%;
    border: 0 solid;
    pointer-events: none;
    will-change: transform;
    background-clip: padding-box !important;
  }
  .u-axis.u-off,
  .u-select.u-off,
  .u-cursor-x.u-off,
  .u-cursor-y.u-off,
  .u-cursor-pt.u-off {
    display: none;
  }
`;
