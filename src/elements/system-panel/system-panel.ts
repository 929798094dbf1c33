import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { elementToolbar } from '../../internal/controls.js';
import { initialState } from '@lit/task';
import type { MetricInfo, RunEvent, RunInfo, RunSource } from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import type { Lang } from '../../internal/i18n.js';
import { createElementOf } from '../../internal/define-element.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { RovingTabindexController } from '../../internal/roving-tabindex.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty } from '../../internal/states.js';
import { seriesColor, ThemeController } from '../../internal/theme.js';
import { MetricChart, type MetricChartCursorDetail, type MetricChartZoomDetail } from '../metric-chart/metric-chart.js';
import { ChartGridController, chartGridStyles, parseGridColumns, type GridColumns } from '../../internal/chart-grid.js';
import { styleProps } from '../../internal/style-props.js';
import { ToolbarOverflowController, toolbarOverflowStyles } from '../../internal/toolbar-overflow.js';
import type { ChartLine } from './chart-line.js';
import { ChartSource } from './chart-source.js';
import { renderStats, renderTotals, totalsText, type ChartView } from './chart-view.js';
import type { RangeStats } from './derived-series.js';
import { renderHardware } from './hardware.js';
import {
  buildCatalogue,
  gpuIndexes,
  GROUP_ORDER,
  isSystemMetric,
  localize,
  type GroupId,
  type SystemChart,
} from './system-catalogue.js';
import { isTrackerKey, prepareKeys, trackerKeysCode } from './system-keys.js';
import { CHART_EXPORTPARTS } from '../../internal/part-names.js';
import { msg } from './system-panel.messages.js';
import { systemPanelStyles } from './system-panel.styles.js';
import {
  renderColumnsSelect,
  renderGpuSelector,
  renderXAxisSwitch,
  type SystemToolbarState,
} from './system-toolbar.js';
import { chartMagnitude, displayUnit } from './units.js';
import { oneOf, warnAttribute } from '../../internal/attribute-check.js';

export type SystemPanelXAxis = 'relative' | 'wallclock';
const X_AXES: readonly SystemPanelXAxis[] = ['relative', 'wallclock'];

export { GPU_SELECTOR_MIN } from './system-toolbar.js';
const STATS_THROTTLE_MS = 1000;

/** `detail` of `system-panel-x-axis`. */
export interface SystemPanelXAxisDetail {
  xAxis: SystemPanelXAxis;
}

/** `detail` of `system-panel-columns`: `auto` or the most columns of charts side by side. */
export interface SystemPanelColumnsDetail {
  columns: GridColumns;
}

/** `detail` of `system-panel-gpus`: the GPU indexes shown. */
export interface SystemPanelGpusDetail {
  gpus: number[];
}

interface Loaded {
  info: RunInfo;
  metrics: MetricInfo[];
}

let panelCount = 0;

/** Whether a fixed top (100 %) is below the largest value in view: then the axis follows the data. */
function exceeds(stats: Map<string, RangeStats> | undefined, top: number | undefined): boolean {
  if (top === undefined || !stats) return false;
  for (const st of stats.values()) if (st.max > top) return true;
  return false;
}

/**
 * The System tab: CPU, memory, disk, network and per-accelerator metrics as well-labelled charts,
 * whichever tracker logged them (W&B current and legacy names, MLflow `system/…`, Aim `__system__…`).
 * Each GPU has the same colour in every chart; percentages sit on a fixed 0–100 axis; network and
 * disk I/O counters are drawn as rates (derived on the raw points, then downsampled with M4) with
 * the totals under the cursor; each chart lists min / mean / max / last of its visible range.
 * Unknown keys in a system namespace get a chart in the "Other" group.
 *
 * @summary System metrics of a run: CPU, memory, disk, network, GPUs, TPUs.
 *
 * @csspart base - The wrapper of everything below.
 * @csspart hardware - The hardware header (CPU, memory, GPUs, accelerators).
 * @csspart toolbar - The x-axis switch and the GPU selector.
 * @csspart gpu-selector - The GPU toggles (8 GPUs or more).
 * @csspart group - One group of charts (CPU, Memory, Disk, Network, GPU, TPU, Other).
 * @csspart chart - The card around one chart, its totals and its statistics.
 * @csspart chart-<part> - Each part of the `<metric-chart>` in a card (`chart-plot`, `chart-legend`…).
 * @csspart stats - The min / mean / max / last table of a chart.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-system-panel-chart-height - Height of each chart's plot (default 200px).
 * @cssprop --runpage-system-panel-chart-min-width - Narrowest chart column before the grid has one column fewer (default `--runpage-panel-min-width`, 360px).
 *
 * @fires system-panel-x-axis - The user switched the x-axis; `detail.xAxis` is `relative` or `wallclock`.
 * @fires system-panel-columns - The user chose a column count; `detail.columns` is `auto` or a number.
 * @fires system-panel-gpus - The user changed which GPUs are shown; `detail.gpus` lists their indexes.
 */
