import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/metric-workspace/define.js';
import type { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import * as stories from '../../../stories/metric-workspace.stories.js';

type Story = { render?: () => TemplateResult; play?: (ctx: { canvasElement: HTMLElement }) => Promise<void> };
const expected: Record<string, string> = {
  Loading: '.rp-state--loading',
  Empty: '.rp-state--empty',
  Error: '.rp-state--error',
  Unsupported: '.rp-state--unsupported',
  InvalidRegex: '[part~="notice"] [role="alert"]',
  Search: 'mark',
  SettingsDialog: 'dialog.settings[open]',
  NewKeysWhileTraining: '[data-panel-id="eval/bleu"]',
};

describe('metric-workspace stories', () => {
  for (const [name, story] of Object.entries(stories as unknown as Record<string, Story>)) {
    if (name === 'default' || !story.render) continue;
    it(`${name} renders what it promises`, async function () {
      this.timeout(60_000);
      const wrapper = await fixture<HTMLElement>(story.render!());
      const el = (
        wrapper.localName === 'metric-workspace' ? wrapper : wrapper.querySelector('metric-workspace')!
      ) as MetricWorkspace;
      const canvasElement = document.createElement('div');
      wrapper.replaceWith(canvasElement);
      canvasElement.append(wrapper);
      void story.play?.({ canvasElement });
      const want = expected[name] ?? '[data-panel-id] metric-chart, [data-panel-id] .panel-body > *';
      await waitUntil(() => el.shadowRoot!.querySelector(want), `${name}: no ${want}`, { timeout: 30_000 });
    });
  }
});
