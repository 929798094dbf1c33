/**
 * When the code of the settings dialog or of the full-screen view cannot load (a deploy replaced
 * the files, the network dropped), the workspace says why with a Retry instead of doing nothing;
 * the Retry opens what was asked once the code loads. Its own file: the dialogs' code is not
 * loaded before.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { fullscreenCode, settingsDialogCode } from '../../../src/elements/metric-workspace/metric-workspace.js';
import { failImports } from '../helpers/failing-import.js';
import { chartOf, root, sourceOf, workspace } from './helpers.js';

const KEYS = ['train/loss', 'val/loss'];

function button(el: HTMLElement, label: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

const alert = (el: HTMLElement) => root(el).querySelector('[part~="notice"] [role="alert"]');

describe('metric-workspace: dialogs whose code could not load', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
    console.warn = () => undefined;
  });
  afterEach(() => (console.warn = warn));

  it('the full-screen view says why, and its Retry opens the panel', async () => {
    const failing = failImports(fullscreenCode, 1);
    try {
      const el = await workspace(sourceOf(KEYS));
      await waitUntil(() => chartOf(el, 'train/loss'));
      const opener = button(el, 'Full screen: train/loss');
      opener.click();
      await waitUntil(() => alert(el), 'the failure is not said');
      expect(alert(el)!.textContent).to.contain('chunk gone');
      expect(opener.hasAttribute('aria-busy'), 'the opener is not left busy').to.equal(false);
      const dialog = root(el).querySelector<HTMLDialogElement>('dialog.fullscreen')!;
      expect(dialog.open).to.equal(false);

      root(el).querySelector<HTMLButtonElement>('[part~="notice"] [part~="retry"]')!.click();
      await waitUntil(() => dialog.open, 'the retry did not open the panel');
      expect(dialog.querySelector('h2')!.textContent).to.equal('train/loss');
      expect(alert(el), 'the message goes once it opened').to.equal(null);
      expect(failing.tries).to.equal(2);
      dialog.close();
    } finally {
      failing.restore();
    }
  });

  it('the settings dialog says why, and its Retry opens it', async () => {
    const failing = failImports(settingsDialogCode, 1);
    try {
      const el = await workspace(sourceOf(KEYS));
      await waitUntil(() => chartOf(el, 'train/loss'));
      button(el, 'Settings of train/loss').click();
      await waitUntil(() => alert(el), 'the failure is not said');
      expect(alert(el)!.textContent).to.contain('chunk gone');

      root(el).querySelector<HTMLButtonElement>('[part~="notice"] [part~="retry"]')!.click();
      await waitUntil(() => root(el).querySelector('dialog.settings[open]'), 'the retry did not open it');
      expect(alert(el)).to.equal(null);
      expect(failing.tries).to.equal(2);
    } finally {
      failing.restore();
    }
  });
});
