/**
 * The markup of one log line: gutter (stderr mark, line number, redraw mark), optional time and
 * label, the styled text with links and search marks, and the expand control of a cut line.
 * Every piece of log text goes through lit bindings, so HTML in a line stays text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';
import type { LogLine } from '../../data/source.js';
import { formatNumber } from '../../internal/format.js';
import type { Lang } from '../../internal/i18n.js';
import type { TerminalLine } from './ansi.js';
import { ansiStyleMap } from './ansi-css.js';
import { decorate, findLinks, findMatches, type Piece } from './decorate.js';
import { msg } from './log-viewer.messages.js';

/** Characters of a line drawn until the user expands it. */
export const DISPLAY_LIMIT = 10_000;

export interface LineView {
  row: number;
  selected: boolean;
  /** The current search match. */
  current: boolean;
  /** Drawn over by a later line (cursor-up redraw). */
  redrawn: boolean;
  expanded: boolean;
  timestamps: boolean;
  highlight?: RegExp;
  lang: Lang;
  onClick: (e: MouseEvent) => void;
  onToggleExpanded: () => void;
}

export function renderLogLine(line: LogLine, parsed: TerminalLine, v: LineView): TemplateResult {
  const l = v.lang;
  const long = parsed.text.length > DISPLAY_LIMIT;
  const cut = long && !v.expanded;
  const shown = cut ? parsed.text.slice(0, DISPLAY_LIMIT) : parsed.text;
  const pieces = decorate(
    parsed.segments,
    findLinks(shown),
    findMatches(shown, v.highlight),
    cut ? DISPLAY_LIMIT : Infinity,
  );
  const stderr = line.stream === 'stderr';
  const classes = `line${stderr ? ' stderr' : ''}${v.selected ? ' selected' : ''}${v.current ? ' current' : ''}${v.redrawn ? ' redrawn' : ''}`;
  const redrawMark = v.redrawn
    ? html`<span class="redraw-mark" role="img" title=${msg(l, 'redrawn')} aria-label=${msg(l, 'redrawn')}>↻</span>`
    : nothing;
  const expand = long
    ? html`<button class="expand" type="button" aria-expanded=${String(!cut)} @click=${v.onToggleExpanded}>
        ${cut ? msg(l, 'showAll', formatNumber(parsed.text.length, l)) : msg(l, 'showLess')}
      </button>`
    : nothing;
  return html`<div class=${classes} part="line" data-n=${line.n} data-row=${v.row} @click=${v.onClick}>
    <span class="gutter" part="gutter"
      ><span class="mark" title=${stderr ? msg(l, 'stderrMark') : ''}></span><span class="num">${line.n + 1}</span>${
        stderr ? html`<span class="rp-visually-hidden">${msg(l, 'stderrMark')}</span>` : nothing
      }${redrawMark}</span
    >${v.timestamps ? html`<span class="time">${line.time === undefined ? '' : formatClock(line.time)}</span>` : nothing}${
      line.label !== undefined ? html`<span class="label">[${line.label}]</span>` : nothing
    }<span class="text">${pieces.map(renderPiece)}</span>${expand}
  </div>`;
}

/** A row whose line has not arrived yet; `n` is its line number when known. */
export function renderPlaceholderLine(row: number, n: number | undefined, failed: boolean): TemplateResult {
  return html`<div class="line placeholder" part="line" data-row=${row}>
    <span class="gutter" part="gutter"
      ><span class="mark"></span><span class="num">${n === undefined ? '' : n + 1}</span></span
    >
    <span class="text">${failed ? '' : '…'}</span>
  </div>`;
}

function renderPiece(p: Piece): TemplateResult | string {
  const css = ansiStyleMap(p.style);
  const inner = p.match ? html`<mark>${p.text}</mark>` : p.text;
  if (p.href)
    return html`<a href=${p.href} target="_blank" rel="noopener noreferrer" style=${styleProps(css)}>${inner}</a>`;
  if (Object.keys(css).length) return html`<span style=${styleProps(css)}>${inner}</span>`;
  return inner;
}

/** Local time of day, `HH:MM:SS.mmm`. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const p = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
