/**
 * Masks whose painting code cannot load (a deploy replaced the files, the network dropped) are
 * hidden, not left blank over the image; the masks of another step ask for the code again, and
 * once it is in every mask is painted and shown. Its own file: the code is not loaded before.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemorySource } from '../../../src/data/memory-source.js';
import '../../../src/elements/media-panel/define.js';
import { maskCode, type MediaPanel } from '../../../src/elements/media-panel/media-panel.js';
import { failImports } from '../helpers/failing-import.js';
import { mediaItem } from '../metric-workspace/helpers.js';

/** A mask of `size` × `size` pixels of class 1. */
function maskUrl(size: number): string {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = 'rgb(1, 0, 0)';
  ctx.fillRect(0, 0, size, size);
  return c.toDataURL('image/png');
}

describe('media-panel: masks whose code could not load', () => {
  it('are hidden; another step loads the code and paints every mask', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    const failing = failImports(maskCode, 1);
    try {
      const media = [2, 3].map((size) =>
        mediaItem('masked', size - 1, 0, { maskUrl: maskUrl(size), classes: { 1: 'road' } }),
      );
      const wrap = await fixture<HTMLElement>(
        html`<div lang="en">
          <media-panel
            .source=${new MemorySource({ info: { id: 'k', state: 'finished' }, media })}
            keys="masked"
            step="1"
          ></media-panel>
        </div>`,
      );
      const el = wrap.querySelector<MediaPanel>('media-panel')!;
      const mask = () => el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.mask');
      await waitUntil(() => mask()?.hidden, 'the mask whose code failed is not hidden');
      expect(failing.tries).to.equal(1);
      await el.updateComplete;
      expect(failing.tries, 'a render of the same masks does not ask again').to.equal(1);

      el.step = 2;
      await waitUntil(() => mask()!.width === 3 && !mask()!.hidden, 'the next step did not paint its mask');
      expect(failing.tries).to.equal(2);
      el.step = 1;
      await waitUntil(() => mask()!.width === 2 && !mask()!.hidden, 'the first step did not paint its mask');
    } finally {
      failing.restore();
      console.warn = warn;
    }
  });
});
