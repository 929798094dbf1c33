import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/system-panel/define.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import * as stories from '../../../stories/system-panel.stories.js';
import { charts, panelReady } from './helpers.js';

type Story = { render?: () => TemplateResult };
const states: Record<string, string> = {
  Loading: '.rp-state--loading',
  Empty: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
};

describe('system-panel stories', () => {
  after(() => {
    // stop the Live story's timer by rendering it once more and leaving (its render stops the previous one)
    (stories as unknown as Record<string, Story>).Live.render!();
  });
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async function () {
      this.timeout(60_000);
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = wrapper.querySelector('system-panel') as SystemPanel;
      const state = states[name];
      if (state) {
        await waitUntil(() => el.shadowRoot!.querySelector(state), `${name}: no ${state}`, { timeout: 30_000 });
        return;
      }
      await panelReady(el);
      expect(charts(el).length).to.be.greaterThan(2);
      if (name === 'EightGpus' || name === 'SixteenGpus')
        expect(el.shadowRoot!.querySelector('[part="gpu-selector"]')).to.exist;
      if (name === 'Aim') expect(charts(el)[0].label).to.equal('Process CPU, 100 % per core (%)');
    });
  }
});
