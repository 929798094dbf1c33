import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { initialState } from '@lit/task';
import { SMOOTHING_KINDS, type MediaKey, type MetricInfo, type RunEvent, type RunSource } from '../../data/source.js';
import { isSourceError } from '../../data/errors.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { createElementOf } from '../../internal/define-element.js';
import { formatNumber } from '../../internal/format.js';
import { LiveController } from '../../internal/live-controller.js';
import { common } from '../../internal/messages.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty } from '../../internal/states.js';
import { MetricChart, type MetricChartZoomDetail } from '../metric-chart/metric-chart.js';
import { MediaPanel } from '../media-panel/media-panel.js';
import { icons } from './icons.js';
import { msg } from './metric-workspace.messages.js';
import { metricWorkspaceStyles } from './metric-workspace.styles.js';
import { NearScreenController } from './near-screen.js';
import { buildPanels, DEFAULT_SECTION, groupSections, type Panel, type Section } from './panel-layout.js';
import { highlightRanges, matchesSearch, parseSearch, type SearchTerm } from './panel-search.js';
import { readLevelForm, readPanelForm } from './settings-form.js';
import { loadSettings, saveSettings, storageKeyFor } from './settings-storage.js';
import {
  compactSettings,
  DEFAULT_COLUMNS,
  emptySettings,
  MAX_COLUMNS,
  parseSettings,
  resolveColumns,
  resolvePanel,
  type PanelSettings,
  type SharedOptions,
  type WorkspaceSettings,
} from './workspace-settings.js';

/** `detail` of `metric-workspace-change`: the whole layout, ready to store as JSON. */
export interface MetricWorkspaceChangeDetail {
  settings: WorkspaceSettings;
}

type Editing = { scope: 'panel'; id: string } | { scope: 'new'; section: string } | { scope: 'section'; name: string };

interface Loaded {
  metrics: MetricInfo[];
  media: MediaKey[];
}

/** A run without metrics (`not-found`): live metrics may still arrive. */
const NOTHING_LOADED: Loaded = { metrics: [], media: [] };

/** The run's image keys; charts stay useful without media, so a failing list only hides media panels. */
async function listImageKeys(source: RunSource, runId: string, signal: AbortSignal): Promise<MediaKey[]> {
  if (typeof source.listMedia !== 'function') return [];
  try {
    const keys = await source.listMedia(runId, { signal });
    return Array.isArray(keys) ? keys.filter((k) => k && typeof k.key === 'string' && k.kind === 'image') : [];
  } catch (e) {
    if (signal.aborted) throw e;
    if (!(isSourceError(e) && e.code === 'not-found')) console.warn('<metric-workspace>: could not list media', e);
    return [];
  }
}

const X_AXES = ['step', 'relative', 'process', 'wallclock'] as const;
/** Metric checkboxes shown at once in the dialog (the filter narrows the rest). */
const DIALOG_METRICS = 200;
let workspaceCount = 0;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isCssColor(c: string): boolean {
  return typeof CSS !== 'undefined' && CSS.supports('color', c);
}

/**
 * The Charts tab: one chart per logged history metric, grouped into sections by key prefix,
 * searchable, editable, and light with thousands of metrics (only panels on or near the screen
 * hold a chart). Media keys get a `<media-panel>` in their section.
 *
 * Settings are saved in `localStorage` under `runpage:metric-workspace:<storage-key>:<run id>`;
 * a source has no stable identity across page loads, so set `storage-key` to tell sources apart
 * (a project name, a server URL). The same layout is the `settings` property, and every change
 * fires `metric-workspace-change`, so a portal can keep it on its server instead.
 *
 * @summary Every metric of a run as charts, in sections, with search and per-panel settings.
 *
 * @csspart base - The wrapper of everything below.
 * @csspart toolbar - Search and workspace-wide settings.
 * @csspart search - The search field.
 * @csspart notice - Messages: an invalid regex, ignored saved settings.
 * @csspart body - The scrolling area with the sections.
 * @csspart section - One section.
 * @csspart section-header - A section's title, count and buttons.
 * @csspart panel - One panel (chart or media) with its header.
 * @csspart match - Highlighted search matches in panel titles.
 * @csspart dialog - The panel and section settings dialog.
 * @csspart fullscreen - The full-screen panel dialog.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-metric-workspace-height - Height of the workspace (default 720px); the body scrolls inside.
 * @cssprop --runpage-metric-workspace-panel-height - Height of every chart panel (default 300px).
 * @cssprop --runpage-metric-workspace-media-height - Height of media panels (default 360px).
 *
 * @fires metric-workspace-change - The layout changed (any setting, panel added, deleted…); `detail.settings` is the whole layout.
 */
export class MetricWorkspace extends RunpageElement {
  static override styles = [RunpageElement.styles, metricWorkspaceStyles];

  /**
   * Identifies the source in the localStorage key (with the run id), e.g. a project or server URL.
   * Settings of runs with the same id in different sources stay apart when it differs.
   */
  @property({ attribute: 'storage-key' }) storageKey?: string;

  /** Do not read or write settings in localStorage (a portal stores `settings` itself). */
  @property({ type: Boolean, attribute: 'no-storage' }) noStorage = false;

  /** Do not follow live updates (new metrics while the run trains). */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;

