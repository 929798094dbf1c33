import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { initialState } from '@lit/task';
import type { MediaKey, MetricInfo, RunEvent, RunSource } from '../../data/source.js';
import { isSourceError } from '../../data/errors.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { elementToolbar, searchField } from '../../internal/controls.js';
import { formatNumber } from '../../internal/format.js';
import { common } from '../../internal/messages.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { SourceTask } from '../../internal/source-task.js';
import { ToolbarOverflowController, toolbarOverflowStyles } from '../../internal/toolbar-overflow.js';
import { renderEmpty, renderError } from '../../internal/states.js';
import type { FullscreenHost, FullscreenView } from './fullscreen-view.js';
import { msg } from './metric-workspace.messages.js';
import { metricWorkspaceStyles } from './metric-workspace.styles.js';
import { NearScreenController } from './near-screen.js';
import { buildPanels, DEFAULT_SECTION, groupSections, type Panel, type Section } from './panel-layout.js';
import { PanelPool } from './panel-pool.js';
import { matchesSearch, parseSearch, type SearchTerm } from './panel-search.js';
import { prepareReveal, SectionReveal } from './section-reveal.js';
import { renderSection, type GridHost } from './section-view.js';
import type { DialogHost, Editing, SettingsDialog } from './settings-dialog.js';
import { LazyOpening, lazyImport } from '../../internal/lazy-import.js';
import { loadSettings, storageKeyFor } from './settings-storage.js';
import { renderSharedFields } from './shared-fields.js';
import { emptySettings, MAX_COLUMNS, parseSettings, type WorkspaceSettings } from './workspace-settings.js';

/** `detail` of `metric-workspace-change`: the whole layout, ready to store as JSON. */
export interface MetricWorkspaceChangeDetail {
  settings: WorkspaceSettings;
}

interface Loaded {
  metrics: MetricInfo[];
  media: MediaKey[];
}

/** A run without metrics (`not-found`): live metrics may still arrive. */
const NOTHING_LOADED: Loaded = { metrics: [], media: [] };

/** The panel and section settings dialog loads on its first opening. */
export const settingsDialogCode = lazyImport(() => import('./settings-dialog.js'));
/** The full-screen view of a panel loads on its first opening too. */
export const fullscreenCode = lazyImport(() => import('./fullscreen-view.js'));
/** What the user's changes to the layout do, and storing them, loads with the first change. */
const editsCode = lazyImport(() => import('./layout-edits.js'));
type Edits = typeof import('./layout-edits.js');
/** A change to (a copy of) the layout. */
type Change = (s: WorkspaceSettings, edits: Edits) => void;

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

/**
 * The Charts tab: one chart per logged history metric, grouped into sections by key prefix,
 * searchable, editable, and light with thousands of metrics (only panels on or near the screen
 * hold a chart, mounted a few per frame; a panel waiting for its chart is `aria-busy`). Media keys
 * get a `<media-panel>` in their section.
 *
 * The panels fill the width: as many columns as fit panels of at least the minimum width, or a
 * chosen number of columns; below 600px of width (a phone) one column of full-width panels whose
 * titles wrap. Charts follow the size of their cell.
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
 * @csspart notice - Messages: an invalid regex, ignored saved settings, a dialog whose code could not load.
 * @csspart body - The scrolling area with the sections.
 * @csspart section - One section.
 * @csspart section-header - A section's title, count and buttons.
 * @csspart panel - One panel (chart or media) with its header.
 * @csspart match - Highlighted search matches in panel titles.
 * @csspart dialog - The panel and section settings dialog.
 * @csspart fullscreen - The full-screen panel dialog.
 * @csspart state - Loading, empty, error and unsupported states.
 * @csspart chart-base - In every chart (the parts of a `<metric-chart>` with the prefix `chart-`): its wrapper.
 * @csspart chart-header - In every chart: label, point counts and toolbar.
 * @csspart chart-title - In every chart: its label.
 * @csspart chart-toolbar - In every chart: reset zoom and export buttons.
 * @csspart chart-plot - In every chart: the focusable plot area.
 * @csspart chart-tooltip - In every chart: the crosshair tooltip.
 * @csspart chart-legend - In every chart: the list of series.
 * @csspart chart-notes - In every chart: warnings about the data.
 * @csspart chart-state - In every chart: its loading, empty, error and unsupported states (also `chart-loading`, `chart-empty`, `chart-unsupported`, `chart-error`, `chart-retry`).
 *
 * @cssprop --runpage-metric-workspace-height - Height of the workspace (default 720px); the body scrolls inside.
 * @cssprop --runpage-metric-workspace-panel-height - Height of every chart panel (default 300px).
 * @cssprop --runpage-metric-workspace-panel-min-width - Narrowest panel when the columns are automatic (default 340px): as many columns as fit.
 * @cssprop --runpage-metric-workspace-media-height - Height of media panels (default 360px).
 *
 * @fires metric-workspace-change - The layout changed (any setting, panel added, deleted…); `detail.settings` is the whole layout.
 */
