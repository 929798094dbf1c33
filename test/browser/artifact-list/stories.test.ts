import { expect, fixture, aTimeout } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/artifact-list/define.js';
import * as stories from '../../../stories/artifact-list.stories.js';

type Story = { render?: () => TemplateResult };
const expected: Record<string, string> = {
  Loading: '.rp-state--loading',
  NoneLogged: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
  Detail: '.detail-title',
};

describe('artifact-list stories', () => {
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async () => {
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = wrapper.localName === 'artifact-list' ? wrapper : wrapper.querySelector('artifact-list')!;
      const want = expected[name] ?? '.artifact-row';
      for (let i = 0; i < 500 && !el.shadowRoot!.querySelector(want); i++) await aTimeout(10);
      expect(el.shadowRoot!.querySelector(want), want).to.exist;
    });
  }
});
