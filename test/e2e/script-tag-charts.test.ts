/**
 * Charts from the script-tag builds (runpage.bundle.js and runpage.autoload.js), whose uPlot is
 * trimmed (scripts/trim-uplot.mjs): on test/pages/script-tag-charts.html, with a real pointer, a
 * chart draws, shows its crosshair and tooltip on hover, zooms to a dragged range and back on a
 * double click; a chart of the same sync group follows the crosshair; a log-y chart over wall-clock
 * time draws with date ticks.
 *
 * Needs dist/ (`npm run build`); skips without Chromium or playwright-core.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserMissing, openPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { staticPages } from './support/static-root.js';

const WAIT_MS = 15_000;
const ENTRIES = ['bundle', 'autoload'] as const;
const built = ENTRIES.every((e) => existsSync(join(ROOT, `dist/runpage.${e}.js`)));
const skip = (await browserMissing()) ?? (built ? undefined : 'dist/ is missing: run `npm run build`');

const pages = staticPages(skip);

interface PlotState {
  points: number;
  /** Plot pixels in the first series colour. */
  seriesPixels: number;
  cursorIdx: number | null;
  tooltipShown: boolean;
  visibleRange: [number, number];
  xTime: boolean;
  yDistr: number;
  xTicks: string[];
  /** Where the plot (uPlot's `over`) is on the page. */
  box: { x: number; y: number; width: number; height: number };
}

/** What the chart `id` shows now (a loop, no named helper: the TypeScript loader would wrap it in one the page lacks). */
const stateOf = (page: Page, id: string): Promise<PlotState> =>
  page.evaluate((chartId) => {
    const el = document.getElementById(chartId) as HTMLElement & {
      visibleRange: [number, number];
      uplot?: {
        data: ArrayLike<number>[];
        bbox: { left: number; top: number; width: number; height: number };
        ctx: CanvasRenderingContext2D;
        over: HTMLElement;
        cursor: { idx?: number | null };
        scales: Record<string, { time?: boolean; distr?: number }>;
        axes: { _values?: string[] | null }[];
      };
    };
    const u = el.uplot;
    const box = u ? u.over.getBoundingClientRect() : { x: 0, y: 0, width: 0, height: 0 };
    let seriesPixels = 0;
    if (u) {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = getComputedStyle(el).getPropertyValue('--_series-0').trim();
      const hex = probe.fillStyle as string;
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { left, top, width, height } = u.bbox;
      const img = u.ctx.getImageData(Math.round(left), Math.round(top), Math.round(width), Math.round(height)).data;
      for (let i = 0; i < img.length; i += 4) {
        const near = Math.abs(img[i] - rgb[0]) + Math.abs(img[i + 1] - rgb[1]) + Math.abs(img[i + 2] - rgb[2]) <= 60;
        if (img[i + 3] >= 50 && near) seriesPixels++;
      }
    }
    const tooltip = el.shadowRoot?.querySelector<HTMLElement>('[part~="tooltip"]');
    return {
      points: u?.data[0]?.length ?? 0,
      seriesPixels,
      cursorIdx: u?.cursor.idx ?? null,
      tooltipShown: !!tooltip && !tooltip.hidden,
      visibleRange: el.visibleRange,
      xTime: !!u?.scales.x.time,
      yDistr: u?.scales.y.distr ?? 0,
      xTicks: u?.axes[0]._values ?? [],
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
    };
  }, id);

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const drawn = (page: Page, id: string): Promise<PlotState> =>
  waitFor(
    () => stateOf(page, id),
    (s) => s.points > 0 && s.seriesPixels > 50,
    `#${id} draws its line`,
  );

/** The page point at fractions (fx, fy) of the chart's plot. */
const at = (s: PlotState, fx: number, fy = 0.5): [number, number] => [
  s.box.x + s.box.width * fx,
  s.box.y + s.box.height * fy,
];

for (const entry of ENTRIES) {
  test(
    `runpage.${entry}.js: a chart draws, hovers, drag-zooms and resets; its sync group follows`,
    { skip },
    async () => {
      const { page, watch, close } = await openPage(pages.browser);
      try {
        await page.goto(new URL(`test/pages/script-tag-charts.html?entry=${entry}`, pages.base).href);
        const leader = await drawn(page, 'leader');
        await drawn(page, 'follower');
        const full = leader.visibleRange;

        // hover: the crosshair code loads on the first move; the follower's crosshair goes to the same point
        await page.mouse.move(...at(leader, 0.3));
        await page.mouse.move(...at(leader, 0.5));
        const hovered = await waitFor(
          () => stateOf(page, 'leader'),
          (s) => s.tooltipShown && s.cursorIdx !== null,
          'the tooltip shows on hover',
        );
        await waitFor(
          () => stateOf(page, 'follower'),
          (s) => s.cursorIdx === hovered.cursorIdx,
          'the chart of the same sync group follows the crosshair',
        );

        // drag from 25 % to 60 % of the plot: the chart zooms to about that range
        await page.mouse.move(...at(leader, 0.25));
        await page.mouse.down();
        await page.mouse.move(...at(leader, 0.4), { steps: 4 });
        await page.mouse.move(...at(leader, 0.6), { steps: 4 });
        await page.mouse.up();
        const span = full[1] - full[0];
        const zoomed = await waitFor(
          () => stateOf(page, 'leader'),
          (s) => s.visibleRange[1] - s.visibleRange[0] < span * 0.5,
          'a drag zooms in',
        );
        assert.ok(Math.abs(zoomed.visibleRange[0] - (full[0] + span * 0.25)) < span * 0.05, `${zoomed.visibleRange}`);
        assert.ok(Math.abs(zoomed.visibleRange[1] - (full[0] + span * 0.6)) < span * 0.05, `${zoomed.visibleRange}`);
        assert.ok((await drawn(page, 'leader')).seriesPixels > 50, 'the zoomed chart draws its line');

        // a double click goes back to the whole run
        await page.mouse.dblclick(...at(leader, 0.5));
        await waitFor(
          () => stateOf(page, 'leader'),
          (s) => s.visibleRange[0] === full[0] && s.visibleRange[1] === full[1],
          'a double click resets the zoom',
        );
        assert.deepEqual(watch.errors, []);
      } finally {
        await close();
      }
    },
  );

  test(`runpage.${entry}.js: log y over wall-clock x draws, with date ticks`, { skip }, async () => {
    const { page, watch, close } = await openPage(pages.browser);
    try {
      await page.goto(new URL(`test/pages/script-tag-charts.html?entry=${entry}`, pages.base).href);
      const chart = await drawn(page, 'log-wallclock');
      assert.equal(chart.yDistr, 3, 'log y');
      assert.equal(chart.xTime, true, 'time x');
      assert.ok(chart.xTicks.length >= 2, `x ticks: ${chart.xTicks}`);
      // runpage's own date labels (axis-format.ts), not epoch milliseconds
      for (const tick of chart.xTicks) assert.match(tick, /\d{1,2}:\d{2}/, `x tick "${tick}"`);
      await page.mouse.move(...at(chart, 0.5));
      await waitFor(
        () => stateOf(page, 'log-wallclock'),
        (s) => s.tooltipShown,
        'the tooltip shows on hover',
      );
      assert.deepEqual(watch.errors, []);
    } finally {
      await close();
    }
  });
}
