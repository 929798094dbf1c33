import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun } from '../src/data/sample-run.js';
import type { RunInfo, RunSource } from '../src/data/source.js';
import { loadingSource } from './support/sources.js';

const meta: Meta = {
  title: 'Elements/run-compare',
  component: 'run-compare',
};
export default meta;
type Story = StoryObj;

let three: MemorySource | undefined;
/** Three sample runs of one sweep (different seeds), generated once. */
const sweep = () =>
  (three ??= new MemorySource([1, 2, 3].map((seed) => generateSampleRun({ seed, steps: 400, logLines: 5, files: 1 }))));

const show = (source: RunSource, runs: string, extra: { lang?: string; theme?: string } = {}) =>
  html`<div lang=${extra.lang ?? 'en'}>
    <run-compare .source=${source} runs=${runs} theme=${extra.theme ?? 'light'}></run-compare>
  </div>`;

export const Data: Story = { render: () => show(sweep(), 'sample-0001,sample-0002,sample-0003') };

export const ChosenMetrics: Story = {
  render: () =>
    html`<run-compare
      .source=${sweep()}
      runs="sample-0001,sample-0002"
      metrics="val/loss,val/accuracy,train/lr"
    ></run-compare>`,
};

export const Dark: Story = { render: () => show(sweep(), 'sample-0001,sample-0002', { theme: 'dark' }) };

export const Japanese: Story = { render: () => show(sweep(), 'sample-0001,sample-0002', { lang: 'ja' }) };

export const Loading: Story = { render: () => show(loadingSource(), 'a,b') };

export const Empty: Story = { render: () => show(sweep(), '') };

/** A run that cannot be read is listed with the others, and its values are missing. */
export const UnreadableRun: Story = {
  render: () => {
    const s = sweep();
    const source: RunSource = {
      getRun: (id, o) => (id === 'gone' ? Promise.reject(new Error('The run was deleted.')) : s.getRun(id, o)),
      listMetrics: (id, o) => s.listMetrics(id, o),
      getSeries: (q, o) => s.getSeries(q, o),
    };
    return show(source, 'sample-0001,gone');
  },
};

/** A source with runs but no metrics: the config and summaries are still compared. */
export const Unsupported: Story = {
  render: () => {
    const s = sweep();
    return show({ getRun: (id: string, o) => s.getRun(id, o) as Promise<RunInfo> }, 'sample-0001,sample-0002');
  },
};
