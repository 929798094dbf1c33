/** JSON as a foldable tree (buttons with aria-expanded), or pretty-printed text. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../../internal/i18n.js';
import { jsonText } from '../../../internal/json-text.js';
import { pmsg } from '../preview.messages.js';
import { highlightCode } from './highlight.js';
import { renderCode } from './text.js';

interface Host {
  requestUpdate(): void;
}

/** Children shown at first under one node; "show more" adds this many again. */
const CHILDREN_STEP = 200;
/** `expand all` stops after this many nodes so a huge document cannot freeze the page. */
const EXPAND_ALL_LIMIT = 5000;
/**
 * Levels drawn as a tree; a value deeper than this is shown as its JSON text (cut, the whole of it
 * in the Text view), so a document nested thousands of levels deep cannot exhaust the call stack.
 */
export const MAX_TREE_DEPTH = 32;
/** Characters of such a value shown in the tree. */
const DEEP_TEXT_LIMIT = 300;

type Container = unknown[] | Record<string, unknown>;

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function sizeOf(v: Container): number {
  return Array.isArray(v) ? v.length : Object.keys(v).length;
}

/** The first `limit` children only, so a node with a million children costs what is shown. */
function childrenOf(v: Container, limit = Infinity): [string | number, unknown][] {
  if (Array.isArray(v)) return v.slice(0, limit).map((c, i) => [i, c] as [number, unknown]);
  return Object.keys(v)
    .slice(0, limit)
    .map((k) => [k, v[k]] as [string, unknown]);
}

function childId(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export class JsonTreeView {
  private readonly open = new Set<string>(['']);
  private readonly shown = new Map<string, number>();
  private mode: 'tree' | 'text' = 'tree';
  private pretty?: string;
  private highlighted?: string;

  constructor(
    readonly value: unknown,
    private readonly host: Host,
  ) {
    if (isContainer(value))
      for (const [k, v] of childrenOf(value, CHILDREN_STEP)) if (isContainer(v)) this.open.add(childId('', k));
  }

  /** Whether the node at `id` (a JSON-pointer-like path, '' the root) is expanded. */
  isOpen(id: string): boolean {
    return this.open.has(id);
  }

  toggle(id: string): void {
    if (this.open.has(id)) this.open.delete(id);
    else this.open.add(id);
    this.host.requestUpdate();
  }

  expandAll(): void {
    let budget = EXPAND_ALL_LIMIT;
    // Breadth-first with a queue, no recursion; nodes past MAX_TREE_DEPTH are text and stay as they are.
    const queue: [unknown, string, number][] = [[this.value, '', 0]];
    for (let q = 0; q < queue.length && budget > 0; q++) {
      const [v, id, depth] = queue[q];
      if (!isContainer(v) || depth >= MAX_TREE_DEPTH) continue;
      budget--;
      this.open.add(id);
      for (const [k, c] of childrenOf(v, this.shown.get(id) ?? CHILDREN_STEP))
        queue.push([c, childId(id, k), depth + 1]);
    }
    this.host.requestUpdate();
  }

  collapseAll(): void {
    this.open.clear();
    this.open.add('');
    this.host.requestUpdate();
  }

  /** Switches between the tree and the pretty-printed text (highlighted once it is ready). */
  setMode(mode: 'tree' | 'text'): void {
    this.mode = mode;
    if (mode === 'text' && this.pretty === undefined) {
      this.pretty = jsonText(this.value, { indent: 2 });
      void highlightCode(this.pretty, 'json').then(
        (h) => {
          this.highlighted = h;
          this.host.requestUpdate();
        },
        () => {
          /* the text stays plain */
        },
      );
    }
    this.host.requestUpdate();
  }

  render(lang: Lang): TemplateResult {
    const tree = this.mode === 'tree';
    return html`<div class="json" part="json">
      <div class="json-tools">
        ${this.modeButton('tree', pmsg(lang, 'jsonTree'))} ${this.modeButton('text', pmsg(lang, 'jsonText'))}
        ${
          tree
            ? html`<button type="button" class="rp-button small" @click=${() => this.expandAll()}>
                  ${pmsg(lang, 'expandAll')}
                </button>
                <button type="button" class="rp-button small" @click=${() => this.collapseAll()}>
                  ${pmsg(lang, 'collapseAll')}
                </button>`
            : nothing
        }
      </div>
      ${tree ? this.renderTree(lang) : renderCode(this.pretty ?? '', this.highlighted, pmsg(lang, 'jsonText'))}
    </div>`;
  }

  private modeButton(mode: 'tree' | 'text', label: string): TemplateResult {
    return html`<button
      type="button"
      class="rp-button small"
      aria-pressed=${this.mode === mode ? 'true' : 'false'}
      @click=${() => this.setMode(mode)}
    >
      ${label}
    </button>`;
  }

  private renderTree(lang: Lang): TemplateResult {
    return html`
      <ul class="json-tree">
        ${this.node(undefined, this.value, '', lang, 0)}
      </ul>
    `;
  }

  private node(
    key: string | number | undefined,
    value: unknown,
    id: string,
    lang: Lang,
    depth: number,
  ): TemplateResult {
    const keyLabel =
      key === undefined
        ? nothing
        : html`<span class="json-key">${typeof key === 'number' ? key : JSON.stringify(key)}</span
            ><span class="json-colon">: </span>`;
    if (!isContainer(value)) return html`<li class="json-leaf">${keyLabel}${leaf(value)}</li>`;
    if (depth >= MAX_TREE_DEPTH)
      return html`<li class="json-leaf json-deep">
        ${keyLabel}<code>${jsonText(value, { limit: DEEP_TEXT_LIMIT })}</code>
        <span class="json-summary">${pmsg(lang, 'jsonTooDeep')}</span>
      </li>`;
    const count = sizeOf(value);
    const open = this.open.has(id);
    const summary = Array.isArray(value) ? `[${count}]` : `{${count}}`;
    const shown = this.shown.get(id) ?? CHILDREN_STEP;
    return html`<li class="json-node">
      <button
        type="button"
        class="rp-bare json-toggle"
        aria-expanded=${open ? 'true' : 'false'}
        @click=${() => this.toggle(id)}
      >
        <span class="caret" aria-hidden="true"></span>${keyLabel}<span class="json-summary">${summary}</span>
      </button>
      ${
        open
          ? html`<ul>
              ${childrenOf(value, shown).map(([k, v]) => this.node(k, v, childId(id, k), lang, depth + 1))}
              ${
                count > shown
                  ? html`<li>
                      <button
                        type="button"
                        class="rp-button small"
                        @click=${() => {
                          this.shown.set(id, shown + CHILDREN_STEP);
                          this.host.requestUpdate();
                        }}
                      >
                        ${pmsg(lang, 'showMoreItems', count - shown)}
                      </button>
                    </li>`
                  : nothing
              }
            </ul>`
          : nothing
      }
    </li>`;
  }
}

function leaf(value: unknown): TemplateResult {
  if (value === null) return html`<span class="json-null">null</span>`;
  switch (typeof value) {
    case 'string':
      return html`<span class="json-string">${JSON.stringify(value)}</span>`;
    case 'number':
      return html`<span class="json-number">${String(value)}</span>`;
    case 'boolean':
      return html`<span class="json-boolean">${String(value)}</span>`;
    default:
      return html`<span class="json-null">${String(value)}</span>`;
  }
}