  /** The search box's text: a substring, `/regex/`, and `-term` / `!term` exclusions. */
  @property() search = '';

  /**
   * The whole layout as JSON (workspace, section and panel settings, added and deleted panels).
   * Setting it replaces the layout; invalid parts are reported with `console.warn` and ignored.
   */
  @property({ attribute: false })
  get settings(): WorkspaceSettings {
    return structuredClone(this.layout);
  }
  set settings(value: WorkspaceSettings | undefined) {
    if (value === undefined) {
      this.layout = emptySettings();
      this.explicitSettings = false;
      this.loadedKey = undefined;
      return;
    }
    const { settings, problems } = parseSettings(value);
    if (problems.length) console.warn(`<metric-workspace>: ignored invalid settings: ${problems.join('; ')}`);
    this.layout = settings;
    this.explicitSettings = true;
  }

  @state() private layout: WorkspaceSettings = emptySettings();
  @state() private liveMetrics: MetricInfo[] = [];
  /** Media keys listed again after a live `media-changed`; beats the first listing. */
  @state() private liveMedia?: MediaKey[];
  @state() private editing?: Editing;
  @state() private draftMetrics: string[] = [];
  @state() private metricFilter = '';
  @state() private formErrors: string[] = [];
  @state() private fullscreenId?: string;
  @state() private problems: string[] = [];
  @query('.body') private body?: HTMLElement;
  @query('dialog.settings') private settingsDialog?: HTMLDialogElement;
  @query('dialog.fullscreen') private fullscreenDialog?: HTMLDialogElement;

  private explicitSettings = false;
  private loadedKey?: string;
  private lastTerms: SearchTerm[] = [];
  private searchError?: string;
  private parsedFor?: string;
  private readonly syncGroup = `runpage-workspace-${++workspaceCount}`;
  private readonly charts = new Map<string, MetricChart>();
  private readonly mediaPanels = new Map<string, MediaPanel>();
  private fullscreenEl?: MetricChart | MediaPanel;
  private dialogOpener?: HTMLElement;
  private dialogSeq = 0;
  private shownSeq = 0;
  private fullscreenOpener?: HTMLElement;
  private propagatingZoom = false;
  /** The last synced zoom, by x-axis, for charts created later. */
  private sharedZoom = new Map<string, [number, number]>();
  private readonly near = new NearScreenController(this, () => this.body);
  private panelsMemo?: { key: unknown[]; panels: Panel[]; sections: Section[] };

