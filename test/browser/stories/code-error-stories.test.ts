/**
 * The stories of code that cannot load on first use (stories/support/failing-load.ts): each shows
 * its element's failure state as a user sees it, its retry then works, and once the story is left
 * the real loader is back, so the next story is not in the failed state.
 */
import { expect, fixture, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../../src/define.js';
import type { LazyImport } from '../../../src/internal/lazy-import.js';
import { bandCode, unionCode } from '../../../src/elements/metric-chart/plot-parts.js';
import { cursorCode } from '../../../src/elements/metric-chart/lazy-parts.js';
import { updatesCode } from '../../../src/elements/run-table/run-table.js';
import { privateDetailsCode } from '../../../src/elements/run-overview/private-details-code.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import * as chartStories from '../../../stories/metric-chart.stories.js';
import * as tableStories from '../../../stories/run-table.stories.js';
import * as overviewStories from '../../../stories/run-overview.stories.js';
import * as pageStories from '../../../stories/run-page.stories.js';

type Story = {
  render?: () => TemplateResult;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
  beforeEach?: () => unknown;
};

interface Case {
  name: string;
  story: unknown;
  code: LazyImport<unknown>;
  tag: string;
  /** The failure's user-visible text, once shown (else null). */
  failure: (el: HTMLElement) => string | null | undefined;
  text: string;
  /** What the user does to try again. */
  retry: (el: HTMLElement, wrapper: HTMLElement) => Promise<void>;
  /** The element shows what the failed code was for. */
  working: (el: HTMLElement) => boolean;
  /** Another story that needs the same code, and what it does to use it. */
  other: unknown;
  use?: (el: HTMLElement, wrapper: HTMLElement) => Promise<void>;
}

const shadow = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const click = async (el: HTMLElement | null | undefined) => el!.click();
const errorText = (selector: string) => (el: HTMLElement) => shadow(el, selector)?.textContent;
const chartDrawn = (el: HTMLElement) => !!(el as MetricChart).uplot && !shadow(el, '.rp-state--error');
/** The crosshair's tooltip, when shown. */
const tooltipOf = (el: HTMLElement) => shadow(el, '[part~="tooltip"]:not([hidden])');

/** Moves the real pointer over the middle of the plot. */
async function pointAtPlot(el: HTMLElement): Promise<void> {
  const box = (el as MetricChart).uplot!.over.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(box.top + 20)] });
}

const cases: Case[] = [
  {
    name: 'metric-chart BandCodeError',
    story: chartStories.BandCodeError,
    code: bandCode,
    tag: 'metric-chart',
    failure: errorText('.rp-state--error'),
    text: 'Could not load this',
    retry: async (el) => click(shadow(el, '[part~="retry"]')),
    working: (el) => chartDrawn(el) && (el as MetricChart).uplot!.series.length === 3, // x, band, line
    other: chartStories.SmoothingGaussianWithBand,
  },
  {
    name: 'metric-chart MergedXCodeError',
    story: chartStories.MergedXCodeError,
    code: unionCode,
    tag: 'metric-chart',
    failure: errorText('.rp-state--error'),
    text: 'Could not load this',
    retry: async (el) => click(shadow(el, '[part~="retry"]')),
    working: (el) => chartDrawn(el) && (el as MetricChart).uplot!.series.length === 3, // x, two metrics
    other: chartStories.SeveralMetrics,
  },
  {
    name: 'metric-chart CrosshairCodeError',
    story: chartStories.CrosshairCodeError,
    code: cursorCode,
    tag: 'metric-chart',
    failure: (el) => tooltipOf(el)?.textContent,
    text: 'Could not load this',
    retry: pointAtPlot,
    working: (el) => !!tooltipOf(el)?.querySelector('.tt-x'),
    other: chartStories.Data,
    use: async (el) => {
      await waitUntil(() => (el as MetricChart).uplot, 'not drawn');
      await pointAtPlot(el);
    },
  },
  {
    name: 'run-table UpdatesCodeError',
    story: tableStories.UpdatesCodeError,
    code: updatesCode,
    tag: 'run-table',
    failure: errorText('.updates-failed'),
    text: 'could not load the changes to the list',
    retry: async (el) => click(shadow(el, 'button.retry-updates')),
    working: (el) => !shadow(el, '.updates-failed') && el.shadowRoot!.textContent!.includes('new-run-1'),
    other: tableStories.LiveListing,
    use: async (el, wrapper) => {
      await waitUntil(() => shadow(el, '.body-row'), 'no rows');
      await click(wrapper.querySelector<HTMLElement>('button.add-run'));
    },
  },
  {
    name: 'run-overview HidingRulesError',
    story: overviewStories.HidingRulesError,
    code: privateDetailsCode,
    tag: 'run-overview',
    failure: errorText('.rp-state--error'),
    text: 'Could not load this',
    retry: async (el) => click(shadow(el, '[part~="retry"]')),
    working: (el) => !!shadow(el, '.facts') && !el.shadowRoot!.textContent!.includes('gpu-box-7'),
    other: overviewStories.HiddenOnPage,
  },
  {
    name: 'run-page HidingRulesError',
    story: pageStories.HidingRulesError,
    code: privateDetailsCode,
    tag: 'run-page',
    failure: errorText('.header .rp-state--error'),
    text: 'Could not load this',
    retry: async (el) => click(shadow(el, '.header [part~="retry"]')),
    working: (el) => !!shadow(el, '.header .title:not([aria-busy])') && !shadow(el, '.header .rp-state--error'),
    // the same page, not in a failing story
    other: { render: (pageStories.HidingRulesError as Story).render },
  },
];

