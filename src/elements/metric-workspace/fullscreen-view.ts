/**
 * One panel in a modal dialog at nearly the window's size; ← and → step through the panels the
 * search shows, and closing puts focus back on the button that opened it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { adoptStyles } from '../../internal/adopt-styles.js';
import type { MetricChart } from '../metric-chart/metric-chart.js';
import type { MediaPanel } from '../media-panel/media-panel.js';
import type { Panel } from './panel-layout.js';
import type { PanelPool } from './panel-pool.js';
import { dialogStyles } from './dialog.styles.js';

/**
 * What the view asks of the workspace, its texts included: this module loads on the first opening,
 * and each module it shared with the workspace would be a chunk apart on every page with a workspace.
 */
export interface FullscreenHost {
  /** The buttons' texts; `position` is "Panel 2 of 9" for `index` 1 of `count` 9. */
  text(key: 'previous' | 'next' | 'close'): string;
  position(index: number, count: number): string;
  panelById(id: string): Panel | undefined;
  /** The panels shown now (in sections that are open, matching the search). */
  shownPanels(): Panel[];
  /** The `<dialog>` element of the template. */
  element(): HTMLDialogElement | undefined;
}

export class FullscreenView {
  private id?: string;
  /** The element shown, kept while stepping between panels of the same kind. */
  private content?: MetricChart | MediaPanel;
  private opener?: HTMLElement;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly h: FullscreenHost,
    private readonly pool: PanelPool,
  ) {}

  open(panel: Panel, opener: EventTarget | null): void {
    this.opener = opener instanceof HTMLElement ? opener : undefined;
    this.id = panel.id;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const d = this.h.element();
      if (d && !d.open) {
        adoptStyles(d.getRootNode() as DocumentFragment, dialogStyles);
        d.showModal();
      }
    });
  }

  private step(delta: number): void {
    const shown = this.h.shownPanels();
    if (!shown.length) return;
    const i = shown.findIndex((p) => p.id === this.id);
    this.id = shown[(i + delta + shown.length) % shown.length].id;
    this.host.requestUpdate();
  }

  /** The dialog's keydown. */
  readonly onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // arrows inside the chart's plot move its cursor; inside a media panel they move its steps
    const path = e.composedPath();
    if (path.some((n) => this.pool.isPanelElement(n) || n instanceof HTMLInputElement)) return;
    e.preventDefault();
    this.step(e.key === 'ArrowRight' ? 1 : -1);
  };

  /** The dialog's close. */
  readonly onClose = (): void => {
    if (this.h.element()?.open) return;
    this.id = undefined;
    this.content = undefined;
    const opener = this.opener;
    this.opener = undefined;
    this.host.requestUpdate();
    if (opener?.isConnected) opener.focus();
  };

  /** What the `<dialog class="fullscreen">` of the workspace's template holds (the dialog stays while this loads). */
  render(): TemplateResult | typeof nothing {
    const panel = this.id ? this.h.panelById(this.id) : undefined;
    if (!panel) return nothing;
    this.content = this.pool.standaloneFor(panel, this.content);
    const shown = this.h.shownPanels();
    const index = shown.findIndex((p) => p.id === panel.id);
    return html`<div class="fullscreen-header">
        <button class="rp-button" type="button" @click=${() => this.step(-1)} aria-label=${this.h.text('previous')}>
          ←
        </button>
        <h2 id="fullscreen-title">${panel.title}</h2>
        <span class="fullscreen-position">${index >= 0 ? this.h.position(index, shown.length) : ''}</span>
        <button class="rp-button" type="button" @click=${() => this.step(1)} aria-label=${this.h.text('next')}>
          →
        </button>
        <button class="rp-button" type="button" @click=${() => this.h.element()?.close()}>
          ${this.h.text('close')}
        </button>
      </div>
      <div class="fullscreen-body">${this.content}</div>`;
  }
}
