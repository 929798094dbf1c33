/**
 * The crosshair's code (tooltip, keyboard, values under the cursor) loads on first use, not with
 * the chart's first paint. Its own file: a fresh page, where that code has not loaded yet. The
 * tests hold the code back (as if its chunk were still on its way) or make it fail to load.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart, MetricChartCursorDetail } from '../../../src/elements/metric-chart/metric-chart.js';
import { cursorCode } from '../../../src/elements/metric-chart/lazy-parts.js';
import { chunkGone, drawn, metric, sourceOf } from './helpers.js';

const realLoad = cursorCode.load;

/** Holds the crosshair's code back until `open()`. */
function holdCode(): () => void {
  let open = (): void => {};
  const gate = new Promise<void>((done) => (open = done));
  cursorCode.load = (host) => gate.then(() => realLoad(host));
  return open;
}

async function chart(): Promise<MetricChart> {
  const el = await fixture<MetricChart>(
    html`<metric-chart
      .source=${sourceOf([metric('loss', 100, (i) => i)])}
      metric="loss"
      style="width:600px"
    ></metric-chart>`,
  );
  await drawn(el);
  return el;
}

const plotOf = (el: MetricChart): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!;
const tipOf = (el: MetricChart): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;

function cursorsOf(el: MetricChart): MetricChartCursorDetail[] {
  const seen: MetricChartCursorDetail[] = [];
  el.addEventListener('metric-chart-cursor', (e) => seen.push(e.detail));
  return seen;
}

/** Moves the real pointer over the point of step `step` (or off the chart). */
async function pointAt(el: MetricChart, step: number | 'outside'): Promise<void> {
  const u = el.uplot!;
  const box = u.over.getBoundingClientRect();
  const position: [number, number] =
    step === 'outside'
      ? [Math.round(box.left + box.width / 2), Math.round(box.bottom + 150)]
      : [Math.round(box.left + u.valToPos(step, 'x')), Math.round(box.top + box.height / 2)];
  await sendMouse({ type: 'move', position });
}

describe('metric-chart: the crosshair on first use', () => {
  afterEach(async () => {
    cursorCode.load = realLoad;
    await resetMouse();
  });

  it('is not loaded for the first paint; the first hover shows where the pointer is once it is in', async () => {
    const el = await chart();
    expect(cursorCode.now, 'loaded with the first paint').to.equal(undefined);
    const open = holdCode();
    const cursors = cursorsOf(el);
    await pointAt(el, 10);
    await pointAt(el, 30);
    await new Promise((r) => setTimeout(r, 50));
    expect(cursors, 'no crosshair before its code').to.deep.equal([]);
    expect(tipOf(el).hidden).to.equal(true);

    open();
    await waitUntil(() => !tipOf(el).hidden && cursors.length > 0, 'no crosshair after its code came');
    // the latest position is shown, not the first one
    expect(cursors.map((c) => c.x)).to.deep.equal([30]);
    expect(cursors[0].values[0]).to.include({ key: 'loss', value: 30 });
    expect(tipOf(el).querySelector('.tt-x')!.textContent).to.equal('Step 30');
    expect(cursorCode.now).to.not.equal(undefined);

    await pointAt(el, 'outside');
    await waitUntil(() => tipOf(el).hidden, 'tooltip stays after the pointer left');
  });

  it('handles the keys pressed before its code is in, in order, and keeps them from the page', async () => {
    const el = await chart();
    const open = holdCode();
    const cursors = cursorsOf(el);
    const prevented: boolean[] = [];
    plotOf(el).addEventListener('keydown', (e) => prevented.push(e.defaultPrevented));
    plotOf(el).focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    expect(cursors).to.deep.equal([]);
    // the crosshair's keys do not scroll the page meanwhile; other keys are left to it
    expect(prevented).to.deep.equal([true, true, true, false]);

    open();
    await waitUntil(() => cursors.length >= 3, 'keys lost');
    expect(cursors.map((c) => c.x)).to.deep.equal([0, 1, 2]);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Step 2: loss 2');
  });

  it('takes the keyboard crosshair away when focus left before its code came', async () => {
    const el = await chart();
    const open = holdCode();
    const cursors = cursorsOf(el);
    plotOf(el).focus();
    await sendKeys({ press: 'End' });
    plotOf(el).blur();
    open();
    await waitUntil(() => cursors.length >= 2, 'crosshair not placed and taken away');
    expect(cursors.map((c) => c.x)).to.deep.equal([99, null]);
    expect(tipOf(el).hidden).to.equal(true);
  });

  it('moves the crosshair of every chart of the sync group once the code is in', async () => {
    const source = sourceOf([metric('a', 100, (i) => i), metric('b', 100, (i) => -i)]);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width:600px">
        <metric-chart .source=${source} metric="a" sync="first-use"></metric-chart>
        <metric-chart .source=${source} metric="b" sync="first-use"></metric-chart>
      </div>`,
    );
    const [one, two] = wrapper.querySelectorAll('metric-chart');
    await drawn(one);
    await drawn(two);
    const open = holdCode();
    const seenOne = cursorsOf(one);
    const seenTwo = cursorsOf(two);
    await pointAt(one, 30);
    open();
    await waitUntil(() => seenOne.length > 0 && seenTwo.length > 0, 'crosshairs not synced');
    expect(seenOne.map((c) => c.x)).to.deep.equal([30]);
    expect(seenTwo.map((c) => c.x)).to.deep.equal([30]);
    expect(seenTwo[0].values[0]).to.include({ key: 'b', value: -30 });
    await waitUntil(() => !tipOf(two).hidden, 'no tooltip on the synced chart');
  });

  it('says so when its code cannot load, and tries again on the next move', async () => {
    const el = await chart();
    const gone = chunkGone(cursorCode);
    const cursors = cursorsOf(el);
    try {
      await pointAt(el, 20);
      await waitUntil(() => !tipOf(el).hidden, 'the failure is not shown');
      expect(tipOf(el).textContent).to.equal('Could not load this');
      expect(gone.warnings.some((w) => String(w[1]).includes('chunk gone'))).to.equal(true);
      await pointAt(el, 'outside');
      await waitUntil(() => tipOf(el).hidden, 'the failure stays after the pointer left');
      const before = gone.tries();
      await pointAt(el, 25);
      await waitUntil(() => gone.tries() > before, 'not tried again');
      expect(cursors).to.deep.equal([]);
    } finally {
      gone.restore();
    }

    await pointAt(el, 40);
    await waitUntil(() => cursors.length > 0, 'no crosshair once its code loads');
    expect(cursors.map((c) => c.x)).to.deep.equal([40]);
    expect(tipOf(el).querySelector('.tt-x')!.textContent).to.equal('Step 40');
    expect(tipOf(el).textContent).to.not.contain('Could not load this');
  });
});
