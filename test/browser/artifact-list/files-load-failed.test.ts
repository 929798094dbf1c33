/**
 * When the <file-browser> code cannot be fetched with the first artifact detail, the detail lists
 * the artifact's files as a plain manifest (nothing missing), and the next detail opened loads the
 * code again and shows them in a <file-browser>. Its own file: a fresh page, where <file-browser>
 * is not registered yet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/artifact-list/define.js';
import type { ArtifactList } from '../../../src/elements/artifact-list/artifact-list.js';
import { fileBrowserCode } from '../../../src/elements/artifact-list/artifact-detail.js';
import { oneArtifactSource } from './one-artifact.js';
import { failImports } from '../helpers/failing-import.js';

const source = oneArtifactSource();

describe('artifact-list: the file browser could not load', () => {
  it('lists the files as a manifest; the next detail loads it and shows them in it', async () => {
    const warn = console.warn;
    console.warn = () => {};
    const failing = failImports(fileBrowserCode, 1);
    try {
      const el = await fixture<ArtifactList>(html`<artifact-list .source=${source}></artifact-list>`);
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('.artifact-row'), 'the list', { timeout: 5000 });
      root.querySelector<HTMLElement>('.artifact-row')!.click();
      await waitUntil(() => root.querySelector('.manifest'), 'the manifest', { timeout: 5000 });
      expect(root.querySelector('.manifest')!.textContent).to.contain('README.md');
      expect(root.querySelector('[part="file-browser"]')).to.equal(null);
      expect(failing.tries).to.equal(1);

      el.selected = '';
      await el.updateComplete;
      el.selected = 'mnist:v3';
      const browser = () => root.querySelector<HTMLElement>('[part~="files"] [part="file-browser"]');
      await waitUntil(browser, 'a <file-browser> in the next detail', { timeout: 5000 });
      expect(failing.tries).to.equal(2);
      expect(root.querySelector('.manifest')).to.equal(null);
      await waitUntil(() => browser()!.shadowRoot?.textContent?.includes('README.md'), 'README.md listed', {
        timeout: 5000,
      });
    } finally {
      failing.restore();
      console.warn = warn;
    }
  });
});
