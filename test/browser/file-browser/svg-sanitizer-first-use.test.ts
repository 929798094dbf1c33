/**
 * An SVG preview loads DOMPurify (src/internal/sanitize.ts) with the first SVG. When that chunk
 * cannot be fetched the preview says so with a Retry, and the Retry loads it again and shows the
 * sanitized image. Its own file: a fresh page, where DOMPurify has not loaded yet.
 */
import { expect } from '@open-wc/testing';
import { purifier } from '../../../src/internal/sanitize.js';
import { failLoads } from '../../support/failing-load.js';
import { listed, mount, preview, sourceWith, until } from './helpers.js';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>1</script><rect width="10" height="10"/></svg>';

describe('file-browser: the SVG sanitizer on first use', () => {
  it('a failed load is an error with a Retry, which loads it and shows the image', async () => {
    const el = await mount(sourceWith([{ path: 'logo.svg', bytes: SVG }]));
    expect(purifier.now).to.equal(undefined);
    // listed first: a file opened before its entry is listed is opened again when it is (file-preview.ts)
    await listed(el);
    const failing = failLoads(purifier);
    try {
      el.file = 'logo.svg';
      const error = () => preview(el)?.querySelector('.rp-state--error');
      await until(error, 'the failed load is said', 15_000);
      expect(error()!.textContent).to.contain('chunk gone');
      expect(preview(el)!.querySelector('img')).to.equal(null);
      expect(failing.tries).to.equal(1);

      error()!.querySelector<HTMLButtonElement>('button')!.click();
      await until(() => preview(el)!.querySelector('img'), 'the image after Retry', 15_000);
      expect(failing.tries).to.equal(2, 'Retry loaded the sanitizer again');
      const img = preview(el)!.querySelector('img')!;
      const text = await (await fetch(img.src)).text();
      expect(text).to.include('<rect');
      expect(text).not.to.include('script');
    } finally {
      failing.restore();
    }
  });
});
