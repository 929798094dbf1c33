import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-page/define.js';
import '../../../src/elements/system-panel/define.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { legacyWandbRun } from './key-sets.js';
import { chartById, panelReady } from './helpers.js';

describe('system-panel in <run-page>', () => {
  it('is the System tab and reads the page’s source and run', async () => {
    const page = await fixture<RunPage>(
      html`<run-page no-hash tab="system" .source=${legacyWandbRun({ minutes: 10 })}></run-page>`,
    );
    await page.updateComplete;
    const tab = [...page.shadowRoot!.querySelectorAll('[role="tab"]')].find((t) => /System/.test(t.textContent ?? ''));
    expect(tab, 'System tab').to.exist;
    expect(tab!.getAttribute('aria-selected')).to.equal('true');
    const panel = [...page.shadowRoot!.querySelectorAll('*')].find((e) => e instanceof SystemPanel) as SystemPanel;
    expect(panel, 'system panel').to.exist;
    await panelReady(panel);
    expect(chartById(panel, 'network').label).to.equal('Network traffic (KB/s)');
  });
});
