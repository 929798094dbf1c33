/**
 * The virtual list controller's mechanics without a browser: a host that counts update requests
 * and a scroller that clamps its scroll position like a real one. Rendering, ResizeObserver and
 * focus in Chromium are in test/browser/internal/virtual-list-controller.test.ts.
 */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VirtualListController, type VirtualListOptions } from '../../../src/internal/virtual-list-controller.js';
import { MAX_SCROLL_HEIGHT } from '../../../src/internal/virtual-window.js';

class FakeHost implements ReactiveControllerHost {
  controllers = new Set<ReactiveController>();
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.add(c);
  }
  removeController(c: ReactiveController): void {
    this.controllers.delete(c);
  }
  requestUpdate(): void {
    this.updates++;
  }
  /** What lit does after a render. */
  updated(): void {
    for (const c of this.controllers) c.hostUpdated?.();
  }
}

/** A row element of a list laid out in flow. */
interface FakeRow {
  offsetTop: number;
  focused: boolean;
  focus(): void;
}

/** A scroller `height` px tall over `content` px of rows, clamping scrollTop as browsers do. */
class FakeScroller {
  private top = 0;
  readonly isConnected = true;
  listeners = new Set<() => void>();
  rows = new Map<number, FakeRow>();
  constructor(
    public clientHeight: number,
    public scrollHeight: number,
  ) {}
  get scrollTop(): number {
    return this.top;
  }
  set scrollTop(v: number) {
    this.top = Math.max(0, Math.min(this.scrollHeight - this.clientHeight, v));
  }
  addEventListener(_type: string, l: () => void): void {
    this.listeners.add(l);
  }
  removeEventListener(_type: string, l: () => void): void {
    this.listeners.delete(l);
  }
  querySelector(selector: string): FakeRow | null {
    const m = /^\[data-row="(\d+)"\]$/.exec(selector);
    return (m && this.rows.get(Number(m[1]))) ?? null;
  }
  /** The user scrolls. */
  scrollBy(dy: number): void {
    this.scrollTop = this.top + dy;
    for (const l of this.listeners) l();
  }
}

function key(k: string) {
  const e = { key: k, defaultPrevented: false, preventDefault: () => (e.defaultPrevented = true) };
  return e;
}

function setup(rowCount: number, o: Partial<VirtualListOptions> = {}, height = 200) {
  const host = new FakeHost();
  const scrolled: number[] = [];
  const list = new VirtualListController(host, { rowHeight: 20, onScroll: (s) => scrolled.push(s.scrollTop), ...o });
  list.rowCount = rowCount;
  const content = Math.min(rowCount * 20, MAX_SCROLL_HEIGHT) + (o.headerHeight ?? 0);
  const scroller = new FakeScroller(height, content);
  list.attach(scroller as unknown as Element);
  return { host, list, scroller, scrolled };
}

/** The rows wholly in view. */
function wholeRows(list: VirtualListController): [number, number] {
  const top = list.topRow();
  return [Math.ceil(top - 1e-9), Math.floor(top + list.viewportHeight / 20 + 1e-9) - 1];
}

