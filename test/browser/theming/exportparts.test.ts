/**
 * `::part` styling through composites: `<run-page>` re-exports the parts of each tab's element as
 * `<tab>-<part>`, `<system-panel>` its charts' as `chart-<part>`, so a page's stylesheet reaches them.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import { MemorySource, type RunPage } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';

const RED = 'rgb(255, 0, 0)';
const GREEN = 'rgb(0, 128, 0)';
const BLUE = 'rgb(0, 0, 255)';

describe('exportparts', () => {
  const source = new MemorySource(generateSampleRun({ seed: 4, steps: 40, gpus: 1, logLines: 20 }));
  let style: HTMLStyleElement;

  before(() => {
    style = document.createElement('style');
    style.textContent = `
      run-page::part(overview-summary) { outline: 3px solid ${RED}; }
      run-page::part(logs-toolbar) { background-color: ${GREEN}; }
      run-page::part(system-chart-plot) { outline: 2px solid ${BLUE}; }
      run-page::part(system-chart) { border-top-color: ${RED}; }
      system-panel::part(chart-title) { color: ${GREEN}; }
    `;
    document.head.append(style);
  });
  after(() => style.remove());

  const inner = (page: RunPage, selector: string) => page.shadowRoot!.querySelector<HTMLElement>(selector);
  const shadowPart = (host: Element | null | undefined, part: string) =>
    host?.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`) ?? null;

  it('styles parts of the overview, the logs and the system charts through <run-page>', async () => {
    const page = await fixture<RunPage>(html`<run-page .source=${source} no-hash></run-page>`);
    await waitUntil(() => shadowPart(inner(page, 'run-overview'), 'summary'), 'overview summary', { timeout: 10_000 });
    expect(getComputedStyle(shadowPart(inner(page, 'run-overview'), 'summary')!).outlineColor).to.equal(RED);
    // Without the re-export the same rule reaches nothing: the part of the page's own shadow root is not the overview's.
    expect(inner(page, 'run-overview')!.getAttribute('exportparts')).to.contain('summary:overview-summary');

    page.tab = 'logs';
    await waitUntil(() => shadowPart(inner(page, 'log-viewer'), 'toolbar'), 'log toolbar', { timeout: 10_000 });
    expect(getComputedStyle(shadowPart(inner(page, 'log-viewer'), 'toolbar')!).backgroundColor).to.equal(GREEN);

    page.tab = 'system';
    const panel = () => inner(page, 'system-panel');
    await waitUntil(() => panel()?.shadowRoot?.querySelector('metric-chart'), 'system charts', { timeout: 10_000 });
    const chart = panel()!.shadowRoot!.querySelector('metric-chart')!;
    await waitUntil(() => shadowPart(chart, 'plot'), 'chart plot', { timeout: 10_000 });
    expect(getComputedStyle(shadowPart(chart, 'plot')!).outlineColor).to.equal(BLUE);
    expect(getComputedStyle(shadowPart(panel(), 'chart')!).borderTopColor).to.equal(RED);
  });

  it('<system-panel> on its own re-exports its charts’ parts as chart-<part>', async () => {
    const panel = await fixture<HTMLElement>(html`<system-panel .source=${source}></system-panel>`);
    await waitUntil(() => shadowPart(panel.shadowRoot?.querySelector('metric-chart'), 'title'), 'chart title', {
      timeout: 10_000,
    });
    const title = shadowPart(panel.shadowRoot!.querySelector('metric-chart'), 'title')!;
    expect(getComputedStyle(title).color).to.equal(GREEN);
  });
});
