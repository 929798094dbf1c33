import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import { sampleModel } from '../src/data/sample-assets.js';
import type { ModelGraph, RunSource } from '../src/data/source.js';
import { fromKerasSummary, fromPyTorchTree } from '../src/data/model-convert.js';
import { SourceError } from '../src/data/errors.js';
import { malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/model-table',
  component: 'model-table',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource) => html`<model-table .source=${source}></model-table>`;
const withModel = (model: ModelGraph | undefined) =>
  new MemorySource({ info: { id: 'model-run', state: 'finished' }, model });

export const Data: Story = { render: () => show(sampleSource()) };

/** About 10,000 layers (910 transformer blocks), virtualised. */
/** An MLflow logged model's signature: no parameter counts, so names, types and shapes only. */
export const MlflowSignature: Story = {
  render: () =>
    show(
      withModel({
        format: 'mlflow-signature',
        name: 'model (pytorch, python_function)',
        layers: [
          { id: 'signature/inputs', name: 'inputs', type: '2 columns', params: 0 },
          {
            id: 'signature/inputs/0',
            parent: 'signature/inputs',
            name: 'image',
            type: 'float32 tensor',
            inputShape: '(-1, 28, 28)',
            params: 0,
          },
          {
            id: 'signature/inputs/1',
            parent: 'signature/inputs',
            name: 'threshold',
            type: 'double (optional)',
            params: 0,
          },
          { id: 'signature/outputs', name: 'outputs', type: '1 tensor', params: 0 },
          {
            id: 'signature/outputs/0',
            parent: 'signature/outputs',
            name: '[0]',
            type: 'float32 tensor',
            outputShape: '(-1, 10)',
            params: 0,
          },
        ],
      }),
    ),
};

export const TenThousandLayers: Story = { render: () => show(withModel(sampleModel(910))) };

export const SortedByParameters: Story = {
  render: () => html`<model-table .source=${sampleSource()} sort="desc"></model-table>`,
};

export const Searched: Story = {
  render: () => html`<model-table .source=${sampleSource()} search="c_proj"></model-table>`,
};

export const FromPyTorchTree: Story = {
  render: () =>
    show(
      withModel(
        fromPyTorchTree({
          name: 'Net',
          type: 'Net',
          params: 0,
          children: [
            {
              name: 'features',
              type: 'Sequential',
              params: 0,
              children: [
                { name: '0', type: 'Conv2d', params: 320, output_shape: [null, 32, 26, 26] },
                { name: '1', type: 'ReLU', params: 0 },
                { name: '2', type: 'Conv2d', params: 18_496, output_shape: [null, 64, 24, 24] },
              ],
            },
            { name: 'fc1', type: 'Linear', params: 1_179_776, output_shape: [null, 128] },
            { name: 'fc2', type: 'Linear', params: 1_290, output_shape: [null, 10], trainable_params: 0 },
          ],
        }).graph,
      ),
    ),
};

export const FromKerasSummary: Story = {
  render: () =>
    show(
      withModel(
        fromKerasSummary({
          name: 'mnist_cnn',
          layers: [
            { name: 'conv2d (Conv2D)', output_shape: [null, 26, 26, 32], param_count: 320 },
            { name: 'max_pooling2d (MaxPooling2D)', output_shape: [null, 13, 13, 32], param_count: 0 },
            { name: 'flatten (Flatten)', output_shape: [null, 5408], param_count: 0 },
            { name: 'dense (Dense)', output_shape: [null, 10], param_count: 54_090, trainable: false },
          ],
        }).graph,
      ),
    ),
};

export const HostileText: Story = {
  render: () =>
    show(
      withModel({
        format: 'test',
        layers: [
          { id: 'a', name: '<img src=x onerror=alert(1)>', type: '<script>alert(2)</script>', params: 10 },
          { id: 'b', parent: 'a', name: 'שלום 日本語 مرحبا', type: 'Linear', params: 'NaN' as unknown as number },
          { id: 'c', parent: 'missing', name: 'orphan', type: 'Linear', params: 5 },
        ],
      }),
    ),
};

export const Loading: Story = {
  render: () =>
    show({ defaultRunId: () => 'r', getRun: () => new Promise(() => {}), getModel: () => new Promise(() => {}) }),
};

export const NoModelLogged: Story = { render: () => show(withModel(undefined)) };

/** Every request fails with a retryable error (retry fails again). */
export const Error: Story = {
  render: () =>
    show({
      defaultRunId: () => 'r',
      getRun: async () => ({ id: 'r', state: 'finished' }),
      getModel: () =>
        Promise.reject(new SourceError('unavailable', 'The tracking server did not answer (503 Service Unavailable).')),
    }),
};

export const Unsupported: Story = { render: () => show(runOnlySource()) };

export const Dark: Story = {
  render: () => html`<model-table .source=${sampleSource()} theme="dark"></model-table>`,
};

export const Japanese: Story = {
  render: () => html`<div lang="ja"><model-table .source=${sampleSource()}></model-table></div>`,
};

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the model table: Expand all and Collapse all fold into a "More" menu. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
