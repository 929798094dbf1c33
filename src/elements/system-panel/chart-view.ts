/** One chart of the System tab and what is drawn under it: the rate note, totals and statistics. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { styleProps } from '../../internal/style-props.js';
import type { MetricChart } from '../metric-chart/metric-chart.js';
import { formatXValue, type XKind } from '../metric-chart/axis-format.js';
import type { ChartSource } from './chart-source.js';
import { valueAtOrBefore, type RangeStats } from './derived-series.js';
import type { SystemChart } from './system-catalogue.js';
import { msg } from './system-panel.messages.js';
import { formatByteTotal, formatWithUnit, type DisplayUnit } from './units.js';

/** One chart on the panel: its catalogue entry, the child element and the source it reads. */
export interface ChartView {
  chart: SystemChart;
  el: MetricChart;
  source: ChartSource;
  signature: string;
  unit: DisplayUnit;
  aliases: string[];
  colors: Record<string, string>;
  colorSignature: string;
  /** The zoomed x range; absent for the full view. */
  range?: [number, number];
  stats?: Map<string, RangeStats>;
  statsSeq: number;
  /** x under the cursor, for the counters' totals. */
  cursor: number | null;
}

/** The min / mean / max / last table of the visible range. */
export function renderStats(view: ChartView, lang: Lang): TemplateResult | typeof nothing {
  const stats = view.stats;
  if (!stats) return nothing;
  const f = (v: number) => formatWithUnit(v, view.unit, lang);
  return html`<div class="stats-wrap">
    <table part="stats">
      <caption class="rp-visually-hidden">
        ${msg(lang, 'statsCaption', view.el.label)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg(lang, 'series')}</th>
          <th scope="col">${msg(lang, 'min')}</th>
          <th scope="col">${msg(lang, 'mean')}</th>
          <th scope="col">${msg(lang, 'max')}</th>
          <th scope="col">${msg(lang, 'last')}</th>
        </tr>
      </thead>
      <tbody>
        ${view.chart.series.map((s, i) => {
          const alias = view.aliases[i];
          const st = stats.get(alias);
          return html`<tr>
            <th scope="row" title=${alias}>
              <span class="swatch" style=${styleProps({ '--swatch': `var(--_series-${s.color % 10})` })}></span>
              ${alias}
            </th>
            <td>${st ? f(st.min) : '—'}</td>
            <td>${st ? f(st.mean) : '—'}</td>
            <td>${st ? f(st.max) : '—'}</td>
            <td>${st ? f(st.last) : '—'}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** "Total at 10m 0s: sent 600 MB · received 2.3 GB" for the x under the cursor, or empty. */
export function totalsText(view: ChartView, runId: string | undefined, xAxis: XKind, lang: Lang): string {
  if (view.cursor === null || !runId) return '';
  const counters = view.source.counters(runId, xAxis);
  const parts = view.aliases.flatMap((alias) => {
    const c = counters.get(alias);
    const v = c ? valueAtOrBefore(c, view.cursor!) : NaN;
    return Number.isFinite(v) ? [`${alias} ${formatByteTotal(v, lang)}`] : [];
  });
  if (!parts.length) return '';
  return `${msg(lang, 'totalAt', formatXValue(xAxis, view.cursor, lang))}: ${parts.join(' · ')}`;
}

/** The note of a rate chart and the line its totals are written into (by the panel, outside lit). */
export function renderTotals(view: ChartView, lang: Lang): TemplateResult | typeof nothing {
  if (view.chart.derive !== 'rate') return nothing;
  return html`<p class="note">${msg(lang, 'rateNote')}</p>
    <p class="totals" data-totals=${view.chart.id}></p>`;
}
