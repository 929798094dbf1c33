/**
 * The code of the user's changes to the layout (and of storing them) loads with the first change:
 * meanwhile the workspace is busy, and `updateComplete` waits for the change. Its own file: a fresh
 * page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { panelTitles, root, sectionNames, sourceOf, workspace } from './helpers.js';

describe('metric-workspace: the first change to the layout', () => {
  it('is busy while the code of changes loads, then applies the changes asked meanwhile in order', async () => {
    const el = await workspace(sourceOf(['train/loss', 'val/loss', 'epoch']));
    const base = root(el).querySelector<HTMLElement>('[part~="base"]')!;
    expect(base.hasAttribute('aria-busy')).to.equal(false);
    const busy: (string | null)[] = [];
    const watch = new MutationObserver(() => busy.push(base.getAttribute('aria-busy')));
    watch.observe(base, { attributes: true, attributeFilter: ['aria-busy'] });
    const changes: unknown[] = [];
    el.addEventListener('metric-workspace-change', (e) => changes.push(e.detail.settings));

    root(el).querySelector<HTMLButtonElement>('section[data-section="val"] [aria-pressed]')!.click();
    root(el).querySelector<HTMLButtonElement>('section[data-section="train"] .section-toggle')!.click();
    expect(el.settings.sections, 'not applied before the code is in').to.deep.equal({});
    await el.updateComplete;
    watch.disconnect();

    expect(busy, 'busy, then not').to.deep.equal(['true', null]);
    expect(sectionNames(el)[0]).to.equal('val');
    expect(panelTitles(el, 'train')).to.deep.equal([]);
    expect(el.settings.sections).to.deep.equal({ val: { pinned: true }, train: { collapsed: true } });
    expect(changes).to.have.length(2);
  });
});
