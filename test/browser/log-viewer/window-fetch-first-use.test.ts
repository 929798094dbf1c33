/**
 * The code that asks the source for windows of lines (log-window-fetch.ts) loads the first time a
 * window is missing. When it cannot be fetched the windows it was for count as failed: the status
 * bar says so with a Retry, which loads the code again and fills the lines. Its own file: a fresh
 * page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { fetchCode } from '../../../src/elements/log-viewer/log-windows.js';
import { failLoads } from '../../support/failing-load.js';
import { button, lines, loaded, shadow, sourceWith, until, viewer, visibleLines } from './helpers.js';

const status = (el: HTMLElement) => el.shadowRoot!.querySelector('.status')!;

describe('log-viewer: the window fetch code on first use', () => {
  it('a failed load fails the windows it was for; Retry loads it and fills the lines', async () => {
    const el = await viewer(sourceWith(lines(2000)));
    await loaded(el);
    expect(fetchCode.now, 'the first window came with the run: no fetch code yet').to.equal(undefined);
    const failing = failLoads(fetchCode);
    try {
      button(el, 'End').click();
      await until(el, () => !!status(el).querySelector('[role="alert"]'), 'the failed windows are said');
      expect(status(el).querySelector('[role="alert"]')!.textContent).to.equal('Some lines could not be loaded.');
      expect(failing.tries).to.equal(1);
      expect(visibleLines(el)).to.deep.equal([], 'no line at the end, only placeholders');
      expect(shadow(el).querySelectorAll('.line.placeholder').length).to.be.above(0);
      // still failed after more renders: not asked again without a Retry
      el.requestUpdate();
      await el.updateComplete;
      expect(failing.tries).to.equal(1);

      button(el, 'Retry').click();
      await until(el, () => visibleLines(el).some(([n]) => n === '2000'), 'line 2000 filled in after Retry');
      expect(failing.tries).to.equal(2, 'Retry loaded the code again');
      expect(fetchCode.now).to.not.equal(undefined);
      expect(visibleLines(el).at(-1)).to.deep.equal(['2000', 'line 2000']);
      expect(status(el).querySelector('[role="alert"]')).to.equal(null);
    } finally {
      failing.restore();
    }
  });
});
