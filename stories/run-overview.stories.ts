import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import { hidePrivateDetails } from '../src/data/private-details.js';
import type { JsonObject, RunSource } from '../src/data/source.js';
import { privateDetailsCode } from '../src/elements/run-overview/private-details-code.js';
import { failingLoad } from './support/failing-load.js';
import { failingSource, loadingSource, malformedSource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/run-overview',
  component: 'run-overview',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, run?: string) =>
  html`<run-overview .source=${source} run=${run ?? ''}></run-overview>`;

export const Data: Story = { render: () => show(sampleSource()) };

export const Loading: Story = { render: () => show(loadingSource()) };

export const RunNotFound: Story = { render: () => show(sampleSource(), 'no-such-run') };

export const Error: Story = {
  render: () =>
    show({
      defaultRunId: () => 'r',
      getRun: () => failingSource().listMetrics!('r') as never,
    }),
};

export const Unsupported: Story = {
  render: () =>
    show({
      defaultRunId: () => 'r',
      getRun: () =>
        Promise.reject(
          Object.assign(new globalThis.Error('no runs'), {
            name: 'SourceError',
            code: 'unsupported',
            retryable: false,
          }),
        ),
    }),
};

export const Live: Story = {
  render: () => {
    const run = generateSampleRun({ seed: 5, steps: 300, state: 'running' });
    const source = new MemorySource(run);
    playLiveRun(source, run.info.id, { intervalMs: 1000, end: 'finish', ticks: 15 });
    return show(source);
  },
};

export const Failed: Story = {
  render: () => {
    const run = generateSampleRun({ seed: 2, steps: 200, state: 'failed' });
    run.info.exitCode = 255;
    return show(new MemorySource(run));
  },
};

export const Crashed: Story = {
  render: () => show(new MemorySource(generateSampleRun({ seed: 3, steps: 200, state: 'crashed' }))),
};

export const HostileText: Story = {
  render: () =>
    show(
      new MemorySource({
        info: {
          id: 'hostile',
          name: '<img src=x onerror=alert(1)> run',
          state: 'finished',
          notes: '# Notes\n\n<script>alert(1)</script> **Markdown** is sanitized: <img src=x onerror="alert(2)">',
          tags: ['<b>tag</b>', 'مرحبا', '日本語'],
          config: { '<i>key</i>': '<script>alert(3)</script>', long: 'x'.repeat(5000), rtl: 'שלום עולם' },
        },
      }),
    ),
};

export const TenThousandKeys: Story = {
  render: () => {
    const config: JsonObject = {};
    for (let i = 0; i < 100; i++) {
      const group: JsonObject = {};
      for (let j = 0; j < 100; j++) group[`param_${j}`] = Math.round(Math.sin(i * j) * 1e4) / 1e4;
      config[`layer_${String(i).padStart(3, '0')}`] = group;
    }
    return show(new MemorySource({ info: { id: 'big', name: 'ten-thousand-keys', state: 'finished', config } }));
  },
};

/** Numbers as they are: integers in full, timestamps also as dates, every digit a float needs, NaN. */
export const Numbers: Story = {
  render: () =>
    show(
      new MemorySource({
        info: {
          id: 'numbers',
          name: 'numbers-in-full',
          state: 'finished',
          config: { lr: 0.00010000001, batch_size: 1024, num_params: 1_234_567_890, warmup_ratio: 0.1 + 0.2 },
          summary: {
            _timestamp: 1714550412.3456788,
            _step: 123_456_789,
            _runtime: 3601.25,
            createdAt: 1714550400000,
            loss: NaN,
            best_loss: Infinity,
            grad_norm_min: 1.25e-7,
            tokens_seen: 2 ** 60,
          },
        },
      }),
    ),
};

/** A run with private details, as `runpage serve --public` answers it: they show as hidden on this server. */
const withPrivateDetails = () => {
  const run = generateSampleRun({ seed: 4, steps: 100 });
  run.info = {
    ...run.info,
    host: 'gpu-box-7',
    user: 'alice',
    command: { program: '/home/alice/proj/train.py', args: ['--data', '/home/alice/data'] },
    python: { version: '3.11.4', executable: '/home/alice/.venv/bin/python' },
    git: {
      remote: 'https://alice:ghp_0123456789abcdefghijABCDEFGHIJ@github.com/acme/vision.git',
      commit: 'abc1234567',
    },
    config: { ...run.info.config, WANDB_API_KEY: 'f00dfeedf00dfeedf00dfeed', CUDA_VISIBLE_DEVICES: '0,1' },
  };
  return run;
};

export const HiddenOnServer: Story = {
  render: () => {
    const run = withPrivateDetails();
    return show(new MemorySource({ ...run, info: hidePrivateDetails(run.info) }));
  },
};

const hiddenOnPage = () =>
  html`<run-overview .source=${new MemorySource(withPrivateDetails())} private-details="hidden"></run-overview>`;
/** `private-details="hidden"`: the element hides them itself, for pages built on other sources. */
export const HiddenOnPage: Story = { render: hiddenOnPage };

/**
 * `private-details="hidden"`, and the rules that hide them (loaded the first time an element is
 * asked to) could not be fetched: the overview says so with a Retry and shows nothing of the run
 * meanwhile. The story fails that load once; Retry loads the real rules and shows the run with its
 * private details hidden.
 */
export const HidingRulesError: Story = {
  tags: ['!autodocs'], // it changes how the whole page loads the rules: not on the page of every story
  beforeEach: () => failingLoad(privateDetailsCode),
  render: hiddenOnPage,
};

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the overview: facts in one column, a long command cut to three lines. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
