/**
 * A new chart takes its size from its ResizeObservers' reports, never by reading it from the layout
 * right after its insertion (a forced layout on a page of charts being built).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/metric-chart/define.js';
import type { RunSource } from '../../../src/data/source.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { drawn, metric, recording, sourceOf } from './helpers.js';

/** Counts reads of the layout sizes of `within` or of any element in its shadow root while `run` runs. */
async function sizeReads(within: () => Element | undefined, run: () => Promise<void>): Promise<string[]> {
  const reads: string[] = [];
  const props = ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const;
  const saved = props.map(
    (p) =>
      [
        p,
        Object.getOwnPropertyDescriptor(Element.prototype, p) ??
          Object.getOwnPropertyDescriptor(HTMLElement.prototype, p)!,
      ] as const,
  );
  for (const [p, d] of saved) {
    const owner = Object.getOwnPropertyDescriptor(Element.prototype, p) ? Element.prototype : HTMLElement.prototype;
    Object.defineProperty(owner, p, {
      configurable: true,
      get(this: Element) {
        const el = within();
        if (el && (this === el || this.getRootNode() === el.shadowRoot))
          reads.push(`${p} of ${this.className || this.localName}`);
        return d.get!.call(this);
      },
    });
  }
  try {
    await run();
  } finally {
    for (const [p, d] of saved) {
      const owner = Object.getOwnPropertyDescriptor(Element.prototype, p) ? Element.prototype : HTMLElement.prototype;
      Object.defineProperty(owner, p, d);
    }
  }
  return reads;
}

describe('metric-chart: its first size', () => {
  it('comes from its observers: no size is read from the layout while it loads and draws', async () => {
    const source = sourceOf([metric('loss', 500, (i) => Math.sin(i / 20))]);
    let el: MetricChart | undefined;
    const reads = await sizeReads(
      () => el,
      async () => {
        el = await fixture<MetricChart>(
          html`<metric-chart .source=${source} metric="loss" style="display:block;width:700px"></metric-chart>`,
        );
        await drawn(el);
      },
    );
    expect(reads).to.deep.equal([]);
    expect(el!.uplot!.width).to.equal(700);
    expect(el!.uplot!.height).to.equal(240);
  });

  it('asks for points across the width its observer reported', async () => {
    const source = recording(sourceOf([metric('loss', 5000, (i) => i)]));
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${source} metric="loss" style="display:block;width:500px"></metric-chart>`,
    );
    await drawn(el);
    expect(source.queries[0].points).to.equal(Math.round((500 - 60) * devicePixelRatio));
  });

  it('a plot made before its box was observed is sized to the box in the frame of its first paint', async () => {
    const memory = sourceOf([metric('loss', 500, (i) => Math.sin(i / 20))]);
    const answer = await memory.getSeries({ runIds: ['run-1'], keys: ['loss'], x: 'step' });
    // answers at once (a microtask), as a source with the points in memory can
    const source: RunSource = {
      getRun: (id) => memory.getRun(id),
      defaultRunId: () => 'run-1',
      getSeries: async () => answer,
    };
    const el = await fixture<MetricChart>(
      html`<metric-chart
        metric="loss"
        style="display:block;width:640px;--runpage-metric-chart-height:300px"
      ></metric-chart>`,
    );
    // a frame: the element's observer has reported its width
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    // the data is in at once: the plot is made before its box's observer has reported
    el.source = source;
    // microtasks only: no frame (and no observer report) comes between
    for (let i = 0; i < 1000 && !el.uplot; i++) await Promise.resolve();
    const guessedHeight = el.uplot?.height;
    let heightAtPaint: number | undefined;
    await new Promise<void>((done) =>
      requestAnimationFrame(() => {
        // after this frame's observers, before the next frame's
        setTimeout(() => {
          heightAtPaint = el.uplot?.height;
          done();
        });
      }),
    );
    await drawn(el);
    expect(guessedHeight, 'made before the box was observed').to.equal(240);
    expect(heightAtPaint).to.equal(300);
    expect(el.uplot!.width).to.equal(640);
  });
});
