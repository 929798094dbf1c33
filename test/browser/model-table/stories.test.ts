import { expect, fixture, aTimeout } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/model-table/define.js';
import * as stories from '../../../stories/model-table.stories.js';

type Story = { render?: () => TemplateResult };
const expected: Record<string, string> = {
  Loading: '.rp-state--loading',
  NoModelLogged: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
};

describe('model-table stories', () => {
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async () => {
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = wrapper.localName === 'model-table' ? wrapper : wrapper.querySelector('model-table')!;
      const want = expected[name] ?? '.body-row';
      for (let i = 0; i < 500 && !el.shadowRoot!.querySelector(want); i++) await aTimeout(10);
      expect(el.shadowRoot!.querySelector(want), want).to.exist;
    });
  }
});
