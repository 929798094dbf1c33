import { css, unsafeCSS, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { observeDocumentChanges } from './document-observer.js';
import { spacingVars } from './spacing.js';
import { themeValues } from './theme-read.js';
import { THEME_TOKENS } from './theme-tokens.js';

export { THEME_TOKENS };

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

/** Resolved value of a token on `el` (for canvas drawing, which CSS cannot style), from the shared read. */
export function readToken(el: Element, name: string): string {
  return themeValues(el)[name] || THEME_TOKENS[name]?.[0] || '';
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
    const values = themeValues(this.host);
    return ['color-bg', 'color-fg', 'color-grid', 'series-0', 'series-1'].map((n) => values[n]).join('|');
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
