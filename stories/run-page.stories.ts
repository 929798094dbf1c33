import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import type { RunSource } from '../src/data/source.js';
import { SourceError } from '../src/data/errors.js';
import { privateDetailsCode } from '../src/elements/run-overview/private-details-code.js';
import { failingLoad } from './support/failing-load.js';
import { failingSource, loadingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/run-page',
  component: 'run-page',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, run?: string) =>
  html`<run-page no-hash style="height: 90vh" .source=${source} run=${run ?? ''}></run-page>`;

export const Data: Story = { render: () => show(sampleSource({ extraMetrics: 12 })) };

export const Live: Story = {
  render: () => {
    const run = generateSampleRun({ seed: 9, steps: 400, state: 'running', extraMetrics: 6 });
    const source = new MemorySource(run);
    playLiveRun(source, run.info.id, { intervalMs: 1000, end: 'never' });
    return show(source);
  },
};

export const Loading: Story = { render: () => show(loadingSource()) };

export const RunNotFound: Story = { render: () => show(sampleSource(), 'no-such-run') };

export const Error: Story = {
  render: () =>
    show({
      defaultRunId: () => 'r',
      getRun: () =>
        Promise.reject(new SourceError('unavailable', 'The tracking server did not answer (503 Service Unavailable).')),
    }),
};

/** The run loads, but every tab's data fails. */
export const TabsFail: Story = { render: () => show(failingSource()) };

/**
 * `private-details="hidden"`, and the rules that hide them (loaded the first time an element is
 * asked to) could not be fetched: the title and the overview say so, each with a Retry, and neither
 * shows the run's name (it may hold a host name). The story fails that load once; Retry loads the
 * real rules and shows the run with its private details hidden.
 */
export const HidingRulesError: Story = {
  tags: ['!autodocs'], // it changes how the whole page loads the rules: not on the page of every story
  beforeEach: () => failingLoad(privateDetailsCode),
  render: () => {
    const run = generateSampleRun({ seed: 4, steps: 100 });
    run.info = { ...run.info, name: 'run on gpu-box-7', host: 'gpu-box-7' };
    return html`<run-page
      no-hash
      style="height: 90vh"
      private-details="hidden"
      .source=${new MemorySource(run)}
    ></run-page>`;
  },
};

export const OnlyOverviewAvailable: Story = { render: () => show(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

const LANGUAGES = [
  ['en', 'English'],
  ['ja', '日本語'],
  ['de', 'Deutsch (loaded when picked)'],
  ['fr-CH', 'fr-CH (English labels, Swiss French numbers and dates)'],
] as const;

/**
 * The language switched live from the nearest `lang`: English and Japanese are built in, German
 * loads the first time it is picked, and any other tag gets its own number and date formats.
 */
export const Languages: Story = {
  render: () => {
    const pick = (e: Event) => {
      const select = e.target as HTMLSelectElement;
      select.closest('[lang]')!.setAttribute('lang', select.value);
    };
    return html`<div lang="en">
      <label>
        Language
        <select @change=${pick}>
          ${LANGUAGES.map(([tag, name]) => html`<option value=${tag}>${name}</option>`)}
        </select>
      </label>
      ${show(sampleSource())}
    </div>`;
  },
};

/** At a phone's width (390 px): the run page: the tab list scrolls sideways and fades where more tabs are. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource({ extraMetrics: 12 }))) };
