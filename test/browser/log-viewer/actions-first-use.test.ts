/**
 * Copying lines and downloading the log load their code (log-actions.ts) with the first copy or
 * download: a failed load says so, and the next copy or download tries again. Its own file: a
 * fresh page, where that code has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { logActionsCode } from '../../../src/elements/log-viewer/log-download.js';
import { button, lines, loaded, shadow, sourceWith, until, viewer } from './helpers.js';

/** Makes the next load of the actions' code fail as a chunk that cannot be fetched does. */
function failNextLoad(): void {
  const load = logActionsCode.load.bind(logActionsCode);
  logActionsCode.load = () => {
    logActionsCode.load = load;
    (logActionsCode as { failed: unknown }).failed = new Error('chunk gone');
    return Promise.resolve(undefined);
  };
}

const status = (el: HTMLElement) => el.shadowRoot!.querySelector('.status')!.textContent!;

describe('log-viewer: copy and download on first use', () => {
  it('a failed load of their code says so; the next copy or download loads it', async () => {
    const el = await viewer(sourceWith(lines(50)));
    await loaded(el);
    expect(logActionsCode.now, 'not loaded with the log').to.equal(undefined);

    failNextLoad();
    button(el, 'Download').click();
    await until(el, () => status(el).includes('Download failed: chunk gone'), 'the failed download is said');

    shadow(el).querySelector<HTMLElement>('.line[data-row="1"] .gutter')!.click();
    await el.updateComplete;
    failNextLoad();
    button(el, 'Copy lines').click();
    await until(el, () => status(el).includes('Could not copy the lines'), 'the failed copy is said');
    expect(logActionsCode.now).to.equal(undefined);

    const copied = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('log-viewer-copy', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el, 'Copy lines').click();
    expect((await copied).detail).to.deep.equal({ text: 'line 2', lines: 1 });
    await until(el, () => status(el).includes('Copied 1 lines'), 'copy reported');
    expect(logActionsCode.now).to.not.equal(undefined);

    const got = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('log-viewer-download', (e) => {
        e.preventDefault();
        resolve(e);
      }),
    );
    button(el, 'Download').click();
    const text = await (await got).detail.blob.text();
    expect(text.startsWith('line 1\nline 2\n')).to.equal(true);
  });
});
