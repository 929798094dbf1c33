import { css, html, type CSSResult, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { controlStyles } from './control-styles.js';
import type { Lang } from './i18n.js';
import { controlLabels } from './control-labels.js';
import { lazyImport } from './lazy-import.js';
import type { OverflowMenu } from './overflow-menu.js';
import { ResizeController } from './resize-controller.js';

/** The More menu's code (exported for the test of its failed load). */
export const menuCode = lazyImport(() => import('./overflow-menu.js'));

/**
 * A toolbar that folds its secondary controls into a "More" menu when it is narrower than
 * `breakpoint` pixels, instead of wrapping into many rows. The toolbar element gets
 * `${ref(overflow.observe)}`; the secondary controls are drawn through `overflow.render(…)`:
 * in line while the toolbar is wide, behind a disclosure button (`aria-expanded`) when narrow.
 * The toolbar element also gets the class `rp-overflow-host`: the menu opens under it, from its start.
 * The menu's code (overflow-menu.ts) loads the first time a toolbar is narrow; until it is in (or
 * if it fails to load) the controls stay in line.
 */
export class ToolbarOverflowController {
  /** The toolbar is narrower than the breakpoint: secondary controls are in the menu. */
  collapsed = false;
  private readonly resize: ResizeController;
  private menu?: OverflowMenu;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly breakpoint: number,
  ) {
    this.resize = new ResizeController(host, (el) => {
      const collapsed = el.getBoundingClientRect().width < this.breakpoint;
      if (collapsed === this.collapsed) return;
      this.collapsed = collapsed;
      this.menu?.setOpen(false);
      // a menu whose code failed to load is asked for again when the toolbar next turns narrow
      if (collapsed && menuCode.failed) void menuCode.load(this.host);
      // on the next frame: a re-render inside the observer's callback would resize what it observes
      requestAnimationFrame(() => this.host.requestUpdate());
    });
    host.addController({ hostDisconnected: () => this.menu?.setOpen(false) });
  }

  /** For the toolbar element: `${ref(overflow.observe)}`. */
  get observe(): (el?: Element) => void {
    return this.resize.observe;
  }

  render(lang: Lang, secondary: TemplateResult): TemplateResult {
    const code = this.collapsed ? menuCode.now : undefined;
    // not after a failure: each failed load re-renders the host, which would load again at once
    if (this.collapsed && !code && !menuCode.failed) void menuCode.load(this.host);
    if (!code) return html`<div class="rp-overflow-inline">${secondary}</div>`;
    this.menu ??= new code.OverflowMenu(this.host);
    const moreLabel = controlLabels(lang, 'moreControlsLabel');
    return this.menu.render(html, { more: controlLabels(lang, 'moreControls'), moreLabel }, secondary);
  }
}

/** The look of a toolbar that folds: its controls (`controlStyles`); the More menu brings its own. */
export const toolbarOverflowStyles: CSSResult[] = [
  controlStyles,
  css`
    .rp-overflow-inline {
      display: contents;
    }
    .rp-overflow-host {
      position: relative;
    }
  `,
];
