import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { ContextProvider } from '@lit/context';
import { initialState } from '@lit/task';
import type { RunContents, RunEvent, RunInfo, RunSource, SourceMethod } from '../../data/source.js';
import { isLiveState } from '../../data/source.js';
import { RunpageElement } from '../../internal/base-element.js';
import { RunOverview } from '../run-overview/run-overview.js';
import { hidingRulesState, privateDetailsCode } from '../run-overview/private-details-code.js';
import type { TextScrubber } from '../../data/private-details.js';
import { runContext } from '../../internal/context.js';
import { createElementOf, tagOf } from '../../internal/define-element.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { RovingTabindexController } from '../../internal/roving-tabindex.js';
import { ScrollHintController, scrollHintStyles } from '../../internal/scroll-hint.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty } from '../../internal/states.js';
import { decodeComponent } from '../../internal/decode.js';
import { renderStateBadge, renderTags, stateBadgeStyles } from '../../internal/state-badge.js';
import { onTabsProvided, RUN_PAGE_TABS, tabElement, type RunPageTabId } from '../../internal/tab-registry.js';
import { exportPartsAs, PART_NAMES } from '../../internal/part-names.js';
import { msg } from './run-page.messages.js';
import { serverPanel } from './server-panel.js';
import { runPageStyles } from './run-page.styles.js';
import { oneOf } from '../../internal/attribute-check.js';
import { bareHashEntries, LEGACY_LINES, readHashKey, UrlHashController } from '../../internal/url-hash.js';

/** The element each tab shows, by its unprefixed tag: whose parts the page re-exports as `<tab>-<part>`. */
const TAB_TAGS: Record<RunPageTabId, string> = {
  overview: 'run-overview',
  charts: 'metric-workspace',
  system: 'system-panel',
  model: 'model-table',
  logs: 'log-viewer',
  files: 'file-browser',
  artifacts: 'artifact-list',
};

function tabExportParts(id: RunPageTabId): string {
  return exportPartsAs(id, PART_NAMES[TAB_TAGS[id]] ?? []);
}

/**
 * What a tab needs: source methods (a source without them gets the tab disabled with the reason),
 * and the kinds of run contents it shows (a run that has ended with none of them gets it disabled).
 */
const NEEDS: Record<
  RunPageTabId,
  {
    methods: SourceMethod[];
    contents: (keyof RunContents)[];
    what: 'whatCharts' | 'whatSystem' | 'whatModel' | 'whatLogs' | 'whatFiles' | 'whatArtifacts' | undefined;
  }
> = {
  overview: { methods: [], contents: [], what: undefined },
  charts: { methods: ['listMetrics', 'getSeries'], contents: ['metrics', 'media'], what: 'whatCharts' },
  system: { methods: ['listMetrics', 'getSeries'], contents: ['system'], what: 'whatSystem' },
  model: { methods: ['getModel'], contents: ['model'], what: 'whatModel' },
  logs: { methods: ['getLogs'], contents: ['logs'], what: 'whatLogs' },
  files: { methods: ['listFiles'], contents: ['files'], what: 'whatFiles' },
  artifacts: { methods: ['listArtifacts'], contents: ['artifacts'], what: 'whatArtifacts' },
};

export interface RunPageTabChangeDetail {
  tab: RunPageTabId;
}

/** The run page's key in the URL hash (internal/url-hash.ts). */
const TAB_KEY = 'tab';
const isTab = (word: string | undefined): word is RunPageTabId => (RUN_PAGE_TABS as readonly unknown[]).includes(word);

/**
 * Picks the tab a URL hash names: `#tab=logs`; else a permalink of a tab's element (`L=12-20` →
 * logs, `files=…` → files); else an old link (`#logs`, `#L12-L20`).
 */
