import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { initialState } from '@lit/task';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS, type RunEvent, type RunInfo, type RunState } from '../../data/source.js';
import { RunpageElement } from '../../internal/base-element.js';
import { controlStyles } from '../../internal/control-styles.js';
import { ClampController, clampStyles } from '../../internal/clamp-controller.js';
import { CopyController } from '../../internal/copy-controller.js';
import { formatBytes, formatDateTime, formatDuration, formatRelativeTime } from '../../internal/format.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { markdown } from '../../internal/markdown.js';
import { common } from '../../internal/messages.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty, renderLoading } from '../../internal/states.js';
import { renderStateBadge, renderTags, stateBadgeStyles } from '../../internal/state-badge.js';
import { commitUrl, formatCommand, repoUrl } from './git-link.js';
import { KeyValueTable } from './kv-table.js';
import { hidingRulesState, privateDetailsCode } from './private-details-code.js';
import { msg } from './run-overview.messages.js';
import { runOverviewStyles } from './run-overview.styles.js';
import { oneOf, warnAttribute } from '../../internal/attribute-check.js';

const PRIVATE_DETAILS = ['shown', 'hidden'] as const;

/** The state shown: a running run whose heartbeat is older than the threshold has crashed. */
export function effectiveState(
  info: Pick<RunInfo, 'state' | 'heartbeatAt'>,
  now: number,
  thresholdMs: number,
): RunState {
  if (info.state === 'running' && info.heartbeatAt !== undefined && now - info.heartbeatAt > thresholdMs)
    return 'crashed';
  return info.state;
}

/**
 * The Overview tab: what a run is, where and how it ran, and its config and summary.
 *
 * @summary A run's name, state, notes, environment, config and summary.
 * @csspart base - The wrapper of everything below, the states included.
 * @csspart header - Name, state badge and tags.
 * @csspart state-badge - The run state badge.
 * @csspart notes - The run notes (sanitized Markdown).
 * @csspart facts - Host, OS, Python, command, git, times, hardware.
 * @csspart config - The config table.
 * @csspart summary - The summary table.
 * @csspart search - The search field of the config and summary tables.
 * @csspart warnings - Problems met while reading the run.
 * @csspart withheld - What the server (or `private-details="hidden"`) left out: each hidden fact, and the config and summary entries hidden.
 * @csspart state - Loading, empty, error and unsupported states.
 * @csspart retry - The retry button of the error state.
 */
export class RunOverview extends RunpageElement {
  /** `focus()` moves to the first table search. */
  protected override focusSelector = 'input[type="search"]';

  static override styles = [RunpageElement.styles, controlStyles, stateBadgeStyles, clampStyles, runOverviewStyles];

  static override properties = {
    heartbeatTimeout: { type: Number, attribute: 'heartbeat-timeout' },
    noHeader: { type: Boolean, attribute: 'no-header', reflect: true },
    noLive: { type: Boolean, attribute: 'no-live' },
    privateDetails: { attribute: 'private-details', reflect: true },
    patch: { state: true },
    now: { state: true },
  };

  /** Seconds without a heartbeat after which a run with no exit is shown as crashed. */
  heartbeatTimeout = DEFAULT_HEARTBEAT_THRESHOLD_MS / 1000;

  /** Leave out the name, state and tags (when a surrounding page, such as `<run-page>`, shows them). */
  noHeader = false;

  /** Do not follow a live run's changes (`run` events from `source.watch`: state, heartbeat, summary). */
  noLive = false;

  /**
   * `hidden`: leave out the run's private details, as `runpage serve --public` does on the server
   * (host, user, command, Python executable, git credentials, config and summary entries that look
   * like environment variables or secrets; see src/data/private-details.ts), and say they are
   * hidden. Only what this element shows: the source still holds them. Default `shown`.
   */
  privateDetails: 'shown' | 'hidden' = 'shown';

  /** Live changes to the run (state, heartbeat, summary…) since it was fetched. */
  private patch: Partial<RunInfo> = {};
  private now = Date.now();
  private readonly copier = new CopyController(this);
  private fetched?: RunInfo;
  /** The last run shown with its private details hidden, by the facts it was made from. */
  private hiddenCache?: { from: RunInfo | undefined; patch: Partial<RunInfo>; info: RunInfo };
  private ticker?: ReturnType<typeof setInterval>;
  private readonly config = new KeyValueTable(this, 'config');
  private readonly summary = new KeyValueTable(this, 'summary');
  /** A long command is cut to three lines with a button that shows it whole. */
  private readonly commandClamp = new ClampController(this);

