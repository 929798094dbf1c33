/** One small inline SVG per kind of entry (no icon font); colours come from theme tokens. */
import { svg, html, type TemplateResult, type SVGTemplateResult } from 'lit';
import type { IconKind } from './file-kind.js';

const PAGE = svg`<path d="M4 1.5h5.5L13 5v9.5H4z" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/><path d="M9.5 1.5V5H13" fill="none" stroke="currentColor" stroke-width="1.2"/>`;

const GLYPHS: Record<IconKind, SVGTemplateResult> = {
  folder: svg`<path d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z" fill="currentColor" fill-opacity=".25" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/>`,
  text: svg`${PAGE}<path d="M6 8h5M6 10h5M6 12h3" stroke="currentColor" stroke-width="1"/>`,
  code: svg`${PAGE}<path d="M7.5 8 6 9.8l1.5 1.7M9.5 8l1.5 1.8-1.5 1.7" fill="none" stroke="currentColor" stroke-width="1"/>`,
  data: svg`${PAGE}<path d="M7 7.5c-1 0-1 .8-1 1.5s-.5 1-1 1c.5 0 1 .3 1 1s0 1.5 1 1.5M10 7.5c1 0 1 .8 1 1.5s.5 1 1 1c-.5 0-1 .3-1 1s0 1.5-1 1.5" fill="none" stroke="currentColor" stroke-width="1"/>`,
  table: svg`${PAGE}<path d="M5.5 7.5h6v5h-6zM5.5 10h6M8.5 7.5v5" fill="none" stroke="currentColor" stroke-width="1"/>`,
  image: svg`<rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="none" stroke="currentColor" stroke-width="1.2"/><circle cx="5.5" cy="6" r="1.3" fill="currentColor"/><path d="m2 12 4-4 3 3 2-2 3.5 3.5" fill="none" stroke="currentColor" stroke-width="1.2"/>`,
  audio: svg`<path d="M6 11.5V3.5l7-1.5v8" fill="none" stroke="currentColor" stroke-width="1.2"/><circle cx="4.5" cy="11.5" r="1.8" fill="currentColor"/><circle cx="11.5" cy="10" r="1.8" fill="currentColor"/>`,
  video: svg`<rect x="1.5" y="3.5" width="9.5" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.2"/><path d="m11 7 3.5-2v6L11 9z" fill="currentColor"/>`,
  archive: svg`${PAGE}<path d="M8 3v1.5M8 5.5V7M8 8v1.5" stroke="currentColor" stroke-width="1.2"/><rect x="7" y="10" width="2" height="2.5" fill="currentColor"/>`,
  model: svg`<path d="m8 1.5 6 3.25v6.5L8 14.5l-6-3.25v-6.5z" fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/><path d="M2 4.75 8 8l6-3.25M8 8v6.5" fill="none" stroke="currentColor" stroke-width="1"/>`,
  notebook: svg`<rect x="3" y="1.5" width="10.5" height="13" rx="1" fill="none" stroke="currentColor" stroke-width="1.2"/><path d="M1.5 4.5h3M1.5 8h3M1.5 11.5h3M7 5h4.5" stroke="currentColor" stroke-width="1.2"/>`,
  diff: svg`${PAGE}<path d="M8.5 6v3.5M6.75 7.75h3.5M6.75 12h3.5" stroke="currentColor" stroke-width="1.2"/>`,
  link: svg`<path d="M6.5 9.5 9.5 6.5M7 4.5l1.2-1.2a2.4 2.4 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.4 2.4 0 0 1-3.5-3.5L5.5 8" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round"/>`,
  binary: svg`${PAGE}<path d="M6.5 7.5v3M10.5 7.5v3M8.5 7.5h0" stroke="currentColor" stroke-width="1.2"/><circle cx="8.5" cy="9" r="1.2" fill="none" stroke="currentColor" stroke-width="1"/>`,
};

export function renderIcon(kind: IconKind): TemplateResult {
  return html`<svg
    class="icon icon-${kind}"
    part="icon"
    viewBox="0 0 16 16"
    width="16"
    height="16"
    aria-hidden="true"
    focusable="false"
  >
    ${GLYPHS[kind]}
  </svg>`;
}
