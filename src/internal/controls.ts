/**
 * The controls every toolbar is made of, drawn the same way in every element: the search field,
 * a labelled select, a toolbar button, and the toolbar itself. Their look is `controlStyles`
 * (`control-styles.ts`), in the styles of every element that draws them; an element only sets
 * where they sit (flex basis, margins).
 * What is typed in a search field is read with `data/search-query.ts`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import type { Lang } from './i18n.js';
import { controlLabels } from './control-labels.js';
import type { ParsedQuery } from '../data/search-query.js';
import type { ToolbarOverflowController } from './toolbar-overflow.js';

export interface ToolbarOptions {
  /** Folds the secondary controls into a "More" menu that opens under the toolbar. */
  overflow: ToolbarOverflowController;
  /** Accessible name: with one, the toolbar is a labelled group. */
  label?: string;
  /** More classes (`rp-toolbar` for the common look). */
  class?: string;
}

/** An element's toolbar: `part="toolbar"`, watched by its overflow controller. */
export function elementToolbar(o: ToolbarOptions, content: unknown): TemplateResult {
  return html`<div
    class="toolbar rp-overflow-host${o.class ? ` ${o.class}` : ''}"
    part="toolbar"
    role=${ifDefined(o.label === undefined ? undefined : 'group')}
    aria-label=${ifDefined(o.label)}
    ${ref(o.overflow.observe)}
  >
    ${content}
  </div>`;
}

export interface SearchFieldOptions {
  value: string;
  /** Accessible name; also the placeholder unless one is given. */
  label: string;
  placeholder?: string;
  /** Called with the new text on every input, and with '' when Escape clears the field. */
  onInput: (value: string) => void;
  /** Part name (default `search`). */
  part?: string;
  /** More classes, for where the field sits in its toolbar. */
  class?: string;
  id?: string;
  title?: string;
  /** Id of the element that shows the match count or the error. */
  describedBy?: string;
  /** The text is not a valid query (a bad `/regex/`): `aria-invalid`. */
  invalid?: boolean;
  disabled?: boolean;
  /** Keys other than Escape (Enter to go to the next match…). */
  onKeydown?: (e: KeyboardEvent) => void;
}

/**
 * A search field: `type="search"`, labelled, `aria-invalid` while the query is bad; Escape clears
 * a non-empty field (and goes no further, so it does not also close a surrounding menu).
 */
export function searchField(o: SearchFieldOptions): TemplateResult {
  return html`<input
    class="rp-input rp-search${o.class ? ` ${o.class}` : ''}"
    type="search"
    part=${o.part ?? 'search'}
    id=${ifDefined(o.id)}
    .value=${o.value}
    placeholder=${o.placeholder ?? o.label}
    aria-label=${o.label}
    title=${ifDefined(o.title)}
    aria-invalid=${o.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(o.describedBy)}
    ?disabled=${o.disabled}
    @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    @keydown=${(e: KeyboardEvent) => {
      const input = e.target as HTMLInputElement;
      if (e.key === 'Escape' && input.value !== '') {
        e.preventDefault();
        e.stopPropagation();
        input.value = '';
        o.onInput('');
        return;
      }
      o.onKeydown?.(e);
    }}
  />`;
}

/** The alert beside a search field whose `/regex/` did not compile (it is searched as text). */
export function queryNotice(lang: Lang, parsed: ParsedQuery, id?: string): TemplateResult | typeof nothing {
  if (parsed.invalid === undefined) return nothing;
  return html`<span class="rp-field-error" id=${ifDefined(id)} role="alert"
    >${controlLabels(lang, 'searchedAsText', parsed.invalid)}</span
  >`;
}

export interface ToolOptions {
  /** Toggle state (`aria-pressed`). */
  pressed?: boolean;
  /** Accessible name and tooltip, for buttons whose text is a symbol. */
  hint?: string;
  /** Tooltip only. */
  title?: string;
  disabled?: boolean;
  /** More classes (`mono`, `rp-button--primary`…). */
  class?: string;
  part?: string;
}

/** A toolbar button; a toggle when `pressed` is given. */
export function toolButton(
  text: string | TemplateResult,
  onClick: (e: Event) => void,
  o: ToolOptions = {},
): TemplateResult {
  return html`<button
    class="rp-button rp-tool${o.class ? ` ${o.class}` : ''}"
    type="button"
    part=${ifDefined(o.part)}
    aria-pressed=${o.pressed === undefined ? nothing : String(o.pressed)}
    title=${o.hint ?? o.title ?? nothing}
    aria-label=${o.hint ?? nothing}
    ?disabled=${o.disabled}
    @click=${onClick}
  >
    ${text}
  </button>`;
}

export interface SelectOptions {
  /** Shown before the select (a `<label>` around it); without it the label is the accessible name only. */
  visibleLabel?: boolean;
  class?: string;
  part?: string;
}

/** A select of `[value, text]` options, named by `label`. */
export function labelledSelect(
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
  onChange: (value: string) => void,
  o: SelectOptions = {},
): TemplateResult {
  const select = html`<select
    class="rp-input${o.class && !o.visibleLabel ? ` ${o.class}` : ''}"
    part=${ifDefined(o.part)}
    aria-label=${o.visibleLabel ? nothing : label}
    @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
  >
    ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
  </select>`;
  if (!o.visibleLabel) return select;
  return html`<label class="rp-label${o.class ? ` ${o.class}` : ''}">${label} ${select}</label>`;
}
