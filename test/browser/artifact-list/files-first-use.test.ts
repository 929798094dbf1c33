/**
 * An artifact's files show in a <file-browser> whose code loads, and registers it, with the first
 * detail opened. Its own file: a fresh page, where <file-browser> is not registered yet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/artifact-list/define.js';
import type { ArtifactList } from '../../../src/elements/artifact-list/artifact-list.js';
import { oneArtifactSource } from './one-artifact.js';

const source = oneArtifactSource();

describe('artifact-list: the files of the first artifact opened', () => {
  it('load <file-browser> with the detail, and list the files in it', async () => {
    expect(customElements.get('file-browser'), 'not loaded with the list').to.equal(undefined);
    const el = await fixture<ArtifactList>(html`<artifact-list .source=${source}></artifact-list>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('.artifact-row'), 'the list', { timeout: 5000 });
    root.querySelector<HTMLElement>('.artifact-row')!.click();
    await waitUntil(() => root.querySelector('.detail-title'), 'the detail', { timeout: 5000 });
    await el.updateComplete;
    expect(customElements.get('file-browser')).to.not.equal(undefined);
    const browser = root.querySelector<HTMLElement>('[part~="files"] [part="file-browser"]');
    expect(browser, 'a <file-browser>, not the plain manifest').to.exist;
    expect(root.querySelector('.manifest')).to.equal(null);
    await waitUntil(() => browser!.shadowRoot?.textContent?.includes('README.md'), 'README.md listed', {
      timeout: 5000,
    });
  });

  it('style the opened artifact with styles that come with its code', async () => {
    const el = await fixture<ArtifactList>(html`<artifact-list .source=${source}></artifact-list>`);
    const root = el.shadowRoot!;
    const hasRule = (selector: string) =>
      root.adoptedStyleSheets.some((sheet) => [...sheet.cssRules].some((r) => r.cssText.startsWith(selector)));
    await waitUntil(() => root.querySelector('.artifact-row'), 'the list', { timeout: 5000 });
    expect(hasRule('.artifact-row'), "the list's own styles").to.equal(true);
    expect(hasRule('.facts'), 'not before an artifact opens').to.equal(false);
    root.querySelector<HTMLElement>('.artifact-row')!.click();
    await waitUntil(() => root.querySelector('.facts'), 'the detail', { timeout: 5000 });
    expect(hasRule('.facts')).to.equal(true);
    expect(getComputedStyle(root.querySelector('.facts')!).display).to.equal('grid');
    expect(getComputedStyle(root.querySelector('.detail-head')!).display).to.equal('flex');
  });
});
