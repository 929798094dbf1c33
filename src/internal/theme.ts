import { css, unsafeCSS, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { observeDocumentChanges } from './document-observer.js';
import { spacingVars } from './spacing.js';

/**
 * Design tokens: every public `--runpage-<name>` custom property with its light and dark value.
 * Elements read the private `--_<name>` (public value or the light default), so a page overrides
 * any token on the element, and `theme="dark"` only swaps the defaults.
 */
export const THEME_TOKENS: Record<string, readonly [light: string, dark: string]> = {
  'font-family': ['system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif', ''],
  'font-mono': ['ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace', ''],
  'font-size': ['14px', ''],
  radius: ['6px', ''],
  space: ['8px', ''],
  'color-bg': ['#ffffff', '#14161b'],
  'color-surface': ['#f6f7f9', '#1b1e25'],
  'color-surface-2': ['#eceef2', '#262a34'],
  'color-fg': ['#1b1e24', '#e6e8ec'],
  'color-muted': ['#5b6270', '#a0a8b6'],
  'color-border': ['#d9dde4', '#323744'],
  'color-accent': ['#2559d9', '#7aa7ff'],
  'color-accent-fg': ['#ffffff', '#0d1117'],
  'color-focus': ['#2559d9', '#8ab4ff'],
  'color-danger': ['#c8281c', '#ff7b70'],
  'color-warning': ['#a04600', '#f5a524'],
  'color-success': ['#11703f', '#4fd18b'],
  'color-highlight': ['#fff0a8', '#5c4a00'],
  'color-grid': ['#e7e9ee', '#2a2e38'],
  'series-0': ['#2559d9', '#7aa7ff'],
  'series-1': ['#e8590c', '#ff9a4d'],
  'series-2': ['#2f9e44', '#5fd47a'],
  'series-3': ['#c2255c', '#ff6fa3'],
  'series-4': ['#7048e8', '#a991ff'],
  'series-5': ['#0c8599', '#3fd0e6'],
  'series-6': ['#c98a00', '#ffd43b'],
  'series-7': ['#5c940d', '#a9e34b'],
  'series-8': ['#862e9c', '#e599f7'],
  'series-9': ['#495057', '#ced4da'],
};

export const SERIES_COLOR_COUNT = 10;

const entries = Object.entries(THEME_TOKENS);
const privateVars = entries.map(([name, [light]]) => `--_${name}: var(--runpage-${name}, ${light});`).join('\n');
const values = (i: 0 | 1) =>
  entries
    .filter(([, v]) => v[1] !== '')
    .map(([name, v]) => `--runpage-${name}: ${v[i]};`)
    .join('\n');

/** Included first in every element's `static styles`. */
export const themeStyles: CSSResult = css`
  :host {
    ${unsafeCSS(privateVars)}
    ${unsafeCSS(spacingVars)}
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    color: var(--_color-fg);
  }
  :host([theme='light']) {
    ${unsafeCSS(values(0))}
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${unsafeCSS(values(1))}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${unsafeCSS(values(1))}
      color-scheme: dark;
    }
  }
`;

/** Resolved value of a token on `el` (for canvas drawing, which CSS cannot style). */
export function readToken(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(`--_${name}`).trim() || THEME_TOKENS[name]?.[0] || '';
}

export function seriesColor(el: Element, index: number): string {
  return readToken(el, `series-${index % SERIES_COLOR_COUNT}`);
}

/**
 * Calls `onChange` when the colours an element would read have changed: a `theme` or `class`
 * switch anywhere above it, the OS colour scheme, or a token set by a style change.
 */
export class ThemeController implements ReactiveController {
  private stop?: () => void;
  private signature = '';

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.signature = this.read();
    this.stop = observeDocumentChanges(() => this.check());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  /** Re-reads the colours now; call after changing `theme` on the host itself. */
  check(): void {
    const next = this.read();
    if (next !== this.signature) {
      this.signature = next;
      this.onChange();
    }
  }

  private read(): string {
    const style = getComputedStyle(this.host);
    return ['color-bg', 'color-fg', 'color-grid', 'series-0', 'series-1']
      .map((n) => style.getPropertyValue(`--_${n}`))
      .join('|');
  }
}

/**
 * A stylesheet rule that sets every public token of `scheme` under `selector`: put the light or
 * dark values on any wrapper (`[data-runpage-theme="dark"]`) and every element inside follows it.
 */
export function themeTokenCss(selector: string, scheme: 'light' | 'dark'): string {
  const body = Object.entries(THEME_TOKENS)
    .map(([name, [light, dark]]) => `--runpage-${name}: ${scheme === 'dark' && dark ? dark : light};`)
    .join(' ');
  return `${selector} { ${body} color-scheme: ${scheme}; }`;
}