export function tabFromHash(hash: string): RunPageTabId | undefined {
  const keyed = readHashKey(hash, TAB_KEY);
  if (isTab(keyed)) return keyed;
  if (readHashKey(hash, 'L') !== undefined) return 'logs'; // the log viewer's line permalink
  for (const bare of bareHashEntries(hash)) {
    if (isTab(bare)) return bare;
    if (LEGACY_LINES.test(bare)) return 'logs';
  }
  // A hash that cannot be decoded is read as it is: `#files=/%E0%A4%A` still names the files tab.
  const raw = String(hash).replace(/^#/, '');
  const h = decodeComponent(raw) ?? raw;
  const direct = RUN_PAGE_TABS.find((t) => t === h);
  if (direct) return direct;
  if (/^L\d+(-L?\d+)?$/.test(h)) return 'logs';
  const prefix = /^([a-z]+)[=/:]/.exec(h)?.[1];
  return RUN_PAGE_TABS.find((t) => t === prefix);
}

/**
 * A whole run page: header and tabs (Overview, Charts, System, Model, Logs, Files, Artifacts),
 * each tab's element created when first shown and kept after. Everything inside gets this
 * element's source and run through context.
 *
 * @summary The full run page with tabs.
 * @csspart base - The wrapper of everything below.
 * @csspart header - Run name, state badge and tags.
 * @csspart state-badge - The run state badge in the header.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab button.
 * @csspart panel - Each tab panel.
 * @csspart state - Loading, empty, error and unsupported states.
 * @csspart overview-<part> - Each part of the Overview tab's `<run-overview>` (`overview-summary`…); likewise
 * `charts-<part>` (`<metric-workspace>`, its charts as `charts-chart-<part>`), `system-<part>`, `model-<part>`,
 * `logs-<part>`, `files-<part>` and `artifacts-<part>`.
 * @fires run-page-tab-change - The user opened another tab. `detail: { tab }`.
 */
export class RunPage extends RunpageElement {
  /** `focus()` moves to the selected tab. */
  protected override focusSelector = '[role="tab"][aria-selected="true"]';

  static override styles = [RunpageElement.styles, stateBadgeStyles, scrollHintStyles, runPageStyles];

  static override properties = {
    tab: { reflect: true },
    noHash: { type: Boolean, attribute: 'no-hash' },
    noLive: { type: Boolean, attribute: 'no-live' },
    privateDetails: { attribute: 'private-details', reflect: true },
    patch: { state: true },
    providedVersion: { state: true },
  };

  /** The open tab: overview, charts, system, model, logs, files or artifacts. */
  tab: RunPageTabId = 'overview';

  /** Do not read or write the URL hash: neither the open tab nor its element's key (for several run pages on one page). */
  noHash = false;

  /** Do not follow a live run: neither the header nor any tab updates from `source.watch`. */
  noLive = false;

  /** `hidden`: the Overview leaves out the run's private details (see `<run-overview private-details>`). */
  privateDetails: 'shown' | 'hidden' = 'shown';

  private patch: Partial<RunInfo> = {};
  private providedVersion = 0;
  private readonly panels = new Map<RunPageTabId, HTMLElement>();
  private readonly provider = new ContextProvider(this, { context: runContext, initialValue: {} });
  private stopTabs?: () => void;
  private fetched?: RunInfo;

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }) => {
      if (!source || !runId) return initialState;
      return source.getRun(runId, { signal });
    },
  });

  /** The tab list fades at an edge with more tabs beyond it, and keeps the open tab in view. */
  private readonly tabScroll = new ScrollHintController(this);
  private revealedTab?: string;

  private readonly roving = new RovingTabindexController<HTMLElement>(
    this,
    () => [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])],
    { orientation: 'horizontal', onMove: (el) => this.select(el.dataset.tab as RunPageTabId) },
  );

  constructor() {
    super();
    followLiveRun(this, (events: RunEvent[]) => {
      let patch = this.patch;
      for (const e of events) if (e.type === 'run') patch = { ...patch, ...e.run };
      this.patch = patch;
    });
  }

  private readonly hash = new UrlHashController(this, {
    enabled: () => !this.noHash,
    onChange: (hash) => {
      const fromHash = tabFromHash(hash);
      if (fromHash && fromHash !== this.tab) this.tab = fromHash;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopTabs = onTabsProvided(() => this.providedVersion++);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTabs?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('tab')) this.tab = oneOf(this, 'tab', this.tab, RUN_PAGE_TABS, 'overview', 'showing the overview');
    if (this.task.value !== this.fetched) {
      this.fetched = this.task.value;
      this.patch = {};
    }
    if (changed.has('privateDetails'))
      for (const el of this.panels.values()) if (el instanceof RunOverview) el.privateDetails = this.privateDetails;
    if (changed.has('noLive') || changed.has('noHash')) for (const el of this.panels.values()) this.passDown(el);
    const current = this.provider.value;
    if (current?.source !== this.dataSource || current?.runId !== this.runId) {
      this.provider.setValue({ source: this.dataSource, runId: this.runId });
    }
  }

  /** Why a tab is disabled for this source and run, or undefined when it is usable. */
  private disabledReason(id: RunPageTabId, source: RunSource | undefined): string | undefined {
    const need = NEEDS[id];
    if (!source || !need.what) return undefined;
    const missing = need.methods.some((m) => typeof source[m] !== 'function');
    if (missing) return msg(this.locale, 'notFromSource', msg(this.locale, need.what));
    // A live run may still log what it lacks; an ended run that says it has none never will.
    const info = this.info;
    const has = info?.has;
    if (!has || isLiveState(info.state)) return undefined;
    const none = need.contents.every((kind) => has[kind] === false);
    return none ? msg(this.locale, 'runHasNone', msg(this.locale, need.what)) : undefined;
  }

  /** The run as fetched, with the live changes since. */
  private get info(): RunInfo | undefined {
    const fetched = this.task.value;
    return fetched ? { ...fetched, ...this.patch } : undefined;
  }

  /** Tabs whose element has been provided (imported) on this page. */
  private get availableTabs(): RunPageTabId[] {
    void this.providedVersion;
    return RUN_PAGE_TABS.filter((id) => tabElement(id) !== undefined);
  }

  private select(id: RunPageTabId): void {
    if (id === this.tab || this.disabledReason(id, this.dataSource)) return;
    this.tab = id;
    this.hash.write(TAB_KEY, id, isTab);
    this.emit<RunPageTabChangeDetail>('run-page-tab-change', { tab: id });
  }

  /** Hands `no-live` and `no-hash` down to a tab's element, where it has them. */
  private passDown(el: HTMLElement): void {
    const tab = el as HTMLElement & { noLive?: boolean; noHash?: boolean };
    if ('noLive' in tab) tab.noLive = this.noLive;
    if ('noHash' in tab) tab.noHash = this.noHash;
  }

  private panelFor(id: RunPageTabId): HTMLElement | undefined {
    let el = this.panels.get(id);
    if (!el) {
      const cls = tabElement(id);
      el = cls ? createElementOf(cls as unknown as new () => HTMLElement) : undefined;
      // The page header already shows the run's name, state and tags.
      if (el instanceof RunOverview) el.noHeader = true;
      if (el instanceof RunOverview) el.privateDetails = this.privateDetails;
      if (el) {
        this.passDown(el);
        el.setAttribute('exportparts', tabExportParts(id));
      }
      if (el) this.panels.set(id, el);
    }
    return el;
  }

  private tabTag(id: RunPageTabId): string | undefined {
    const cls = tabElement(id);
    return cls && tagOf(cls);
  }

  protected override render() {
    const tabs = this.availableTabs;
    const source = this.dataSource;
    const active = tabs.includes(this.tab) && !this.disabledReason(this.tab, source) ? this.tab : tabs[0];
    return html`<div class="base" part="base">
      <header class="header" part="header">${this.renderHeader()}</header>
      <div
        class="tablist rp-scroll-hint"
        role="tablist"
        ${ref(this.tabScroll.observe)}
        part="tabs"
        aria-label=${msg(this.locale, 'tabs')}
        @keydown=${this.roving.handleKeydown}
      >
        ${tabs.map((id) => this.renderTab(id, id === active, this.disabledReason(id, source)))}
      </div>
      ${tabs.map((id) => this.renderPanel(id, id === active))}
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const active = this.shadowRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    if (active && active.dataset.tab !== this.revealedTab) {
      this.revealedTab = active.dataset.tab;
      this.tabScroll.reveal(active);
    }
  }

  private renderHeader(): TemplateResult {
    const before = this.renderSourceState();
    if (before) return before;
    const info = this.info;
    if (!info) {
      if (this.task.error) {
        return this.renderTask(this.task, {
          what: msg(this.locale, 'what'),
          empty: (e) => renderEmpty(msg(this.locale, 'runNotFound'), e.message),
          complete: () => html``,
        });
      }
      return html`<h1 class="title" aria-busy="true">&nbsp;</h1>`;
    }
    // The name and tags may hold what private-details="hidden" hides (a host name, say): neither
    // shows until the rules that hide it are in.
    let scrub: TextScrubber | undefined;
    if (this.privateDetails === 'hidden') {
      const rules = privateDetailsCode.now;
      if (!rules) return hidingRulesState(this, this.locale, html`<h1 class="title" aria-busy="true">&nbsp;</h1>`);
      scrub = rules.scrubberFor({ host: info.host, command: info.command, python: info.python, git: info.git });
    }
    const name = info.name && scrub ? scrub.scrub(info.name) : info.name;
    const tags = scrub && Array.isArray(info.tags) ? info.tags.map((t) => scrub.scrub(String(t))) : info.tags;
    return html`<h1 class="title">${name || info.id}</h1>
      ${renderStateBadge(info.state, this.locale, info.exitCode)} ${renderTags(tags, this.locale)}`;
  }

  private renderTab(id: RunPageTabId, selected: boolean, disabledReason: string | undefined): TemplateResult {
    return html`<button
      class="tab"
      part="tab"
      role="tab"
      id="tab-${id}"
      data-tab=${id}
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="panel-${id}"
      aria-disabled=${disabledReason ? 'true' : nothing}
      title=${disabledReason ?? nothing}
      tabindex=${selected ? 0 : -1}
      @click=${() => this.select(id)}
    >
      ${msg(this.locale, id)}
    </button>`;
  }

  private renderPanel(id: RunPageTabId, selected: boolean): TemplateResult | typeof nothing {
    const created = this.panels.has(id);
    if (!selected && !created) return nothing;
    return html`<div
      class="panel"
      part="panel"
      role="tabpanel"
      id="panel-${id}"
      aria-labelledby="tab-${id}"
      ?hidden=${!selected}
    >
      ${
        isServer
          ? serverPanel(this.tabTag(id), tabExportParts(id), id === 'overview' ? this.privateDetails : undefined)
          : this.panelFor(id)
      }
    </div>`;
  }
}
