/**
 * The rows of the log view: which lines to draw where, and each line's markup. A short log is laid
 * out whole in normal flow (rows of any height, exact scrolling); a longer one draws the window the
 * virtual list controller gives, anchored at the bottom at the end of the log and from the top line
 * when lines wrap. Parsed lines are cached, a few thousand at most.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LogLine } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { styleProps } from '../../internal/style-props.js';
import type { VirtualListController } from '../../internal/virtual-list-controller.js';
import { parseTerminalLine, type TerminalLine } from './ansi.js';
import { renderLogLine, renderPlaceholderLine } from './log-line.js';
import { ROW_HEIGHT } from './log-viewer.styles.js';
import type { LogWindows } from './log-windows.js';
import type { LineSelection } from './permalink.js';
import { isRedrawn, REDRAW_LOOKAHEAD } from './redraw.js';

/** Logs up to this many rows (lines, or matches) are laid out whole. */
const FLOW_LIMIT = 500;
/** Parsed lines kept. */
const PARSED_CACHE = 3000;

/** What the rows show, as the element has it now. */
export interface LogRowsView {
  windows?: LogWindows;
  /** Rows in the view: lines of the (filtered) log, or matches in "only matching lines" mode. */
  rowCount?: number;
  list: VirtualListController;
  wrap: boolean;
  /** The position in the (filtered) log that a row shows. */
  positionOfRow(row: number): number;
  /** The whole-log line number of a row whose line has not arrived, when it is known. */
  lineNumberOfRow(row: number, position: number): number | undefined;
  /** The row of the current search match, or -1. */
  currentRow: number;
  selection?: LineSelection;
  expanded: ReadonlySet<number>;
  timestamps: boolean;
  highlight?: RegExp;
  lang: Lang;
  onLineClick(e: MouseEvent, n: number, position: number): void;
  onToggleExpanded(n: number): void;
}

export class LogRows {
  private readonly parsed = new Map<number, TerminalLine>();

  /** Forgets the parsed lines (another run). */
  clear(): void {
    this.parsed.clear();
  }

  render(v: LogRowsView): TemplateResult | typeof nothing {
    const { windows, rowCount: count, list } = v;
    list.rowCount = count ?? 0;
    list.flow = (count ?? 0) <= FLOW_LIMIT;
    list.overscan = v.wrap ? 0 : 6;
    if (!windows || count === undefined || count === 0) return nothing;
    if (list.flow) return html`<div class="rows flow">${this.renderRows(v, windows, 0, count)}</div>`;
    const vh = list.viewportHeight;
    const scrollTop = list.scrollTop;
    const win = list.window();
    let { first, last, top } = win;
    // At the end, lay the rows out from the bottom: a line taller than a row (wrapped, or drawn on
    // several terminal rows) then pushes earlier lines up instead of pushing the last one out of view.
    const bottom = scrollTop + vh >= win.scrollHeight - 2;
    if (bottom) {
      first = Math.max(0, count - Math.ceil(vh / ROW_HEIGHT) - 2);
      last = count;
    } else if (v.wrap) {
      // Wrapped lines are taller than a row: lay them out from the top line on.
      const exact = list.topRow();
      first = Math.floor(exact);
      last = Math.min(count, first + Math.ceil(vh / ROW_HEIGHT) + 2);
      top = scrollTop - (exact - first) * ROW_HEIGHT;
    }
    return html`<div class="spacer" style=${styleProps({ height: `${win.scrollHeight}px` })}>
      <div
        class="rows ${bottom ? 'bottom' : ''}"
        style=${styleProps(bottom ? {} : { transform: `translateY(${top}px)` })}
      >
        ${this.renderRows(v, windows, first, last)}
      </div>
    </div>`;
  }

  private renderRows(v: LogRowsView, windows: LogWindows, first: number, last: number): TemplateResult[] {
    const positions: number[] = [];
    for (let r = first; r < last; r++) positions.push(v.positionOfRow(r));
    windows.ensurePositions(positions);
    const rows: TemplateResult[] = [];
    for (let r = first; r < last; r++) rows.push(this.renderLine(v, windows, r, positions[r - first]));
    return rows;
  }

  private renderLine(v: LogRowsView, windows: LogWindows, row: number, pos: number): TemplateResult {
    const line = windows.line(pos);
    if (!line) return renderPlaceholderLine(row, v.lineNumberOfRow(row, pos), windows.error !== undefined);
    const n = line.n;
    const parsed = this.parsedLine(line);
    return renderLogLine(line, parsed, {
      row,
      selected: v.selection !== undefined && n >= v.selection.from && n <= v.selection.to,
      current: row === v.currentRow,
      redrawn: this.isRedrawnAt(windows, pos, line, parsed),
      expanded: v.expanded.has(n),
      timestamps: v.timestamps,
      highlight: v.highlight,
      lang: v.lang,
      onClick: (e) => v.onLineClick(e, n, pos),
      onToggleExpanded: () => v.onToggleExpanded(n),
    });
  }

  private parsedLine(line: LogLine): TerminalLine {
    let p = this.parsed.get(line.n);
    if (p) return p;
    p = parseTerminalLine(line.text);
    if (this.parsed.size >= PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value as number);
    this.parsed.set(line.n, p);
    return p;
  }

  /** Whether a later line redraws this one (cursor-up), judged from the adjacent lines in memory. */
  private isRedrawnAt(windows: LogWindows, pos: number, line: LogLine, parsed: TerminalLine): boolean {
    const following: TerminalLine[] = [];
    let n = line.n;
    for (let p = pos + 1; p <= pos + REDRAW_LOOKAHEAD; p++) {
      const next = windows.line(p);
      if (!next || next.n !== n + 1) break;
      following.push(this.parsedLine(next));
      n = next.n;
    }
    return isRedrawn(parsed, following);
  }
}
