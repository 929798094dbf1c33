/**
 * The Vue 3 example (demo/vue/run-dashboard.ts): Vue render functions hand runpage elements
 * properties, attributes, event listeners and children, and re-render from their events.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createApp, h, nextTick, type App } from 'vue';
import { MemorySource, type RunPage, type MetricChart, type RunOverview } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { uncheckedSource } from '../../../src/data/checked-source.js';
import { RunDashboard } from '../../../demo/vue/run-dashboard.js';
import { deepText } from './pages.js';

describe('Vue 3 example', () => {
  const run = generateSampleRun({ seed: 12, steps: 80, gpus: 1, logLines: 20 });
  const source = new MemorySource(run);
  let host: HTMLDivElement;
  let app: App;
  const tabs: string[] = [];

  beforeEach(async () => {
    host = document.createElement('div');
    document.body.append(host);
    app = createApp({
      render: () => h(RunDashboard, { source, theme: 'dark', onTabChange: (t: string) => tabs.push(t) }),
    });
    app.mount(host);
    await nextTick();
  });
  afterEach(() => {
    app.unmount();
    host.remove();
  });

  it('passes objects as properties and strings as attributes', () => {
    const page = host.querySelector<RunPage>('run-page')!;
    expect(page.source).to.equal(source);
    expect(page.hasAttribute('source')).to.equal(false);
    expect(page.hasAttribute('no-hash')).to.equal(true);
    expect(page.noHash).to.equal(true);
    expect(page.getAttribute('theme')).to.equal('dark');
    expect(host.querySelector<MetricChart>('metric-chart')!.metric).to.equal('train/loss');
  });

  it('children of <run-source> get its source', async () => {
    const overview = host.querySelector<RunOverview>('run-source run-overview')!;
    await waitUntil(() => deepText(overview).includes(run.info.name!), 'overview never showed the run', {
      timeout: 10_000,
    });
    expect(uncheckedSource(overview.dataSource!)).to.equal(source);
  });

  it('listens to run-page-tab-change and re-renders from it', async () => {
    const page = host.querySelector<RunPage>('run-page')!;
    await page.updateComplete;
    page.shadowRoot!.querySelector<HTMLElement>('[data-tab="logs"]')!.click();
    await nextTick();
    expect(tabs).to.deep.equal(['logs']);
    expect(host.querySelector('.status')!.textContent).to.contain('tab: logs');
    expect(page.tab).to.equal('logs');
  });

  it('listens to metric-chart-zoom', async () => {
    const chart = host.querySelector<MetricChart>('metric-chart')!;
    chart.dispatchEvent(
      new CustomEvent('metric-chart-zoom', { detail: { range: [10, 40] }, bubbles: true, composed: true }),
    );
    await nextTick();
    expect(host.querySelector('.status')!.textContent).to.contain('zoom: 10–40');
  });
});