  private metricsTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }): Promise<Loaded> => {
      if (!source || !runId) return initialState as never;
      const [metrics, media] = await Promise.all([
        requireMethod(source, 'listMetrics')(runId, { signal }),
        listImageKeys(source, runId, signal),
      ]);
      return { metrics: Array.isArray(metrics) ? metrics : [], media };
    },
  });

  constructor() {
    super();
    new LiveController(
      this,
      () => ({ source: this.dataSource, runId: this.runId, enabled: !this.noLive }),
      (events) => this.onLive(events),
    );
  }

  // ---- settings ---------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const runId = this.runId;
    if (changed.has('source') || changed.has('run') || changed.has('src')) {
      this.liveMetrics = [];
      this.liveMedia = undefined;
    }
    if (!runId || this.noStorage || this.explicitSettings) return;
    const key = storageKeyFor(this.storageKey, runId);
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    const stored = loadSettings(key);
    this.layout = stored.settings ?? emptySettings();
    this.problems = stored.problems;
    if (stored.problems.length)
      console.warn(`<metric-workspace>: ignored invalid saved settings (${key}): ${stored.problems.join('; ')}`);
  }

  private commit(next: WorkspaceSettings): void {
    this.layout = compactSettings(next);
    const runId = this.runId;
    if (runId && !this.noStorage) {
      const key = storageKeyFor(this.storageKey, runId);
      this.loadedKey = key;
      const problem = saveSettings(key, this.layout);
      if (problem) console.warn(`<metric-workspace>: ${problem}`);
    }
    this.dispatchEvent(
      new CustomEvent<MetricWorkspaceChangeDetail>('metric-workspace-change', {
        detail: { settings: structuredClone(this.layout) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private edit(change: (s: WorkspaceSettings) => void): void {
    const next = structuredClone(this.layout);
    change(next);
    this.commit(next);
  }

  private setWorkspace<K extends keyof WorkspaceSettings['workspace']>(
    key: K,
    value: WorkspaceSettings['workspace'][K],
  ): void {
    this.edit((s) => {
      if (value === undefined) delete s.workspace[key];
      else s.workspace[key] = value;
    });
  }

  // ---- live -------------------------------------------------------------------------------

  private onLive(events: RunEvent[]): void {
    const known = new Set([...(this.metricsTask.value?.metrics ?? []), ...this.liveMetrics].map((m) => m.key));
    const added: MetricInfo[] = [];
    let mediaChanged = false;
    for (const e of events) {
      if (e.type === 'metrics-added') {
        for (const m of e.metrics) {
          if (!m || typeof m.key !== 'string' || known.has(m.key)) continue;
          known.add(m.key);
          added.push(m);
        }
      } else if (e.type === 'media-changed' && e.keys.some((k) => !this.mediaKeys().some((m) => m.key === k))) {
        mediaChanged = true;
      }
    }
    if (added.length) this.liveMetrics = [...this.liveMetrics, ...added];
    const source = this.dataSource;
    const runId = this.runId;
    if (mediaChanged && source && runId) {
      void listImageKeys(source, runId, new AbortController().signal).then((keys) => {
        if (this.dataSource === source && this.runId === runId) this.liveMedia = keys;
      });
    }
  }

  // ---- panels -----------------------------------------------------------------------------

  private mediaKeys(): MediaKey[] {
    return this.liveMedia ?? this.metricsTask.value?.media ?? [];
  }

  /** Panels and their sections, computed again only when the metrics, media or layout change. */
  private layoutOf(loaded: Loaded): { panels: Panel[]; sections: Section[] } {
    const media = this.liveMedia ?? loaded.media;
    const key = [loaded.metrics, this.liveMetrics, media, this.layout];
    if (this.panelsMemo && this.panelsMemo.key.every((k, i) => k === key[i])) return this.panelsMemo;
    const panels = buildPanels([...loaded.metrics, ...this.liveMetrics], media, this.layout);
    this.panelsMemo = { key, panels, sections: groupSections(panels, this.layout) };
    return this.panelsMemo;
  }

  private allMetricKeys(): string[] {
    const metrics = [...(this.metricsTask.value?.metrics ?? []), ...this.liveMetrics];
    return metrics.filter((m) => m.group === 'history').map((m) => m.key);
  }

  private searchTerms(): SearchTerm[] {
    if (this.parsedFor !== this.search) {
      this.parsedFor = this.search;
      const parsed = parseSearch(this.search ?? '');
      if (parsed.ok) {
        this.lastTerms = parsed.terms;
        this.searchError = undefined;
      } else {
        this.searchError = parsed.error;
      }
    }
    return this.lastTerms;
  }

  private panelById(id: string): Panel | undefined {
    return this.panelsMemo?.panels.find((p) => p.id === id);
  }

  private shownPanels(): Panel[] {
    const terms = this.lastTerms;
    const sections = this.panelsMemo?.sections ?? [];
    return sections.flatMap((s) => s.panels.filter((p) => matchesSearch(terms, p.title)));
  }

  private chartFor(panel: Panel, into: Map<string, MetricChart> | undefined): MetricChart | undefined {
    let chart = into?.get(panel.id);
    if (!chart) {
      chart = createElementOf(MetricChart);
      if (!chart) return undefined;
      if (into) {
        into.set(panel.id, chart);
        void this.applySharedZoom(chart);
      }
    }
    this.configureChart(chart, panel);
    return chart;
  }

  private configureChart(chart: MetricChart, panel: Panel): void {
    const r = resolvePanel(this.layout, panel.section, panel.settings);
    const s: PanelSettings = panel.settings ?? {};
    chart.source = this.dataSource;
    chart.run = this.runId;
    chart.sync = this.syncGroup;
    if (!sameJson(chart.metrics, panel.keys)) chart.metrics = [...panel.keys];
    chart.x = r.x;
    chart.smoothing = r.smoothing;
    chart.smoothingWeight = r.smoothingWeight;
    chart.ignoreOutliers = r.ignoreOutliers;
    chart.logX = r.logX;
    chart.logY = r.logY;
    chart.xMin = s.xMin;
    chart.xMax = s.xMax;
    chart.yMin = s.yMin;
    chart.yMax = s.yMax;
    chart.legend = s.legend;
    if (!sameJson(chart.colors, s.colors)) chart.colors = s.colors ? [...s.colors] : undefined;
    chart.noLive = this.noLive;
    chart.theme = this.theme;
  }

  private mediaFor(panel: Panel, into: Map<string, MediaPanel>): MediaPanel | undefined {
    let media = into.get(panel.id);
    if (!media) {
      media = createElementOf(MediaPanel);
      if (!media) return undefined;
      into.set(panel.id, media);
    }
    this.configureMedia(media, panel);
    return media;
  }

  private configureMedia(media: MediaPanel, panel: Panel): void {
    media.source = this.dataSource;
    media.run = this.runId;
    if (!sameJson(media.keys, panel.keys)) media.keys = [...panel.keys];
    media.theme = this.theme;
  }

  private async applySharedZoom(chart: MetricChart): Promise<void> {
    if (!this.layout.syncZoom) return;
    await chart.updateComplete;
    const range = this.sharedZoom.get(chart.x);
    if (range && this.layout.syncZoom) {
      this.propagatingZoom = true;
      try {
        chart.zoomTo(range[0], range[1]);
      } finally {
        this.propagatingZoom = false;
      }
    }
  }

  private onZoom = (e: CustomEvent<MetricChartZoomDetail>): void => {
    if (this.propagatingZoom || !this.layout.syncZoom) return;
    const from = e.composedPath().find((n): n is MetricChart => n instanceof MetricChart);
    if (!from) return;
    const range = e.detail.range;
    if (range) this.sharedZoom.set(from.x, range);
    else this.sharedZoom.delete(from.x);
    this.propagatingZoom = true;
    try {
      for (const chart of this.charts.values()) {
        if (chart === from || chart.x !== from.x) continue;
        if (range) chart.zoomTo(range[0], range[1]);
        else chart.resetZoom();
      }
    } finally {
      this.propagatingZoom = false;
    }
  };

  // ---- panel actions ----------------------------------------------------------------------

  private newPanelId(): string {
    const used = new Set(this.layout.custom.map((c) => c.id));
    let n = this.layout.custom.length + 1;
    while (used.has(`panel-${n}`)) n++;
    return `panel-${n}`;
  }

  private duplicate(panel: Panel): void {
    this.edit((s) => {
      const copy = { ...(panel.settings ?? {}) } as PanelSettings & { id?: string; section?: string };
      delete copy.id;
      delete copy.section;
      s.custom.push({
        ...structuredClone(copy),
        id: this.newPanelId(),
        section: panel.section,
        metrics: [...panel.keys],
      });
    });
  }

  private removePanel(panel: Panel): void {
    this.edit((s) => {
      if (panel.auto) {
        s.hidden.push(panel.id);
        delete s.panels[panel.id];
      } else s.custom = s.custom.filter((c) => c.id !== panel.id);
    });
    this.charts.delete(panel.id);
    this.mediaPanels.delete(panel.id);
  }

  private resetPanel(panel: Panel): void {
    this.edit((s) => delete s.panels[panel.id]);
    this.closeDialog();
  }

  private toggleSection(section: Section, key: 'collapsed' | 'pinned'): void {
    this.edit((s) => {
      const own = (s.sections[section.name] ??= {});
      if (own[key]) delete own[key];
      else own[key] = true;
    });
  }

  // ---- dialogs ----------------------------------------------------------------------------

  private openDialog(editing: Editing, opener: EventTarget | null): void {
    this.dialogOpener = opener instanceof HTMLElement ? opener : undefined;
    this.editing = editing;
    this.formErrors = [];
    this.metricFilter = '';
    if (editing.scope === 'panel') this.draftMetrics = [...(this.panelById(editing.id)?.keys ?? [])];
    else this.draftMetrics = [];
    const seq = ++this.dialogSeq;
    void this.updateComplete.then(() => {
      const d = this.settingsDialog;
      if (d && !d.open && seq === this.dialogSeq) {
        d.showModal();
        this.shownSeq = seq;
      }
    });
  }

  private closeDialog(): void {
    this.settingsDialog?.close();
  }

  private onDialogClose = (): void => {
    // the close event is queued: a dialog opened again since then is not the one that closed
    if (this.settingsDialog?.open || this.shownSeq !== this.dialogSeq) return;
    this.editing = undefined;
    const opener = this.dialogOpener;
    this.dialogOpener = undefined;
    if (opener?.isConnected) opener.focus();
    else this.body?.focus();
  };

  private onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    const form = new FormData(e.target as HTMLFormElement);
    if (editing.scope === 'section') {
      const { options, errors } = readLevelForm(form);
      this.formErrors = errors;
      if (errors.length) return;
      this.edit((s) => {
        const own = s.sections[editing.name] ?? {};
        s.sections[editing.name] = { collapsed: own.collapsed, pinned: own.pinned, ...options };
      });
      this.closeDialog();
      return;
    }
    const { settings, errors } = readPanelForm(form, this.draftMetrics, isCssColor);
    this.formErrors = errors;
    if (errors.length) return;
    if (editing.scope === 'new') {
      this.edit((s) =>
        s.custom.push({ ...settings, id: this.newPanelId(), section: editing.section, metrics: settings.metrics! }),
      );
    } else {
      const panel = this.panelById(editing.id);
      if (!panel) return this.closeDialog();
      this.edit((s) => {
        if (panel.auto) {
          const own = { ...settings };
          if (sameJson(own.metrics, [panel.id])) delete own.metrics;
          s.panels[panel.id] = own;
        } else {
          const i = s.custom.findIndex((c) => c.id === panel.id);
          if (i >= 0) s.custom[i] = { ...settings, id: panel.id, section: panel.section, metrics: settings.metrics! };
        }
      });
    }
    this.closeDialog();
  };

  private openFullscreen(panel: Panel, opener: EventTarget | null): void {
    this.fullscreenOpener = opener instanceof HTMLElement ? opener : undefined;
    this.fullscreenId = panel.id;
    void this.updateComplete.then(() => {
      const d = this.fullscreenDialog;
      if (d && !d.open) d.showModal();
    });
  }

  private stepFullscreen(delta: number): void {
    const shown = this.shownPanels();
    if (!shown.length) return;
    const i = shown.findIndex((p) => p.id === this.fullscreenId);
    const next = shown[(i + delta + shown.length) % shown.length];
    this.fullscreenId = next.id;
  }

  private onFullscreenKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // arrows inside the chart's plot move its cursor; inside a media panel they move its steps
    const path = e.composedPath();
    if (path.some((n) => n instanceof MetricChart || n instanceof MediaPanel || n instanceof HTMLInputElement)) return;
    e.preventDefault();
    this.stepFullscreen(e.key === 'ArrowRight' ? 1 : -1);
  };

  private onFullscreenClose = (): void => {
    if (this.fullscreenDialog?.open) return;
    this.fullscreenId = undefined;
    this.fullscreenEl = undefined;
    const opener = this.fullscreenOpener;
    this.fullscreenOpener = undefined;
    if (opener?.isConnected) opener.focus();
  };

  // ---- render -----------------------------------------------------------------------------

  override render(): TemplateResult {
    return this.renderTask(this.metricsTask, {
      what: msg(this.locale, 'what'),
      complete: (loaded) => this.renderWorkspace(loaded),
      empty: () => this.renderWorkspace(NOTHING_LOADED),
    });
  }

  private renderWorkspace(loaded: Loaded): TemplateResult {
    const l = this.locale;
    const { panels, sections } = this.layoutOf(loaded);
    if (panels.length === 0 && this.layout.hidden.length === 0) {
      this.charts.clear();
      return renderEmpty(msg(l, 'empty'), msg(l, 'emptyDetail'));
    }
    const terms = this.searchTerms();
    const searching = terms.length > 0;
    let matched = 0;
    const rendered = sections.map((section) => {
      const hits = searching ? section.panels.filter((p) => matchesSearch(terms, p.title)) : section.panels;
      matched += hits.length;
      return { section, hits };
    });
    this.dropFarCharts();
    return html`<div part="base" class="base">
      ${this.renderToolbar(panels.length, matched, searching)} ${this.renderNotices()}
      <div part="body" class="body" tabindex="-1" @metric-chart-zoom=${this.onZoom}>
        ${rendered.map(({ section, hits }) => (searching && hits.length === 0 ? nothing : this.renderSection(section, hits, terms, searching)))}
        ${searching && matched === 0 ? html`<p class="no-match">${msg(l, 'noMatch')}</p>` : nothing}
      </div>
      ${this.renderDialog()} ${this.renderFullscreen()}
    </div>`;
  }

  /** Charts that left the screen are forgotten: their elements leave the DOM on this render. */
  private dropFarCharts(): void {
    for (const id of this.charts.keys()) if (!this.near.mounted.has(id)) this.charts.delete(id);
    for (const id of this.mediaPanels.keys()) if (!this.near.mounted.has(id)) this.mediaPanels.delete(id);
  }

  private renderToolbar(total: number, matched: number, searching: boolean): TemplateResult {
    const l = this.locale;
    const w = this.layout.workspace;
    const count = searching
      ? msg(l, 'panelCount', formatNumber(matched, l), formatNumber(total, l))
      : msg(l, 'panelTotal', formatNumber(total, l));
    return html`<div part="toolbar" class="toolbar" role="group" aria-label=${msg(l, 'toolbar')}>
      <input
        part="search"
        class="search"
        type="search"
        .value=${this.search ?? ''}
        placeholder=${msg(l, 'searchPlaceholder')}
        aria-label=${msg(l, 'searchLabel')}
        title=${msg(l, 'searchHelp')}
        aria-invalid=${this.searchError ? 'true' : 'false'}
        aria-describedby=${this.searchError ? 'search-error' : nothing}
        @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
      />
      <span class="count" role="status">${count}</span>
      ${this.renderSharedSelects(w, false, (key, value) => this.setWorkspace(key, value as never))}
      <label class="field"
        >${msg(l, 'columns')}
        <select @change=${(e: Event) => this.setWorkspace('columns', Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: MAX_COLUMNS }, (_, i) => i + 1).map(
            (n) =>
              html`<option value=${n} ?selected=${(this.layout.workspace.columns ?? DEFAULT_COLUMNS) === n}>
                ${n}
              </option>`,
          )}
        </select></label
      >
      <label class="field"
        >${msg(l, 'sort')}
        <select
          @change=${(e: Event) =>
            this.edit((s) => (s.sort = (e.target as HTMLSelectElement).value === 'order' ? 'order' : 'alpha'))}
        >
          <option value="alpha" ?selected=${this.layout.sort === 'alpha'}>${msg(l, 'sortAlpha')}</option>
          <option value="order" ?selected=${this.layout.sort === 'order'}>${msg(l, 'sortOrder')}</option>
        </select></label
      >
      <label class="field check"
        ><input
          type="checkbox"
          .checked=${this.layout.syncZoom}
          @change=${(e: Event) => this.edit((s) => (s.syncZoom = (e.target as HTMLInputElement).checked))}
        />${msg(l, 'syncZoom')}</label
      >
      <button
        class="rp-button"
        type="button"
        @click=${(e: Event) => this.openDialog({ scope: 'new', section: DEFAULT_SECTION }, e.currentTarget)}
      >
        ${msg(l, 'addPanel')}
      </button>
      ${
        this.layout.hidden.length
          ? html`<button class="rp-button" type="button" @click=${() => this.edit((s) => (s.hidden = []))}>
              ${msg(l, 'restoreHidden')} (${formatNumber(this.layout.hidden.length, l)})
            </button>`
          : nothing
      }
      <button class="rp-button" type="button" @click=${() => this.commit(emptySettings())}>
        ${msg(l, 'resetAll')}
      </button>
    </div>`;
  }

  /**
   * X-axis, smoothing and outlier controls. In the toolbar they set workspace values (`inherit`
   * is not offered for x and smoothing); in the dialog every level can also inherit.
   */
  private renderSharedSelects(
    o: SharedOptions,
    inDialog: boolean,
    set?: (key: keyof SharedOptions, value: unknown) => void,
  ): TemplateResult {
    const l = this.locale;
    const name = (n: string) => (inDialog ? n : nothing);
    const inherit = html`<option value="" ?selected=${o.x === undefined}>${msg(l, 'inherit')}</option>`;
    const customX = o.x !== undefined && !(X_AXES as readonly string[]).includes(o.x) ? o.x : undefined;
    return html`<label class="field"
        >${msg(l, 'xAxis')}
        <select
          name=${name('x')}
          @change=${(e: Event) => set?.('x', (e.target as HTMLSelectElement).value || undefined)}
        >
          ${inDialog ? inherit : nothing}
          ${X_AXES.map((x) => html`<option value=${x} ?selected=${(o.x ?? (inDialog ? '' : 'step')) === x}>${msg(l, x)}</option>`)}
          ${customX ? html`<option value=${customX} selected>${customX}</option>` : nothing}
          ${
            inDialog
              ? this.allMetricKeys()
                  .filter((k) => k !== customX)
                  .slice(0, DIALOG_METRICS)
                  .map((k) => html`<option value=${k}>${k}</option>`)
              : nothing
          }
        </select></label
      >
      <label class="field"
        >${msg(l, 'smoothing')}
        <select
          name=${name('smoothing')}
          @change=${(e: Event) => set?.('smoothing', (e.target as HTMLSelectElement).value || undefined)}
        >
          ${inDialog ? html`<option value="" ?selected=${o.smoothing === undefined}>${msg(l, 'inherit')}</option>` : nothing}
          ${SMOOTHING_KINDS.map(
            (k) =>
              html`<option value=${k} ?selected=${(o.smoothing ?? (inDialog ? '' : 'none')) === k}>
                ${msg(l, k)}
              </option>`,
          )}
        </select></label
      >
      <label class="field"
        >${msg(l, 'smoothingWeight')}
        <input
          class="weight"
          name=${name('smoothingWeight')}
          type="number"
          min="0"
          step="any"
          .value=${o.smoothingWeight === undefined ? '' : String(o.smoothingWeight)}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).valueAsNumber;
            set?.('smoothingWeight', Number.isFinite(v) && v >= 0 ? v : undefined);
          }}
      /></label>
      ${
        inDialog
          ? html`<label class="field"
              >${msg(l, 'outliers')}
              <select name="ignoreOutliers">
                <option value="" ?selected=${o.ignoreOutliers === undefined}>${msg(l, 'inherit')}</option>
                <option value="on" ?selected=${o.ignoreOutliers === true}>${msg(l, 'on')}</option>
                <option value="off" ?selected=${o.ignoreOutliers === false}>${msg(l, 'off')}</option>
              </select></label
            >`
          : html`<label class="field check"
              ><input
                type="checkbox"
                .checked=${o.ignoreOutliers === true}
                @change=${(e: Event) => set?.('ignoreOutliers', (e.target as HTMLInputElement).checked || undefined)}
              />${msg(l, 'outliers')}</label
            >`
      }`;
  }

  private renderNotices(): TemplateResult | typeof nothing {
    const l = this.locale;
    if (!this.searchError && !this.problems.length) return nothing;
    return html`<div part="notice" class="notices">
      ${
        this.searchError
          ? html`<p id="search-error" class="notice notice--error" role="alert">
              ${msg(l, 'invalidRegex', this.searchError)}
            </p>`
          : nothing
      }
      ${
        this.problems.length
          ? html`<p class="notice" role="status">
              ${msg(l, 'storedProblems', formatNumber(this.problems.length, l))}
              <button class="rp-button" type="button" @click=${() => (this.problems = [])}>${msg(l, 'dismiss')}</button>
            </p>`
          : nothing
      }
    </div>`;
  }

  private sectionLabel(name: string): string {
    return name === DEFAULT_SECTION ? msg(this.locale, 'defaultSection') : name;
  }

  private renderSection(section: Section, hits: Panel[], terms: SearchTerm[], searching: boolean): TemplateResult {
    const l = this.locale;
    const label = this.sectionLabel(section.name);
    const open = searching || !section.collapsed;
    const id = `section-${encodeURIComponent(section.name) || 'default'}`;
    const count = searching
      ? msg(l, 'sectionMatches', formatNumber(hits.length, l), formatNumber(section.panels.length, l))
      : msg(l, 'sectionCount', formatNumber(section.panels.length, l));
    return html`<section part="section" class="section" aria-labelledby=${id} data-section=${section.name}>
      <div part="section-header" class="section-header">
        <h3 class="section-title">
          <button
            id=${id}
            class="section-toggle"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            ?disabled=${searching}
            @click=${() => this.toggleSection(section, 'collapsed')}
          >
            <span class="chevron" aria-hidden="true">${open ? '▾' : '▸'}</span>${label}
          </button>
        </h3>
        <span class="section-count">${count}</span>
        <button
          class="icon-button"
          type="button"
          aria-pressed=${section.pinned ? 'true' : 'false'}
          title=${section.pinned ? msg(l, 'unpin') : msg(l, 'pin')}
          aria-label=${`${section.pinned ? msg(l, 'unpin') : msg(l, 'pin')}: ${label}`}
          @click=${() => this.toggleSection(section, 'pinned')}
        >
          ${icons.pin}
        </button>
        <button
          class="icon-button"
          type="button"
          aria-label=${msg(l, 'sectionSettings', label)}
          title=${msg(l, 'sectionSettings', label)}
          @click=${(e: Event) => this.openDialog({ scope: 'section', name: section.name }, e.currentTarget)}
        >
          ${icons.gear}
        </button>
        <button
          class="icon-button"
          type="button"
          aria-label=${msg(l, 'addPanelTo', label)}
          title=${msg(l, 'addPanelTo', label)}
          @click=${(e: Event) => this.openDialog({ scope: 'new', section: section.name }, e.currentTarget)}
        >
          ${icons.plus}
        </button>
      </div>
      ${
        open
          ? html`<div
              class="grid"
              style=${styleProps({ '--_columns': String(resolveColumns(this.layout, section.name)) })}
            >
              ${repeat(
                hits,
                (p) => p.id,
                (p) => this.renderPanel(p, terms),
              )}
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderTitle(title: string, terms: SearchTerm[]): TemplateResult {
    const ranges = terms.length ? highlightRanges(terms, title) : [];
    if (!ranges.length) return html`${title}`;
    const parts: TemplateResult[] = [];
    let at = 0;
    for (const [a, b] of ranges) {
      parts.push(html`${title.slice(at, a)}<mark part="match">${title.slice(a, b)}</mark>`);
      at = b;
    }
    return html`${parts}${title.slice(at)}`;
  }

  private renderPanel(panel: Panel, terms: SearchTerm[]): TemplateResult {
    const near = this.near.mounted.has(panel.id);
    const content = near
      ? panel.kind === 'media'
        ? this.mediaFor(panel, this.mediaPanels)
        : this.chartFor(panel, this.charts)
      : undefined;
    // far panels are a title only (fewer nodes to build and lay out for thousands of panels)
    return html`<article
      part="panel"
      class=${`panel panel--${panel.kind}${near ? '' : ' panel--far'}`}
      data-panel-id=${panel.id}
      aria-label=${panel.title}
    >
      ${
        near
          ? html`<header class="panel-header">
                <span class="panel-title" title=${panel.title}>${this.renderTitle(panel.title, terms)}</span>
                ${this.renderPanelButtons(panel)}
              </header>
              <div class="panel-body">${content}</div>`
          : html`<span class="panel-title panel-title--far">${this.renderTitle(panel.title, terms)}</span>`
      }
    </article>`;
  }

  private renderPanelButtons(panel: Panel): TemplateResult {
    const l = this.locale;
    const t = panel.title;
    return html`<span class="panel-buttons">
      <button
        class="icon-button"
        type="button"
        aria-label=${msg(l, 'fullScreen', t)}
        title=${msg(l, 'fullScreen', t)}
        @click=${(e: Event) => this.openFullscreen(panel, e.currentTarget)}
      >
        ${icons.expand}
      </button>
      ${
        panel.kind === 'chart'
          ? html`<button
                class="icon-button"
                type="button"
                aria-label=${msg(l, 'settingsOf', t)}
                title=${msg(l, 'settingsOf', t)}
                @click=${(e: Event) => this.openDialog({ scope: 'panel', id: panel.id }, e.currentTarget)}
              >
                ${icons.gear}
              </button>
              <button
                class="icon-button"
                type="button"
                aria-label=${msg(l, 'duplicate', t)}
                title=${msg(l, 'duplicate', t)}
                @click=${() => this.duplicate(panel)}
              >
                ${icons.copy}
              </button>`
          : nothing
      }
      <button
        class="icon-button"
        type="button"
        aria-label=${msg(l, 'remove', t)}
        title=${msg(l, 'remove', t)}
        @click=${() => this.removePanel(panel)}
      >
        ${icons.close}
      </button>
    </span>`;
  }

  private renderDialog(): TemplateResult {
    const l = this.locale;
    const e = this.editing;
    let heading = '';
    let body: TemplateResult | typeof nothing = nothing;
    let panel: Panel | undefined;
    if (e?.scope === 'section') {
      heading = msg(l, 'sectionDialog', this.sectionLabel(e.name));
      const own = this.layout.sections[e.name] ?? {};
      body = html`${this.renderSharedSelects(own, true)}
        <label class="field"
          >${msg(l, 'columns')}
          <select name="columns">
            <option value="" ?selected=${own.columns === undefined}>${msg(l, 'inherit')}</option>
            ${Array.from({ length: MAX_COLUMNS }, (_, i) => i + 1).map(
              (n) => html`<option value=${n} ?selected=${own.columns === n}>${n}</option>`,
            )}
          </select></label
        >`;
    } else if (e) {
      panel = e.scope === 'panel' ? this.panelById(e.id) : undefined;
      heading = panel ? msg(l, 'panelSettings', panel.title) : msg(l, 'newPanel');
      body = this.renderPanelForm(panel?.settings ?? {});
    }
    const error = this.formErrors.length ? this.describeErrors() : '';
    return html`<dialog part="dialog" class="settings" aria-labelledby="dialog-title" @close=${this.onDialogClose}>
      ${
        e
          ? html`<form @submit=${this.onSubmit} novalidate>
              <h2 id="dialog-title">${heading}</h2>
              <div class="form-fields">${body}</div>
              ${error ? html`<p class="form-error" role="alert">${error}</p>` : nothing}
              <div class="dialog-buttons">
                ${
                  panel?.auto && panel.settings
                    ? html`<button class="rp-button" type="button" @click=${() => this.resetPanel(panel!)}>
                        ${msg(l, 'reset')}
                      </button>`
                    : nothing
                }
                <button class="rp-button" type="button" @click=${() => this.closeDialog()}>${msg(l, 'cancel')}</button>
                <button class="rp-button rp-button--primary" type="submit">${msg(l, 'apply')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private describeErrors(): string {
    const l = this.locale;
    return this.formErrors
      .map((f) =>
        f === 'metrics' ? msg(l, 'pickMetric') : f.startsWith('color:') ? msg(l, 'badColor', f.slice(6)) : f,
      )
      .join(' ');
  }

  private renderPanelForm(s: PanelSettings): TemplateResult {
    const l = this.locale;
    const filter = this.metricFilter.toLowerCase();
    const keys = this.allMetricKeys();
    const chosen = new Set(this.draftMetrics);
    const listed = keys
      .filter((k) => chosen.has(k) || k.toLowerCase().includes(filter))
      .slice(0, DIALOG_METRICS + chosen.size);
    const toggle = (key: string, on: boolean) =>
      (this.draftMetrics = on ? [...this.draftMetrics, key] : this.draftMetrics.filter((k) => k !== key));
    const num = (name: 'xMin' | 'xMax' | 'yMin' | 'yMax') =>
      html`<label class="field"
        >${msg(l, name)}<input
          name=${name}
          type="number"
          step="any"
          .value=${s[name] === undefined ? '' : String(s[name])}
      /></label>`;
    return html`<label class="field wide"
        >${msg(l, 'title')}<input
          name="title"
          type="text"
          .value=${s.title ?? ''}
          placeholder=${msg(l, 'titlePlaceholder')}
      /></label>
      <fieldset class="metrics wide">
        <legend>${msg(l, 'metrics')}</legend>
        <input
          type="search"
          aria-label=${msg(l, 'metricsFilter')}
          placeholder=${msg(l, 'metricsFilter')}
          .value=${this.metricFilter}
          @input=${(ev: Event) => (this.metricFilter = (ev.target as HTMLInputElement).value)}
        />
        <div class="metric-list">
          ${listed.map(
            (k) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${chosen.has(k)}
                  @change=${(ev: Event) => toggle(k, (ev.target as HTMLInputElement).checked)}
                />${k}</label
              >`,
          )}
        </div>
      </fieldset>
      ${this.renderSharedSelects(s, true)}
      <label class="field check"
        ><input name="logX" type="checkbox" .checked=${s.logX === true} />${msg(l, 'logX')}</label
      >
      <label class="field check"
        ><input name="logY" type="checkbox" .checked=${s.logY === true} />${msg(l, 'logY')}</label
      >
      ${num('xMin')} ${num('xMax')} ${num('yMin')} ${num('yMax')}
      <label class="field wide"
        >${msg(l, 'legend')}<input
          name="legend"
          type="text"
          .value=${s.legend ?? ''}
          placeholder="\${metric}"
          title=${msg(l, 'legendHelp')}
      /></label>
      <label class="field wide"
        >${msg(l, 'colors')}<input
          name="colors"
          type="text"
          .value=${(s.colors ?? []).join(', ')}
          placeholder="#2559d9, tomato"
          title=${msg(l, 'colorsHelp')}
      /></label>`;
  }

  private renderFullscreen(): TemplateResult {
    const l = this.locale;
    const panel = this.fullscreenId ? this.panelById(this.fullscreenId) : undefined;
    let content: MetricChart | MediaPanel | undefined;
    if (panel) {
      if (panel.kind === 'chart') {
        const chart = this.fullscreenEl instanceof MetricChart ? this.fullscreenEl : createElementOf(MetricChart);
        if (chart) this.configureChart(chart, panel);
        content = chart;
      } else {
        const media = this.fullscreenEl instanceof MediaPanel ? this.fullscreenEl : createElementOf(MediaPanel);
        if (media) this.configureMedia(media, panel);
        content = media;
      }
      this.fullscreenEl = content;
    }
    const shown = panel ? this.shownPanels() : [];
    const index = panel ? shown.findIndex((p) => p.id === panel.id) : -1;
    return html`<dialog
      part="fullscreen"
      class="fullscreen"
      aria-labelledby="fullscreen-title"
      @close=${this.onFullscreenClose}
      @keydown=${this.onFullscreenKey}
    >
      ${
        panel
          ? html`<div class="fullscreen-header">
                <button
                  class="rp-button"
                  type="button"
                  @click=${() => this.stepFullscreen(-1)}
                  aria-label=${msg(l, 'previous')}
                >
                  ←
                </button>
                <h2 id="fullscreen-title">${panel.title}</h2>
                <span class="fullscreen-position"
                  >${index >= 0 ? msg(l, 'fullScreenOf', formatNumber(index + 1, l), formatNumber(shown.length, l)) : ''}</span
                >
                <button
                  class="rp-button"
                  type="button"
                  @click=${() => this.stepFullscreen(1)}
                  aria-label=${msg(l, 'next')}
                >
                  →
                </button>
                <button class="rp-button" type="button" @click=${() => this.fullscreenDialog?.close()}>
                  ${common(l, 'close')}
                </button>
              </div>
              <div class="fullscreen-body">${content}</div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-workspace-change': CustomEvent<MetricWorkspaceChangeDetail>;
  }
}