export class SystemPanel extends RunpageElement {
  /** `focus()` moves to the x-axis switch. */
  protected override focusSelector = '[role="switch"]';

  static override styles = [RunpageElement.styles, chartGridStyles, toolbarOverflowStyles, systemPanelStyles];

  static override properties = {
    xAxis: { attribute: 'x-axis', reflect: true },
    gpus: { attribute: false },
    columns: {
      reflect: true,
      converter: { fromAttribute: parseGridColumns, toAttribute: (v: GridColumns) => String(v) },
    },
    noLive: { type: Boolean, attribute: 'no-live' },
    added: { state: true },
    runPatch: { state: true },
    statsVersion: { state: true },
  };

  /** `relative` (time since the run started; ticks in s, min, h or d) or `wallclock` (dates and times). */
  xAxis: SystemPanelXAxis = 'relative';

  /** GPU indexes to show; unset shows every GPU. The selector appears from 8 GPUs on, or when some are hidden. */
  declare gpus?: number[];

  /**
   * `auto` (default) puts as many charts side by side as fit at `--runpage-panel-min-width` each;
   * a number (1–12) puts at most that many. A narrow screen always gets fewer, down to one.
   */
  columns: GridColumns = 'auto';

  /** Do not follow live updates even when the source can watch the run. */
  noLive = false;

  /** System metrics that appeared while the run trains. */
  private added: MetricInfo[] = [];
  private runPatch: Partial<RunInfo> = {};
  /** Bumped when a chart's statistics arrive, so the tables are drawn again. */
  private statsVersion = 0;

