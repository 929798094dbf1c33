import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/metric-chart/define.js';
import type { MetricChart, MetricChartCursorDetail } from '../../../src/elements/metric-chart/metric-chart.js';
import type { RunSource } from '../../../src/data/source.js';
import { formatDateTime } from '../../../src/internal/format.js';
import { drawn, metric, pixelsOfColor, rgbOf, sourceOf, START } from './helpers.js';

function plotOf(el: MetricChart): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="plot"]')!;
}

const idle = (): Promise<void> => new Promise((done) => requestIdleCallback(() => done()));

/** Frames wait until `release()`, as on a machine too busy to paint (idle callbacks still run). */
function holdFrames(): { release: () => void } {
  const { requestAnimationFrame: request, cancelAnimationFrame: cancel } = window;
  const held = new Map<number, FrameRequestCallback>();
  let next = -1;
  window.requestAnimationFrame = (callback) => {
    held.set(next, callback);
    return next--;
  };
  window.cancelAnimationFrame = (id) => {
    if (!held.delete(id)) cancel(id);
  };
  return {
    release: () => {
      window.requestAnimationFrame = request;
      window.cancelAnimationFrame = cancel;
      for (const callback of held.values()) request(callback);
    },
  };
}

describe('metric-chart: interaction', () => {
  it('is focusable; arrows step through points; + and − zoom; Escape resets', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 1000, (i) => i % 7)])} metric="loss"></metric-chart>`,
    );
    await drawn(el);
    const plot = plotOf(el);
    expect(plot.tabIndex).to.equal(0);
    plot.focus();
    const cursors: MetricChartCursorDetail[] = [];
    el.addEventListener('metric-chart-cursor', (e) => cursors.push(e.detail));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => cursors.length >= 4);
    expect(cursors.map((c) => c.x)).to.deep.equal([0, 1, 2, 1]);
    expect(cursors[2].values[0]).to.include({ runId: 'run-1', key: 'loss', value: 2 });
    // the screen-reader announcement says where the cursor is
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Step 1: loss 1');

    let zoom = oneEvent(el, 'metric-chart-zoom');
    await sendKeys({ press: '+' });
    const inRange = (await zoom).detail.range!;
    expect(inRange[1] - inRange[0]).to.be.closeTo(999 / 2, 1);
    await waitUntil(() => !el.fetching);
    zoom = oneEvent(el, 'metric-chart-zoom');
    await sendKeys({ press: '+' });
    expect((await zoom).detail.range![1] - (await zoom).detail.range![0]).to.be.lessThan(inRange[1] - inRange[0]);
    zoom = oneEvent(el, 'metric-chart-zoom');
    await sendKeys({ press: '-' });
    await zoom;
    zoom = oneEvent(el, 'metric-chart-zoom');
    await sendKeys({ press: 'Escape' });
    expect((await zoom).detail.range).to.equal(null);
    await waitUntil(() => !el.fetching);
    expect(el.visibleRange).to.deep.equal([0, 999]);
  });

  it('takes the keyboard crosshair away when focus leaves', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 20, (i) => i)])} metric="loss"></metric-chart>`,
    );
    await drawn(el);
    plotOf(el).focus();
    await sendKeys({ press: 'End' });
    const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
    await waitUntil(() => !tip.hidden);
    const left = oneEvent(el, 'metric-chart-cursor');
    plotOf(el).blur();
    expect((await left).detail.x).to.equal(null);
    expect(tip.hidden).to.equal(true);
  });

  it('hides and shows a series from the legend', async () => {
    const source = sourceOf([metric('a', 100, (i) => i), metric('b', 100, (i) => 100 - i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} .metrics=${['a', 'b']}></metric-chart>`);
    await drawn(el);
    const second = rgbOf(getComputedStyle(el).getPropertyValue('--_series-1').trim());
    expect(pixelsOfColor(el, second, 30)).to.be.greaterThan(50);
    const buttons = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="legend"] button');
    expect(buttons).to.have.length(2);
    buttons[1].click();
    await el.updateComplete;
    await waitUntil(() => pixelsOfColor(el, second, 30) === 0, 'series b still drawn');
    expect(buttons[1].getAttribute('aria-pressed')).to.equal('false');
    buttons[1].click();
    await waitUntil(() => pixelsOfColor(el, second, 30) > 50, 'series b not back');
  });

  it('moves the crosshair of charts in the same sync group', async () => {
    const source = sourceOf([metric('a', 100, (i) => i), metric('b', 100, (i) => -i)]);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <metric-chart .source=${source} metric="a" sync="g1"></metric-chart>
        <metric-chart .source=${source} metric="b" sync="g1"></metric-chart>
      </div>`,
    );
    const [one, two] = wrapper.querySelectorAll('metric-chart');
    await drawn(one);
    await drawn(two);
    const seen = oneEvent(two, 'metric-chart-cursor');
    plotOf(one).focus();
    await sendKeys({ press: 'End' });
    const detail = (await seen).detail;
    expect(detail.x).to.equal(99);
    expect(detail.values[0].value).to.equal(-99);
  });

  it('exports the raw points of the visible range as CSV and the chart as PNG', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('a,b "q"', 100_000, (i) => i * 2)])}
        metric='a,b "q"'
      ></metric-chart>`,
    );
    await drawn(el);
    el.zoomTo(10, 13);
    await waitUntil(() => !el.fetching);
    const csv = await el.exportCsv();
    expect(csv.split('\r\n')).to.deep.equal([
      'run,metric,step,value',
      'run-1,"a,b ""q""",10,20',
      'run-1,"a,b ""q""",11,22',
      'run-1,"a,b ""q""",12,24',
      'run-1,"a,b ""q""",13,26',
      '',
    ]);
    const png = await el.exportPng();
    expect(png!.type).to.equal('image/png');
    expect(png!.size).to.be.greaterThan(500);
  });

  it('downloads the PNG and the CSV from the toolbar, named after the label', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 50, (i) => i)])}
        metric="loss"
        label="My loss"
      ></metric-chart>`,
    );
    await drawn(el);
    const downloads: { name: string; type: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    const blobs = new Map<string, Blob>();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      const url = createObjectURL(blob);
      blobs.set(url, blob as Blob);
      return url;
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, type: blobs.get(this.href)?.type ?? '' });
    };
    try {
      const button = (label: string) =>
        el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="header"] button[aria-label="${label}"]`)!;
      button('Download the chart as a PNG image').click();
      await waitUntil(() => downloads.length === 1, 'no PNG download');
      button('Download the raw points of the visible range as CSV').click();
      await waitUntil(() => downloads.length === 2, 'no CSV download');
    } finally {
      HTMLAnchorElement.prototype.click = click;
      URL.createObjectURL = createObjectURL;
    }
    expect(downloads).to.deep.equal([
      { name: 'My_loss.png', type: 'image/png' },
      { name: 'My_loss.csv', type: 'text/csv' },
    ]);
  });

  it('says in the console why the toolbar could not export, and throws nothing', async () => {
    const inner = sourceOf([metric('loss', 50, (i) => i)]);
    let failing = false;
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: (q, o) => (failing ? Promise.reject(new Error('disk on fire')) : inner.getSeries(q, o)),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    failing = true;
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>(
        '[part~="header"] button[aria-label^="Download the raw"]',
      )!.click();
      await waitUntil(() => warnings.length > 0, 'no warning');
    } finally {
      console.warn = warn;
    }
    expect(String(warnings[0][0])).to.equal('<metric-chart>: could not export CSV');
    expect(String(warnings[0][1])).to.contain('disk on fire');
  });

  it('offers the visible data to screen readers as a table of at most 200 rows', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart
        .source=${sourceOf([metric('loss', 50_000, (i) => i)])}
        metric="loss"
        label="Loss"
      ></metric-chart>`,
    );
    await drawn(el);
    // the table is built when the page is idle after the plot is drawn
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'table built');
    const table = el.shadowRoot!.querySelector('table')!;
    expect(table.closest('.rp-visually-hidden')).to.exist;
    expect(table.querySelector('caption')!.textContent).to.contain('Loss');
    const rows = table.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(200);
    expect(rows[0].textContent).to.contain('0');
    expect(el.shadowRoot!.textContent).to.contain('loss: 50,000 points, min 0, max 49,999, last 49,999.');
  });

  it('gives the table the rows of a zoom and the columns of added series', async () => {
    const source = sourceOf([metric('a', 1000, (i) => i * 2), metric('b', 1000, (i) => -i)]);
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="a"></metric-chart>`);
    await drawn(el);
    const bodyRows = (): HTMLTableRowElement[] =>
      [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r as HTMLTableRowElement);
    const cellTexts = (row: HTMLTableRowElement): string[] => [...row.cells].map((c) => c.textContent!.trim());
    await waitUntil(() => bodyRows().length === 200, 'table built');
    expect(cellTexts(bodyRows()[0])).to.deep.equal(['0', '0']);

    el.zoomTo(100, 109);
    await waitUntil(() => bodyRows().length === 10, 'rows of the zoom');
    expect(bodyRows().map((r) => cellTexts(r))).to.deep.include.members([
      ['100', '200'],
      ['109', '218'],
    ]);

    el.metrics = ['a', 'b'];
    await waitUntil(() => bodyRows()[0]?.cells.length === 3, 'a column per series');
    expect(el.shadowRoot!.querySelectorAll('thead th').length).to.equal(3);
    for (const row of bodyRows()) {
      const [x, a, b] = cellTexts(row).map((t) => Number(t.replace(/[,−]/g, (c) => (c === '−' ? '-' : ''))));
      expect(a).to.equal(2 * x);
      expect(b).to.equal(-x);
    }
  });

  /** A chart of 100,000 points whose zooms' answers wait for the test; counts the table's builds. */
  async function chartWithHeldZoom(): Promise<{
    el: MetricChart;
    bodyRows: () => HTMLTableRowElement[];
    zoomHeld: (lo: number, hi: number) => Promise<() => void>;
    builds: () => number;
  }> {
    const inner = sourceOf([metric('a', 100_000, (i) => i * 2)]);
    // the test holds the zoom's answer until it opens the gate
    let gate: Promise<void> = Promise.resolve();
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: async (q, o) => {
        await gate;
        return inner.getSeries(q, o);
      },
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="a" label="A"></metric-chart>`);
    await drawn(el);
    const bodyRows = (): HTMLTableRowElement[] =>
      [...el.shadowRoot!.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
    await waitUntil(() => bodyRows().length === 200, 'table built');
    const tbody = el.shadowRoot!.querySelector('tbody')!;
    // each build of the table changes its rows in one task: one observer call
    let builds = 0;
    new MutationObserver(() => builds++).observe(tbody, { subtree: true, childList: true, characterData: true });
    // the zoom draws the old points at once; its own points come when the gate opens, after idle
    // moments in which the table used to be built for the old points
    const zoomHeld = async (lo: number, hi: number): Promise<() => void> => {
      let open = (): void => {};
      gate = new Promise((done) => (open = done));
      el.zoomTo(lo, hi);
      await waitUntil(() => el.fetching, 'the zoom asks for its points');
      await idle();
      await idle();
      return open;
    };
    return { el, bodyRows, zoomHeld, builds: () => builds };
  }

  it('builds the table once for a zoom, for the view it settles on, and keeps its headers', async () => {
    const { el, bodyRows, zoomHeld, builds } = await chartWithHeldZoom();
    const open = await zoomHeld(1000, 1099);
    open();
    await waitUntil(() => !el.fetching && bodyRows().length === 100, 'rows of the zoom', { timeout: 5000 });
    await idle();
    await idle();
    expect(builds()).to.equal(1);
    const cells = bodyRows().map((r) => [...r.cells].map((c) => c.textContent!.trim()));
    expect(cells[0]).to.deep.equal(['1,000', '2,000']);
    expect(cells[99]).to.deep.equal(['1,099', '2,198']);
    expect(bodyRows()[0].cells[0].localName).to.equal('th');
    expect(bodyRows()[0].cells[0].getAttribute('scope')).to.equal('row');
    const heads = [...el.shadowRoot!.querySelectorAll('thead th')];
    expect(heads.map((h) => [h.textContent!.trim(), h.getAttribute('scope')])).to.deep.equal([
      ['Step', 'col'],
      ['a', 'col'],
    ]);
    expect(el.shadowRoot!.querySelector('caption')!.textContent).to.contain('A');
  });

  it('builds the table once for a zoom when the frame after its points comes late', async () => {
    const { el, bodyRows, zoomHeld, builds } = await chartWithHeldZoom();
    const open = await zoomHeld(1000, 1099);
    // a loaded machine: the page is idle between the zoom's points and the frame that sums them up
    const frames = holdFrames();
    try {
      open();
      await waitUntil(() => !el.fetching, 'the zoom’s points came', { timeout: 5000 });
      await idle();
      await idle();
    } finally {
      frames.release();
    }
    await waitUntil(() => bodyRows().length === 100, 'rows of the zoom', { timeout: 5000 });
    await idle();
    await idle();
    expect(builds()).to.equal(1);
    expect(bodyRows()[0].cells[0].textContent!.trim()).to.equal('1,000');
  });

  it('keeps the table’s layout inside its own 1px box', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('a', 1000, (i) => i)])} metric="a"></metric-chart>`,
    );
    await drawn(el);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'table built');
    const box = el.shadowRoot!.querySelector('table')!.parentElement!;
    const style = getComputedStyle(box);
    expect(style.contain).to.equal('strict');
    // still exposed: not skipped by content-visibility, not hidden
    expect(style.contentVisibility).to.equal('visible');
    expect(style.visibility).to.equal('visible');
    expect(box.getBoundingClientRect().width).to.equal(1);
  });

  it('shows when a step was logged, when the source sends point times', async () => {
    const inner = sourceOf([metric('loss', 50, (i) => i)]);
    // a source that knows the time of each point (the helper logs step i at START + i s)
    const source: RunSource = {
      getRun: (id, o) => inner.getRun(id, o),
      defaultRunId: () => inner.defaultRunId(),
      getSeries: async (q, o) =>
        (await inner.getSeries(q, o)).map((s) => ({ ...s, time: s.x.map((step) => START + step * 1000) })),
    };
    const el = await fixture<MetricChart>(html`<metric-chart .source=${source} metric="loss"></metric-chart>`);
    await drawn(el);
    const seen = oneEvent(el, 'metric-chart-cursor');
    plotOf(el).focus();
    await sendKeys({ press: 'End' });
    const detail = (await seen).detail;
    expect(detail.x).to.equal(49);
    expect(detail.time).to.equal(START + 49_000);
    const tip = el.shadowRoot!.querySelector('[part~="tooltip"]')!;
    expect(tip.textContent).to.contain(formatDateTime(START + 49_000, 'en'));
  });
});

describe('<metric-chart> tooltip notes', () => {
  it('adds the embedder’s lines for the x under the cursor, and survives a throwing callback', async () => {
    const el = await fixture<MetricChart>(
      html`<metric-chart .source=${sourceOf([metric('loss', 20, (i) => i)])} metric="loss"></metric-chart>`,
    );
    el.tooltipNotes = (x) => [`total at ${x}: ${x * 10}`];
    await drawn(el);
    plotOf(el).focus();
    await sendKeys({ press: 'End' });
    const tip = el.shadowRoot!.querySelector<HTMLElement>('[part~="tooltip"]')!;
    await waitUntil(() => !tip.hidden);
    expect(tip.querySelector('.tt-footer')!.textContent).to.equal('total at 19: 190');
    el.tooltipNotes = () => {
      throw new Error('broken embedder');
    };
    const warn = console.warn;
    console.warn = () => {};
    try {
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => tip.querySelector('.tt-footer') === null);
      expect(tip.textContent).to.contain('18');
    } finally {
      console.warn = warn;
    }
  });
});
