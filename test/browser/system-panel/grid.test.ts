/**
 * The System tab's responsive chart grid: small groups share a row, a phone gets one column of
 * full-width charts, and the `columns` setting caps the columns.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { parseGridColumns } from '../../../src/internal/chart-grid.js';
import { mlflowRun } from './key-sets.js';
import { panelReady } from './helpers.js';

async function panel(width: number, columns?: string): Promise<SystemPanel> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px">
      <system-panel columns=${columns ?? 'auto'} .source=${mlflowRun({ minutes: 10 })}></system-panel>
    </div>`,
  );
  const el = wrap.querySelector('system-panel')!;
  await panelReady(el);
  return el;
}

const cards = (el: SystemPanel) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="chart"]')].map((c) => c.getBoundingClientRect());

/** Left edges of the charts in the first row, and how far that row reaches. */
function firstRow(el: SystemPanel): { count: number; span: number } {
  const boxes = cards(el);
  const top = Math.min(...boxes.map((b) => b.top));
  const row = boxes.filter((b) => Math.abs(b.top - top) < 4);
  const span = Math.max(...row.map((b) => b.right)) - Math.min(...row.map((b) => b.left));
  return { count: row.length, span };
}

/** Waits for the grid's columns to settle after a change (the controller measures on the next frame). */
async function settledColumns(el: SystemPanel, n: number): Promise<void> {
  await waitUntil(
    () => new Set(cards(el).map((b) => Math.round(b.left))).size === n,
    `expected ${n} columns of charts, got ${new Set(cards(el).map((b) => Math.round(b.left))).size}`,
  );
}

describe('<system-panel> chart grid', () => {
  it('puts small groups side by side so the first row fills a wide panel', async () => {
    const el = await panel(1600);
    await settledColumns(el, 4);
    const { count, span } = firstRow(el);
    const width = el.getBoundingClientRect().width;
    expect(count).to.be.greaterThan(2);
    expect(span / width).to.be.greaterThan(0.95);
    // CPU (1 chart) and memory (2) share the first row, each card as wide as any other
    const cpu = el.shadowRoot!.querySelector<HTMLElement>('[data-group="cpu"]')!.getBoundingClientRect();
    const memory = el.shadowRoot!.querySelector<HTMLElement>('[data-group="memory"]')!.getBoundingClientRect();
    expect(Math.abs(cpu.top - memory.top)).to.be.lessThan(2);
    const widths = cards(el).map((b) => Math.round(b.width));
    expect(Math.max(...widths) - Math.min(...widths)).to.be.lessThan(2);
  });

  it('gives a phone one column of full-width charts', async () => {
    const el = await panel(360);
    await settledColumns(el, 1);
    const width = el.getBoundingClientRect().width;
    for (const b of cards(el)) expect(b.width).to.be.closeTo(width, 1);
    expect(el.scrollWidth).to.be.at.most(Math.ceil(width));
  });

  it('caps the columns with the columns setting and from the toolbar', async () => {
    const el = await panel(1600, '2');
    await settledColumns(el, 2);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select.columns')!;
    expect(select.value).to.equal('2');
    let detail: unknown;
    el.addEventListener('system-panel-columns', (e) => (detail = e.detail));
    select.value = 'auto';
    select.dispatchEvent(new Event('change'));
    await settledColumns(el, 4);
    expect(detail).to.deep.equal({ columns: 'auto' });
    expect(el.getAttribute('columns')).to.equal('auto');
  });

  it('reads a malformed columns value as automatic', () => {
    expect(parseGridColumns('3')).to.equal(3);
    expect(parseGridColumns('wide')).to.equal('auto');
    expect(parseGridColumns('0')).to.equal('auto');
    expect(parseGridColumns('2.5')).to.equal('auto');
    expect(parseGridColumns(null)).to.equal('auto');
  });
});
