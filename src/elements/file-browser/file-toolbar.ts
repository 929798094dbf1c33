/**
 * The file browser's toolbar: breadcrumbs of the folder shown, the name filter, download (the
 * folder, or the selection) and copy-path buttons, and the bar of a transfer under way. It draws
 * what the element gives it and calls back.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { searchField } from '../../internal/controls.js';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import { msg } from './file-browser.messages.js';
import { crumbsOf } from './listing.js';

export interface FileToolbarView {
  lang: Lang;
  /** The folder shown ('' is the root). */
  path: string;
  filter: string;
  selectedCount: number;
  /** The folder has entries to download. */
  hasEntries: boolean;
  /** Why zips cannot be made here (the source reads no contents), if they cannot. */
  zipBlocked?: string;
  /** The bar of a transfer under way (`TransferController.renderBar`), while one is. */
  transfer?: TemplateResult;
}

export interface FileToolbarActions {
  openFolder(dir: string): void;
  setFilter(filter: string): void;
  /** ↓ in the filter moves into the listing. */
  focusListing(): void;
  downloadFolder(): void;
  downloadSelection(): void;
  copyPath(path: string): void;
}

export function renderFileToolbar(v: FileToolbarView, a: FileToolbarActions): TemplateResult {
  const { lang, path } = v;
  const crumbs = crumbsOf(path);
  return html`<div class="toolbar rp-toolbar" part="toolbar">
    <nav class="crumbs" part="breadcrumbs" aria-label=${msg(lang, 'breadcrumbs')}>
      <ol>
        <li>
          <button
            type="button"
            class="crumb"
            aria-current=${path ? 'false' : 'location'}
            @click=${() => a.openFolder('')}
          >
            <span class="crumb-name">${msg(lang, 'root')}</span>
          </button>
        </li>
        ${crumbs.map(
          (c, i) =>
            html`<li>
              <span class="sep" aria-hidden="true">/</span
              ><button
                type="button"
                class="crumb"
                aria-current=${i === crumbs.length - 1 ? 'location' : 'false'}
                title=${c.name}
                @click=${() => a.openFolder(c.path)}
              >
                <span class="crumb-name">${c.name}</span>
              </button>
            </li>`,
        )}
      </ol>
    </nav>
    <div class="tools rp-toolbar">
      ${searchField({
        value: v.filter,
        label: msg(lang, 'filter'),
        placeholder: msg(lang, 'filterPlaceholder'),
        class: 'filter',
        part: 'filter',
        onInput: a.setFilter,
        onKeydown: (e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            a.focusListing();
          }
        },
      })}
      ${
        v.selectedCount
          ? html`<button
              type="button"
              class="rp-button"
              ?disabled=${!!v.transfer || !!v.zipBlocked}
              title=${v.zipBlocked ?? nothing}
              @click=${a.downloadSelection}
            >
              ${msg(lang, 'downloadSelection')} (${formatNumber(v.selectedCount, lang)})
            </button>`
          : html`<button
              type="button"
              class="rp-button"
              ?disabled=${!v.hasEntries || !!v.transfer || !!v.zipBlocked}
              title=${v.zipBlocked ?? nothing}
              @click=${a.downloadFolder}
            >
              ${msg(lang, 'downloadFolder')}
            </button>`
      }
      <button type="button" class="rp-button" @click=${() => a.copyPath(path ? `/${path}/` : '/')}>
        ${msg(lang, 'copyPath')}
      </button>
    </div>
    ${v.zipBlocked ? html`<p class="blocked" part="blocked">${v.zipBlocked}</p>` : nothing} ${v.transfer ?? nothing}
  </div>`;
}
