import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/run-page/define.js';
import '../../../src/elements/metric-workspace/define.js';
import type { RunPage } from '../../../src/elements/run-page/run-page.js';
import { MetricWorkspace } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { panelTitles, sourceOf } from './helpers.js';

describe('metric-workspace in <run-page>', () => {
  it('is the Charts tab and reads the page source', async () => {
    const source = sourceOf(['train/loss', 'val/loss', 'epoch']);
    const page = await fixture<RunPage>(html`<run-page .source=${source} tab="charts" no-hash></run-page>`);
    await waitUntil(() => page.shadowRoot!.querySelector('[data-tab="charts"]'), 'no charts tab', { timeout: 5000 });
    let ws: MetricWorkspace | undefined;
    await waitUntil(
      () => {
        ws = [...page.shadowRoot!.querySelectorAll('*')].find(
          (e): e is MetricWorkspace => e instanceof MetricWorkspace,
        );
        return ws && panelTitles(ws).length === 3;
      },
      'the workspace did not show the panels',
      { timeout: 5000 },
    );
    expect(panelTitles(ws!)).to.deep.equal(['train/loss', 'val/loss', 'epoch']);
  });
});
