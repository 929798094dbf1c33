/** The parts of the chart around the canvas: header and toolbar, legend, notes about the data. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { styleProps } from '../../internal/style-props.js';
import type { ChartSeries } from './chart-series.js';
import type { ChartSummary, ColumnSummary } from './chart-summary.js';
import { renderDataTable } from './chart-table.js';
import { msg } from './metric-chart.messages.js';
import type { PlotView } from './plot-view.js';

export interface HeaderState {
  label: string;
  /** Data is drawn: show the point counts and the toolbar. */
  ready: boolean;
  series: readonly ChartSeries[];
  zoomed: boolean;
  onReset: () => void;
  onPng: () => void;
  onCsv: () => void;
}

export function renderHeader(lang: Lang, h: HeaderState): TemplateResult {
  return html`<div class="header" part="header">
    ${h.label ? html`<div class="title" part="title">${h.label}</div>` : nothing}
    ${h.ready ? html`<span class="stats">${statsText(lang, h.series)}</span>` : nothing}
    ${
      h.ready
        ? html`<div class="toolbar" part="toolbar">
            ${h.zoomed ? html`<button class="rp-button" type="button" @click=${h.onReset}>${msg(lang, 'resetZoom')}</button>` : nothing}
            <button
              class="rp-button"
              type="button"
              aria-label=${msg(lang, 'exportPngLabel')}
              title=${msg(lang, 'exportPngLabel')}
              @click=${h.onPng}
            >
              ${msg(lang, 'exportPng')}
            </button>
            <button
              class="rp-button"
              type="button"
              aria-label=${msg(lang, 'exportCsvLabel')}
              title=${msg(lang, 'exportCsvLabel')}
              @click=${h.onCsv}
            >
              ${msg(lang, 'exportCsv')}
            </button>
          </div>`
        : nothing
    }
  </div>`;
}

/** The last header stats: every update renders them (a zoom's busy mark too), and formatting numbers costs ~0.1 ms each. */
let lastStats = { key: '', text: '' };

function statsText(lang: Lang, series: readonly ChartSeries[]): string {
  const total = series.reduce((n, s) => n + s.total, 0);
  const shown = series.reduce((n, s) => n + s.main.length, 0);
  const exact = series.every((s) => s.exact);
  const key = `${lang}|${exact}|${shown}|${total}`;
  if (key !== lastStats.key)
    lastStats = {
      key,
      text: exact ? msg(lang, 'exact', total) : msg(lang, 'downsampled', Math.min(shown, total), total),
    };
  return lastStats.text;
}

/** What the legend and the tooltip say about a series' visible values: NaN/Inf, and values ≤ 0 on a log axis. */
export function columnWarnings(lang: Lang, c: ColumnSummary | undefined, logY: boolean): string[] {
  const out: string[] = [];
  if (c && c.nonFinite > 0) out.push(msg(lang, 'nonFinite', c.nonFinite));
  if (c && logY && c.nonPositive > 0)
    out.push(msg(lang, c.nonPositiveExact ? 'nonPositive' : 'nonPositiveAtLeast', c.nonPositive));
  return out;
}

export function renderLegend(
  lang: Lang,
  series: readonly ChartSeries[],
  hidden: ReadonlySet<string>,
  summary: ChartSummary,
  logY: boolean,
  toggle: (s: ChartSeries) => void,
): TemplateResult {
  return html`<ul class="legend" part="legend" aria-label=${msg(lang, 'series')}>
    ${series.map((s) => {
      const c = summary.columns.get(s.id);
      const shown = !hidden.has(s.id);
      return html`<li>
        <button
          type="button"
          aria-pressed=${shown ? 'true' : 'false'}
          title=${msg(lang, 'toggleSeries', s.label)}
          @click=${() => toggle(s)}
        >
          <span class="swatch" style=${styleProps({ '--swatch': s.color })}></span>
          <span>${s.label}</span>
          ${columnWarnings(lang, c, logY).map((w) => html`<span class="legend-warn">${w}</span>`)}
        </button>
      </li>`;
    })}
  </ul>`;
}

/** Warnings about the data: x going backwards, x values a log axis cannot show. */
export function renderNotes(
  lang: Lang,
  series: readonly ChartSeries[],
  logX: boolean,
): TemplateResult | typeof nothing {
  const notes: string[] = [];
  if (series.some((s) => s.nonMonotonic)) notes.push(msg(lang, 'nonMonotonic'));
  if (logX) {
    let left = 0;
    for (const s of series) for (let i = 0; i < s.main.length && !(s.main.x[i] > 0); i++) left++;
    if (left > 0) notes.push(msg(lang, 'nonPositiveX', left));
  }
  if (notes.length === 0) return nothing;
  return html`<p class="notes" part="notes" role="note">${notes.join(' ')}</p>`;
}

export interface TableState {
  caption: string;
  xLabel: string;
  view: PlotView;
  series: readonly ChartSeries[];
  summary: ChartSummary;
  fmt: (v: number | null | undefined) => string;
  fmtX: (x: number) => string;
}

/** The visible data for screen readers: a summary per series and a table of sampled rows. */
export function renderTable(lang: Lang, t: TableState): TemplateResult {
  const { layout, aligned } = t.view;
  const mains = t.view.mainIndexes();
  const summary = mains
    .map((si) => {
      const s = t.series[layout[si].chart];
      const c = t.summary.columns.get(s.id);
      return msg(lang, 'summary', s.label, s.total, t.fmt(c?.min), t.fmt(c?.max), t.fmt(c?.last));
    })
    .join(' ');
  return renderDataTable({
    caption: msg(lang, 'tableCaption', t.caption),
    summary,
    xHeader: t.xLabel,
    x: aligned.x,
    rows: t.summary.rows.filter((i) => i < aligned.x.length),
    columns: mains.map((si) => ({
      label: t.series[layout[si].chart].label,
      y: aligned.ys[si - 1],
      missing: aligned.missing[si - 1],
    })),
    formatX: t.fmtX,
    formatY: t.fmt,
  });
}
