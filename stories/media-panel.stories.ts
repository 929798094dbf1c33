import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemorySource } from '../src/data/memory-source.js';
import type { MediaItem, RunSource } from '../src/data/source.js';
import { failingSource, loadingSource, malformedSource, runOnlySource, sampleSource } from './support/sources.js';
import { atPhoneWidth } from './support/phone.js';

const meta: Meta = {
  title: 'Elements/media-panel',
  component: 'media-panel',
};
export default meta;
type Story = StoryObj;

const show = (source: RunSource, keys = 'predictions', step?: number) =>
  html`<media-panel .source=${source} keys=${keys} .step=${step} style="max-width: 900px"></media-panel>`;

/** Predictions with bounding boxes (cat, dog, car, person) in the theme's series colours; toggle classes, click to enlarge, ←/→ to move steps. */
export const BoundingBoxes: Story = { render: () => show(sampleSource()) };

/** Two keys side by side at the same step. */
export const SeveralKeys: Story = { render: () => show(sampleSource(), 'samples,predictions') };

/** Asking for step 250 snaps to the nearest step that has images. */
export const SnapToStep: Story = { render: () => show(sampleSource(), 'samples', 250) };

function svgUrl(body: string): string {
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">${body}</svg>`)}`;
}

let masked: MemorySource | undefined;
/** Segmentation masks (class ids in the red channel) painted in theme colours, with class toggles. */
export const Masks: Story = {
  render: () => {
    masked ??= new MemorySource({
      info: { id: 'seg', state: 'finished' },
      media: [1, 2, 3].map((step): MediaItem => ({
        key: 'segmentation',
        step: step * 100,
        index: 0,
        kind: 'image',
        width: 64,
        height: 64,
        url: svgUrl(
          `<rect width="64" height="64" fill="#8aa"/><circle cx="${16 + step * 8}" cy="32" r="12" fill="#543"/>`,
        ),
        maskUrl: svgUrl(
          `<rect width="64" height="64" fill="rgb(0,0,0)"/><rect y="44" width="64" height="20" fill="rgb(1,0,0)"/><circle cx="${16 + step * 8}" cy="32" r="12" fill="rgb(2,0,0)"/>`,
        ),
        classes: { 0: 'sky', 1: 'road', 2: 'ball' },
        caption: `epoch ${step}: <b>not bold</b>`,
      })),
    });
    return show(masked, 'segmentation');
  },
};

/** A source whose answer never comes. */
export const Loading: Story = { render: () => show({ ...loadingSource(), listMedia: () => new Promise(() => {}) }) };

/** A run without images. */
export const Empty: Story = { render: () => show(new MemorySource({ info: { id: 'none', state: 'finished' } })) };

export const Error: Story = { render: () => show(failingSource()) };

/** A source without listMedia. */
export const Unsupported: Story = { render: () => show(runOnlySource()) };

/**
 * A source whose answers break the contract in small ways (numbers as strings, null items in lists,
 * tags as one string, a start time no Date can hold): what can be read is shown, with a notice of the rest.
 */
export const MalformedAnswers: Story = { render: () => show(malformedSource()) };

/** At a phone's width (390 px): the media panel. */
export const Phone: Story = { render: () => atPhoneWidth(show(sampleSource())) };
