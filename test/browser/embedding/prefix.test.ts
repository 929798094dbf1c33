/**
 * Tag prefixes: with another library's <log-viewer> already on the page, runpage registers as
 * <acme-…>, and <acme-run-page> fills its tabs with <acme-…> children.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements, ELEMENTS, LogViewer, MemorySource, RunOverview, RunPage, tagOf } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { settle, shadowText, until } from '../helpers/sources.js';

/** Another library's element that happens to use one of runpage's tag names. */
class OtherLibraryLogViewer extends HTMLElement {
  connectedCallback(): void {
    this.textContent = 'the other library';
  }
}
customElements.define('log-viewer', OtherLibraryLogViewer);
defineElements({ prefix: 'acme' });

const run = generateSampleRun({ seed: 5, steps: 40, gpus: 1, logLines: 30 });

describe('defineElements({ prefix })', () => {
  it('registers every element under the prefix and leaves the other library alone', () => {
    expect(customElements.get('log-viewer')).to.equal(OtherLibraryLogViewer);
    expect(customElements.get('acme-log-viewer')).to.equal(LogViewer);
    expect(customElements.get('run-page')).to.equal(undefined);
    expect(ELEMENTS.length).to.be.greaterThan(8);
    for (const { tag } of ELEMENTS) {
      expect(customElements.get(`acme-${tag}`), tag).to.not.equal(undefined);
    }
    expect(tagOf(RunPage)).to.equal('acme-run-page');
  });

  it('both <log-viewer>s live on one page', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <log-viewer></log-viewer>
        <acme-log-viewer .source=${new MemorySource(run)}></acme-log-viewer>
      </div>`,
    );
    const theirs = wrap.querySelector('log-viewer')!;
    const ours = wrap.querySelector<LogViewer>('acme-log-viewer')!;
    expect(theirs.textContent).to.equal('the other library');
    expect(ours).to.be.instanceOf(LogViewer);
    await until(() => expect(shadowText(ours)).to.contain('Tracking run with wandb'), 5000);
  });

  it('<acme-run-page> creates its tab children under the prefix', async () => {
    const page = await fixture<RunPage>(html`<acme-run-page no-hash .source=${new MemorySource(run)}></acme-run-page>`);
    await settle(page);
    await until(() => expect(page.shadowRoot!.querySelector('.title')!.textContent).to.equal(run.info.name));
    const overview = page.shadowRoot!.querySelector('#panel-overview > *')!;
    expect(overview.localName).to.equal('acme-run-overview');
    expect(overview).to.be.instanceOf(RunOverview);

    page.shadowRoot!.querySelector<HTMLElement>('[data-tab="logs"]')!.click();
    await settle(page);
    const logs = page.shadowRoot!.querySelector('#panel-logs > *')!;
    expect(logs.localName).to.equal('acme-log-viewer');
    expect(page.shadowRoot!.querySelector('log-viewer')).to.equal(null);

    // The Charts tab: <acme-metric-workspace>, whose charts are <acme-metric-chart>s.
    page.shadowRoot!.querySelector<HTMLElement>('[data-tab="charts"]')!.click();
    await settle(page);
    const charts = page.shadowRoot!.querySelector('#panel-charts > *')!;
    expect(charts.localName).to.equal('acme-metric-workspace');
  });

  it('a prefix that cannot start a tag warns and registers nothing new', () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      defineElements({ prefix: '9Bad' });
    } finally {
      console.warn = warn;
    }
    expect(warnings.join(' ')).to.contain('9Bad');
    expect(customElements.get('9bad-run-page')).to.equal(undefined);
  });
});
