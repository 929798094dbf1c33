/**
 * The React 19 example (demo/react/RunDashboard.tsx): React hands runpage elements properties,
 * attributes, event listeners and children, and re-renders from their events.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemorySource, type RunPage, type MetricChart, type RunOverview } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { uncheckedSource } from '../../../src/data/checked-source.js';
import { RunDashboard } from '../../../demo/react/RunDashboard.js';
import { deepText } from './pages.js';

// React's act() wants to know it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('React 19 example', () => {
  const run = generateSampleRun({ seed: 11, steps: 80, gpus: 1, logLines: 20 });
  const source = new MemorySource(run);
  let host: HTMLDivElement;
  let root: Root;
  const tabs: string[] = [];

  beforeEach(async () => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    await act(async () => root.render(<RunDashboard source={source} theme="dark" onTabChange={(t) => tabs.push(t)} />));
  });
  afterEach(() => {
    act(() => root.unmount());
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
    await act(async () => page.shadowRoot!.querySelector<HTMLElement>('[data-tab="logs"]')!.click());
    expect(tabs).to.deep.equal(['logs']);
    expect(host.querySelector('.status')!.textContent).to.contain('tab: logs');
    expect(page.tab).to.equal('logs');
  });

  it('listens to metric-chart-zoom', async () => {
    const chart = host.querySelector<MetricChart>('metric-chart')!;
    await act(async () => {
      chart.dispatchEvent(
        new CustomEvent('metric-chart-zoom', { detail: { range: [10, 40] }, bubbles: true, composed: true }),
      );
    });
    expect(host.querySelector('.status')!.textContent).to.contain('zoom: 10–40');
  });
});
