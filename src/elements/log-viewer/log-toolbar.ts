/**
 * The log viewer's toolbar: search (box, case and regex toggles, "only matching lines", match count
 * and previous/next), stream and label filters, view toggles, and copy/download. It draws what the
 * element gives it and calls back; it holds no state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LogMatches, LogStream } from '../../data/source.js';
import { elementToolbar, labelledSelect, searchField, toolButton } from '../../internal/controls.js';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import type { ToolbarOverflowController } from '../../internal/toolbar-overflow.js';
import type { LogSearchController } from './log-search-controller.js';
import { msg } from './log-viewer.messages.js';

export type LogStreamFilter = 'all' | LogStream;

export interface LogToolbarView {
  lang: Lang;
  search: LogSearchController;
  /** The source can search logs. */
  canSearch: boolean;
  found?: LogMatches;
  /** Index of the current match among `found`, or -1. */
  currentMatch: number;
  onlyMatching: boolean;
  stream: LogStreamFilter;
  labels: readonly string[];
  labelFilter: string;
  timestamps: boolean;
  wrap: boolean;
  /** The run is live: the follow toggle shows. */
  live: boolean;
  following: boolean;
  hasSelection: boolean;
  /** 0–100 while a download is assembled. */
  downloadProgress?: number;
  /** Folds everything but the search into a "More" menu on a narrow viewer. */
  overflow: ToolbarOverflowController;
}

export interface LogToolbarActions {
  onSearchInput(query: string): void;
  onSearchKeydown(e: KeyboardEvent): void;
  toggleSearchOption(option: 'regex' | 'caseSensitive'): void;
  toggleOnlyMatching(): void;
  goToMatch(index: number): void;
  setStream(stream: LogStreamFilter): void;
  setLabelFilter(label: string): void;
  toggleTimestamps(): void;
  toggleWrap(): void;
  toggleFollow(): void;
  toTop(): void;
  toEnd(): void;
  copy(): void;
  download(): void;
}

export function renderLogToolbar(v: LogToolbarView, a: LogToolbarActions): TemplateResult {
  const l = v.lang;
  const { search, canSearch } = v;
  const noMatches = !v.found || v.found.lines.length === 0;
  return elementToolbar(
    { overflow: v.overflow, label: msg(l, 'toolbar') },
    html`<div class="group search" role="search">
        <div class="search-row">
          ${searchField({
            value: search.query,
            label: msg(l, 'searchLabel'),
            placeholder: canSearch ? msg(l, 'searchPlaceholder') : msg(l, 'searchUnavailable'),
            invalid: !!search.problem,
            describedBy: 'search-state',
            disabled: !canSearch,
            onInput: a.onSearchInput,
            onKeydown: a.onSearchKeydown,
          })}
          ${toolButton('Aa', () => a.toggleSearchOption('caseSensitive'), { pressed: search.caseSensitive, hint: msg(l, 'matchCase'), disabled: !canSearch, class: 'mono' })}
          ${toolButton('.*', () => a.toggleSearchOption('regex'), { pressed: search.regex, hint: msg(l, 'regex'), disabled: !canSearch, class: 'mono' })}
          ${toolButton(msg(l, 'onlyMatching'), a.toggleOnlyMatching, { pressed: v.onlyMatching, disabled: !v.found })}
          <span class="count rp-count" id="search-state" aria-live="polite">${matchCount(v)}</span>
          ${toolButton('↑', () => a.goToMatch(v.currentMatch - 1), { hint: msg(l, 'previousMatch'), disabled: noMatches })}
          ${toolButton('↓', () => a.goToMatch(v.currentMatch + 1), { hint: msg(l, 'nextMatch'), disabled: noMatches })}
        </div>
        ${search.problem ? html`<span class="search-error rp-field-error" role="alert">${searchProblem(v)}</span>` : nothing}
      </div>
      ${v.overflow.render(l, renderSecondary(v, a))}`,
  );
}

/** Filters, view toggles, copy and download: in line on a wide viewer, in the "More" menu on a narrow one. */
function renderSecondary(v: LogToolbarView, a: LogToolbarActions): TemplateResult {
  const l = v.lang;
  return html`<div class="group">
      ${labelledSelect(
        msg(l, 'stream'),
        v.stream,
        [
          ['all', msg(l, 'allStreams')],
          ['stdout', msg(l, 'stdout')],
          ['stderr', msg(l, 'stderr')],
        ],
        (value) => a.setStream(value as LogStreamFilter),
      )}
      ${
        v.labels.length > 0 || v.labelFilter
          ? labelledSelect(
              msg(l, 'label'),
              v.labelFilter,
              [
                ['', msg(l, 'allLabels')],
                // A label set from outside that the log does not have stays visible, so it can be cleared.
                ...[...new Set([...v.labels, ...(v.labelFilter ? [v.labelFilter] : [])])].map(
                  (label): [string, string] => [label, label],
                ),
              ],
              a.setLabelFilter,
            )
          : nothing
      }
    </div>
    <div class="group">
      ${toolButton(msg(l, 'timestamps'), a.toggleTimestamps, { pressed: v.timestamps })}
      ${toolButton(msg(l, 'wrap'), a.toggleWrap, { pressed: v.wrap })}
      ${v.live ? toolButton(msg(l, 'follow'), a.toggleFollow, { pressed: v.following, title: msg(l, 'followHint') }) : nothing}
      ${toolButton(msg(l, 'top'), a.toTop)} ${toolButton(msg(l, 'end'), a.toEnd)}
    </div>
    <div class="group">
      ${toolButton(msg(l, 'copyLines'), a.copy, { title: v.hasSelection ? msg(l, 'copyLines') : msg(l, 'selectFirst') })}
      ${toolButton(
        v.downloadProgress !== undefined ? msg(l, 'preparing', String(v.downloadProgress)) : msg(l, 'download'),
        a.download,
        { title: msg(l, 'downloadHint'), disabled: v.downloadProgress !== undefined },
      )}
    </div>`;
}

function matchCount(v: LogToolbarView): string {
  const { lang: l, search, found: m } = v;
  if (!search.query || search.problem) return '';
  if (search.pending) return msg(l, 'searching');
  if (!m) return '';
  if (m.total === 0) return msg(l, 'noMatches');
  const current = formatNumber(v.currentMatch + 1, l);
  const total = formatNumber(m.total, l);
  return m.truncated
    ? msg(l, 'matchCountTruncated', current, total, formatNumber(m.lines.length, l))
    : msg(l, 'matchCount', current, total);
}

function searchProblem(v: LogToolbarView): string {
  const p = v.search.problem;
  if (!p) return '';
  return p.kind === 'invalid-regex' ? msg(v.lang, 'invalidRegex', p.reason) : msg(v.lang, 'searchFailed', p.reason);
}
