/**
 * Downloads load their code (transfers.ts) with the first one. When it cannot be fetched the
 * status region says the download failed and why, and the next download loads the code again and
 * saves the zip. Its own file: a fresh page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { transfersCode } from '../../../src/elements/file-browser/file-browser.js';
import { failImports } from '../helpers/failing-import.js';
import { listed, mount, shadow, sourceWith, until } from './helpers.js';

const status = (el: HTMLElement) => shadow(el as never).querySelector('[role="status"]')!.textContent!;

describe('file-browser: the downloads could not load', () => {
  it('says the download failed; the next one loads the code and saves', async () => {
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    const failing = failImports(transfersCode, 1);
    try {
      const el = await mount(sourceWith([{ path: 'logs/a.txt', bytes: 'a' }]), { path: 'logs' });
      await listed(el);
      await el.downloadZip([{ path: 'logs/a.txt', name: 'a.txt', kind: 'file' }], 'logs.zip');
      await until(() => status(el).includes('Download failed'), 'the failure is said', 15_000);
      expect(status(el)).to.contain('chunk gone');
      expect(saved).to.deep.equal([]);
      expect(failing.tries).to.equal(1);

      await el.downloadZip([{ path: 'logs/a.txt', name: 'a.txt', kind: 'file' }], 'logs.zip');
      await until(() => saved.length === 1, 'the zip is saved', 15_000);
      expect(saved).to.deep.equal(['logs.zip']);
      expect(failing.tries).to.equal(2);
    } finally {
      failing.restore();
      HTMLAnchorElement.prototype.click = click;
    }
  });
});
