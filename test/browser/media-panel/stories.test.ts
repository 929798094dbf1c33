import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/media-panel/define.js';
import type { MediaPanel } from '../../../src/elements/media-panel/media-panel.js';
import * as stories from '../../../stories/media-panel.stories.js';

type Story = { render?: () => TemplateResult };
const expected: Record<string, string> = {
  Loading: '.rp-state--loading',
  Empty: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
  BoundingBoxes: 'svg.boxes rect',
  Masks: 'canvas.mask',
};

describe('media-panel stories', () => {
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async function () {
      this.timeout(30_000);
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = (wrapper.localName === 'media-panel' ? wrapper : wrapper.querySelector('media-panel')!) as MediaPanel;
      const want = expected[name] ?? 'figure img';
      await waitUntil(() => el.shadowRoot!.querySelector(want), `${name}: no ${want}`, { timeout: 20_000 });
    });
  }
});
