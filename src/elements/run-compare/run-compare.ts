import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { initialState } from '@lit/task';
import type { MetricInfo, RunRef, RunSource } from '../../data/source.js';
import { isSourceError } from '../../data/errors.js';
import { listingOf } from '../../data/run-listing.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { controlStyles } from '../../internal/control-styles.js';
import { createElementOf } from '../../internal/define-element.js';
import { formatNumber } from '../../internal/format.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty } from '../../internal/states.js';
import { queryMatcher } from '../../data/search-query.js';
import { searchField } from '../../internal/controls.js';
import { styleProps } from '../../internal/style-props.js';
import { seriesColor, ThemeController } from '../../internal/theme.js';
import { listConverter } from '../metric-chart/attribute-converters.js';
import { MetricChart } from '../metric-chart/metric-chart.js';
import { formatCell } from '../run-table/cell-format.js';
import { compareValues, defaultMetrics, metricChoices, type CompareRow, type MetricChoice } from './compare-data.js';
import { msg } from './run-compare.messages.js';
import { styles } from './run-compare.styles.js';

export interface RunCompareMetricsChangeDetail {
  metrics: string[];
}

interface Loaded {
  refs: RunRef[];
  choices: MetricChoice[];
}

/** Rows of each value table drawn at once. */
const MAX_ROWS = 500;
/** Metric names listed in the picker at once; a search narrows the rest. */
const MAX_CHOICES = 300;

/**
 * Several runs side by side: a chart per chosen metric with one line per run (each run keeps its
 * colour in every chart, its name in the legend and tooltip), the config keys whose values differ,
 * and the summaries.
 *
 * @summary Compares runs: shared metric charts, differing config, summaries side by side.
 *
 * @fires run-compare-metrics-change - The user chose other metrics to chart; `detail: { metrics }`.
 *
 * @csspart runs - The list of compared runs with their colours.
 * @csspart metric-picker - The metrics to chart.
 * @csspart search - The search field of the metric picker.
 * @csspart charts - The charts.
 * @csspart chart - Each `<metric-chart>`.
 * @csspart config - The table of config keys that differ.
 * @csspart summary - The table of summaries.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-run-compare-chart-height - Height of each chart's plot (default 220px).
 */
export class RunCompare extends RunpageElement {
  static override styles = [RunpageElement.styles, controlStyles, styles];

  static override properties = {
    runs: { converter: listConverter('run-compare', /[\s,]+/) },
    metrics: { converter: listConverter('run-compare', /,/) },
    refs: { attribute: false },
    pickerQuery: { state: true },
  };

  /** Ids of the runs to compare. */
  runs: string[] = [];

  /** Metrics to chart; empty charts those most runs share. */
  metrics: string[] = [];

  /** The runs' listing entries when the page already has them (a run table); otherwise each run is read. */
  declare refs?: RunRef[];

  private pickerQuery = '';

