import { css, html, type CSSResult, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { controlStyles } from './control-styles.js';
import type { Lang } from './i18n.js';
import { controlLabels } from './control-labels.js';
import { ResizeController } from './resize-controller.js';

let menus = 0;

/**
 * A toolbar that folds its secondary controls into a "More" menu when it is narrower than
 * `breakpoint` pixels, instead of wrapping into many rows. The toolbar element gets
 * `${ref(overflow.observe)}`; the secondary controls are drawn through `overflow.render(…)`:
 * in line while the toolbar is wide, behind a disclosure button (`aria-expanded`) when narrow.
 * The toolbar element also gets the class `rp-overflow-host`: the menu opens under it, from its start.
 * Escape or a click outside closes the menu; Escape gives the focus back to the button.
 */
export class ToolbarOverflowController {
  /** The toolbar is narrower than the breakpoint: secondary controls are in the menu. */
  collapsed = false;
  open = false;
  private readonly resize: ResizeController;
  private readonly id = `rp-overflow-${++menus}`;
  private container?: Element;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly breakpoint: number,
  ) {
    this.resize = new ResizeController(host, (el) => {
      const collapsed = el.getBoundingClientRect().width < this.breakpoint;
      if (collapsed === this.collapsed) return;
      this.collapsed = collapsed;
      this.open = false;
      // on the next frame: a re-render inside the observer's callback would resize what it observes
      requestAnimationFrame(() => this.host.requestUpdate());
    });
    host.addController({ hostDisconnected: () => this.setOpen(false) });
  }

  /** For the toolbar element: `${ref(overflow.observe)}`. */
  get observe(): (el?: Element) => void {
    return this.resize.observe;
  }

  render(lang: Lang, secondary: TemplateResult): TemplateResult {
    if (!this.collapsed) return html`<div class="rp-overflow-inline">${secondary}</div>`;
    return html`<div class="rp-overflow" @keydown=${this.onKeydown}>
      <button
        class="rp-button rp-overflow-toggle"
        type="button"
        part="more"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.id}
        aria-label=${controlLabels(lang, 'moreControlsLabel')}
        @click=${() => this.setOpen(!this.open)}
      >
        <span aria-hidden="true">⋯</span> ${controlLabels(lang, 'moreControls')}
      </button>
      <div
        class="rp-overflow-menu"
        id=${this.id}
        role="group"
        aria-label=${controlLabels(lang, 'moreControlsLabel')}
        ?hidden=${!this.open}
      >
        ${secondary}
      </div>
    </div>`;
  }

  private setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.onOutside, true);
    else document.removeEventListener('pointerdown', this.onOutside, true);
    this.host.requestUpdate();
  }

  private readonly onOutside = (e: Event): void => {
    this.container = this.host.shadowRoot?.querySelector('.rp-overflow') ?? undefined;
    if (this.container && e.composedPath().includes(this.container)) return;
    this.setOpen(false);
  };

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.open) return;
    e.stopPropagation();
    this.setOpen(false);
    this.host.shadowRoot?.querySelector<HTMLElement>('.rp-overflow-toggle')?.focus();
  };
}

/** The look of a toolbar that folds: its controls (`controlStyles`) and its More menu. */
export const toolbarOverflowStyles: CSSResult[] = [
  controlStyles,
  css`
    .rp-overflow-inline {
      display: contents;
    }
    .rp-overflow-host {
      position: relative;
    }
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
  `,
];
