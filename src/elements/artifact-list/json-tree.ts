/**
 * A foldable JSON tree built from native `<details>` (keyboard and screen-reader friendly as is).
 * Children of a closed node are not rendered, and each node shows at most `CHILD_LIMIT` children,
 * so a 10 MB metadata object costs only what is open.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { JsonValue } from '../../data/source.js';
import { jsonText } from '../../internal/json-text.js';

export const CHILD_LIMIT = 200;
const STRING_LIMIT = 5_000;
/** Levels drawn as foldable nodes; a value deeper than this is shown as (cut) JSON text. */
export const MAX_TREE_DEPTH = 32;

export interface JsonTreeOptions {
  /** Paths of the open nodes (keys joined by NUL from the root). */
  open: ReadonlySet<string>;
  onToggle: (path: string, open: boolean) => void;
  /** "12 more" */
  more: (n: number) => string;
}

const childPath = (path: string, key: string) => `${path}\u0000${key}`;

function leaf(value: unknown): TemplateResult {
  if (value === null) return html`<span class="jt-null">null</span>`;
  switch (typeof value) {
    case 'string': {
      const cut = value.length > STRING_LIMIT ? `${value.slice(0, STRING_LIMIT)}…` : value;
      return html`<span class="jt-string" title=${value.length > 80 ? value.slice(0, 2_000) : nothing}>"${cut}"</span>`;
    }
    case 'number':
      return html`<span class="jt-number">${String(value)}</span>`;
    case 'boolean':
      return html`<span class="jt-boolean">${String(value)}</span>`;
    case 'object':
      return html`<span class="jt-meta">${Array.isArray(value) ? '[]' : '{}'}</span>`;
    default:
      return html`<span class="jt-null">${String(value)}</span>`;
  }
}

function renderNode(
  key: string | undefined,
  value: unknown,
  path: string,
  o: JsonTreeOptions,
  depth: number,
): TemplateResult {
  const isArray = Array.isArray(value);
  if (depth >= MAX_TREE_DEPTH && value !== null && typeof value === 'object') {
    return html`<div class="jt-leaf">
      ${key === undefined ? nothing : html`<span class="jt-key">${key}</span><span class="jt-colon">: </span>`}<span
        class="jt-meta"
        >${jsonText(value, { limit: STRING_LIMIT })}</span
      >
    </div>`;
  }
  const entries: [string, unknown][] =
    value !== null && typeof value === 'object'
      ? isArray
        ? (value as unknown[]).map((v, i) => [String(i), v])
        : Object.entries(value)
      : [];
  const keyLabel = key === undefined ? nothing : html`<span class="jt-key">${key}</span>`;
  if (entries.length === 0) {
    return html`<div class="jt-leaf">
      ${keyLabel}${key === undefined ? nothing : html`<span class="jt-colon">: </span>`}${leaf(value)}
    </div>`;
  }
  const open = o.open.has(path);
  const count = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return html`<details
    class="jt-node"
    ?open=${open}
    @toggle=${(e: Event) => {
      const now = (e.currentTarget as HTMLDetailsElement).open;
      if (now !== o.open.has(path)) o.onToggle(path, now);
    }}
  >
    <summary>${keyLabel} <span class="jt-meta">${count}</span></summary>
    ${
      open
        ? html`<div class="jt-children">
            ${entries.slice(0, CHILD_LIMIT).map(([k, v]) => renderNode(k, v, childPath(path, k), o, depth + 1))}
            ${entries.length > CHILD_LIMIT ? html`<div class="jt-more">${o.more(entries.length - CHILD_LIMIT)}</div>` : nothing}
          </div>`
        : nothing
    }
  </details>`;
}

/** The tree of `value`; an object's or array's entries are the top level, each foldable. */
export function renderJsonTree(value: JsonValue | undefined, o: JsonTreeOptions): TemplateResult {
  const v = value ?? null;
  if (v === null || typeof v !== 'object') return html`<div class="jt">${renderNode(undefined, v, '', o, 0)}</div>`;
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  return html`<div class="jt">
    ${entries.slice(0, CHILD_LIMIT).map(([k, x]) => renderNode(k, x, childPath('', k), o, 1))}
    ${entries.length > CHILD_LIMIT ? html`<div class="jt-more">${o.more(entries.length - CHILD_LIMIT)}</div>` : nothing}
  </div>`;
}
