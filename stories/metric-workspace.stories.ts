import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun, playLiveRun } from '../src/data/sample-run.js';
import type { RunSource } from '../src/data/source.js';
import type { WorkspaceSettings } from '../src/elements/metric-workspace/workspace-settings.js';
import { settingsDialogCode } from '../src/elements/metric-workspace/metric-workspace.js';
import { failingSource, loadingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';
import { failingLoad, until } from './support/failing-load.js';

const meta: Meta = {
  title: 'Elements/metric-workspace',
  component: 'metric-workspace',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, opts: { search?: string; storageKey?: string; settings?: WorkspaceSettings } = {}) =>
  html`<metric-workspace
    .source=${source}
    .search=${opts.search ?? ''}
    .settings=${opts.settings}
    storage-key=${opts.storageKey ?? 'storybook'}
    style="height: 720px"
  ></metric-workspace>`;

/** The sample run with 40 extra metrics: sections `train`, `val`, `layers`, `eval`… and the default section (`epoch`), plus media panels. */
export const Sections: Story = {
  render: () => show(sampleSource({ extraMetrics: 40 }), { storageKey: 'story-sections' }),
};

/** Search by substring: matches are highlighted, sections without a match are hidden, the toolbar says "N of M panels". */
export const Search: Story = {
  render: () => show(sampleSource({ extraMetrics: 40 }), { search: 'loss', storageKey: 'story-search' }),
};

/** A regular expression with an exclusion: `/^(train|val)\//` but not accuracy. */
export const RegexAndExclusion: Story = {
  render: () =>
    show(sampleSource({ extraMetrics: 40 }), { search: '/^(train|val)\\// -accuracy', storageKey: 'story-regex' }),
};

/** An invalid regular expression: the message says why, the last valid result stays (here: every panel). */
export const InvalidRegex: Story = {
  render: () => show(sampleSource({ extraMetrics: 40 }), { search: '/val(/', storageKey: 'story-invalid' }),
};

const tuned: WorkspaceSettings = {
  version: 1,
  workspace: { smoothing: 'ema', smoothingWeight: 0.8, columns: 3 },
  sort: 'order',
  syncZoom: true,
  sections: { val: { pinned: true, columns: 2 }, layers: { collapsed: true } },
  panels: {
    'train/loss': {
      title: 'Training and validation loss',
      metrics: ['train/loss', 'val/loss'],
      logY: true,
      colors: ['tomato', 'steelblue'],
    },
    'train/lr': { x: 'relative', smoothing: 'none' },
  },
  custom: [{ id: 'panel-1', section: 'val', title: 'Accuracy, both', metrics: ['train/accuracy', 'val/accuracy'] }],
  hidden: ['train/aux_loss'],
};

/**
 * A layout given through the `settings` property (what a portal stores on its server): workspace
 * smoothing and 3 columns, `val` pinned with 2 columns, `layers` collapsed, a combined loss panel
 * on a log scale, an added panel, a deleted one, zoom sync on. Open a panel's ⚙ to see the settings dialog.
 */
export const SettingsDialog: Story = {
  render: () => show(sampleSource({ extraMetrics: 40 }), { settings: tuned, storageKey: 'story-settings' }),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('metric-workspace');
    for (let i = 0; i < 100 && !el?.shadowRoot?.querySelector('[aria-label^="Settings of Training"]'); i++)
      await new Promise((r) => setTimeout(r, 100));
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[aria-label^="Settings of Training"]')?.click();
  },
};

/**
 * The settings dialog's code (loaded on its first opening) could not be fetched: the workspace says
 * why with a Retry, which opens the dialog. The story fails that load once and clicks the gear.
 */
export const SettingsDialogCodeError: Story = {
  tags: ['!autodocs'],
  beforeEach: () => failingLoad(settingsDialogCode),
  render: () => show(sampleSource(), { storageKey: 'story-settings-error' }),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('metric-workspace');
    await until(() => el?.shadowRoot?.querySelector('[aria-label^="Settings of "]'));
    el!.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label^="Settings of "]')!.click();
  },
};

