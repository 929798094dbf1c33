import { expect, waitUntil } from '@open-wc/testing';
import { panelTitles, root, search, sectionNames, sourceOf, workspace } from './helpers.js';

const KEYS = [
  'train/loss',
  'train/accuracy',
  'val/loss',
  'val/accuracy',
  'epoch',
  'lr',
  'layers/block_0/norm',
  'system.cpu',
];

describe('metric-workspace: sections and search', () => {
  it('groups panels into sections by key prefix, default section last, system metrics left out', async () => {
    const el = await workspace(sourceOf(KEYS));
    expect(sectionNames(el)).to.deep.equal(['layers', 'train', 'val', '']);
    expect(panelTitles(el, 'train')).to.deep.equal(['train/accuracy', 'train/loss']);
    expect(panelTitles(el, '')).to.deep.equal(['epoch', 'lr']);
    expect(root(el).textContent).to.not.contain('system.cpu');
    const header = root(el).querySelector('section[data-section="train"] .section-header')!;
    expect(header.textContent).to.contain('2 panels');
    expect(root(el).querySelector('section[data-section=""] .section-toggle')!.textContent).to.contain('Charts');
    await expect(el).to.be.accessible();
  });

  it('collapses a section and pins another to the top', async () => {
    const el = await workspace(sourceOf(KEYS));
    const toggle = root(el).querySelector<HTMLButtonElement>('section[data-section="train"] .section-toggle')!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panelTitles(el, 'train')).to.deep.equal([]);
    const pin = root(el).querySelector<HTMLButtonElement>('section[data-section="val"] [aria-pressed]')!;
    pin.click();
    await el.updateComplete;
    expect(sectionNames(el)[0]).to.equal('val');
    expect(el.settings.sections.val.pinned).to.equal(true);
  });

  it('sorts in logged order', async () => {
    const el = await workspace(sourceOf(['train/loss', 'train/accuracy', 'train/lr']));
    expect(panelTitles(el, 'train')).to.deep.equal(['train/accuracy', 'train/loss', 'train/lr']);
    el.settings = { ...el.settings, sort: 'order' };
    await el.updateComplete;
    expect(panelTitles(el, 'train')).to.deep.equal(['train/loss', 'train/accuracy', 'train/lr']);
  });

  it('searches by substring, highlights matches and counts "N of M panels"', async () => {
    const el = await workspace(sourceOf(KEYS));
    await search(el, 'loss');
    expect(panelTitles(el)).to.deep.equal(['train/loss', 'val/loss']);
    expect(sectionNames(el)).to.deep.equal(['train', 'val']);
    expect(root(el).querySelector('.count')!.textContent).to.contain('2 of 7 panels');
    const marks = [...root(el).querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).to.deep.equal(['loss', 'loss']);
    await search(el, '');
    expect(root(el).querySelectorAll('mark').length).to.equal(0);
    expect(panelTitles(el, 'train')).to.deep.equal(['train/accuracy', 'train/loss']);
  });

  it('searches by regex and excludes with - and !', async () => {
    const el = await workspace(sourceOf(KEYS));
    await search(el, '/^(train|val)\\/acc/');
    expect(panelTitles(el)).to.deep.equal(['train/accuracy', 'val/accuracy']);
    await search(el, '-train');
    expect(panelTitles(el)).to.deep.equal(['layers/block_0/norm', 'val/accuracy', 'val/loss', 'epoch', 'lr']);
    await search(el, 'loss !val');
    expect(panelTitles(el)).to.deep.equal(['train/loss']);
  });

  it('keeps the last valid result and says why when the regex is invalid', async () => {
    const el = await workspace(sourceOf(KEYS));
    await search(el, '/val/');
    expect(panelTitles(el)).to.deep.equal(['val/accuracy', 'val/loss']);
    await search(el, '/val(/');
    expect(panelTitles(el)).to.deep.equal(['val/accuracy', 'val/loss']);
    const alert = root(el).querySelector('[part~="notice"] [role="alert"]')!;
    expect(alert.textContent).to.contain('Invalid regular expression');
    expect(root(el).querySelector('input.search')!.getAttribute('aria-invalid')).to.equal('true');
    await search(el, '');
    await waitUntil(() => panelTitles(el).length === 7);
    expect(root(el).querySelector('[part~="notice"]')).to.equal(null);
  });

  it('says when nothing matches', async () => {
    const el = await workspace(sourceOf(KEYS));
    await search(el, 'zzz');
    expect(sectionNames(el)).to.deep.equal([]);
    expect(root(el).textContent).to.contain('No panels match');
    await expect(el).to.be.accessible();
  });
});
