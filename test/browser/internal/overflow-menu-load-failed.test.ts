/**
 * A narrow toolbar folds its controls into a "More" menu whose code (overflow-menu.ts) loads the
 * first time a toolbar is narrow. When it cannot be fetched the controls stay in line, and it is
 * not asked for again at every render (each failed load re-renders the element), only when the
 * toolbar next turns narrow. Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { menuCode } from '../../../src/internal/toolbar-overflow.js';
import { failImports } from '../helpers/failing-import.js';
import { lines, loaded, shadow, sourceWith, viewer } from '../log-viewer/helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('toolbar overflow: the menu could not load', () => {
  it('keeps the controls in line, tries once, and again when the toolbar next turns narrow', async () => {
    const failing = failImports(menuCode, 2);
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await viewer(sourceWith(lines(20)));
      await loaded(el);
      el.style.width = '400px';
      await pause(300);
      expect(failing.tries, 'one load, not one per render').to.equal(1);
      expect(shadow(el).querySelector('.rp-overflow-inline'), 'the controls in line').to.exist;
      expect(shadow(el).querySelector('[aria-label="Stream"]'), 'the stream filter still there').to.exist;

      el.style.width = '800px';
      await pause(100);
      el.style.width = '400px';
      await pause(300);
      expect(failing.tries, 'narrow again: loaded again (and failed)').to.equal(2);
      el.style.width = '800px';
      await pause(100);
      el.style.width = '400px';
      await pause(300);
      expect(failing.tries).to.equal(3);
      expect(menuCode.now, 'the third load brought the menu').to.not.equal(undefined);
      expect(shadow(el).querySelector('.rp-overflow-inline')).to.equal(null);
    } finally {
      failing.restore();
      console.warn = warn;
    }
  });
});