/** Renders a story as Storybook does: its `beforeEach`, its template, its `play`; returns what leaves it. */
async function show(
  story: unknown,
  tag: string,
): Promise<{ el: HTMLElement; wrapper: HTMLElement; leave: () => void }> {
  const s = story as Story;
  const cleanup = await s.beforeEach?.();
  const root = await fixture<HTMLElement>(s.render!());
  const wrapper = root.parentElement!; // the canvas Storybook renders the story into
  const el = (root.localName === tag ? root : root.querySelector(tag)) as HTMLElement;
  void s.play?.({ canvasElement: wrapper });
  return { el, wrapper, leave: () => (typeof cleanup === 'function' ? cleanup() : undefined) };
}

describe('stories of code that cannot load on first use', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
    console.warn = () => {}; // the failing loads say so in the console
  });
  afterEach(async () => {
    console.warn = warn;
    fixtureCleanup();
    await resetMouse();
  });

  for (const c of cases) {
    it(`${c.name} shows the failure, and its retry works`, async function () {
      this.timeout(30_000);
      const { el, wrapper, leave } = await show(c.story, c.tag);
      try {
        await waitUntil(() => c.failure(el), 'the failure is not shown', { timeout: 15_000 });
        expect(c.failure(el)!.trim()).to.contain(c.text);
        expect(c.working(el)).to.equal(false);
        await c.retry(el, wrapper);
        await waitUntil(() => c.working(el), 'the retry did not load the real code', { timeout: 15_000 });
        expect(c.failure(el) ?? '').to.not.contain(c.text);
      } finally {
        leave();
      }
    });

    it(`${c.name}: once left without a retry, the next story loads the real code`, async function () {
      this.timeout(30_000);
      const realLoad = c.code.load;
      const { el, leave } = await show(c.story, c.tag);
      await waitUntil(() => c.failure(el), 'the failure is not shown', { timeout: 15_000 });
      expect(c.code.load).to.not.equal(realLoad);
      leave();
      expect(c.code.load).to.equal(realLoad);
      fixtureCleanup();

      const next = await show(c.other, c.tag);
      await c.use?.(next.el, next.wrapper);
      await waitUntil(() => c.working(next.el), 'the next story is not working', { timeout: 15_000 });
      expect(c.failure(next.el) ?? '').to.not.contain(c.text);
      expect(c.code.now).to.not.equal(undefined);
    });
  }
});
