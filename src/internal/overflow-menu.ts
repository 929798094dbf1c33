/**
 * The "More" menu of a toolbar that folds (toolbar-overflow.ts), loaded the first time a toolbar is
 * narrow: most never are. It imports nothing the page has already (lit's `html` and the labels come
 * from the controller), so a bundler splitting it off keeps lit in the page's first script.
 * Escape or a click outside closes the menu; Escape gives the focus back to the button. Its look
 * comes with it, adopted by the host's shadow root (a `<style>` element would break under a CSP).
 */
import type { html as litHtml, ReactiveControllerHost, TemplateResult } from 'lit';
import { adoptStyles, sheetOf } from './adopt-styles.js';

const MENU_CSS = `
  .rp-overflow {
    display: inline-flex;
  }
  .rp-overflow-menu {
    position: absolute;
    inset-block-start: calc(100% - var(--_space-1));
    inset-inline-start: var(--_space-2);
    z-index: 5;
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: var(--_space-2);
    min-width: 12em;
    max-width: calc(100% - 2 * var(--_space-2));
    box-sizing: border-box;
    padding: var(--_space-2);
    background: var(--_color-bg);
    color: var(--_color-fg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .rp-overflow-menu[hidden] {
    display: none;
  }
`;
let menuSheet: CSSStyleSheet | undefined;

let menus = 0;

/** The labels of the menu's button, in the element's language. */
export interface MenuLabels {
  more: string;
  moreLabel: string;
}

export class OverflowMenu {
  open = false;
  private readonly id = `rp-overflow-${++menus}`;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    if (host.shadowRoot) adoptStyles(host.shadowRoot, (menuSheet ??= sheetOf(MENU_CSS)));
  }

  render(html: typeof litHtml, labels: MenuLabels, secondary: TemplateResult): TemplateResult {
    return html`<div class="rp-overflow" @keydown=${this.onKeydown}>
      <button
        class="rp-button rp-overflow-toggle"
        type="button"
        part="more"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.id}
        aria-label=${labels.moreLabel}
        @click=${() => this.setOpen(!this.open)}
      >
        <span aria-hidden="true">⋯</span> ${labels.more}
      </button>
      <div class="rp-overflow-menu" id=${this.id} role="group" aria-label=${labels.moreLabel} ?hidden=${!this.open}>
        ${secondary}
      </div>
    </div>`;
  }

  setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.onOutside, true);
    else document.removeEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
  }

  private readonly onOutside = (e: Event): void => {
    const container = this.host.shadowRoot?.querySelector('.rp-overflow');
    if (container && e.composedPath().includes(container)) return;
    this.setOpen(false);
  };

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.open) return;
    e.stopPropagation();
    this.setOpen(false);
    this.host.shadowRoot?.querySelector<HTMLElement>('.rp-overflow-toggle')?.focus();
  };
}