  private readonly task = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }) => {
      if (!source || !runId) return initialState;
      return source.getRun(runId, { signal });
    },
  });

  constructor() {
    super();
    followLiveRun(this, (events) => this.applyEvents(events));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  private tick(): void {
    // Only a running run changes with the clock (runtime, heartbeat age, crash detection).
    if (this.info?.state === 'running') this.now = Date.now();
  }

  private applyEvents(events: RunEvent[]): void {
    let patch = this.patch;
    for (const e of events) if (e.type === 'run') patch = { ...patch, ...e.run };
    if (patch !== this.patch) {
      this.patch = patch;
      this.now = Date.now();
    }
  }

  /**
   * The run as fetched, with live changes applied (and its private details hidden when asked):
   * undefined while the rules that hide them load.
   */
  private get info(): RunInfo | undefined {
    const fetched = this.task.value;
    if (!fetched) return undefined;
    if (this.privateDetails !== 'hidden') return { ...fetched, ...this.patch };
    const cached = this.hiddenCache;
    if (cached?.from === fetched && cached.patch === this.patch) return cached.info;
    const rules = privateDetailsCode.now;
    if (!rules) return undefined;
    const info = rules.hidePrivateDetails({ ...fetched, ...this.patch });
    this.hiddenCache = { from: fetched, patch: this.patch, info };
    return info;
  }

  /** How a withheld field is labelled: by the server (RunInfo.withheld) or by this element. */
  private hiddenLabel(path: string): string {
    const byServer = this.task.value?.withheld?.includes(path) || this.patch.withheld?.includes(path);
    return msg(this.locale, byServer ? 'hiddenByServer' : 'hiddenByPage');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('privateDetails'))
      this.privateDetails = oneOf(
        this,
        'private-details',
        this.privateDetails,
        PRIVATE_DETAILS,
        'shown',
        'showing them',
      );
    if (changed.has('heartbeatTimeout') && !(this.heartbeatTimeout > 0)) {
      const seconds = DEFAULT_HEARTBEAT_THRESHOLD_MS / 1000;
      warnAttribute(
        this,
        'heartbeat-timeout',
        this.heartbeatTimeout,
        'a positive number of seconds',
        `using ${seconds}`,
      );
      this.heartbeatTimeout = seconds;
    }
    if (this.privateDetails === 'hidden' && !privateDetailsCode.now && !privateDetailsCode.failed)
      void privateDetailsCode.load(this);
    if (this.task.value !== this.fetched) {
      this.fetched = this.task.value;
      this.patch = {};
      this.now = Date.now();
    }
    const info = this.info;
    if (info) {
      this.config.setData(info.config);
      this.summary.setData(info.summary);
    }
  }

  protected override render() {
    return html`<div class="base" part="base">
      ${this.renderTask(this.task, {
        what: msg(this.locale, 'what'),
        empty: (e) => renderEmpty(msg(this.locale, 'runNotFound'), e.message),
        complete: () => {
          const info = this.info;
          return info ? this.renderRun(info) : hidingRulesState(this, this.locale, renderLoading(this.locale));
        },
      })}
    </div>`;
  }

  private renderRun(info: RunInfo): TemplateResult {
    const lang = this.locale;
    const state = effectiveState(info, this.now, this.heartbeatTimeout * 1000);
    const level = this.noHeader ? 2 : 3;
    return html`<article class="overview" aria-label=${info.name ?? info.id}>
      ${this.noHeader ? nothing : this.renderHeader(info, state)}
      ${info.warnings?.length ? this.renderWarnings(info.warnings) : nothing}
      ${
        info.notes
          ? html`<section class="notes" part="notes" aria-label=${msg(lang, 'notes')}>${markdown(info.notes)}</section>`
          : nothing
      }
      ${this.renderFacts(info, state)}
      <div class="tables">
        ${this.config.render({ title: msg(lang, 'config'), lang, level })}
        ${this.summary.render({
          title: msg(lang, 'summary'),
          lang,
          level,
          fileUrl: (path) => this.dataSource?.fileUrl?.(info.id, path),
        })}
      </div>
      ${this.renderHiddenEntries(info)}
    </article>`;
  }

  /** The config and summary entries left out, by key: the keys themselves are not secret. */
  private renderHiddenEntries(info: RunInfo): TemplateResult | typeof nothing {
    const lang = this.locale;
    const rows: TemplateResult[] = [];
    for (const table of ['config', 'summary'] as const) {
      const paths = (info.withheld ?? []).filter((p) => typeof p === 'string' && p.startsWith(`${table}.`));
      if (paths.length === 0) continue;
      const label = this.hiddenLabel(paths[0]);
      rows.push(
        html`<p class="withheld">
          ${msg(lang, 'entriesHidden', msg(lang, table), paths.length, label)}
          ${paths.map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p.slice(table.length + 1)}</code>`)}
        </p>`,
      );
    }
    return rows.length ? html`<div class="withheld-list" part="withheld">${rows}</div>` : nothing;
  }

  /** A fact the server (or this element) left out on purpose, shown as hidden rather than missing. */
  private hiddenFact(path: string): TemplateResult {
    return html`<span class="hidden-detail" part="withheld">${this.hiddenLabel(path)}</span>`;
  }

  private renderHeader(info: RunInfo, state: RunState): TemplateResult {
    const lang = this.locale;
    return html`<header class="header" part="header">
      <h2 class="name">${info.name || info.id}</h2>
      ${renderStateBadge(state, lang, info.exitCode)}
      ${info.name && info.name !== info.id ? html`<code class="id">${info.id}</code>` : nothing}
      ${renderTags(info.tags, lang)}
    </header>`;
  }

  private renderWarnings(warnings: string[]): TemplateResult {
    return html`<details class="warnings" part="warnings">
      <summary>${msg(this.locale, 'warnings')} (${warnings.length})</summary>
      <ul>
        ${warnings.map((w) => html`<li>${w}</li>`)}
      </ul>
    </details>`;
  }

  private renderFacts(info: RunInfo, state: RunState): TemplateResult {
    const lang = this.locale;
    const facts: [string, TemplateResult | string][] = [];
    const add = (label: string, value: TemplateResult | string | undefined | false) => {
      if (value) facts.push([label, value]);
    };
    add(msg(lang, 'project'), [info.entity, info.project].filter(Boolean).join(' / '));
    add(msg(lang, 'group'), info.group);
    add(msg(lang, 'jobType'), info.jobType);
    const withheld = new Set(info.withheld ?? []);
    const hidden = (path: string) => (withheld.has(path) ? this.hiddenFact(path) : undefined);
    add(msg(lang, 'user'), info.user ?? hidden('user'));
    add(
      msg(lang, 'started'),
      info.startedAt !== undefined &&
        html`<time datetime=${new Date(info.startedAt).toISOString()}>${formatDateTime(info.startedAt, lang)}</time>
          <span class="muted">(${formatRelativeTime(info.startedAt, this.now, lang)})</span>`,
    );
    add(msg(lang, 'ended'), info.endedAt !== undefined && formatDateTime(info.endedAt, lang));
    add(msg(lang, 'runtime'), this.runtimeText(info, state));
    add(
      msg(lang, 'heartbeat'),
      state === 'running' || state === 'crashed'
        ? info.heartbeatAt !== undefined && formatRelativeTime(info.heartbeatAt, this.now, lang)
        : undefined,
    );
    add(msg(lang, 'host'), info.host ?? hidden('host'));
    add(msg(lang, 'os'), info.os);
    const executableHidden = !info.python?.executable && withheld.has('python.executable');
    add(
      msg(lang, 'python'),
      (info.python?.version || info.python?.executable || executableHidden) &&
        html`${info.python?.version ?? ''}
        ${info.python?.executable ? html`<code>${info.python.executable}</code>` : nothing}
        ${executableHidden ? html`<span class="muted">${msg(lang, 'executable')}:</span> ${hidden('python.executable')}` : nothing}`,
    );
    add(msg(lang, 'command'), this.renderCommand(info) ?? hidden('command'));
    add(msg(lang, 'git'), this.renderGit(info, withheld.has('git.credentials')));
    add(msg(lang, 'hardware'), this.hardwareText(info));
    add(msg(lang, 'sdk'), info.sdk && [info.sdk.name, info.sdk.version].filter(Boolean).join(' '));
    add(msg(lang, 'format'), info.format);
    return html`<dl class="facts" part="facts" aria-label=${msg(lang, 'facts')}>
      ${facts.map(
        ([dt, dd]) =>
          html`<div class="fact">
            <dt>${dt}</dt>
            <dd>${dd}</dd>
          </div>`,
      )}
    </dl>`;
  }

  private runtimeText(info: RunInfo, state: RunState): string | undefined {
    if (state === 'running' && info.startedAt !== undefined) return formatDuration((this.now - info.startedAt) / 1000);
    if (info.runtime !== undefined) return formatDuration(info.runtime);
    if (info.startedAt !== undefined && info.endedAt !== undefined)
      return formatDuration((info.endedAt - info.startedAt) / 1000);
    return undefined;
  }

  private renderCommand(info: RunInfo): TemplateResult | undefined {
    if (!info.command?.program && !info.command?.args?.length) return undefined;
    const text = formatCommand(info.command.program, info.command.args);
    const clamp = this.commandClamp;
    return html`<span class="command"
      ><code class="command-text rp-clamp" ?data-expanded=${clamp.expanded} ${ref(clamp.observe)}>${text}</code>${
        clamp.overflows
          ? html`<button
              class="rp-button more"
              aria-expanded=${clamp.expanded ? 'true' : 'false'}
              @click=${clamp.toggle}
            >
              ${common(this.locale, clamp.expanded ? 'showLess' : 'showMore')}
            </button>`
          : nothing
      }<button
        class="rp-button copy"
        @click=${() => void this.copier.copy(text)}
        aria-label=${msg(this.locale, 'copyCommand')}
      >
        ${this.copier.label(this.locale)}
      </button></span
    >`;
  }

  private renderGit(info: RunInfo, credentialsHidden: boolean): TemplateResult | undefined {
    const git = info.git;
    if (!git?.remote && !git?.commit) return undefined;
    const repo = repoUrl(git.remote);
    const commit = git.commit ? git.commit.slice(0, 10) : undefined;
    const link = commitUrl(git.remote, git.commit);
    return html`<span class="git">
      ${git.remote ? (repo ? html`<a href=${repo} target="_blank" rel="noopener">${git.remote}</a>` : html`<code>${git.remote}</code>`) : nothing}
      ${
        commit
          ? link
            ? html`<a href=${link} target="_blank" rel="noopener"><code>${commit}</code></a>`
            : html`<code title=${git.commit!}>${commit}</code>`
          : nothing
      }
      ${git.branch ? html`<span class="muted">${msg(this.locale, 'branch')} <code>${git.branch}</code></span>` : nothing}
      ${git.dirty ? html`<span class="dirty">${msg(this.locale, 'dirty')}</span>` : nothing}
      ${
        credentialsHidden
          ? html`<span class="muted">${msg(this.locale, 'credentials')}:</span> ${this.hiddenFact('git.credentials')}`
          : nothing
      }
    </span>`;
  }

  private hardwareText(info: RunInfo): string | undefined {
    const hw = info.hardware;
    if (!hw) return undefined;
    const lang = this.locale;
    const parts: string[] = [];
    const cpus = hw.cpuCountLogical ?? hw.cpuCount;
    if (hw.cpu || cpus) parts.push([hw.cpu, cpus ? msg(lang, 'cpus', cpus) : ''].filter(Boolean).join(', '));
    if (hw.memoryBytes) parts.push(msg(lang, 'memory', formatBytes(hw.memoryBytes, lang)));
    const gpuCount = hw.gpus?.length || hw.acceleratorCount;
    if (gpuCount) {
      const names = new Map<string, number>();
      for (const g of hw.gpus ?? []) names.set(g.name, (names.get(g.name) ?? 0) + 1);
      const list = [...names].map(([name, n]) => {
        const mem = hw.gpus?.find((g) => g.name === name)?.memoryBytes;
        return `${n} × ${name}${mem ? ` (${formatBytes(mem, lang)})` : ''}`;
      });
      parts.push(`${msg(lang, 'gpus', gpuCount)}${list.length ? `: ${list.join(', ')}` : ''}`);
    }
    return parts.join(' · ') || undefined;
  }
}
