/**
 * The visible window of a long list of fixed-height rows, and the scroll compression past
 * MAX_SCROLL_HEIGHT that lets a million rows fit under the browsers' element height cap.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SCROLL_HEIGHT,
  rowAtScrollTop,
  scrollTopForRow,
  virtualWindow,
} from '../../../src/internal/virtual-window.js';

describe('virtualWindow', () => {
  test('a short list: the rows on screen plus the overscan, positioned at row × height', () => {
    const w = virtualWindow({ rowCount: 1000, rowHeight: 20, scrollTop: 2000, viewportHeight: 200, overscan: 5 });
    assert.deepEqual(w, { first: 95, last: 116, top: 1900, scrollHeight: 20_000, compressed: false });
  });

  test('clamps the window to the list at both ends', () => {
    assert.equal(virtualWindow({ rowCount: 10, rowHeight: 20, scrollTop: 0, viewportHeight: 400 }).last, 10);
    const top = virtualWindow({ rowCount: 1000, rowHeight: 20, scrollTop: 0, viewportHeight: 200 });
    assert.equal(top.first, 0);
    assert.equal(top.top, 0);
    const empty = virtualWindow({ rowCount: 0, rowHeight: 20, scrollTop: 0, viewportHeight: 200 });
    assert.equal(empty.last - empty.first, 0);
  });

  test('a million rows are compressed into MAX_SCROLL_HEIGHT and still reach the last row', () => {
    const rowCount = 1_000_000;
    const viewportHeight = 400;
    const bottom = MAX_SCROLL_HEIGHT - viewportHeight;
    const w = virtualWindow({ rowCount, rowHeight: 20, scrollTop: bottom, viewportHeight, overscan: 0 });
    assert.equal(w.compressed, true);
    assert.equal(w.scrollHeight, MAX_SCROLL_HEIGHT);
    assert.equal(w.last, rowCount);
    // The last row's bottom sits at the bottom of the viewport.
    const lastTop = w.top + (rowCount - 1 - w.first) * 20;
    assert.ok(Math.abs(lastTop + 20 - (bottom + viewportHeight)) < 1e-6, `last row ends at ${lastTop + 20}`);
  });

  test('rowAtScrollTop and scrollTopForRow are inverses, compressed or not', () => {
    for (const rowCount of [1000, 2_000_000]) {
      for (const row of [0, 17, rowCount / 2, rowCount - 30]) {
        const top = scrollTopForRow(row, rowCount, 20, 400);
        assert.ok(Math.abs(rowAtScrollTop(top, rowCount, 20, 400) - row) < 1e-6, `${rowCount} rows, row ${row}`);
      }
    }
  });
});
