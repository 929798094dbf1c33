/**
 * `<run-table>`'s toolbar is drawn like every element's (`elementToolbar`): on a narrow table the
 * filters, grouping and column picker fold into a "More" menu in one row, reachable and usable
 * from the keyboard; on a wide one they stay in line.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/run-table/define.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import { loadColumnPicker } from '../../../src/elements/run-table/table-toolbar.js';
import { sampleRunsSource } from '../../../src/data/sample-runs.js';
import type { RunRef } from '../../../src/data/source.js';

const refs: RunRef[] = [
  { id: 'a1', name: 'alpha', project: 'p1', state: 'finished', tags: ['best'], startedAt: Date.UTC(2024, 0, 1) },
  { id: 'b2', name: 'beta', project: 'p2', state: 'failed', tags: ['debug'], startedAt: Date.UTC(2024, 0, 2) },
];

async function table(width: number): Promise<RunTable> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px">
      <run-table .source=${sampleRunsSource(refs)} refresh-interval="0"></run-table>
    </div>`,
  );
  const el = wrap.querySelector('run-table')!;
  await waitUntil(() => el.shadowRoot!.querySelector('.body-row'), 'no rows');
  return el;
}

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const visible = (el: Element | null) => !!el && (el as HTMLElement).getClientRects().length > 0;
const ids = (el: RunTable) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body-row')].map((r) => r.dataset.id);

describe('run-table toolbar', () => {
  it('keeps filters, grouping and columns in line on a wide table', async () => {
    const el = await table(1100);
    await el.updateComplete;
    expect(q(el, '.rp-overflow-toggle')).to.equal(null);
    expect(q(el, '.toolbar')!.getAttribute('part')).to.equal('toolbar');
    expect(visible(q(el, 'select[data-filter="state"]'))).to.equal(true);
    expect(visible(q(el, 'button.columns'))).to.equal(true);
  });

  it('folds them into More at phone width, in one row, and they work from the keyboard', async () => {
    const el = await table(380);
    await waitUntil(() => q(el, '.rp-overflow-toggle'), 'no More button');
    const toolbar = q(el, '.toolbar')!;
    const toggle = q<HTMLButtonElement>(el, '.rp-overflow-toggle')!;
    const search = q(el, '.toolbar > .search')!;
    expect(visible(q(el, 'select[data-filter="state"]'))).to.equal(false);
    expect(visible(q(el, 'button.columns'))).to.equal(false);
    // search and More share the first row: More does not start below the search field
    expect(toggle.getBoundingClientRect().top).to.be.below(search.getBoundingClientRect().bottom);
    const page = document.documentElement;
    expect(page.scrollWidth).to.be.at.most(page.clientWidth);

    // Enter opens the menu; Tab reaches its first control; the keyboard picks a filter
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(visible(q(el, 'select[data-filter="state"]'))).to.equal(true);
    const menu = q(el, '.rp-overflow-menu')!;
    expect(toolbar.contains(menu)).to.equal(true);
    await sendKeys({ press: 'Tab' });
    const focused = el.shadowRoot!.activeElement as HTMLSelectElement;
    expect(focused.dataset.filter).to.equal('state');
    const failed = [...focused.options].findIndex((o) => o.value === 'failed');
    focused.selectedIndex = failed;
    focused.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['b2']);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true', 'choosing keeps the menu open');

    // the column picker opens from the menu and Escape closes it, then the menu, focus back on More
    q<HTMLButtonElement>(el, 'button.columns')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await loadColumnPicker(el); // its code loads on the first opening
    await el.updateComplete;
    expect(q(el, '.picker')).to.exist;
    q<HTMLInputElement>(el, '.picker-search')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(q(el, '.picker')).to.equal(null);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    q<HTMLButtonElement>(el, 'button.columns')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });
});
