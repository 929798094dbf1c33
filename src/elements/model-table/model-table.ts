import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../../internal/style-props.js';
import { elementToolbar, queryNotice, searchField } from '../../internal/controls.js';
import { gridTableStyles } from '../../internal/grid-table.js';
import { parseQuery } from '../../data/search-query.js';
import { ToolbarOverflowController, toolbarOverflowStyles } from '../../internal/toolbar-overflow.js';
import { initialState } from '@lit/task';
import { RunpageElement, requireMethod } from '../../internal/base-element.js';
import { SourceTask } from '../../internal/source-task.js';
import { renderEmpty } from '../../internal/states.js';
import { formatCompact, formatNumber } from '../../internal/format.js';
import { VirtualListController } from '../../internal/virtual-list-controller.js';
import {
  buildModelTree,
  parentIds,
  visibleRows,
  type ModelNode,
  type ModelRow,
  type ModelTree,
  type ParamSort,
} from './model-tree.js';
import type { ModelLayer } from '../../data/source.js';
import { msg } from './model-table.messages.js';
import { styles } from './model-table.styles.js';
import { oneOf } from '../../internal/attribute-check.js';

const ROW_HEIGHT = 32;
const SORTS: readonly ParamSort[] = ['none', 'desc', 'asc'];
/** Indentation stops growing here so very deep models keep their other columns readable. */
const MAX_INDENT_LEVELS = 24;