export class MetricWorkspace extends RunpageElement {
  static override styles = [RunpageElement.styles, toolbarOverflowStyles, metricWorkspaceStyles];

  static override properties = {
    storageKey: { attribute: 'storage-key' },
    noStorage: { type: Boolean, attribute: 'no-storage' },
    noLive: { type: Boolean, attribute: 'no-live' },
    search: {},
    settings: { attribute: false },
    layout: { state: true },
    liveMetrics: { state: true },
    liveMedia: { state: true },
    problems: { state: true },
    openingFailed: { state: true },
  };

  /**
   * Identifies the source in the localStorage key (with the run id), e.g. a project or server URL.
   * Settings of runs with the same id in different sources stay apart when it differs.
   */
  declare storageKey?: string;

  /** Do not read or write settings in localStorage (a portal stores `settings` itself). */
  noStorage = false;

  /** Do not follow live updates (new metrics while the run trains). */
  noLive = false;

  /** The search box's text (`data/search-query.ts`): substrings, `"phrases"`, `/regex/`, globs, `-term` / `!term` exclusions. */
  search = '';

  /**
   * The whole layout as JSON (workspace, section and panel settings, added and deleted panels).
   * Setting it replaces the layout; invalid parts are reported with `console.warn` and ignored.
   */
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

