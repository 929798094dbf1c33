/** A section of the workspace: its header with buttons, and the grid of its panels. */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { styleProps } from '../../internal/style-props.js';
import { icons } from './icons.js';
import { msg } from './metric-workspace.messages.js';
import type { Panel, Section } from './panel-layout.js';
import type { PanelPool } from './panel-pool.js';
import { highlightRanges, type SearchTerm } from './panel-search.js';
import type { Editing } from './settings-dialog.js';
import { resolveColumns, type WorkspaceSettings } from './workspace-settings.js';

/** What a section reads from the workspace and the actions its buttons take. */
export interface GridHost {
  lang: Lang;
  layout: WorkspaceSettings;
  /** Panels near the screen: only they hold a chart or media panel. */
  mounted: ReadonlySet<string>;
  pool: PanelPool;
  /** The estimated height (px) of a section (header and grid) whose panels are not rendered yet; undefined once they are. */
  pendingHeight(section: Section, hits: Panel[], columns: number | undefined): number | undefined;
  sectionLabel(name: string): string;
  toggleSection(section: Section, key: 'collapsed' | 'pinned'): void;
  openDialog(editing: Editing, opener: EventTarget | null): void;
  openFullscreen(panel: Panel, opener: EventTarget | null): void;
  duplicate(panel: Panel): void;
  remove(panel: Panel): void;
}

export function renderSection(
  h: GridHost,
  section: Section,
  hits: Panel[],
  terms: SearchTerm[],
  searching: boolean,
): TemplateResult {
  const open = searching || !section.collapsed;
  const columns = resolveColumns(h.layout, section.name);
  const pending = open ? h.pendingHeight(section, hits, columns) : undefined;
  if (pending !== undefined) return renderPendingSection(section, hits, pending);
  const l = h.lang;
  const label = h.sectionLabel(section.name);
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
          @click=${() => h.toggleSection(section, 'collapsed')}
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
        @click=${() => h.toggleSection(section, 'pinned')}
      >
        ${icons.pin}
      </button>
      <button
        class="icon-button"
        type="button"
        aria-label=${msg(l, 'sectionSettings', label)}
        title=${msg(l, 'sectionSettings', label)}
        @click=${(e: Event) => h.openDialog({ scope: 'section', name: section.name }, e.currentTarget)}
      >
        ${icons.gear}
      </button>
      <button
        class="icon-button"
        type="button"
        aria-label=${msg(l, 'addPanelTo', label)}
        title=${msg(l, 'addPanelTo', label)}
        @click=${(e: Event) => h.openDialog({ scope: 'new', section: section.name }, e.currentTarget)}
      >
        ${icons.plus}
      </button>
    </div>
    ${open ? renderGrid(h, hits, terms, columns) : nothing}
  </section>`;
}

/**
 * A section whose panels wait for their slice: one box of the estimated height of the whole section,
 * its header included. Its header and buttons come with its panels (at the first render of a long
 * listing, the headers of the waiting sections were most of the nodes and bindings built).
 */
function renderPendingSection(section: Section, hits: Panel[], height: number): TemplateResult {
  return html`<div
    class="section grid-pending"
    aria-busy="true"
    data-pending-section=${section.name}
    data-count=${hits.length}
    style=${styleProps({ height: `${height}px` })}
  ></div>`;
}

function renderGrid(h: GridHost, hits: Panel[], terms: SearchTerm[], columns: number | undefined): TemplateResult {
  return html`<div
    class=${columns === undefined ? 'grid grid--auto' : 'grid'}
    style=${styleProps({ '--_columns': columns === undefined ? undefined : String(columns) })}
  >
    ${repeat(
      hits,
      (p) => p.id,
      (p) => renderPanel(h, p, terms),
    )}
  </div>`;
}

/** The title with its search matches marked; without any, the text alone (no template to build for each panel). */
function renderTitle(title: string, terms: SearchTerm[]): TemplateResult | string {
  const ranges = terms.length ? highlightRanges(terms, title) : [];
  if (!ranges.length) return title;
  const parts: TemplateResult[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    parts.push(html`${title.slice(at, a)}<mark part="match">${title.slice(a, b)}</mark>`);
    at = b;
  }
  return html`${parts}${title.slice(at)}`;
}

function renderPanel(h: GridHost, panel: Panel, terms: SearchTerm[]): TemplateResult {
  const near = h.mounted.has(panel.id);
  const content = near ? (panel.kind === 'media' ? h.pool.mediaFor(panel) : h.pool.chartFor(panel)) : undefined;
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
              <span class="panel-title" title=${panel.title}>${renderTitle(panel.title, terms)}</span>
              ${renderPanelButtons(h, panel)}
            </header>
            <div class="panel-body">${content}</div>`
        : html`<span class="panel-title panel-title--far">${renderTitle(panel.title, terms)}</span>`
    }
  </article>`;
}

function renderPanelButtons(h: GridHost, panel: Panel): TemplateResult {
  const l = h.lang;
  const t = panel.title;
  return html`<span class="panel-buttons">
    <button
      class="icon-button"
      type="button"
      aria-label=${msg(l, 'fullScreen', t)}
      title=${msg(l, 'fullScreen', t)}
      @click=${(e: Event) => h.openFullscreen(panel, e.currentTarget)}
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
              @click=${(e: Event) => h.openDialog({ scope: 'panel', id: panel.id }, e.currentTarget)}
            >
              ${icons.gear}
            </button>
            <button
              class="icon-button"
              type="button"
              aria-label=${msg(l, 'duplicate', t)}
              title=${msg(l, 'duplicate', t)}
              @click=${() => h.duplicate(panel)}
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
      @click=${() => h.remove(panel)}
    >
      ${icons.close}
    </button>
  </span>`;
}
