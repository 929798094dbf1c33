/**
 * Narrow toolbars fold their secondary controls into a "More" menu (ToolbarOverflowController),
 * and the run page's tab list shows that it scrolls and keeps the open tab in view (ScrollHintController).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { mlflowRun } from '../system-panel/key-sets.js';
import { panelReady } from '../system-panel/helpers.js';

async function systemPanel(width: number): Promise<SystemPanel> {
  const wrap = await fixture<HTMLDivElement>(
    html`<div style="width:${width}px"><system-panel .source=${mlflowRun({ minutes: 5 })}></system-panel></div>`,
  );
  const el = wrap.querySelector('system-panel')!;
  await panelReady(el);
  return el;
}

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
// the modules imported above fill the resource timing buffer: only what loads later is looked for
performance.clearResourceTimings();
/** Whether the page fetched src/internal/`file` since (a lazy module is fetched when first needed). */
const fetched = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/internal/${file}`));
const visible = (el: Element | null) => !!el && (el as HTMLElement).getClientRects().length > 0;

describe('toolbar overflow', () => {
  it('keeps every control in line on a wide toolbar', async () => {
    const el = await systemPanel(900);
    expect(q(el, '.rp-overflow-toggle')).to.equal(null);
    expect(visible(q(el, 'select.columns'))).to.equal(true);
    expect(fetched('overflow-menu.ts'), 'the menu code loads only when a toolbar folds').to.equal(false);
  });

  it('folds secondary controls into a More menu on a narrow one', async () => {
    const el = await systemPanel(380);
    await waitUntil(() => q(el, '.rp-overflow-toggle'), 'no More button');
    expect(fetched('overflow-menu.ts'), 'the menu code loaded with the first fold').to.equal(true);
    const toggle = q<HTMLButtonElement>(el, '.rp-overflow-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent).to.contain('More');
    expect(visible(q(el, 'select.columns'))).to.equal(false);
    // at most two rows (the switch with its note, and the button) instead of one row per GPU or so
    const bar = q(el, '.toolbar')!.getBoundingClientRect();
    expect(bar.height).to.be.lessThan(toggle.getBoundingClientRect().height * 2 + 16);

    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(visible(q(el, 'select.columns'))).to.equal(true);
    expect(getComputedStyle(q(el, '.rp-overflow-menu')!).position, 'the menu brings its look').to.equal('absolute');
    // adopted, not a <style> element: a page whose CSP says style-src 'self' refuses those
    expect(el.shadowRoot!.querySelectorAll('style').length, 'no <style> element').to.equal(0);
    const menu = q(el, '.rp-overflow-menu')!.getBoundingClientRect();
    expect(menu.left).to.be.at.least(0);

    q<HTMLSelectElement>(el, 'select.columns')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(toggle);

    toggle.click();
    await el.updateComplete;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });
});

describe('run page tab list', () => {
  it('fades where more tabs are and keeps the open tab in view', async () => {
    const run = generateSampleRun({ seed: 2, steps: 30, logLines: 5 });
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="width:300px"><run-page no-hash .source=${new MemorySource(run)}></run-page></div>`,
    );
    const page = wrap.querySelector<RunPage>('run-page')!;
    await page.updateComplete;
    const list = q(page, '[role="tablist"]')!;
    await waitUntil(() => list.scrollWidth > list.clientWidth, 'the tabs fit: nothing to scroll');
    await waitUntil(() => list.hasAttribute('data-more-end'), 'no fade at the end');
    expect(list.hasAttribute('data-more-start')).to.equal(false);

    page.tab = 'artifacts';
    await page.updateComplete;
    const tab = q(page, '[data-tab="artifacts"]')!.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    expect(tab.right).to.be.at.most(box.right + 0.5);
    expect(tab.left).to.be.at.least(box.left - 0.5);
    await waitUntil(() => list.hasAttribute('data-more-start'), 'no fade at the start');
  });
});
