import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { generateSampleRun } from '../src/data/sample-run.js';
import type { ArtifactDetail, RunSource } from '../src/data/source.js';
import { SourceError } from '../src/data/errors.js';
import { malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/artifact-list',
  component: 'artifact-list',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, selected = '') =>
  html`<artifact-list
    .source=${source}
    selected=${selected}
    @artifact-list-open-run=${(e: CustomEvent<{ runId: string }>) => console.info('open run', e.detail.runId)}
  ></artifact-list>`;

const TYPES = ['dataset', 'model', 'checkpoint', 'predictions', 'code'];

function manyArtifacts(count: number): ArtifactDetail[] {
  const start = Date.UTC(2024, 4, 1);
  return Array.from({ length: count }, (_, i) => {
    const type = TYPES[i % TYPES.length];
    const version = Math.floor(i / TYPES.length);
    return {
      id: `${type}-${i}:v${version}`,
      name: `${type}-${String(i).padStart(3, '0')}`,
      type,
      direction: i % 3 === 0 ? 'input' : 'output',
      version: `v${version}`,
      aliases: i % 7 === 0 ? ['latest', 'best'] : i % 5 === 0 ? ['latest'] : [],
      size: ((i * 7919) % 1000) * 1_048_576 + i,
      digest: ((i + 1) * 2654435761).toString(16).padStart(32, '0'),
      createdAt: start + i * 3_600_000,
      fileCount: (i % 9) + 1,
      description: `Artifact number **${i}**.`,
      metadata: { index: i, type, nested: { even: i % 2 === 0 } },
      files: Array.from({ length: (i % 9) + 1 }, (_, k) => ({
        path: `part-${k}.bin`,
        name: `part-${k}.bin`,
        kind: 'file' as const,
        size: 1000 * (k + 1),
      })),
      producer: { id: `producer-${i}`, state: 'finished' as const },
      consumers: [{ id: 'many', state: 'finished' as const }],
    };
  });
}

const runWith = (artifacts: ArtifactDetail[], id = 'many') =>
  new MemorySource({ info: { id, state: 'finished' }, artifacts });

export const Data: Story = { render: () => show(sampleSource()) };

export const Detail: Story = {
  render: () => {
    const run = generateSampleRun({ seed: 1, steps: 200, logLines: 10 });
    return show(new MemorySource(run), run.artifacts?.[0]?.id ?? '');
  },
};

export const ManyArtifacts: Story = { render: () => show(runWith(manyArtifacts(400))) };

export const HostileText: Story = {
  render: () =>
    show(
      runWith(
        [
          {
            id: 'evil',
            name: '<img src=x onerror=alert(1)>',
            type: '<b>model</b>',
            direction: 'output',
            aliases: ['<script>alert(2)</script>', 'مرحبا', '日本語'],
            description:
              '# Title\n\n<script>alert(3)</script><img src=x onerror="alert(4)"> **bold** [link](javascript:alert(5))',
            metadata: { '<i>key</i>': '<script>alert(6)</script>', long: 'x'.repeat(3000) },
            files: [{ path: '<b>file</b>.txt', name: '<b>file</b>.txt', kind: 'file', size: 1 }],
          },
        ],
        'hostile',
      ),
    ),
};

export const Loading: Story = {
  render: () =>
    show({ defaultRunId: () => 'r', getRun: () => new Promise(() => {}), listArtifacts: () => new Promise(() => {}) }),
};

export const NoneLogged: Story = { render: () => show(runWith([], 'none')) };

/** Every request fails with a retryable error (retry fails again). */
export const Error: Story = {
  render: () =>
    show({
      defaultRunId: () => 'r',
      getRun: async () => ({ id: 'r', state: 'finished' }),
      listArtifacts: () =>
        Promise.reject(new SourceError('unavailable', 'The tracking server did not answer (503 Service Unavailable).')),
    }),
};

export const Unsupported: Story = { render: () => show(runOnlySource()) };

export const Dark: Story = {
  render: () => html`<artifact-list .source=${sampleSource()} theme="dark"></artifact-list>`,
};

export const Japanese: Story = {
  render: () => html`<div lang="ja"><artifact-list .source=${sampleSource()}></artifact-list></div>`,
};

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the artifact list. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
