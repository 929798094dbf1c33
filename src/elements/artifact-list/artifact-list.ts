import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { initialState } from '@lit/task';
import type { ArtifactDetail, ArtifactDirection, ArtifactInfo, RunRef } from '../../data/source.js';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { controlStyles } from '../../internal/control-styles.js';
import { SourceTask } from '../../internal/source-task.js';
import { followLiveRun } from '../../internal/live-controller.js';
import { RovingTabindexController } from '../../internal/roving-tabindex.js';
import { CopyController } from '../../internal/copy-controller.js';
import { gridTableStyles } from '../../internal/grid-table.js';
import { queryNotice } from '../../internal/controls.js';
import { parseQuery } from '../../data/search-query.js';
import { renderEmpty } from '../../internal/states.js';
import { common } from '../../internal/messages.js';
import { formatBytes, formatDateTime, formatNumber } from '../../internal/format.js';
import {
  cleanArtifacts,
  filterArtifacts,
  shortDigest,
  sortArtifacts,
  type ArtifactSort,
  type ArtifactSortKey,
  type CleanListing,
} from './artifact-table.js';
import { msg } from './artifact-list.messages.js';
import { styles } from './artifact-list.styles.js';
import { adoptStyles } from '../../internal/adopt-styles.js';

export interface ArtifactListSelectDetail {
  id: string;
  artifact: ArtifactInfo;
}

export interface ArtifactListOpenRunDetail {
  runId: string;
  run: RunRef;
}

type DetailView = typeof import('./artifact-detail.js');
type DetailHost = import('./artifact-detail.js').DetailHost;

const DIRECTIONS: readonly ArtifactDirection[] = ['input', 'output'];
/** Rows drawn per table before "Show more"; keeps a run with thousands of artifacts responsive. */
const ROW_PAGE = 500;

type Columns = [
  ArtifactSortKey | undefined,
  'name' | 'type' | 'version' | 'aliases' | 'size' | 'digest' | 'created' | 'files',
][];
const COLUMNS: Columns = [
  ['name', 'name'],
  ['type', 'type'],
  ['version', 'version'],
  [undefined, 'aliases'],
  ['size', 'size'],
  [undefined, 'digest'],
  ['createdAt', 'created'],
  ['fileCount', 'files'],
];

/**
 * The artifacts a run used (inputs) and logged (outputs), each a searchable, sortable table.
 * Click or Enter opens an artifact: its description, metadata, files (through `<file-browser>`),
 * lineage and other versions.
 *
 * @summary The Artifacts tab: datasets, models and other versioned files of a run.
 *
 * @fires artifact-list-select - The user opened an artifact; `detail: { id, artifact }`. Cancelable: `preventDefault()` keeps the list.
 * @fires artifact-list-open-run - The user picked a run in the lineage; `detail: { runId, run }`.
 *
 * @csspart base - The wrapper of everything below, the states included.
 * @csspart section - Each of the inputs and outputs sections (also `inputs` / `outputs`).
 * @csspart search - The search field of each section.
 * @csspart table - Each artifact table.
 * @csspart row - Each artifact row.
 * @csspart detail - The opened artifact.
 * @csspart files - The files of the opened artifact.
 * @csspart file-browser - The `<file-browser>` inside `files`.
 * @csspart files-<part> - Each part of that `<file-browser>` (`files-listing`, `files-preview`…).
 * @csspart lineage - Producer and consumer runs of the opened artifact.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-artifact-list-files-height - Height of the file browser in the detail (default 400px).
 */
export class ArtifactList extends RunpageElement {
  /** `focus()` moves to the Back button of an opened artifact, else the first search box. */
  protected override focusSelector = '.back, input[type="search"]';

  static override styles = [RunpageElement.styles, controlStyles, gridTableStyles, styles];

  static override properties = {
    selected: { reflect: true },
    noLive: { type: Boolean, attribute: 'no-live' },
    queries: { state: true },
    sorts: { state: true },
    rowLimits: { state: true },
  };

  /** Id of the artifact whose detail is shown; empty shows the lists. */
  selected = '';

  /** Do not follow live changes to the run's artifacts (`artifacts-changed` from `source.watch`). */
  noLive = false;

  private queries: Record<ArtifactDirection, string> = { input: '', output: '' };
  private sorts: Record<ArtifactDirection, ArtifactSort> = {
    input: { key: 'name', dir: 'asc' },
    output: { key: 'name', dir: 'asc' },
  };
  private rowLimits: Record<ArtifactDirection, number> = { input: ROW_PAGE, output: ROW_PAGE };
  private readonly copier = new CopyController(this);

  /** The detail's code, loaded on the first open. */
  private detailView?: DetailView;
  private returnFocusTo?: string;
  private focusDetail = false;

  private rovers: Record<ArtifactDirection, RovingTabindexController<HTMLElement>> = {
    input: new RovingTabindexController(this, () => this.rowsOf('input'), { orientation: 'vertical' }),
    output: new RovingTabindexController(this, () => this.rowsOf('output'), { orientation: 'vertical' }),
  };

