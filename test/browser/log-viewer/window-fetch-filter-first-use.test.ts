/**
 * A stream filter asks the source for its first window with the window fetch code
 * (log-window-fetch.ts), which loads then. When that code cannot be fetched the log's body says
 * so with a Retry, which loads the code again and shows the filtered lines. Its own file: a fresh
 * page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { fetchCode } from '../../../src/elements/log-viewer/log-windows.js';
import { failLoads } from '../../support/failing-load.js';
import { lines, loaded, shadow, shownLines, sourceWith, until, viewer } from './helpers.js';

describe('log-viewer: the window fetch code on a filter’s first window', () => {
  it('a failed load is an error with a Retry, which loads it and shows the lines', async () => {
    const logs = lines(30).map((l, i) => ({ ...l, stream: i % 3 ? ('stdout' as const) : ('stderr' as const) }));
    const el = await viewer(sourceWith(logs));
    await loaded(el);
    expect(fetchCode.now).to.equal(undefined);
    const failing = failLoads(fetchCode);
    try {
      el.stream = 'stderr';
      const state = () => shadow(el).querySelector('.body-state [role="alert"]');
      await until(el, () => !!state(), 'the failed first window is said');
      expect(state()!.textContent).to.contain('chunk gone');
      expect(shownLines(el)).to.deep.equal([]);
      expect(failing.tries).to.equal(1);

      state()!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await until(el, () => shownLines(el).length === 10, 'the stderr lines after Retry');
      expect(failing.tries).to.equal(2, 'Retry loaded the code again');
      expect(shownLines(el)[0]).to.deep.equal(['1', 'line 1']);
      expect(state()).to.equal(null);
    } finally {
      failing.restore();
    }
  });
});