describe('VirtualListController', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup(1000)));

  test('measures the scroller it is given and draws the rows on screen', () => {
    assert.equal(s.list.viewportHeight, 200);
    const w = s.list.window();
    assert.deepEqual([w.first, w.last], [0, 19]);
    assert.equal(s.list.rowTop(3), 60);
  });

  test('follows the user scrolling: new rows, the hook, and a render', () => {
    const before = s.host.updates;
    s.scroller.scrollBy(4000);
    assert.equal(s.list.scrollTop, 4000);
    assert.deepEqual(s.scrolled, [4000]);
    assert.equal(s.host.updates, before + 1);
    // a jump further than a screen draws only the rows on screen; a small scroll brings the overscan back
    assert.equal(s.list.window().first, 200);
    assert.equal(s.list.rowTop(200), 4000);
    s.scroller.scrollBy(20);
    assert.equal(s.list.window().first, 193);
  });

  test('a list laid out in flow does not render again when it scrolls', () => {
    s.list.flow = true;
    const before = s.host.updates;
    s.scroller.scrollBy(100);
    assert.equal(s.host.updates, before);
    assert.deepEqual(s.scrolled, [100]);
  });

  test('a sticky header inside the scroller is not room for rows; ARIA rows count it', () => {
    const { list } = setup(1000, { headerHeight: 32, headerRows: 1 }, 332);
    assert.equal(list.viewportHeight, 300);
    assert.equal(list.ariaRowIndex(0), 2);
    assert.equal(s.list.ariaRowIndex(0), 1);
  });

  test('navigation keys: one row, a screen less one row, the ends, clamped', () => {
    const l = s.list;
    assert.equal(l.fullRows, 10);
    assert.equal(l.keyTarget('ArrowDown', 5), 6);
    assert.equal(l.keyTarget('ArrowUp', 0), 0);
    assert.equal(l.keyTarget('PageDown', 5), 14);
    assert.equal(l.keyTarget('PageUp', 5), 0);
    assert.equal(l.keyTarget('Home', 500), 0);
    assert.equal(l.keyTarget('End', 0), 999);
    assert.equal(l.keyTarget('PageDown', 995), 999);
    assert.equal(l.keyTarget('Enter', 5), undefined);
  });

  test('a key moves the active row, scrolls the least that shows it, and claims the key', () => {
    const l = s.list;
    const down = key('PageDown');
    assert.equal(l.handleKey(down as unknown as KeyboardEvent), true);
    assert.equal(down.defaultPrevented, true);
    assert.equal(l.active, 9);
    assert.equal(s.scroller.scrollTop, 0, 'row 9 is already in view');
    l.handleKey(key('ArrowDown') as unknown as KeyboardEvent);
    assert.equal(l.active, 10);
    assert.equal(s.scroller.scrollTop, 20, 'row 10 now ends at the bottom of the view');
    assert.deepEqual(wholeRows(l), [1, 10]);
    l.setActive(5);
    assert.equal(s.scroller.scrollTop, 20, 'row 5 is in view');
    l.setActive(0);
    assert.equal(s.scroller.scrollTop, 0, 'row 0 comes in at the top');
    const other = key('a');
    assert.equal(l.handleKey(other as unknown as KeyboardEvent), false);
    assert.equal(other.defaultPrevented, false);
  });

  test('reports every active row it sets, and focuses it after the next render', () => {
    const seen: number[] = [];
    const { list, scroller, host } = setup(50, { onActiveChange: (r) => seen.push(r) });
    const row: FakeRow = { offsetTop: 0, focused: false, focus: () => (row.focused = true) };
    scroller.rows.set(7, row);
    list.setActive(7, { focus: true });
    list.setActive(7);
    assert.deepEqual(seen, [7, 7]);
    assert.equal(row.focused, false, 'not before the row is drawn');
    host.updated();
    assert.equal(row.focused, true);
  });

  test('End in a million compressed rows shows the last row whole', () => {
    const { list, scroller } = setup(1_000_000);
    assert.equal(list.window().compressed, true);
    list.handleKey(key('End') as unknown as KeyboardEvent);
    assert.equal(list.active, 999_999);
    assert.equal(list.scrollTop, scroller.scrollTop);
    const [, last] = wholeRows(list);
    assert.equal(last, 999_999);
    const w = list.window();
    assert.ok(w.first <= 999_999 && w.last === 1_000_000, `window ${w.first}-${w.last}`);
    list.handleKey(key('Home') as unknown as KeyboardEvent);
    assert.equal(scroller.scrollTop, 0);
    list.setActive(500_000);
    const [a, b] = wholeRows(list);
    assert.ok(a <= 500_000 && 500_000 <= b, `row 500,000 in ${a}-${b}`);
  });

  test('scrollToRow waits for the next render, then puts the row at the top or a third down', () => {
    const { list, scroller, host, scrolled } = setup(1000);
    list.scrollToRow(100);
    assert.equal(list.pendingScroll, 'row');
    assert.equal(scroller.scrollTop, 0);
    host.updated();
    assert.equal(scroller.scrollTop, 2000);
    assert.deepEqual(scrolled, [2000]);
    list.scrollToRow(500, 'center');
    host.updated();
    assert.equal(list.topRow(), 497);
    host.updated();
    assert.equal(list.topRow(), 497, 'applied once');
  });

  test('a scroll waits while the list is empty', () => {
    const { list, scroller, host } = setup(0);
    list.scrollToRow(10);
    host.updated();
    assert.equal(scroller.scrollTop, 0);
    list.rowCount = 1000;
    scroller.scrollHeight = 20_000;
    host.updated();
    assert.equal(scroller.scrollTop, 200);
  });

  test('rows laid out in flow are scrolled to through their element', () => {
    const { list, scroller, host } = setup(30);
    list.flow = true;
    scroller.rows.set(12, { offsetTop: 345, focused: false, focus() {} });
    list.scrollToRow(12);
    host.updated();
    assert.equal(scroller.scrollTop, 345);
    list.scrollToRow(40, 'center'); // clamped to the last row, which is not drawn: no move
    host.updated();
    assert.equal(scroller.scrollTop, 345);
  });

  test('scrollToEnd and scrollToTop', () => {
    const { list, scroller, host } = setup(1000);
    list.scrollToEnd();
    assert.equal(list.pendingScroll, 'end');
    host.updated();
    assert.equal(list.pendingScroll, undefined);
    assert.equal(scroller.scrollTop, 20_000 - 200);
    assert.equal(list.window().last, 1000);
    list.scrollToRow(5);
    list.scrollToTop();
    assert.equal(scroller.scrollTop, 0);
    assert.equal(list.scrollTop, 0);
    host.updated();
    assert.equal(scroller.scrollTop, 0, 'the pending scroll was dropped');
  });

  test('keeps the last height while the scroller is hidden', () => {
    const { list, scroller } = setup(1000);
    scroller.clientHeight = 0;
    list.attach(undefined);
    list.attach(scroller as unknown as Element);
    assert.equal(list.viewportHeight, 200);
  });

  test('lets go of the scroller and the host when disposed', () => {
    const { list, scroller, host } = setup(1000);
    assert.equal(host.controllers.size, 2, 'the list and its resize controller');
    list.dispose();
    assert.equal(host.controllers.size, 0);
    assert.equal(scroller.listeners.size, 0);
    assert.equal(list.element, undefined);
  });
});
