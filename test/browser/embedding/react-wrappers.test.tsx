/**
 * `runpage/react` (src/react.ts) under the React 19 the tests serve: every wrapper renders its
 * element, sets object props as properties, and hands every element event to its `on…` prop.
 * React 18, and the packed package, are covered by test/e2e/react-apps.test.ts.
 */
import { expect } from '@open-wc/testing';
import { act, createElement, type ComponentType } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemorySource, type RunPage as RunPageElement } from '../../../src/index.js';
import * as wrappers from '../../../src/react.js';
import { RunPage } from '../../../src/react.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Every element event, by the wrapper that should expose it. */
const EVENTS: Record<keyof typeof wrappers, string[]> = {
  RunSource: [],
  RunPage: ['run-page-tab-change'],
  RunOverview: [],
  MetricChart: ['metric-chart-zoom', 'metric-chart-cursor'],
  MetricWorkspace: ['metric-workspace-change'],
  MediaPanel: ['media-panel-step'],
  SystemPanel: ['system-panel-x-axis', 'system-panel-gpus'],
  ModelTable: [],
  LogViewer: ['log-viewer-select', 'log-viewer-copy', 'log-viewer-download'],
  FileBrowser: ['file-browser-open', 'file-browser-select'],
  ArtifactList: ['artifact-list-select', 'artifact-list-open-run'],
};

const TAGS: Record<keyof typeof wrappers, string> = {
  RunSource: 'run-source',
  RunPage: 'run-page',
  RunOverview: 'run-overview',
  MetricChart: 'metric-chart',
  MetricWorkspace: 'metric-workspace',
  MediaPanel: 'media-panel',
  SystemPanel: 'system-panel',
  ModelTable: 'model-table',
  LogViewer: 'log-viewer',
  FileBrowser: 'file-browser',
  ArtifactList: 'artifact-list',
};

const camel = (event: string) => `on${event.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;

describe('runpage/react', () => {
  const source = new MemorySource([{ info: { id: 'r1', name: 'wrapped-run', state: 'finished' } }]);
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('has a wrapper for every element', () => {
    expect(Object.keys(wrappers).sort()).to.deep.equal(Object.keys(TAGS).sort());
  });

  for (const [name, events] of Object.entries(EVENTS) as [keyof typeof wrappers, string[]][]) {
    it(`<${name}> sets source as a property and calls on… for ${events.join(', ') || 'no events'}`, async () => {
      const seen: [string, unknown][] = [];
      const props: Record<string, unknown> = { source };
      for (const event of events) props[camel(event)] = (e: CustomEvent) => seen.push([e.type, e.detail]);
      const Wrapper = wrappers[name] as ComponentType<Record<string, unknown>>;
      await act(async () => root.render(createElement(Wrapper, props)));
      const el = host.querySelector(TAGS[name]) as HTMLElement & { source?: unknown };
      expect(el, TAGS[name]).to.not.equal(null);
      expect(el.source).to.equal(source);
      expect(el.hasAttribute('source')).to.equal(false);
      for (const event of events) {
        el.dispatchEvent(new CustomEvent(event, { detail: { from: event }, bubbles: true, composed: true }));
      }
      expect(seen).to.deep.equal(events.map((e) => [e, { from: e }]));
    });
  }

  it('typed props: boolean properties, attributes and the tab event detail', async () => {
    const tabs: string[] = [];
    const run = new MemorySource(generateSampleRun({ seed: 3, steps: 20, gpus: 0, logLines: 10 }));
    await act(async () =>
      root.render(<RunPage source={run} noHash theme="dark" onRunPageTabChange={(e) => tabs.push(e.detail.tab)} />),
    );
    const page = host.querySelector<RunPageElement>('run-page')!;
    expect(page.noHash).to.equal(true);
    expect(page.getAttribute('theme')).to.equal('dark');
    await page.updateComplete;
    await act(async () => page.shadowRoot!.querySelector<HTMLElement>('[data-tab="logs"]')!.click());
    expect(tabs).to.deep.equal(['logs']);
  });
});

// Type checks (tsc -p demo/react/tsconfig.json): each @ts-expect-error must stay an error.
// @ts-expect-error: noHash is a boolean
export const wrongProp = <RunPage noHash="yes" />;
// @ts-expect-error: the tab event's detail has no `nope`
export const wrongDetail = <RunPage onRunPageTabChange={(e) => e.detail.nope} />;