let big: MemorySource | undefined;
/** 2,000 metrics: only charts on or near the screen exist; scroll and watch them come and go. */
export const TwoThousandMetrics: Story = {
  render: () =>
    show((big ??= new MemorySource(generateSampleRun({ seed: 5, steps: 300, extraMetrics: 1992, logLines: 10 }))), {
      storageKey: 'story-2000',
    }),
};

let stopLive: (() => void) | undefined;
/** A training run: new points stream into every chart. */
export const Live: Story = {
  render: () => {
    stopLive?.();
    const source = new MemorySource(
      generateSampleRun({ seed: 3, steps: 200, logLines: 20, state: 'running', id: 'live-ws' }),
    );
    stopLive = playLiveRun(source, 'live-ws', { intervalMs: 700, end: 'never' });
    return show(source, { storageKey: 'story-live' });
  },
};

/** Panels for keys first logged while the run trains appear on their own (`metrics-added`). */
export const NewKeysWhileTraining: Story = {
  render: () => {
    const source = new MemorySource({ info: { id: 'growing', state: 'running', startedAt: Date.now() }, metrics: [] });
    let step = 0;
    const keys = ['train/loss', 'train/accuracy', 'val/loss', 'eval/bleu', 'epoch'];
    const timer = setInterval(() => {
      const count = Math.min(keys.length, 1 + Math.floor(step / 10));
      source.append('growing', {
        points: keys.slice(0, count).map((key, i) => ({
          key,
          step,
          time: Date.now(),
          value: Math.exp(-step / 50) + i * 0.1 + Math.random() * 0.02,
        })),
      });
      if (++step > 200) clearInterval(timer);
    }, 300);
    return show(source, { storageKey: 'story-growing' });
  },
};

/** At phone width (390px): one column of full-width panels, titles wrap instead of being cut. */
export const PhoneWidth: Story = {
  render: () =>
    html`<div style="width: 390px">${show(sampleSource({ extraMetrics: 10 }), { storageKey: 'story-phone' })}</div>`,
};

/** A wide screen (1900px) with automatic columns: as many panels of at least 340px as fit in a row. */
export const WideScreen: Story = {
  render: () =>
    html`<div style="width: 1900px">${show(sampleSource({ extraMetrics: 20 }), { storageKey: 'story-wide' })}</div>`,
};

/** Parts of the charts inside, styled from the page: `metric-workspace::part(chart-legend)`. */
export const StyledChartParts: Story = {
  render: () =>
    html`<div>
      <style>
        .styled-parts::part(chart-legend) {
          font-style: italic;
        }
        .styled-parts::part(chart-plot) {
          outline: 1px dashed currentColor;
        }
      </style>
      <metric-workspace
        class="styled-parts"
        .source=${sampleSource()}
        storage-key="story-parts"
        style="height: 720px"
      ></metric-workspace>
    </div>`,
};

/** A Japanese page (`lang="ja"`). */
export const Japanese: Story = {
  render: () => html`<div lang="ja">${show(sampleSource({ extraMetrics: 10 }), { storageKey: 'story-ja' })}</div>`,
};

/** Dark theme. */
export const Dark: Story = {
  render: () =>
    html`<metric-workspace
      .source=${sampleSource()}
      theme="dark"
      storage-key="story-dark"
      style="height: 720px"
    ></metric-workspace>`,
};

/** A source whose answer never comes. */
export const Loading: Story = { render: () => show({ ...loadingSource(), listMetrics: () => new Promise(() => {}) }) };

/** A run with no history metrics (only system metrics). */
export const Empty: Story = {
  render: () => {
    const run = generateSampleRun({ seed: 2, steps: 50, logLines: 5 });
    return show(new MemorySource({ ...run, metrics: run.metrics!.filter((m) => m.group === 'system'), media: [] }));
  },
};

/** The source fails with a retryable error; Retry asks again. */
export const Error: Story = { render: () => show(failingSource()) };

/** A source without listMetrics. */
export const Unsupported: Story = { render: () => show(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the workspace. */
export const Phone: Story = {
  render: () => atPhoneWidth(show(sampleSource({ extraMetrics: 40 }), { storageKey: 'story-phone' })),
};