  private listTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }): Promise<CleanListing> => {
      if (!source || !runId) return initialState as never;
      return cleanArtifacts(await requireMethod(source, 'listArtifacts')(runId, { signal }));
    },
  });

  private detailTask = new SourceTask(this, {
    args: () => [this.dataSource, this.runId, this.selected] as const,
    task: async ([source, runId, id], { signal }): Promise<ArtifactDetail> => {
      if (!source || !runId || !id) return initialState as never;
      const [d, view] = await Promise.all([
        requireMethod(source, 'getArtifact')(runId, id, { signal }),
        import('./artifact-detail.js'),
      ]);
      this.detailView = view;
      adoptStyles(this.renderRoot, view.detailStyles);
      return view.readyDetail(d);
    },
  });

  constructor() {
    super();
    followLiveRun(this, (events) => {
      if (!events.some((e) => e.type === 'artifacts-changed')) return;
      void this.listTask.run();
      if (this.selected) void this.detailTask.run();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('selected') && typeof this.selected !== 'string')
      this.selected = this.selected == null ? '' : String(this.selected);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.focusDetail && this.currentDetail) {
      this.focusDetail = false;
      this.renderRoot.querySelector<HTMLElement>('.detail-title')?.focus();
    }
    if (changed.has('selected') && !this.selected && this.returnFocusTo !== undefined) {
      const id = this.returnFocusTo;
      this.returnFocusTo = undefined;
      const row = [...this.renderRoot.querySelectorAll<HTMLElement>('.artifact-row')].find((r) => r.dataset.id === id);
      if (row) {
        this.rovers[row.dataset.dir as ArtifactDirection]?.setActive(row);
        row.focus();
      }
    }
  }

  private get currentDetail(): ArtifactDetail | undefined {
    const v = this.detailTask.value;
    return this.selected && v && typeof v === 'object' && v.id === this.selected ? v : undefined;
  }

  private rowsOf(dir: ArtifactDirection): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>(`.artifact-row[data-dir="${dir}"]`)];
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">${this.selected ? this.renderDetailView() : this.renderList()}</div>`;
  }

  private renderList(): TemplateResult {
    const lang = this.locale;
    const none = () => renderEmpty(msg(lang, 'none'), msg(lang, 'noneDetail'));
    return this.renderTask(this.listTask, {
      what: msg(lang, 'what'),
      empty: none,
      complete: (listing) =>
        listing.artifacts.length === 0 && listing.warnings.length === 0
          ? none()
          : html`${DIRECTIONS.map((dir) => this.renderSection(dir, listing.artifacts))}
            ${this.renderWarnings(listing.warnings)}`,
    });
  }

  private renderWarnings(warnings: string[]): TemplateResult | typeof nothing {
    if (!warnings.length) return nothing;
    return html`<details class="warnings">
      <summary>${msg(this.locale, 'warnings', warnings.length)}</summary>
      <ul>
        ${warnings.slice(0, 100).map((w) => html`<li>${w}</li>`)}
      </ul>
    </details>`;
  }

  private renderSection(dir: ArtifactDirection, all: ArtifactInfo[]): TemplateResult {
    const lang = this.locale;
    const mine = all.filter((a) => a.direction === dir);
    const shown = sortArtifacts(filterArtifacts(mine, this.queries[dir]), this.sorts[dir]);
    const title = msg(lang, dir === 'input' ? 'inputs' : 'outputs');
    const headingId = `heading-${dir}`;
    return html`<section class="list" part="section ${dir}s" aria-labelledby=${headingId}>
      <div class="section-head rp-toolbar">
        <h3 id=${headingId}>
          ${title}
          <span class="count rp-count"
            >${msg(lang, 'count', formatNumber(shown.length, lang), formatNumber(mine.length, lang))}</span
          >
        </h3>
        <span class="hint">${msg(lang, dir === 'input' ? 'inputsHint' : 'outputsHint')}</span>
        ${
          mine.length
            ? html`<input
                  class="search rp-input rp-search"
                  type="search"
                  part="search"
                  data-dir=${dir}
                  .value=${this.queries[dir]}
                  placeholder=${common(lang, 'search')}
                  aria-label=${msg(lang, 'search', title)}
                  @input=${(e: Event) => (this.queries = { ...this.queries, [dir]: (e.target as HTMLInputElement).value })}
                />${queryNotice(lang, parseQuery(this.queries[dir]))}`
            : nothing
        }
      </div>
      ${
        mine.length === 0
          ? html`<p class="none">${msg(lang, dir === 'input' ? 'noInputs' : 'noOutputs')}</p>`
          : shown.length === 0
            ? html`<p class="none" role="status">${msg(lang, 'noMatches')}</p>`
            : this.renderTable(dir, shown.slice(0, this.rowLimits[dir]), headingId)
      }
      ${
        shown.length > this.rowLimits[dir]
          ? html`<button
              class="rp-button more"
              type="button"
              @click=${() => (this.rowLimits = { ...this.rowLimits, [dir]: this.rowLimits[dir] + ROW_PAGE })}
            >
              ${common(lang, 'showMore')} (${formatNumber(shown.length - this.rowLimits[dir], lang)})
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderTable(dir: ArtifactDirection, rows: ArtifactInfo[], headingId: string): TemplateResult {
    const lang = this.locale;
    const sort = this.sorts[dir];
    return html`<div class="table-wrap">
      <table part="table" aria-labelledby=${headingId}>
        <thead>
          <tr>
            ${COLUMNS.map(([key, label]) => {
              const text = msg(lang, label);
              const numeric = key === 'size' || key === 'fileCount';
              if (!key) return html`<th scope="col">${text}</th>`;
              const active = sort.key === key;
              return html`<th
                scope="col"
                class=${numeric ? 'num' : ''}
                aria-sort=${active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  class="rp-bare sort"
                  type="button"
                  title=${msg(lang, 'sortBy', text)}
                  data-sort=${key}
                  @click=${() => this.toggleSort(dir, key)}
                >
                  ${text} ${active ? (sort.dir === 'asc' ? '↑' : '↓') : ''}
                </button>
              </th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${rows.map((a) => this.renderRow(dir, a))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(dir: ArtifactDirection, a: ArtifactInfo): TemplateResult {
    const lang = this.locale;
    return html`<tr
      class="artifact-row"
      part="row"
      tabindex="-1"
      data-id=${a.id}
      data-dir=${dir}
      @click=${() => this.open(a)}
      @keydown=${(e: KeyboardEvent) => this.onRowKeydown(e, dir, a)}
      @focus=${(e: FocusEvent) => this.rovers[dir].setActive(e.currentTarget as HTMLElement)}
    >
      <td class="name-cell" title=${a.name}>${a.name}</td>
      <td>${a.type}</td>
      <td class="mono">${a.version ?? '—'}</td>
      <td><span class="chips">${a.aliases.map((alias) => html`<span class="chip">${alias}</span>`)}</span></td>
      <td class="num">${formatBytes(a.size, lang)}</td>
      <td>
        ${a.digest ? html`<code title=${a.digest}>${shortDigest(a.digest)}</code>${this.renderCopy(a.digest, `row:${a.id}`, a.name, -1)}` : '—'}
      </td>
      <td>${formatDateTime(a.createdAt, lang)}</td>
      <td class="num">${a.fileCount === undefined ? '—' : formatNumber(a.fileCount, lang)}</td>
    </tr>`;
  }

  private renderCopy(text: string, key: string, name: string, tabIndex = 0): TemplateResult {
    const lang = this.locale;
    const done = this.copier.done(key);
    const label = this.copier.label(lang, key);
    return html`<button
      class="copy"
      type="button"
      tabindex=${tabIndex}
      aria-label=${done ? label : msg(lang, 'copyDigest', name)}
      @click=${(e: Event) => {
        e.stopPropagation();
        void this.copier.copy(text, key);
      }}
      @keydown=${(e: KeyboardEvent) => e.stopPropagation()}
    >
      ${label}
    </button>`;
  }

  private toggleSort(dir: ArtifactDirection, key: ArtifactSortKey): void {
    const current = this.sorts[dir];
    const numericOrDate = key === 'size' || key === 'createdAt' || key === 'fileCount' || key === 'version';
    const next: ArtifactSort =
      current.key === key
        ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: numericOrDate ? 'desc' : 'asc' };
    this.sorts = { ...this.sorts, [dir]: next };
  }

  private onRowKeydown(e: KeyboardEvent, dir: ArtifactDirection, a: ArtifactInfo): void {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.open(a);
      return;
    }
    this.rovers[dir].handleKeydown(e);
  }

  private open(a: ArtifactInfo): void {
    const detail: ArtifactListSelectDetail = { id: a.id, artifact: a };
    if (!this.emit('artifact-list-select', detail, { cancelable: true })) return;
    this.returnFocusTo = this.selected ? this.returnFocusTo : a.id;
    this.selected = a.id;
    this.focusDetail = true;
  }

  private close = (): void => {
    this.selected = '';
  };

  private renderDetailView(): TemplateResult {
    const lang = this.locale;
    const body = this.renderTask(this.detailTask, {
      what: msg(lang, 'whatDetail'),
      empty: () => renderEmpty(msg(lang, 'gone'), msg(lang, 'goneDetail')),
      complete: (d) => this.detailView!.renderDetailIn(this.detailHost, d),
    });
    return html`<div class="detail" part="detail">
      <button class="rp-button back" type="button" @click=${this.close}>← ${msg(lang, 'back')}</button>
      ${body}
    </div>`;
  }

  private readonly detailHost: DetailHost = {
    element: this,
    lang: () => this.locale,
    inRun: () => {
      const listing = this.listTask.value;
      return new Set(listing && typeof listing === 'object' ? listing.artifacts.map((a) => a.id) : []);
    },
    copyButton: (text, key, name) => this.renderCopy(text, key, name),
    open: (a) => this.open(a),
    openRun: (run) => this.emit<ArtifactListOpenRunDetail>('artifact-list-open-run', { runId: run.id, run }),
  };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'artifact-list-select': CustomEvent<ArtifactListSelectDetail>;
    'artifact-list-open-run': CustomEvent<ArtifactListOpenRunDetail>;
  }
}
