import { html, type TemplateResult } from 'lit';

/** Small stroke icons (16×16, currentColor): emoji and symbol glyphs are missing from many fonts. */
const icon = (d: string): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path d=${d} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
  </svg>`;

export const icons = {
  pin: icon('M6 2h4M7 2v5l-3 3h8l-3-3V2M8 10v4'),
  gear: icon(
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5 13 13M3 13l1.5-1.5M11.5 4.5 13 3',
  ),
  expand: icon('M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4'),
  copy: icon('M5 5h9v9H5zM2 11V2h9'),
  close: icon('M3.5 3.5l9 9M12.5 3.5l-9 9'),
  plus: icon('M8 3v10M3 8h10'),
};
