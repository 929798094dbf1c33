import { expect, fixture, html } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { LogViewer } from '../../../src/elements/log-viewer/log-viewer.js';
import '../../../src/elements/run-page/define.js';
import { loaded, shadow, until, visibleLines } from './helpers.js';

describe('log-viewer in <run-page>', () => {
  it('opens the Logs tab for a #L permalink and selects the lines', async () => {
    const before = location.href;
    history.replaceState(null, '', '#L200-L205');
    try {
      const source = new MemorySource(generateSampleRun({ logLines: 1000, steps: 200 }));
      const page = await fixture<HTMLElement>(html`<run-page .source=${source}></run-page>`);
      let viewer: LogViewer | undefined;
      await until(
        page as never,
        () =>
          (viewer = [...page.shadowRoot!.querySelectorAll('*')].find((e): e is LogViewer => e instanceof LogViewer)) !==
          undefined,
        'the run page shows a log viewer',
      );
      await loaded(viewer!);
      await until(viewer!, () => visibleLines(viewer!).some(([n]) => n === '200'), 'line 200 on screen');
      expect(shadow(viewer!).querySelector('.line.selected .num')!.textContent).to.equal('200');
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });
});
