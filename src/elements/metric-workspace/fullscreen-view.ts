/**
 * One panel in a modal dialog at nearly the window's size; ← and → step through the panels the
 * search shows, and closing puts focus back on the button that opened it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { common } from '../../internal/messages.js';
import { MetricChart } from '../metric-chart/metric-chart.js';
import { MediaPanel } from '../media-panel/media-panel.js';
import { createElementOf } from '../../internal/define-element.js';
import { msg } from './metric-workspace.messages.js';
import type { Panel } from './panel-layout.js';
import type { PanelPool } from './panel-pool.js';

export interface FullscreenHost {
  lang(): Lang;
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
      if (d && !d.open) d.showModal();
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
    if (path.some((n) => n instanceof MetricChart || n instanceof MediaPanel || n instanceof HTMLInputElement)) return;
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

  private contentFor(panel: Panel): MetricChart | MediaPanel | undefined {
    if (panel.kind === 'chart') {
      const chart = this.content instanceof MetricChart ? this.content : createElementOf(MetricChart);
      if (chart) this.pool.configureChart(chart, panel);
      return chart;
    }
    const media = this.content instanceof MediaPanel ? this.content : createElementOf(MediaPanel);
    if (media) this.pool.configureMedia(media, panel);
    return media;
  }

  /** What the `<dialog class="fullscreen">` of the workspace's template holds (the dialog stays while this loads). */
  render(): TemplateResult | typeof nothing {
    const l = this.h.lang();
    const panel = this.id ? this.h.panelById(this.id) : undefined;
    if (!panel) return nothing;
    this.content = this.contentFor(panel);
    const shown = this.h.shownPanels();
    const index = shown.findIndex((p) => p.id === panel.id);
    return html`<div class="fullscreen-header">
        <button class="rp-button" type="button" @click=${() => this.step(-1)} aria-label=${msg(l, 'previous')}>
          ←
        </button>
        <h2 id="fullscreen-title">${panel.title}</h2>
        <span class="fullscreen-position"
          >${index >= 0 ? msg(l, 'fullScreenOf', formatNumber(index + 1, l), formatNumber(shown.length, l)) : ''}</span
        >
        <button class="rp-button" type="button" @click=${() => this.step(1)} aria-label=${msg(l, 'next')}>→</button>
        <button class="rp-button" type="button" @click=${() => this.h.element()?.close()}>${common(l, 'close')}</button>
      </div>
      <div class="fullscreen-body">${this.content}</div>`;
  }
}
