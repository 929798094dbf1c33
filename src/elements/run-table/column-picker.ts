/** The picker of config and summary columns: a search box over every key the runs have, each a tick box. */
import { html, type TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { formatNumber } from '../../internal/format.js';
import { queryMatcher } from '../../data/search-query.js';
import { searchField } from '../../internal/controls.js';
import { msg } from './run-table.messages.js';
import { cmsg } from './column-picker.messages.js';
import type { ColumnId } from './run-rows.js';

/** Keys listed at once; a search narrows the rest. */
const SHOWN = 300;

export interface PickerContext {
  lang: Lang;
  keys: readonly ColumnId[];
  chosen: readonly ColumnId[];
  query: string;
  onQuery: (q: string) => void;
  onToggle: (key: ColumnId) => void;
  onClose: () => void;
}

export function renderColumnPicker(c: PickerContext): TemplateResult {
  const { lang } = c;
  const matches = c.keys.filter(queryMatcher(c.query));
  const chosen = new Set(c.chosen);
  return html`<div
    class="picker"
    part="column-picker"
    role="dialog"
    aria-label=${msg(lang, 'columns')}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        c.onClose();
      }
    }}
  >
    ${searchField({ value: c.query, label: cmsg(lang, 'columnsSearch'), class: 'picker-search', onInput: c.onQuery })}
    ${
      c.keys.length === 0
        ? html`<p class="none">${cmsg(lang, 'noColumns')}</p>`
        : matches.length === 0
          ? html`<p class="none" role="status">${cmsg(lang, 'noColumnMatches')}</p>`
          : html`<ul class="keys">
              ${matches.slice(0, SHOWN).map(
                (k) =>
                  html`<li>
                    <label
                      ><input
                        type="checkbox"
                        .checked=${chosen.has(k)}
                        data-key=${k}
                        @change=${() => c.onToggle(k)}
                      /><span class="mono">${k}</span></label
                    >
                  </li>`,
              )}
            </ul>`
    }
    ${matches.length > SHOWN ? html`<p class="more">+${formatNumber(matches.length - SHOWN, lang)}</p>` : ''}
  </div>`;
}