/** 43%, 3.6%, <0.1% (never a misleading 0.0% for a layer that has parameters). */
function sharePercent(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(share >= 0.1 ? 0 : 1)}%`;
}

interface RowCache {
  tree: ModelTree;
  collapsed: ReadonlySet<string>;
  search: string;
  sort: ParamSort;
  rows: ModelRow[];
  /** Node index → row index. */
  rowOf: Map<number, number>;
}

/**
 * The model's layers as an expandable tree table: name, type, parameters, output shape and each
 * layer's share of all parameters (a module's share includes what is inside it), with totals,
 * search, sort by parameters and keyboard tree navigation. Virtualised: 10,000 layers scroll
 * smoothly.
 *
 * @summary The Model tab: layers, parameter counts and shares.
 *
 * @csspart base - The wrapper of everything below, the states included.
 * @csspart toolbar - The search field and the expand/collapse buttons.
 * @csspart search - The layer search field (substrings, `/regex/`, globs, `-exclusions`).
 * @csspart model-name - The graph's name (e.g. the logged model a signature belongs to), when it has one.
 * @csspart totals - Total, trainable and non-trainable parameter counts.
 * @csspart table - The tree grid.
 * @csspart row - Each layer row.
 * @csspart bar - The share bar of a row.
 * @csspart state - Loading, empty, error and unsupported states.
 *
 * @cssprop --runpage-model-table-max-height - Most height the layer list takes before it scrolls (default 60vh).
 * @cssprop --runpage-model-table-bar-color - Colour of the share bars (default the accent colour).
 */
export class ModelTable extends RunpageElement {
  /** `focus()` moves to the layer search. */
  protected override focusSelector = 'input[type="search"]';

  static override styles = [RunpageElement.styles, toolbarOverflowStyles, gridTableStyles, styles];

  static override properties = {
    search: {},
    sort: { reflect: true },
    collapsed: { state: true },
    activeId: { state: true },
  };

  /** Shows only layers whose name, type or output shape contain this text, with their ancestors. */
  search = '';

  /** Orders siblings by parameter count: `none` (model order), `desc` or `asc`. */
  sort: ParamSort = 'none';

  private collapsed: ReadonlySet<string> = new Set();
  declare private activeId?: string;

  private cache?: RowCache;
  /** Below this width Expand all and Collapse all fold into a "More" menu. */
  private readonly toolbarOverflow = new ToolbarOverflowController(this, 480);
  private readonly list = new VirtualListController(this, {
    rowHeight: ROW_HEIGHT,
    initialHeight: 600,
    headerRows: 1,
    onActiveChange: (row) => {
      const cache = this.tree && this.rowsOf(this.tree);
      if (cache?.rows[row]) this.activeId = cache.tree.nodes[cache.rows[row].node].id;
    },
  });

  private task = new SourceTask(this, {
    args: () => [this.dataSource, this.runId] as const,
    task: async ([source, runId], { signal }) => {
      if (!source || !runId) return initialState;
      const graph = await requireMethod(source, 'getModel')(runId, { signal });
      return buildModelTree(graph);
    },
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sort')) this.sort = oneOf(this, 'sort', this.sort, SORTS, 'none');
    if (changed.has('search') && changed.get('search') !== undefined) {
      // A new search shows every match: forget what was collapsed and start at the top.
      this.collapsed = new Set();
      this.resetScroll();
    }
  }

  /** Expands every module. */
  expandAll(): void {
    this.collapsed = new Set();
  }

  /** Collapses every module, leaving the top-level layers. */
  collapseAll(): void {
    const tree = this.tree;
    if (tree) this.collapsed = parentIds(tree);
    this.resetScroll();
  }

  private get tree(): ModelTree | undefined {
    const v = this.task.value;
    return v && typeof v === 'object' && 'nodes' in v ? v : undefined;
  }

  private resetScroll(): void {
    this.list.scrollToTop();
  }

  private rowsOf(tree: ModelTree): RowCache {
    const c = this.cache;
    if (c && c.tree === tree && c.collapsed === this.collapsed && c.search === this.search && c.sort === this.sort)
      return c;
    const rows = visibleRows(tree, { collapsed: this.collapsed, query: this.search, sort: this.sort });
    const rowOf = new Map<number, number>();
    rows.forEach((r, i) => rowOf.set(r.node, i));
    this.cache = { tree, collapsed: this.collapsed, search: this.search, sort: this.sort, rows, rowOf };
    return this.cache;
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderTask(this.task, {
        what: msg(this.locale, 'what'),
        empty: () => renderEmpty(msg(this.locale, 'noModel'), msg(this.locale, 'noModelDetail')),
        complete: (tree) =>
          tree.nodes.length
            ? this.renderModel(tree)
            : renderEmpty(msg(this.locale, 'noModel'), msg(this.locale, 'noModelDetail')),
      })}
    </div>`;
  }

  private renderModel(tree: ModelTree): TemplateResult {
    const lang = this.locale;
    const cache = this.rowsOf(tree);
    const { rows } = cache;
    const hasParents = tree.maxDepth > 0;
    const query = parseQuery(this.search);
    const searching = query.terms.length > 0;
    const matches = searching ? rows.filter((r) => r.match).length : 0;
    return html`
      ${tree.name ? html`<p class="model-name" part="model-name">${tree.name}</p>` : nothing}
      ${elementToolbar(
        { overflow: this.toolbarOverflow, class: 'rp-toolbar' },
        html`${searchField({
            value: this.search,
            label: msg(lang, 'search'),
            class: 'search',
            onInput: (v) => (this.search = v),
            invalid: query.invalid !== undefined,
          })}
          ${
            hasParents
              ? this.toolbarOverflow.render(
                  lang,
                  html`<button class="rp-button" type="button" @click=${this.expandAll}>
                      ${msg(lang, 'expandAll')}
                    </button>
                    <button class="rp-button" type="button" @click=${this.collapseAll}>
                      ${msg(lang, 'collapseAll')}
                    </button>`,
                )
              : nothing
          }
          <span class="count rp-count" role="status">
            ${searching ? msg(lang, 'matches', formatNumber(matches, lang)) : msg(lang, 'layers', formatNumber(tree.nodes.length, lang))}
          </span>
          ${queryNotice(lang, query)}`,
      )}
      ${tree.countsParameters ? this.renderTotals(tree) : nothing} ${this.renderGrid(tree, cache)}
      ${
        tree.warnings.length
          ? html`<details class="warnings">
              <summary>${msg(lang, 'warnings', tree.warnings.length)}</summary>
              <ul>
                ${tree.warnings.slice(0, 100).map((w) => html`<li>${w}</li>`)}
              </ul>
            </details>`
          : nothing
      }
    `;
  }

  private renderTotals(tree: ModelTree): TemplateResult {
    const lang = this.locale;
    const item = (label: string, n: number, key: string) =>
      html`<div data-total=${key}>
        <dt>${label}</dt>
        <dd title=${msg(lang, 'exactCount', formatNumber(n, lang))} data-exact=${n}>${formatCompact(n, lang)}</dd>
      </div>`;
    return html`<dl class="totals" part="totals">
      ${item(msg(lang, 'total'), tree.total, 'total')} ${item(msg(lang, 'trainable'), tree.trainable, 'trainable')}
      ${item(msg(lang, 'nonTrainable'), tree.nonTrainable, 'non-trainable')}
    </dl>`;
  }

  private renderGrid(tree: ModelTree, cache: RowCache): TemplateResult {
    const lang = this.locale;
    const { rows } = cache;
    const activeRow = this.activeRowIndex(cache);
    this.list.rowCount = rows.length;
    this.list.active = activeRow;
    const win = this.list.window();
    const activeRendered = activeRow >= win.first && activeRow < win.last;
    const sortLabel = { none: 'none', desc: 'descending', asc: 'ascending' } as const;
    const arrow = this.sort === 'desc' ? '↓' : this.sort === 'asc' ? '↑' : '↕';
    const counts = tree.countsParameters;
    return html`<div
      class="grid ${counts ? '' : 'no-counts'}"
      part="table"
      role="treegrid"
      aria-label=${msg(lang, 'label')}
      aria-rowcount=${rows.length + 1}
      aria-colcount=${counts ? 5 : 3}
      @keydown=${(e: KeyboardEvent) => this.onKeydown(e, cache)}
    >
      <div role="rowgroup">
        <div class="row head" role="row" aria-rowindex="1">
          <div class="cell" role="columnheader">${msg(lang, 'name')}</div>
          <div class="cell" role="columnheader">${msg(lang, 'type')}</div>
          ${
            counts
              ? html`<div class="cell num" role="columnheader" aria-sort=${sortLabel[this.sort]}>
                    <button class="rp-bare sort" type="button" title=${msg(lang, 'sortNone')} @click=${this.cycleSort}>
                      ${msg(lang, 'params')} ${arrow}
                    </button>
                  </div>
                  <div class="cell" role="columnheader">${msg(lang, 'outputShape')}</div>
                  <div class="cell" role="columnheader">${msg(lang, 'share')}</div>`
              : html`<div class="cell" role="columnheader">${msg(lang, 'shape')}</div>`
          }
        </div>
      </div>
      ${
        rows.length === 0
          ? html`<div class="no-matches">${msg(lang, 'noMatches')}</div>`
          : html`<div
              class="scroller"
              role="rowgroup"
              tabindex=${activeRendered ? -1 : 0}
              style=${styleProps({ height: `${Math.min(win.scrollHeight, 100_000) + 2}px` })}
              ${ref(this.list.attach)}
              @focus=${this.onScrollerFocus}
            >
              <div class="spacer" style=${styleProps({ height: `${win.scrollHeight}px` })}>
                ${repeat(
                  rows.slice(win.first, win.last),
                  (r) => r.node,
                  (r, k) => this.renderRow(tree, r, win.first + k, activeRow),
                )}
              </div>
            </div>`
      }
    </div>`;
  }

  private renderRow(tree: ModelTree, row: ModelRow, index: number, activeRow: number): TemplateResult {
    const node = tree.nodes[row.node];
    const active = index === activeRow;
    const indent = Math.min(row.level - 1, MAX_INDENT_LEVELS) * 16;
    return html`<div
      class="row body-row ${row.match ? 'match' : ''}"
      part="row"
      role="row"
      data-row=${index}
      data-id=${node.id}
      style=${styleProps({ top: `${this.list.rowTop(index)}px` })}
      tabindex=${active ? 0 : -1}
      aria-rowindex=${this.list.ariaRowIndex(index)}
      aria-level=${row.level}
      aria-posinset=${row.posInSet}
      aria-setsize=${row.setSize}
      aria-expanded=${row.hasChildren ? String(row.expanded) : nothing}
      aria-selected=${String(active)}
      @click=${() => this.activate(index)}
    >
      <div class="cell name" role="gridcell" style=${styleProps({ paddingLeft: `${8 + indent}px` })}>
        <span
          class="twisty ${row.hasChildren ? (row.expanded ? 'open' : '') : 'leaf'}"
          aria-hidden="true"
          @click=${(e: Event) => {
            e.stopPropagation();
            this.activate(index);
            if (row.hasChildren) this.toggle(node.id);
          }}
          >▸</span
        ><span class="name-text" title=${node.layer.name ?? node.id}>${node.layer.name ?? node.id}</span>
      </div>
      <div class="cell type mono" role="gridcell" title=${node.layer.type ?? ''}>${node.layer.type ?? ''}</div>
      ${tree.countsParameters ? this.renderCounts(tree, node) : this.renderShape(node.layer)}
    </div>`;
  }

  /** A signature row's shape: what goes out of an output, what comes into an input. */
  private renderShape(layer: ModelLayer): TemplateResult {
    const shape = layer.outputShape ?? layer.inputShape ?? '';
    return html`<div class="cell mono" role="gridcell" title=${shape}>${shape}</div>`;
  }

  private renderCounts(tree: ModelTree, node: ModelNode): TemplateResult {
    const lang = this.locale;
    const share = tree.total > 0 ? node.total / tree.total : 0;
    const pct = sharePercent(share);
    const exact =
      node.children.length > 0
        ? msg(lang, 'exactParams', formatNumber(node.total, lang), formatNumber(node.own, lang))
        : msg(lang, 'exactCount', formatNumber(node.total, lang));
    return html`<div class="cell num" role="gridcell" title=${exact} data-exact=${node.total}>
        ${formatCompact(node.total, lang)}
      </div>
      <div class="cell mono" role="gridcell" title=${node.layer.outputShape ?? ''}>${node.layer.outputShape ?? ''}</div>
      <div class="cell share" role="gridcell" title=${msg(lang, 'shareOf', pct)}>
        <span class="bar" part="bar"
          ><span style=${styleProps({ width: `${Math.min(100, share * 100)}%` })}></span
        ></span>
        <span class="pct">${pct}</span>
      </div>`;
  }

  private activeRowIndex(cache: RowCache): number {
    if (!cache.rows.length) return -1;
    if (this.activeId !== undefined) {
      const node = cache.tree.nodes.findIndex((n) => n.id === this.activeId);
      // A collapsed-away active row hands the focus to its nearest visible ancestor.
      for (let i = node; i >= 0; i = cache.tree.nodes[i].parent) {
        const r = cache.rowOf.get(i);
        if (r !== undefined) return r;
      }
    }
    return 0;
  }

  private onScrollerFocus = (e: FocusEvent): void => {
    if (e.target !== this.list.element || !this.tree) return;
    this.list.setActive(this.activeRowIndex(this.rowsOf(this.tree)), { focus: true });
  };

  private cycleSort = (): void => {
    this.sort = SORTS[(SORTS.indexOf(this.sort) + 1) % SORTS.length];
  };

  private toggle(id: string): void {
    const next = new Set(this.collapsed);
    if (!next.delete(id)) next.add(id);
    this.collapsed = next;
  }

  /** Makes row `index` the active one, scrolls it into view and focuses it. */
  private activate(index: number): void {
    this.list.setActive(index, { focus: true });
  }

  private onKeydown(e: KeyboardEvent, cache: RowCache): void {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('body-row') && target !== this.list.element) return;
    const { rows, tree } = cache;
    if (!rows.length) return;
    if (this.list.handleKey(e, { focus: true })) return;
    const current = this.activeRowIndex(cache);
    const row = rows[current];
    const node = tree.nodes[row.node];
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) this.toggle(node.id);
        else if (row.expanded) next = current + 1;
        break;
      case 'ArrowLeft':
        if (row.expanded) this.toggle(node.id);
        else if (node.parent >= 0) next = cache.rowOf.get(node.parent);
        break;
      case 'Enter':
      case ' ':
        if (row.hasChildren) this.toggle(node.id);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next !== undefined) this.activate(next);
  }
}
