/**
 * Which rows of a long fixed-height list are on screen, with scroll compression: browsers cap an
 * element's height near 33M px, so past `MAX_SCROLL_HEIGHT` the scrollbar maps proportionally onto
 * rows and the rows are positioned relative to the scroll position instead of at row × height.
 */
export const MAX_SCROLL_HEIGHT = 10_000_000;

export interface VirtualWindowInput {
  rowCount: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
}

export interface VirtualWindow {
  /** First and last (exclusive) rows to render. */
  first: number;
  last: number;
  /** Top of row `first` in the scroll content, px. */
  top: number;
  /** Height of the scroll content, px. */
  scrollHeight: number;
  compressed: boolean;
}

export function virtualWindow({
  rowCount,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan = 8,
}: VirtualWindowInput): VirtualWindow {
  const fullHeight = rowCount * rowHeight;
  const visibleRows = Math.ceil(viewportHeight / rowHeight) + 1;
  if (fullHeight <= MAX_SCROLL_HEIGHT) {
    const firstVisible = Math.max(0, Math.floor(scrollTop / rowHeight));
    const first = Math.max(0, firstVisible - overscan);
    const last = Math.min(rowCount, firstVisible + visibleRows + overscan);
    return { first, last, top: first * rowHeight, scrollHeight: fullHeight, compressed: false };
  }
  const exactRow = rowAtScrollTop(scrollTop, rowCount, rowHeight, viewportHeight);
  const firstVisible = Math.floor(exactRow);
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rowCount, firstVisible + visibleRows + overscan);
  const top = scrollTop - (exactRow - first) * rowHeight;
  return { first, last, top, scrollHeight: MAX_SCROLL_HEIGHT, compressed: true };
}

/** The (fractional) row at the top of the viewport for a scroll position. */
export function rowAtScrollTop(scrollTop: number, rowCount: number, rowHeight: number, viewportHeight: number): number {
  const fullHeight = rowCount * rowHeight;
  if (fullHeight <= MAX_SCROLL_HEIGHT) return scrollTop / rowHeight;
  const maxScroll = MAX_SCROLL_HEIGHT - viewportHeight;
  const maxRow = Math.max(0, rowCount - viewportHeight / rowHeight);
  return maxScroll > 0 ? (Math.min(scrollTop, maxScroll) / maxScroll) * maxRow : 0;
}

/** The scroll position that puts `row` at the top of the viewport. */
export function scrollTopForRow(row: number, rowCount: number, rowHeight: number, viewportHeight: number): number {
  const fullHeight = rowCount * rowHeight;
  if (fullHeight <= MAX_SCROLL_HEIGHT) return row * rowHeight;
  const maxScroll = MAX_SCROLL_HEIGHT - viewportHeight;
  const maxRow = Math.max(1, rowCount - viewportHeight / rowHeight);
  return (Math.min(row, maxRow) / maxRow) * maxScroll;
}
