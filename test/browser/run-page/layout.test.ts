/**
 * The demo run page (demo/main.ts: the same generated run, without the live playback) at a phone,
 * a laptop and a wide screen, tab by tab: the page never scrolls sideways, every tab can be reached
 * and opened, content keeps at least 8 px from the window edge from 1280 px on, and at 1920 px the
 * first row of charts spans at least three quarters of the width on the System and Charts tabs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { RUN_PAGE_TABS, type RunPageTabId } from '../../../src/internal/tab-registry.js';
import { until } from '../helpers/sources.js';

const HEIGHT = 900;
const EDGE = 8;

/** The chart boxes of a tab whose first row is measured at 1920 px. */
const CHART_CELLS: Partial<Record<RunPageTabId, string>> = {
  system: '[part="chart"]',
  charts: '[part~="panel"]',
};

const source = new MemorySource(generateSampleRun({ seed: 7, state: 'running', steps: 1500, extraMetrics: 24 }));

async function demoPage(): Promise<RunPage> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="display:flex;flex-direction:column;min-height:100vh">
      <run-page no-hash theme="light" style="flex:1" .source=${source}></run-page>
    </div>`,
  );
  return wrap.querySelector<RunPage>('run-page')!;
}

const shadow = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);

/** The element of the open tab, once it has left its loading state. */
async function openTab(page: RunPage, id: RunPageTabId): Promise<HTMLElement> {
  const tab = shadow(page, `[role="tab"][data-tab="${id}"]`)!;
  expect(tab, `tab ${id}`).to.exist;
  expect(tab.getAttribute('aria-disabled'), `tab ${id} disabled`).to.not.equal('true');
  tab.click();
  await page.updateComplete;
  let el: HTMLElement | null = null;
  await until(() => {
    el = shadow(page, `#panel-${id}:not([hidden])`)?.firstElementChild as HTMLElement | null;
    expect(el?.shadowRoot, `${id} has no element`).to.exist;
    expect(el!.shadowRoot!.querySelector('[aria-busy="true"]'), `${id} still loading`).to.equal(null);
    expect(el!.getBoundingClientRect().height, `${id} is empty`).to.be.greaterThan(0);
  }, 15_000);
  return el!;
}

/** A tab button the user can see: inside the window and inside the tab list's box after it was opened. */
function expectTabInView(page: RunPage, id: RunPageTabId): void {
  const tab = shadow(page, `[role="tab"][data-tab="${id}"]`)!.getBoundingClientRect();
  const list = shadow(page, '[role="tablist"]')!.getBoundingClientRect();
  expect(tab.left, `${id} tab left`).to.be.at.least(Math.max(0, list.left) - 0.5);
  expect(tab.right, `${id} tab right`).to.be.at.most(Math.min(innerWidth, list.right) + 0.5);
}

function expectNoSidewaysScroll(what: string): void {
  expect(document.documentElement.scrollWidth, `${what}: page scrolls sideways`).to.be.at.most(innerWidth);
}

/** The element and every box at the top of its shadow tree keep `EDGE` px from both window edges. */
function expectGutter(el: HTMLElement, what: string): void {
  const boxes = [el, ...(el.shadowRoot!.children as unknown as HTMLElement[])];
  for (const b of boxes) {
    const r = b.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    expect(r.left, `${what}: <${b.localName} class="${b.className}"> left edge`).to.be.at.least(EDGE);
    expect(innerWidth - r.right, `${what}: <${b.localName} class="${b.className}"> right edge`).to.be.at.least(EDGE);
  }
}

/** How much of the window's width the first row of chart boxes spans. */
async function firstRowShare(el: HTMLElement, selector: string): Promise<number> {
  let share = 0;
  await until(() => {
    const cells = [...el.shadowRoot!.querySelectorAll(selector)].map((c) => c.getBoundingClientRect());
    expect(cells.length, 'no charts').to.be.greaterThan(0);
    const top = Math.min(...cells.map((c) => c.top));
    const row = cells.filter((c) => Math.abs(c.top - top) < 8);
    share = (Math.max(...row.map((c) => c.right)) - Math.min(...row.map((c) => c.left))) / innerWidth;
    expect(share).to.be.at.least(0.75);
  }, 5_000).catch(() => undefined);
  return share;
}

describe('<run-page> layout at every width', function () {
  this.timeout(180_000);
  let margin = '';
  before(() => {
    margin = document.body.style.margin;
    document.body.style.margin = '0';
  });
  after(async () => {
    document.body.style.margin = margin;
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [390, 1280, 1920]) {
    it(`${width} px: no sideways scroll, every tab reachable${width >= 1280 ? ', an 8 px gutter' : ''}`, async () => {
      await setViewport({ width, height: HEIGHT });
      const page = await demoPage();
      await until(() => expect(shadow(page, '.title:not([aria-busy])')).to.exist, 10_000);
      expectNoSidewaysScroll(`${width} px`);
      const ids = [...page.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')].map(
        (t) => t.dataset.tab as RunPageTabId,
      );
      expect(ids).to.deep.equal([...RUN_PAGE_TABS]);
      for (const id of ids) {
        const el = await openTab(page, id);
        const what = `${id} at ${width} px`;
        expectTabInView(page, id);
        expectNoSidewaysScroll(what);
        if (width >= 1280) expectGutter(el, what);
      }
    });
  }

  for (const id of ['system', 'charts'] as const) {
    it(`1920 px: the first row of charts on ${id} spans at least 3/4 of the width`, async () => {
      await setViewport({ width: 1920, height: HEIGHT });
      const page = await demoPage();
      const el = await openTab(page, id);
      const share = await firstRowShare(el, CHART_CELLS[id]!);
      expect(share, `${id}: first row spans ${(share * 100).toFixed(0)} % of 1920 px`).to.be.at.least(0.75);
    });
  }
});