  private readonly views = new Map<string, ChartView>();
  private readonly grid = new ChartGridController(this);
  /** Below this width the column count and the GPU selector fold into a "More" menu. */
  private readonly toolbarOverflow = new ToolbarOverflowController(this, 560);
  private readonly syncGroup = `runpage-system-panel-${++panelCount}`;
  private catalogueSignature = '';
  private catalogue: SystemChart[] = [];
  private statsTimer?: ReturnType<typeof setTimeout>;
  private viewsSource?: RunSource;
  private viewsRun?: string;

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }): Promise<Loaded | typeof initialState> => {
      if (!source || !runId) return initialState;
      const listMetrics = requireMethod(source, 'listMetrics');
      requireMethod(source, 'getSeries');
      const [info, listed] = await Promise.all([source.getRun(runId, { signal }), listMetrics(runId, { signal })]);
      const metrics = Array.isArray(listed) ? listed : [];
      await prepareKeys(metrics.map((m) => m?.key));
      this.added = [];
      this.runPatch = {};
      return { info, metrics };
    },
  });

  private readonly gpuButtons = new RovingTabindexController<HTMLButtonElement>(this, () => [
    ...(this.renderRoot?.querySelectorAll<HTMLButtonElement>('.gpu-toggle') ?? []),
  ]);

  constructor() {
    super();
    new ThemeController(this, () => this.requestUpdate());
    followLiveRun(this, (events) => this.onLive(events));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
  }

  // ---- inputs -----------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('xAxis')) this.xAxis = oneOf(this, 'x-axis', this.xAxis, X_AXES, 'relative');
    if (changed.has('columns') && parseGridColumns(this.columns) !== this.columns) {
      warnAttribute(this, 'columns', this.columns, 'auto or 1–12', 'using auto');
      this.columns = 'auto';
    }
    if (changed.has('xAxis')) {
      for (const v of this.views.values()) {
        v.range = undefined;
        v.cursor = null;
      }
      this.renderRoot?.querySelectorAll('[data-totals]').forEach((e) => (e.textContent = ''));
      this.scheduleStats(0);
    }
  }

  private loaded(): Loaded | undefined {
    const v = this.task.value as Loaded | undefined;
    return v && typeof v === 'object' && Array.isArray(v.metrics) ? v : undefined;
  }

  private runInfo(): RunInfo | undefined {
    const l = this.loaded();
    return l ? { ...l.info, ...this.runPatch } : undefined;
  }

  private systemMetrics(): MetricInfo[] {
    const l = this.loaded();
    if (!l) return [];
    const known = new Set(l.metrics.map((m) => m?.key));
    return [...l.metrics, ...this.added.filter((m) => !known.has(m.key))].filter(
      (m) => m && typeof m.key === 'string' && isSystemMetric(m),
    );
  }

  private charts(): SystemChart[] {
    const metrics = this.systemMetrics();
    const sdk = this.runInfo()?.sdk;
    const wandbVersion = sdk?.name === 'wandb' && typeof sdk.version === 'string' ? sdk.version : undefined;
    // MLflow's and Aim's keys are described once their names are in
    const signature = `${wandbVersion}\u0002${!!trackerKeysCode.now}\u0002${metrics.map((m) => `${m.key}\u0000${m.group}`).join('\u0001')}`;
    if (signature !== this.catalogueSignature) {
      this.catalogueSignature = signature;
      this.catalogue = buildCatalogue(metrics, { wandbVersion });
    }
    return this.catalogue;
  }

  private selectedGpus(all: readonly number[]): Set<number> {
    if (!Array.isArray(this.gpus)) return new Set(all);
    return new Set(this.gpus.filter((g) => all.includes(g)));
  }

  /** Seconds the run has lasted, for the size of average rates. */
  private duration(info: RunInfo | undefined): number | undefined {
    if (!info) return undefined;
    if (typeof info.runtime === 'number' && info.runtime > 0) return info.runtime;
    const start = info.startedAt;
    const end = info.endedAt ?? info.heartbeatAt ?? Date.now();
    return typeof start === 'number' && end > start ? (end - start) / 1000 : undefined;
  }

  // ---- chart views ------------------------------------------------------------------------

  /** Creates, updates and drops the chart elements for the charts in view. */
  private syncViews(charts: readonly SystemChart[]): ChartView[] {
    const source = this.dataSource;
    const runId = this.runId;
    if (!source || !runId) return [];
    if (source !== this.viewsSource || runId !== this.viewsRun) {
      this.views.clear();
      this.viewsSource = source;
      this.viewsRun = runId;
    }
    const lastByKey = new Map(this.systemMetrics().map((m) => [m.key, m.last]));
    const duration = this.duration(this.runInfo());
    const lang = this.locale;
    const out: ChartView[] = [];
    const seen = new Set<string>();
    for (const chart of charts) {
      const unit = displayUnit(
        chart.unit,
        chartMagnitude(chart, (k) => lastByKey.get(k), duration),
      );
      const lines: ChartLine[] = chart.series.map((s) => ({
        alias: localize(s.label, lang),
        key: s.key,
        scale: s.scale,
        divisor: unit.divisor,
        ...(chart.derive ? { derive: chart.derive } : {}),
      }));
      const signature = JSON.stringify(lines);
      let view = this.views.get(chart.id);
      if (!view || view.signature !== signature) {
        const el = view?.el ?? this.createChart(chart.id);
        if (!el) continue;
        view = {
          chart,
          el,
          source: new ChartSource(source, lines),
          signature,
          unit,
          aliases: lines.map((l) => l.alias),
          colors: {},
          colorSignature: '',
          statsSeq: 0,
          cursor: null,
        };
        this.views.set(chart.id, view);
        this.scheduleStats(0);
      }
      view.chart = chart;
      const colors: Record<string, string> = {};
      chart.series.forEach((s, i) => (colors[view!.aliases[i]] = seriesColor(this, s.color)));
      const colorSignature = JSON.stringify(colors);
      if (colorSignature !== view.colorSignature) {
        view.colors = colors;
        view.colorSignature = colorSignature;
      }
      this.configure(view, runId, lang);
      seen.add(chart.id);
      out.push(view);
    }
    for (const id of [...this.views.keys()]) if (!seen.has(id)) this.views.delete(id);
    return out;
  }

  private createChart(id: string): MetricChart | undefined {
    const el = createElementOf(MetricChart);
    if (!el) return undefined;
    el.dataset.chart = id;
    el.setAttribute('exportparts', CHART_EXPORTPARTS);
    el.addEventListener('metric-chart-zoom', (e) => this.onZoom(id, e.detail));
    el.addEventListener('metric-chart-cursor', (e) => this.onCursor(id, e.detail));
    return el;
  }

  private configure(view: ChartView, runId: string, lang: Lang): void {
    const { el, chart, unit } = view;
    const title = localize(chart.title, lang);
    el.source = view.source;
    el.run = runId;
    el.metrics = view.aliases;
    el.x = this.xAxis;
    el.label = unit.label ? `${title} (${unit.label})` : title;
    el.yMin = chart.yMin;
    el.yMax = exceeds(view.stats, chart.yMax) ? undefined : chart.yMax;
    el.colors = view.colors;
    el.sync = this.syncGroup;
    el.noLive = this.noLive;
    // A rate's tooltip also shows the cumulative counter it was derived from.
    el.tooltipNotes =
      chart.derive === 'rate'
        ? (x) => {
            const text = totalsText({ ...view, cursor: x }, this.runId, this.xAxis, this.locale);
            return text ? [text] : [];
          }
        : undefined;
  }

  // ---- statistics and totals --------------------------------------------------------------

  private scheduleStats(delay = STATS_THROTTLE_MS): void {
    if (this.statsTimer !== undefined && delay > 0) return;
    clearTimeout(this.statsTimer);
    this.statsTimer = setTimeout(() => {
      this.statsTimer = undefined;
      for (const v of this.views.values()) void this.refreshStats(v);
    }, delay);
  }

  private async refreshStats(view: ChartView): Promise<void> {
    const runId = this.runId;
    if (!runId) return;
    const seq = ++view.statsSeq;
    try {
      const stats = await view.source.stats(runId, this.xAxis, view.range);
      if (seq !== view.statsSeq) return;
      view.stats = stats;
      this.statsVersion++;
    } catch {
      // the chart shows the source's error itself
    }
  }

  private onZoom(id: string, detail: MetricChartZoomDetail): void {
    const view = this.views.get(id);
    if (!view) return;
    view.range = detail?.range ? [detail.range[0], detail.range[1]] : undefined;
    void this.refreshStats(view);
  }

  private onCursor(id: string, detail: MetricChartCursorDetail): void {
    const view = this.views.get(id);
    if (!view || view.chart.derive !== 'rate') return;
    const x = detail && typeof detail.x === 'number' ? detail.x : null;
    if (x === view.cursor) return;
    view.cursor = x;
    // written straight into its line: a cursor move does not re-render the panel
    const line = this.renderRoot.querySelector<HTMLElement>(`[data-totals="${CSS.escape(id)}"]`);
    if (line) line.textContent = totalsText(view, this.runId, this.xAxis, this.locale);
  }

  // ---- live -------------------------------------------------------------------------------

  private onLive(events: RunEvent[]): void {
    let points = false;
    for (const e of events) {
      if (e.type === 'metrics-added' && Array.isArray(e.metrics)) {
        const fresh = e.metrics.filter((m) => m && typeof m.key === 'string' && isSystemMetric(m));
        if (fresh.length) {
          const have = new Set(this.added.map((m) => m.key));
          this.added = [...this.added, ...fresh.filter((m) => !have.has(m.key))];
        }
      } else if (e.type === 'metrics') {
        if (e.group === 'system' || (Array.isArray(e.points) && e.points.some((p) => p && isSystemMetric(p))))
          points = true;
      } else if (e.type === 'run' && e.run && typeof e.run === 'object') {
        this.runPatch = { ...this.runPatch, ...e.run };
      }
    }
    if (points) this.scheduleStats();
    // new MLflow or Aim keys get their charts once the names are in (a failed load: the next events try again)
    if (!trackerKeysCode.now && this.systemMetrics().some((m) => isTrackerKey(m.key))) void trackerKeysCode.load(this);
  }

  // ---- user actions -----------------------------------------------------------------------

  private toggleXAxis = (): void => {
    this.xAxis = this.xAxis === 'wallclock' ? 'relative' : 'wallclock';
    this.emit<SystemPanelXAxisDetail>('system-panel-x-axis', { xAxis: this.xAxis });
  };

  private setGpus(all: readonly number[], next: ReadonlySet<number>): void {
    this.gpus = all.filter((g) => next.has(g));
    this.emit<SystemPanelGpusDetail>('system-panel-gpus', { gpus: [...this.gpus] });
  }

  private setColumns(columns: GridColumns): void {
    this.columns = columns;
    this.emit<SystemPanelColumnsDetail>('system-panel-columns', { columns });
  }

  // ---- render -----------------------------------------------------------------------------

  private toolbarState(all: readonly number[], selected: ReadonlySet<number>): SystemToolbarState {
    return {
      lang: this.locale,
      wallclock: this.xAxis === 'wallclock',
      columns: this.columns,
      gpus: all,
      selected,
      gpuButtons: this.gpuButtons,
      onToggleXAxis: this.toggleXAxis,
      onColumns: (c) => this.setColumns(c),
      onGpus: (next) => this.setGpus(all, next),
    };
  }

  private renderToolbar(s: SystemToolbarState): TemplateResult {
    return elementToolbar(
      { overflow: this.toolbarOverflow },
      html`${renderXAxisSwitch(s)}
      ${this.toolbarOverflow.render(s.lang, html`${renderColumnsSelect(s)} ${renderGpuSelector(s)}`)}`,
    );
  }

  /**
   * Every group is a part of one chart grid, spanning as many of its columns as it has charts (at
   * most all of them), so small groups sit side by side and the first row fills the width.
   */
  private renderGroups(views: ChartView[], gpuHidden: boolean): TemplateResult {
    const lang = this.locale;
    const byGroup = new Map<GroupId, ChartView[]>();
    for (const v of views) {
      let list = byGroup.get(v.chart.group);
      if (!list) byGroup.set(v.chart.group, (list = []));
      list.push(v);
    }
    if (gpuHidden && !byGroup.has('gpu')) byGroup.set('gpu', []);
    const columns = this.grid.columns;
    return html`<div
      class="groups rp-chart-grid"
      style=${styleProps(this.grid.style(this.columns))}
      ${ref(this.grid.observe)}
    >
      ${GROUP_ORDER.filter((g) => byGroup.has(g)).map((g) => {
        const list = byGroup.get(g)!;
        const headingId = `group-${g}`;
        const span = list.length === 0 ? columns : Math.max(1, Math.min(list.length, columns));
        return html`<section
          part="group"
          aria-labelledby=${headingId}
          data-group=${g}
          style=${styleProps({ '--span': span })}
        >
          <h3 id=${headingId}>${msg(lang, `group_${g}`)}</h3>
          ${
            g === 'gpu' && gpuHidden && list.length === 0
              ? html`<p class="note">${msg(lang, 'noGpuSelected')}</p>`
              : nothing
          }
          <div class="grid">
            ${list.map(
              (v) =>
                html`<div class="card" part="chart">${v.el} ${renderTotals(v, lang)} ${renderStats(v, lang)}</div>`,
            )}
          </div>
        </section>`;
      })}
    </div>`;
  }

  private renderPanel(): TemplateResult {
    const lang = this.locale;
    const charts = this.charts();
    if (charts.length === 0) return renderEmpty(msg(lang, 'empty'), msg(lang, 'emptyDetail'));
    const all = gpuIndexes(charts);
    const selected = this.selectedGpus(all);
    const shown = charts
      .map((c) => ({ ...c, series: c.series.filter((s) => s.deviceKind !== 'gpu' || selected.has(s.device!)) }))
      .filter((c) => c.series.length > 0);
    const views = this.syncViews(shown);
    const gpuHidden = all.length > 0 && selected.size === 0;
    return html`<div class="base" part="base" role="region" aria-label=${msg(lang, 'label')}>
      ${renderHardware(this.runInfo(), lang)} ${this.renderToolbar(this.toolbarState(all, selected))}
      ${this.renderGroups(views, gpuHidden)}
    </div>`;
  }

  protected override render(): TemplateResult {
    return this.renderTask(this.task, {
      what: msg(this.locale, 'what'),
      complete: () => this.renderPanel(),
      empty: () => renderEmpty(msg(this.locale, 'empty'), msg(this.locale, 'emptyDetail')),
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'system-panel-x-axis': CustomEvent<SystemPanelXAxisDetail>;
    'system-panel-gpus': CustomEvent<SystemPanelGpusDetail>;
    'system-panel-columns': CustomEvent<SystemPanelColumnsDetail>;
  }
}
