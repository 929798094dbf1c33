/**
 * When the preview's code (file-preview.ts) cannot be fetched, the open file's pane says so with a
 * Retry and keeps the file's name and its way out; the Retry loads the code and shows the file.
 * Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { previewCode } from '../../../src/elements/file-browser/open-file.js';
import { failImports } from '../helpers/failing-import.js';
import { listed, mount, preview, shadow, sourceWith, until } from './helpers.js';

describe('file-browser: the preview could not load', () => {
  it('says so with a Retry, which loads it and shows the file', async () => {
    const el = await mount(sourceWith([{ path: 'notes.txt', bytes: 'hello from the file' }]));
    // listed first: a file opened before its entry is listed is opened again when it is (file-preview.ts)
    await listed(el);
    const failing = failImports(previewCode, 1);
    try {
      el.file = 'notes.txt';
      const alert = () => preview(el)?.querySelector('[role="alert"]');
      await until(alert, 'the failed load is said', 15_000);
      expect(alert()!.textContent).to.contain('chunk gone');
      expect(shadow(el).querySelector('.preview-name')!.textContent).to.equal('notes.txt');
      el.requestUpdate();
      await el.updateComplete;
      expect(failing.tries).to.equal(1, 'not loaded again on every update');

      alert()!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await until(() => preview(el)?.textContent?.includes('hello from the file'), 'the file after Retry', 15_000);
      expect(failing.tries).to.equal(2);
      expect(alert()).to.equal(null);
    } finally {
      failing.restore();
    }
  });
});