  private readonly charts = new Map<string, MetricChart>();

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource, this.runIds(), this.refs] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[1].join('\n') === b[1].join('\n') && a[2] === b[2],
    task: async ([source, ids, given], { signal }): Promise<Loaded> => {
      if (!source || ids.length === 0) return initialState as never;
      const known = new Map((given ?? []).map((r) => [r.id, r]));
      const [refs, lists] = await Promise.all([
        Promise.all(ids.map((id) => refOf(source, id, known.get(id), signal))),
        Promise.all(ids.map((id) => metricsOf(source, id, signal))),
      ]);
      return { refs, choices: metricChoices(lists) };
    },
  });

  constructor() {
    super();
    new ThemeController(this, () => this.requestUpdate());
  }

  protected override get needsRun(): boolean {
    return false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!Array.isArray(this.runs)) this.runs = [];
    if (!Array.isArray(this.metrics)) this.metrics = [];
  }

  private runIds(): string[] {
    return [...new Set((Array.isArray(this.runs) ? this.runs : []).filter((id) => typeof id === 'string' && id))];
  }

  protected override render(): TemplateResult {
    const lang = this.locale;
    if (!this.renderSourceState() && this.runIds().length === 0)
      return renderEmpty(msg(lang, 'noRuns'), msg(lang, 'noRunsDetail'));
    return this.renderTask(this.task, { what: msg(lang, 'what'), complete: (d) => this.renderComparison(d) });
  }

  private renderComparison(d: Loaded): TemplateResult {
    const lang = this.locale;
    const colors = d.refs.map((_, i) => seriesColor(this, i));
    const chosen = this.metrics.length ? this.metrics : defaultMetrics(d.choices);
    return html`
      <h2 class="title">${msg(lang, 'title', formatNumber(d.refs.length, lang))}</h2>
      <ul class="runs" part="runs">
        ${d.refs.map(
          (r, i) =>
            html`<li data-run=${r.id}>
              <span class="swatch" style=${styleProps({ background: colors[i] })}></span
              ><span class="run-name">${r.name || r.id}</span>
              ${r.name ? html`<span class="id mono">${r.id}</span>` : nothing}
            </li>`,
        )}
      </ul>
      ${this.renderPicker(d, chosen)}
      <div class="charts" part="charts">${chosen.map((key) => this.chartFor(key, d.refs, colors))}</div>
      ${this.renderValues(d.refs, colors, 'config')} ${this.renderValues(d.refs, colors, 'summary')}
    `;
  }

  private renderPicker(d: Loaded, chosen: string[]): TemplateResult {
    const lang = this.locale;
    const match = queryMatcher(this.pickerQuery);
    const matches = d.choices.filter((c) => match(c.key));
    const total = formatNumber(d.refs.length, lang);
    return html`<details class="picker" part="metric-picker">
      <summary>${msg(lang, 'metrics')} (${formatNumber(chosen.length, lang)})</summary>
      ${
        d.choices.length === 0
          ? html`<p class="none">${msg(lang, 'noMetrics')}</p>`
          : html`${searchField({
                value: this.pickerQuery,
                label: msg(lang, 'metricsSearch'),
                class: 'search',
                onInput: (q) => (this.pickerQuery = q),
              })}
              ${matches.length === 0 ? html`<p class="none" role="status">${msg(lang, 'noMetricMatches')}</p>` : nothing}
              <ul class="choices">
                ${matches.slice(0, MAX_CHOICES).map(
                  (c) =>
                    html`<li>
                      <label>
                        <input
                          type="checkbox"
                          data-key=${c.key}
                          .checked=${chosen.includes(c.key)}
                          @change=${() => this.toggleMetric(c.key, chosen)}
                        />
                        <span class="mono">${c.key}</span>
                        <span class="muted">${msg(lang, 'loggedBy', formatNumber(c.runs, lang), total)}</span>
                      </label>
                    </li>`,
                )}
              </ul>`
      }
    </details>`;
  }

  private toggleMetric(key: string, chosen: string[]): void {
    const next = chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key];
    this.metrics = next;
    this.emit<RunCompareMetricsChangeDetail>('run-compare-metrics-change', { metrics: next });
  }

  /** One chart per metric, kept across renders so a chart is not rebuilt when another is added. */
  private chartFor(key: string, refs: RunRef[], colors: string[]): MetricChart | typeof nothing {
    let chart = this.charts.get(key);
    if (!chart) {
      chart = createElementOf(MetricChart);
      if (!chart) return nothing;
      chart.setAttribute('part', 'chart');
      this.charts.set(key, chart);
    }
    const ids = refs.map((r) => r.id);
    chart.source = this.dataSource;
    chart.metric = key;
    chart.title = key;
    if ((chart.runs ?? []).join('\n') !== ids.join('\n')) chart.runs = ids;
    // a source serving many runs names no default run, and an element without a run says so
    chart.run = ids[0];
    chart.legend = '${run}';
    const byRun: Record<string, string> = {};
    refs.forEach((r, i) => (byRun[r.id] = colors[i]));
    if (JSON.stringify(chart.colors) !== JSON.stringify(byRun)) chart.colors = byRun;
    chart.theme = this.theme;
    return chart;
  }

  private renderValues(refs: RunRef[], colors: string[], kind: 'config' | 'summary'): TemplateResult {
    const lang = this.locale;
    const all = compareValues(refs, kind);
    const rows = kind === 'config' ? all.filter((r) => r.differs) : all;
    const hidden = all.length - rows.length;
    const title = msg(lang, kind === 'config' ? 'config' : 'summary');
    const empty =
      all.length === 0 && kind === 'summary'
        ? msg(lang, 'noSummary')
        : rows.length === 0
          ? msg(lang, 'sameConfig')
          : undefined;
    return html`<section class="values" part=${kind} data-kind=${kind}>
      <h3>${title}</h3>
      ${
        empty
          ? html`<p class="none">${empty}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${title}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${msg(lang, 'key')}</th>
                    ${refs.map(
                      (r, i) =>
                        html`<th scope="col" title=${r.id}>
                          <span class="swatch" style=${styleProps({ background: colors[i] })}></span>${r.name || r.id}
                        </th>`,
                    )}
                  </tr>
                </thead>
                <tbody>
                  ${rows.slice(0, MAX_ROWS).map((row) => this.renderValueRow(row, kind))}
                </tbody>
              </table>
            </div>`
      }
      ${rows.length > MAX_ROWS ? html`<p class="none">${msg(lang, 'more', formatNumber(rows.length - MAX_ROWS, lang))}</p>` : nothing}
      ${kind === 'config' && hidden > 0 ? html`<p class="none">${msg(lang, 'sameCount', formatNumber(hidden, lang))}</p>` : nothing}
    </section>`;
  }

  private renderValueRow(row: CompareRow, kind: string): TemplateResult {
    const lang = this.locale;
    return html`<tr class=${row.differs ? 'differs' : ''} data-key=${row.key}>
      <th scope="row" class="mono" title=${row.key}>${row.key}</th>
      ${row.values.map((v) => {
        if (v === undefined) return html`<td class="missing">${msg(lang, 'missing')}</td>`;
        const cell = formatCell(`${kind}.${row.key}`, v, lang);
        return html`<td class=${cell.numeric ? 'num' : ''} title=${cell.full}>${cell.text}</td>`;
      })}
    </tr>`;
  }
}

async function refOf(source: RunSource, id: string, known: RunRef | undefined, signal: AbortSignal): Promise<RunRef> {
  if (known && (known.config !== undefined || known.summary !== undefined || known.name !== undefined)) return known;
  try {
    return listingOf(id, await source.getRun(id, { signal }));
  } catch (e) {
    if (isSourceError(e) && e.code === 'aborted') throw e;
    return known ?? { id, error: e instanceof Error ? e.message : String(e) };
  }
}

async function metricsOf(source: RunSource, id: string, signal: AbortSignal): Promise<MetricInfo[]> {
  if (!source.listMetrics) return [];
  try {
    return await requireMethod(source, 'listMetrics')(id, { signal });
  } catch (e) {
    if (isSourceError(e) && e.code === 'aborted') throw e;
    return [];
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-compare-metrics-change': CustomEvent<RunCompareMetricsChangeDetail>;
  }
}
