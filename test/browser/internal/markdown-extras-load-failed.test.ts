/**
 * Markdown that may need the extras (raw HTML, tables, images, character references) waits for
 * their chunk (markdown/extras.ts). When it cannot be fetched the text shows with those as text
 * (nothing left out), and the next text loads the chunk again and shows them. Its own file: a
 * fresh page, where the extras have not loaded yet.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import { extras, markdown } from '../../../src/internal/markdown.js';
import { failImports } from '../helpers/failing-import.js';

const TABLE = '| h |\n|---|\n| c |';

describe('markdown: the extras could not load', () => {
  it('shows the table as text; the next text loads them and shows a table', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const failing = failImports(extras, 1);
    try {
      render(html`${markdown(`before\n\n${TABLE}`)}`, host);
      await waitUntil(() => host.textContent!.includes('before'), 'the text once the load failed');
      expect(host.textContent).to.contain('| h |');
      expect(host.querySelector('table')).to.equal(null);
      expect(failing.tries).to.equal(1);

      render(html`${markdown(`after\n\n${TABLE}`)}`, host);
      await waitUntil(() => host.querySelector('table'), 'a table once the extras are in');
      expect(failing.tries).to.equal(2);
      expect(host.querySelector('td')!.textContent).to.equal('c');
      expect(host.textContent).to.contain('after');
    } finally {
      failing.restore();
      host.remove();
    }
  });
});