  private layout: WorkspaceSettings = emptySettings();
  private liveMetrics: MetricInfo[] = [];
  /** Media keys listed again after a live `media-changed`; beats the first listing. */
  declare private liveMedia?: MediaKey[];
  private problems: string[] = [];
  /** Changes asked for before the changes' code was in (or while it could not load), in order. */
  private unapplied: Change[] = [];
  private editsLoading?: Promise<void>;
  private get body(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.body') ?? null;
  }
  private get settingsDialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog.settings') ?? null;
  }
  private get fullscreenDialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog.fullscreen') ?? null;
  }

  private explicitSettings = false;
  private loadedKey?: string;
  private lastTerms: SearchTerm[] = [];
  private searchError?: string;
  /** A settings dialog or full-screen view whose code could not load, and the opening to try again. */
  private openingFailed?: { why: unknown; retry: () => void };
  private parsedFor?: string;
  private readonly pool = new PanelPool(() => ({
    source: this.dataSource,
    runId: this.runId,
    theme: this.theme,
    noLive: this.noLive,
    layout: this.layout,
  }));
  /** The settings dialog, built on its first opening (its code loads then: most visits never open it). */
  private dialog?: SettingsDialog;
  private readonly dialogOpening = new LazyOpening(settingsDialogCode);
  private readonly dialogHost: DialogHost = {
    lang: () => this.locale,
    layout: () => this.layout,
    panelById: (id) => this.panelById(id),
    metricKeys: () => this.allMetricKeys(),
    sectionLabel: (name) => this.sectionLabel(name),
    edit: (change) => this.edit(change),
    element: () => this.settingsDialog ?? undefined,
    focusFallback: () => this.body?.focus(),
  };
  /** The full-screen view, made on its first opening. */
  private fullscreen?: FullscreenView;
  private readonly fullscreenOpening = new LazyOpening(fullscreenCode);
  private readonly fullscreenHost: FullscreenHost = {
    text: (key) => (key === 'close' ? common(this.locale, 'close') : msg(this.locale, key)),
    position: (index, count) =>
      msg(this.locale, 'fullScreenOf', formatNumber(index + 1, this.locale), formatNumber(count, this.locale)),
    panelById: (id) => this.panelById(id),
    shownPanels: () => this.shownPanels(),
    element: () => this.fullscreenDialog ?? undefined,
  };
  private readonly near = new NearScreenController(this, () => this.body);
  private readonly reveal = new SectionReveal(this, () => this.body);
  /** Below this width everything but the search and the count folds into a "More" menu. */
  private readonly toolbarOverflow = new ToolbarOverflowController(this, 720);
  private panelsMemo?: { key: unknown[]; panels: Panel[]; sections: Section[] };

  private metricsTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }): Promise<Loaded> => {
      if (!source || !runId) return initialState as never;
      const [metrics, media] = await Promise.all([
        requireMethod(source, 'listMetrics')(runId, { signal }),
        listImageKeys(source, runId, signal),
      ]);
      const listed = Array.isArray(metrics) ? metrics : [];
      // a listing longer than the first screen renders in slices: that code loads before it renders
      await prepareReveal(listed.length + media.length);
      return { metrics: listed, media };
    },
  });

  constructor() {
    super();
    followLiveRun(this, (events) => this.onLive(events));
  }

  /**
   * Opens the settings dialog. The first time, its code loads first: the opener keeps focus and says
   * it is busy meanwhile, then focus moves into the dialog as it opens. The last opening asked wins.
   */
  private openDialog(editing: Editing, opener: EventTarget | null): void {
    this.openingFailed = undefined;
    this.dialogOpening.open(
      opener,
      () => this.isConnected,
      (m) => {
        this.dialog ??= new m.SettingsDialog(this, this.dialogHost);
        this.dialog.open(editing, opener);
      },
      (why) => (this.openingFailed = { why, retry: () => this.openDialog(editing, opener) }),
    );
  }

  /** Opens `panel` full screen; the first time, like the settings dialog, once its code is in. */
  private openFullscreen(panel: Panel, opener: EventTarget | null): void {
    this.openingFailed = undefined;
    this.fullscreenOpening.open(
      opener,
      () => this.isConnected,
      (m) => {
        this.fullscreen ??= new m.FullscreenView(this, this.fullscreenHost, this.pool);
        this.fullscreen.open(panel, opener);
      },
      (why) => (this.openingFailed = { why, retry: () => this.openFullscreen(panel, opener) }),
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

  /**
   * Changes the layout, stores it and tells the page. The first change waits for the changes' code
   * (the workspace is busy meanwhile, `updateComplete` waits too); if it cannot load, the changes
   * made meanwhile wait for a retry.
   */
  private edit(change: Change): void {
    this.unapplied.push(change);
    this.applyEdits();
  }

  private applyEdits(): void {
    const code = editsCode.now;
    if (!code) {
      this.editsLoading ??= editsCode.load().then(() => {
        this.editsLoading = undefined;
        if (editsCode.now) this.applyEdits();
        else this.requestUpdate();
      });
      this.requestUpdate();
      return;
    }
    for (const change of this.unapplied.splice(0)) {
      const key = this.runId && !this.noStorage ? storageKeyFor(this.storageKey, this.runId) : undefined;
      this.loadedKey = key ?? this.loadedKey;
      this.layout = code.changedLayout(this.layout, (s) => change(s, code), key);
      this.emit('metric-workspace-change', { settings: structuredClone(this.layout) });
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.editsLoading;
    return super.getUpdateComplete();
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

  // ---- panel actions ----------------------------------------------------------------------

  private removePanel(panel: Panel): void {
    this.edit((s, edits) => {
      edits.removePanel(s, panel);
      this.pool.forget(panel.id);
    });
  }

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
      this.pool.clear();
      return renderEmpty(msg(l, 'empty'), msg(l, 'emptyDetail'));
    }
    this.reveal.start(loaded, sections);
    const terms = this.searchTerms();
    const searching = terms.length > 0;
    let matched = 0;
    const rendered = sections.map((section) => {
      const hits = searching ? section.panels.filter((p) => matchesSearch(terms, p.title)) : section.panels;
      matched += hits.length;
      return { section, hits };
    });
    // panels that left the screen lose their elements on this render
    this.pool.keepOnly(this.near.mounted);
    const grid: GridHost = {
      lang: l,
      layout: this.layout,
      mounted: this.near.mounted,
      pool: this.pool,
      pendingHeight: (section, hits, columns) =>
        this.reveal.isPending(section.name) ? this.reveal.estimate(hits, columns) : undefined,
      sectionLabel: (name) => this.sectionLabel(name),
      toggleSection: (section, key) => this.edit((s, edits) => edits.toggleSection(s, section, key)),
      openDialog: (editing, opener) => this.openDialog(editing, opener),
      openFullscreen: (panel, opener) => this.openFullscreen(panel, opener),
      duplicate: (panel) => this.edit((s, edits) => edits.duplicatePanel(s, panel)),
      remove: (panel) => this.removePanel(panel),
    };
    return html`<div part="base" class="base rp-form" aria-busy=${this.editsLoading ? 'true' : nothing}>
      ${this.renderToolbar(panels.length, matched, searching)} ${this.renderNotices()}
      <div part="body" class="body" tabindex="-1" @metric-chart-zoom=${this.pool.onZoom}>
        ${rendered.map(({ section, hits }) => (searching && hits.length === 0 ? nothing : renderSection(grid, section, hits, terms, searching)))}
        ${searching && matched === 0 ? html`<p class="no-match">${msg(l, 'noMatch')}</p>` : nothing}
      </div>
      ${this.dialog?.render() ?? nothing}
      <dialog
        part="fullscreen"
        class="fullscreen"
        aria-labelledby="fullscreen-title"
        @close=${() => this.fullscreen?.onClose()}
        @keydown=${(e: KeyboardEvent) => this.fullscreen?.onKey(e)}
      >
        ${this.fullscreen?.render() ?? nothing}
      </dialog>
    </div>`;
  }

  private renderToolbar(total: number, matched: number, searching: boolean): TemplateResult {
    const l = this.locale;
    const count = searching
      ? msg(l, 'panelCount', formatNumber(matched, l), formatNumber(total, l))
      : msg(l, 'panelTotal', formatNumber(total, l));
    return elementToolbar(
      { overflow: this.toolbarOverflow, label: msg(l, 'toolbar'), class: 'rp-toolbar' },
      html`${searchField({
          value: this.search ?? '',
          label: msg(l, 'searchLabel'),
          placeholder: msg(l, 'searchPlaceholder'),
          class: 'search',
          title: msg(l, 'searchHelp'),
          invalid: !!this.searchError,
          describedBy: this.searchError ? 'search-error' : undefined,
          onInput: (value) => (this.search = value),
        })}
        <span class="count rp-count" role="status">${count}</span>
        ${this.toolbarOverflow.render(l, this.renderToolbarSettings())}`,
    );
  }

  /** Workspace-wide settings and actions: in line on a wide workspace, in the "More" menu on a narrow one. */
  private renderToolbarSettings(): TemplateResult {
    const l = this.locale;
    const w = this.layout.workspace;
    return html`${renderSharedFields({
        lang: l,
        options: w,
        set: (key, value) => this.setWorkspace(key, value as never),
      })}
      <label class="field"
        >${msg(l, 'columns')}
        <select
          @change=${(e: Event) => {
            const n = Number((e.target as HTMLSelectElement).value);
            this.setWorkspace('columns', n > 0 ? n : undefined);
          }}
        >
          <option value="" ?selected=${w.columns === undefined}>${msg(l, 'columnsAuto')}</option>
          ${Array.from({ length: MAX_COLUMNS }, (_, i) => i + 1).map(
            (n) => html`<option value=${n} ?selected=${w.columns === n}>${n}</option>`,
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
      <button class="rp-button" type="button" @click=${() => this.edit((s) => Object.assign(s, emptySettings()))}>
        ${msg(l, 'resetAll')}
      </button>`;
  }

  private renderNotices(): TemplateResult | typeof nothing {
    const l = this.locale;
    const editsFailed = !this.editsLoading && this.unapplied.length > 0 && editsCode.failed !== undefined;
    const opening = this.openingFailed;
    if (!this.searchError && !this.problems.length && !editsFailed && !opening) return nothing;
    return html`<div part="notice" class="notices">
      ${editsFailed ? renderError(l, editsCode.failed, () => this.applyEdits()) : nothing}
      ${opening ? renderError(l, opening.why, opening.retry) : nothing}
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
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-workspace-change': CustomEvent<MetricWorkspaceChangeDetail>;
  }
}
