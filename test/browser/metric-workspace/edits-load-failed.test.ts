/**
 * When the code of the user's changes to the layout cannot load, the workspace says why, keeps the
 * change for a retry and changes nothing meanwhile; the retry asks for the code again. Its own
 * file: a fresh page, where an import map points that module at an address that answers nothing.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { root, sectionNames, sourceOf, workspace } from './helpers.js';

// the module as the test server serves it (TypeScript, by its own name)
const EDITS = new URL('../../../src/elements/metric-workspace/layout-edits.ts', import.meta.url).pathname;

describe('metric-workspace: the code of changes could not load', () => {
  it('says why with a retry, and changes nothing', async () => {
    const map = document.createElement('script');
    map.type = 'importmap';
    map.textContent = JSON.stringify({ imports: { [EDITS]: 'http://127.0.0.1:9/layout-edits.js' } });
    document.head.append(map);
    const warn = console.warn;
    const failures: unknown[] = [];
    console.warn = (...a: unknown[]) => failures.push(a[1]);
    try {
      const el = await workspace(sourceOf(['train/loss', 'val/loss']));
      const changes: unknown[] = [];
      el.addEventListener('metric-workspace-change', (e) => changes.push(e.detail));
      root(el).querySelector<HTMLButtonElement>('section[data-section="val"] [aria-pressed]')!.click();
      await el.updateComplete;
      expect(failures).to.have.length(1);
      const alert = root(el).querySelector('[part~="notice"] [role="alert"]')!;
      expect(alert.textContent).to.contain('Failed to fetch');
      expect(root(el).querySelector('[part~="base"]')!.hasAttribute('aria-busy')).to.equal(false);
      expect(el.settings.sections).to.deep.equal({});
      expect(sectionNames(el)).to.deep.equal(['train', 'val']);
      expect(changes).to.deep.equal([]);

      root(el).querySelector<HTMLButtonElement>('[part~="notice"] [part~="retry"]')!.click();
      await waitUntil(() => failures.length === 2, 'asked again');
      await el.updateComplete;
      expect(root(el).querySelector('[part~="notice"] [role="alert"]')).to.exist;
      expect(el.settings.sections).to.deep.equal({});
    } finally {
      console.warn = warn;
    }
  });
});
