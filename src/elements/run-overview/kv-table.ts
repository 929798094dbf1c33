import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ref } from 'lit/directives/ref.js';
import { styleProps } from '../../internal/style-props.js';
import type { JsonValue } from '../../data/source.js';
import { formatDateTime, formatExactNumber, formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { CopyController } from '../../internal/copy-controller.js';
import { searchField } from '../../internal/controls.js';
import { common } from '../../internal/messages.js';
import { controlLabels } from '../../internal/control-labels.js';
import { VirtualListController } from '../../internal/virtual-list-controller.js';
import { epochMs } from './epoch-time.js';
import { flatten, isMediaValue, valueText, visibleRows, type FlatRow } from './flatten.js';
import { msg } from './run-overview.messages.js';

const ROW_HEIGHT = 30;
const MAX_HEIGHT = 440;
const CUT = 160;

export interface KeyValueTableOptions {
  title: string;
  lang: Lang;
  /** Heading level of the title, so the table fits the headings around it. */
  level: 2 | 3;
  /** URL of a run file, for media values. */
  fileUrl?: (path: string) => string | undefined;
}

/**
 * A searchable, collapsible, virtualised table of nested JSON (a run's config or summary). Holds
 * its own search, collapse, scroll and focus state; the host element renders it.
 */
export class KeyValueTable {
  private rows: FlatRow[] = [];
  private source?: Record<string, JsonValue>;
  private visible: number[] = [];
  private query = '';
  private collapsed = new Set<string>();
  private expanded?: FlatRow;
  private readonly copier: CopyController;
  private readonly list: VirtualListController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    readonly id: string,
  ) {
    this.list = new VirtualListController(host, { rowHeight: ROW_HEIGHT, initialHeight: MAX_HEIGHT });
    this.copier = new CopyController(host);
  }

  /** Sets the data; keeps search and collapse state when the same keys come back (live updates). */
  setData(data: Record<string, JsonValue> | undefined): void {
    if (data === this.source) return;
    this.source = data;
    this.rows = flatten(data);
    this.refresh();
  }

  get size(): number {
    return this.rows.length;
  }

  private refresh(): void {
    this.visible = visibleRows(this.rows, this.collapsed, this.query);
    this.list.active = Math.min(this.list.active, Math.max(0, this.visible.length - 1));
    this.host.requestUpdate();
  }

  private onSearch = (query: string): void => {
    this.query = query;
    this.list.active = 0;
    this.list.scrollToTop();
    this.refresh();
  };

  private toggle(row: FlatRow): void {
    if (this.collapsed.has(row.path)) this.collapsed.delete(row.path);
    else this.collapsed.add(row.path);
    this.refresh();
  }

  private copy(row: FlatRow): void {
    void this.copier.copy(valueText(row.value), row.path);
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (!this.visible.length) return;
    if (this.list.handleKey(e, { focus: true })) return;
    const row = this.rows[this.visible[this.list.active]];
    const isGroup = row.descendants > 0;
    let next = this.list.active;
    switch (e.key) {
      case 'ArrowRight':
        if (isGroup && this.collapsed.has(row.path)) this.toggle(row);
        else if (isGroup) next = Math.min(this.visible.length - 1, next + 1);
        break;
      case 'ArrowLeft':
        if (isGroup && !this.collapsed.has(row.path)) this.toggle(row);
        else if (row.parent >= 0) next = Math.max(0, this.visible.indexOf(row.parent));
        break;
      case 'Enter':
      case ' ':
        if (isGroup) this.toggle(row);
        else if (valueText(row.value).length > CUT) this.expanded = row;
        break;
      default:
        return;
    }
    e.preventDefault();
    this.list.setActive(next, { focus: true });
  };

  render(o: KeyValueTableOptions): TemplateResult {
    const { lang } = o;
    const count = this.visible.length;
    this.list.rowCount = count;
    const win = this.list.window();
    const height = Math.min(MAX_HEIGHT, Math.max(count, 1) * ROW_HEIGHT);
    const rows: TemplateResult[] = [];
    for (let i = win.first; i < win.last; i++) rows.push(this.renderRow(this.rows[this.visible[i]], i, o));
    return html`<section class="kv" data-table=${this.id} part="${this.id}">
      <header class="kv__head">
        <div class="kv__title" role="heading" aria-level=${o.level}>
          ${o.title} <span class="kv__count">${this.rows.length ? formatNumber(this.rows.length, lang) : ''}</span>
        </div>
        ${
          this.rows.length
            ? searchField({
                id: `${this.id}-search`,
                class: 'kv__search',
                value: this.query,
                label: msg(lang, 'searchIn', o.title),
                placeholder: msg(lang, 'searchKeysValues'),
                onInput: this.onSearch,
              })
            : nothing
        }
      </header>
      ${
        this.rows.length === 0
          ? html`<p class="kv__empty">${msg(lang, 'noValues')}</p>`
          : count === 0
            ? html`<p class="kv__empty" role="status">${msg(lang, 'noMatches', this.query)}</p>`
            : html`<div
                class="kv__scroll"
                style=${styleProps({ height: `${height}px` })}
                role="treegrid"
                aria-label=${o.title}
                aria-rowcount=${count}
                ${ref(this.list.attach)}
                @keydown=${this.onKeydown}
              >
                <div class="kv__spacer" style=${styleProps({ height: `${win.scrollHeight}px` })}>
                  <div class="kv__rows" style=${styleProps({ transform: `translateY(${win.top}px)` })}>${rows}</div>
                </div>
              </div>`
      }
      ${this.expanded ? this.renderExpanded(this.expanded, lang) : nothing}
    </section>`;
  }

  private renderRow(row: FlatRow, index: number, o: KeyValueTableOptions): TemplateResult {
    const isGroup = row.descendants > 0;
    const open = isGroup && !this.collapsed.has(row.path);
    return html`<div
      class=${classMap({ kv__row: true, 'kv__row--group': isGroup })}
      role="row"
      data-row=${index}
      aria-rowindex=${this.list.ariaRowIndex(index)}
      aria-level=${row.depth + 1}
      aria-expanded=${isGroup ? String(open) : nothing}
      tabindex=${index === this.list.active ? 0 : -1}
      @focus=${() => (this.list.active = index)}
    >
      <span
        class="kv__key"
        role="rowheader"
        style=${styleProps({ paddingInlineStart: `${row.depth * 16 + 4}px` })}
        title=${row.path}
      >
        ${
          isGroup
            ? html`<button
                class="kv__toggle"
                tabindex="-1"
                aria-label=${open ? controlLabels(o.lang, 'collapse') : controlLabels(o.lang, 'expand')}
                @click=${() => this.toggle(row)}
              >
                ${open ? '▾' : '▸'}
              </button>`
            : html`<span class="kv__toggle-space"></span>`
        }
        <span class="kv__keytext">${row.key}</span>
      </span>
      <span class="kv__value kv__value--${row.kind}" role="gridcell">${this.renderValue(row, o)}</span>
      <span class="kv__actions" role="gridcell">
        ${
          isGroup
            ? nothing
            : html`<button
                class="kv__copy"
                tabindex="-1"
                @click=${() => this.copy(row)}
                aria-label=${`${controlLabels(o.lang, 'copy')} ${row.path}`}
              >
                ${this.copier.label(o.lang, row.path)}
              </button>`
        }
      </span>
    </div>`;
  }

  private renderValue(row: FlatRow, o: KeyValueTableOptions): TemplateResult | string {
    const v = row.value;
    if (row.descendants > 0) {
      const n = Array.isArray(v) ? v.length : Object.keys(v as object).length;
      return html`<span class="kv__muted"
        >${Array.isArray(v) ? msg(o.lang, 'items', n) : msg(o.lang, 'keys', n)}</span
      >`;
    }
    if (isMediaValue(v)) {
      const url = o.fileUrl?.(v.path);
      const label = `${v._type.replace(/-file$/, '')}: ${v.path}`;
      return url ? html`<a href=${url} target="_blank" rel="noopener">${label}</a>` : label;
    }
    if (typeof v === 'number') return renderNumber(row.key, v, o.lang);
    const text = typeof v === 'string' ? v : valueText(v);
    if (text.length <= CUT) return typeof v === 'string' ? text : html`<code>${text}</code>`;
    return html`<span class="kv__cut">${text.slice(0, CUT)}…</span>
      <button class="kv__more" tabindex="-1" @click=${() => ((this.expanded = row), this.host.requestUpdate())}>
        ${common(o.lang, 'showMore')}
      </button>`;
  }

  private renderExpanded(row: FlatRow, lang: Lang): TemplateResult {
    return html`<div class="kv__detail" role="region" aria-label=${row.path}>
      <div class="kv__detail-head">
        <code>${row.path}</code>
        <button class="rp-button" @click=${() => this.copy(row)}>${this.copier.label(lang, row.path)}</button>
        <button class="rp-button" @click=${() => ((this.expanded = undefined), this.host.requestUpdate())}>
          ${common(lang, 'close')}
        </button>
      </div>
      <pre class="kv__detail-body">${valueText(row.value)}</pre>
    </div>`;
  }
}

/** A number in full, and as a date too when it is a point in time (see epoch-time.ts). */
function renderNumber(key: string, value: number, lang: Lang): TemplateResult | string {
  const text = formatExactNumber(value, lang);
  const ms = epochMs(key, value);
  if (ms === undefined) return text;
  return html`${text} <time class="kv__date" datetime=${new Date(ms).toISOString()}>${formatDateTime(ms, lang)}</time>`;
}
