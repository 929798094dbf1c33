/**
 * The preview's code (reading and showing a file) loads when the first file opens: meanwhile the
 * pane is there with the file's name and actions, busy, and then the file shows. Its own file: a
 * fresh page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderWaitingPane } from '../../../src/elements/file-browser/open-file.js';
import { mount, preview, rowNames, shadow, sourceWith, until, listed } from './helpers.js';

describe('file-browser: the preview on the first opened file', () => {
  it('shows a busy pane with the name while its code loads, then the file', async () => {
    const el = await mount(sourceWith([{ path: 'notes.txt', bytes: 'hello from the run\n' }]));
    await listed(el);
    expect(rowNames(el)).to.deep.equal(['notes.txt']);
    expect(shadow(el).querySelector('[part~="preview"]')).to.equal(null);

    const row = [...shadow(el).querySelectorAll<HTMLElement>('.body .row')].find(
      (r) => r.querySelector('.name')?.textContent === 'notes.txt',
    )!;
    row.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await el.updateComplete;
    const pane = shadow(el).querySelector<HTMLElement>('[part~="preview"]')!;
    expect(pane, 'the pane opens at once').to.exist;
    expect(pane.getAttribute('aria-busy')).to.equal('true');
    expect(pane.querySelector('.preview-name')!.textContent).to.equal('notes.txt');
    expect(pane.querySelector('.rp-state--loading')).to.exist;

    await until(() => preview(el)?.textContent?.includes('hello from the run'), 'the file shows');
    expect(shadow(el).querySelector('[part~="preview"]')!.hasAttribute('aria-busy')).to.equal(false);
  });
});

describe('file-browser: the preview pane when its code could not load', () => {
  it('says why, with a retry that loads the code again, and closes', async () => {
    let retries = 0;
    let closed = 0;
    const actions = { close: () => closed++, onKeydown: () => {} };
    const host = document.createElement('div');
    document.body.append(host);
    const entry = { path: 'a/notes.txt', name: 'notes.txt', kind: 'file' } as const;
    render(
      renderWaitingPane(entry, 'en', new Error('chunk gone'), () => retries++, actions),
      host,
    );
    expect(host.querySelector('section')!.hasAttribute('aria-busy')).to.equal(false);
    expect(host.querySelector('.preview-name')!.textContent).to.equal('notes.txt');
    expect(host.querySelector('[role="alert"]')!.textContent).to.include('chunk gone');
    host.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    expect(retries).to.equal(1);
    host.querySelector<HTMLButtonElement>('.preview-header button')!.click();
    expect(closed).to.equal(1);

    render(
      renderWaitingPane(entry, 'en', undefined, () => retries++, actions),
      host,
    );
    expect(host.querySelector('section')!.getAttribute('aria-busy')).to.equal('true');
    host.remove();
  });
});
