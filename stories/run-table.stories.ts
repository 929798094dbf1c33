import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SourceError } from '../src/data/errors.js';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun } from '../src/data/sample-run.js';
import { generateSampleRefs, sampleRunsSource } from '../src/data/sample-runs.js';
import type { RunRef, RunSource } from '../src/data/source.js';
import { updatesCode, type RunTable } from '../src/elements/run-table/run-table.js';
import { liveListing } from './run-table-live.js';
import { failingLoad, until } from './support/failing-load.js';
import { loadingSource, runOnlySource } from './support/sources.js';

const meta: Meta = {
  title: 'Elements/run-table',
  component: 'run-table',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, extra: { lang?: string; theme?: string; ticked?: string[] } = {}) =>
  html`<div lang=${extra.lang ?? 'en'}>
    <run-table
      .source=${source}
      theme=${extra.theme ?? 'light'}
      refresh-interval="0"
      .tableState=${{
        query: '',
        filters: {},
        sort: { column: 'started', dir: 'desc' },
        columns: ['config.lr', 'summary.train/loss'],
        groupBy: 'none',
        ticked: extra.ticked ?? [],
        view: 'table',
        metrics: [],
      }}
      @run-table-open=${(e: CustomEvent<{ runId: string }>) => console.info('open run', e.detail.runId)}
    ></run-table>
  </div>`;

const now = () => Date.now();

export const Data: Story = { render: () => show(sampleRunsSource(generateSampleRefs({ count: 200, now: now() }))) };

export const TenThousandRuns: Story = {
  render: () => show(sampleRunsSource(generateSampleRefs({ count: 10_000, running: 20, now: now() }))),
};

export const Dark: Story = {
  render: () => show(sampleRunsSource(generateSampleRefs({ count: 60, now: now() })), { theme: 'dark' }),
};

export const Japanese: Story = {
  render: () => show(sampleRunsSource(generateSampleRefs({ count: 60, now: now() })), { lang: 'ja' }),
};

/** Three sample runs with metrics: tick two and press Compare. */
export const CompareRuns: Story = {
  render: () =>
    html`<run-table
      .source=${new MemorySource([1, 2, 3].map((seed) => generateSampleRun({ seed, steps: 300, logLines: 5, files: 1 })))}
      refresh-interval="0"
      .tableState=${{
        query: '',
        filters: {},
        sort: { column: 'started', dir: 'desc' },
        columns: [],
        groupBy: 'none',
        ticked: ['sample-0001', 'sample-0002'],
        view: 'compare',
        metrics: [],
      }}
    ></run-table>`,
};

const hostile: RunRef[] = [
  {
    id: '<script>alert(1)</script>',
    name: '<img src=x onerror=alert(2)>',
    project: '<b>bold</b>',
    group: '"><svg onload=alert(3)>',
    tags: ['<i>tag</i>', 'مرحبا', '日本語'],
    state: 'finished',
    config: { '<key>': '<value onclick=alert(4)>' },
    summary: { loss: 0.5 },
  },
];

const withLiveButtons = () => {
  const live = liveListing(generateSampleRefs({ count: 12, running: 2, now: now() }));
  return html`<div>
    <p>
      <button type="button" class="add-run" @click=${() => live.addRun()}>Add a run</button>
      <button type="button" class="end-run" @click=${() => live.endRun()}>End a run</button>
    </p>
    ${show(live.source)}
  </div>`;
};
/** Runs appear and end as the buttons say (`watchRuns`): "Add a run" adds a running run on top, "End a run" ends the newest running one. */
export const LiveListing: Story = { render: withLiveButtons };

export const HostileText: Story = { render: () => show(sampleRunsSource(hostile)) };

export const Loading: Story = {
  render: () => show({ ...loadingSource(), listRuns: () => new Promise<RunRef[]>(() => {}) }),
};

export const Empty: Story = { render: () => show(sampleRunsSource([])) };

export const Error: Story = {
  render: () =>
    show({
      getRun: () => Promise.reject(new SourceError('unavailable', 'down')),
      listRuns: () =>
        Promise.reject(new SourceError('unavailable', 'The tracking server did not answer (503 Service Unavailable).')),
    }),
};

/**
 * The code that applies changes to the list (loaded with the first change after the first listing)
 * could not be fetched: the story adds a run, and the toolbar says "could not load the changes to
 * the list" with a Retry. The story fails that load once; Retry loads the real code and the new run
 * appears on top (so does the next change, without a Retry).
 */
export const UpdatesCodeError: Story = {
  tags: ['!autodocs'], // it changes how the whole page loads that code: not on the page of every story
  beforeEach: () => failingLoad(updatesCode),
  render: withLiveButtons,
  play: async ({ canvasElement }) => {
    const table = canvasElement.querySelector<RunTable>('run-table')!;
    await until(() => table.shadowRoot?.querySelector('.body-row'));
    canvasElement.querySelector<HTMLButtonElement>('button.add-run')!.click();
  },
};

export const Unsupported: Story = { render: () => show(runOnlySource()) };
