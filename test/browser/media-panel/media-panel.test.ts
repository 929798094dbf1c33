import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceError } from '../../../src/data/errors.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { MediaItem, RunSource } from '../../../src/data/source.js';
import '../../../src/elements/media-panel/define.js';
import type { MediaPanel } from '../../../src/elements/media-panel/media-panel.js';
import { mediaItem } from '../metric-workspace/helpers.js';

const STEPS = [10, 40, 100];

function mediaSource(extra: MediaItem[] = []): MemorySource {
  const media: MediaItem[] = [];
  for (const step of STEPS) for (let i = 0; i < 2; i++) media.push(mediaItem('predictions', step, i));
  media.push(mediaItem('samples', 40, 0), mediaItem('samples', 70, 0));
  return new MemorySource({ info: { id: 'm', state: 'finished' }, media: [...media, ...extra] });
}

async function panel(
  source: RunSource,
  attrs: { keys?: string; step?: string; lang?: string; theme?: string } = {},
): Promise<MediaPanel> {
  const wrap = await fixture<HTMLElement>(
    html`<div lang=${attrs.lang ?? 'en'}>
      <media-panel
        .source=${source}
        keys=${attrs.keys ?? 'predictions'}
        step=${attrs.step ?? ''}
        theme=${attrs.theme ?? 'light'}
      ></media-panel>
    </div>`,
  );
  const el = wrap.querySelector('media-panel')!;
  await waitUntil(
    () => el.shadowRoot!.querySelector('img, [part~="state"]:not([part~="loading"])'),
    'media did not load',
    { timeout: 5000 },
  );
  return el;
}

const r = (el: MediaPanel) => el.shadowRoot!;
const slider = (el: MediaPanel) => r(el).querySelector<HTMLInputElement>('input[type="range"]')!;
const captions = (el: MediaPanel) => [...r(el).querySelectorAll('figcaption')].map((c) => c.textContent);
async function shownStep(el: MediaPanel, step: number) {
  await waitUntil(
    () => captions(el).length > 0 && captions(el).every((c) => c!.endsWith(`@ ${step}`)),
    `step ${step} not shown`,
    { timeout: 5000 },
  );
}

describe('media-panel', () => {
  it('starts at the last step, lazy images with captions', async () => {
    const el = await panel(mediaSource());
    await shownStep(el, 100);
    expect(captions(el)).to.deep.equal(['predictions 0 @ 100', 'predictions 1 @ 100']);
    const img = r(el).querySelector('img')!;
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('src')).to.equal(mediaItem('predictions', 100, 0).url);
    expect(slider(el).max).to.equal('2');
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('Step 100 (3 of 3)');
    await expect(el).to.be.accessible();
  });

  it('snaps a requested step to the nearest step with images and loads that image', async () => {
    const el = await panel(mediaSource(), { step: '55' });
    await shownStep(el, 40);
    expect(r(el).querySelector('img')!.getAttribute('src')).to.equal(mediaItem('predictions', 40, 0).url);
    el.step = 90;
    await shownStep(el, 100);
    const changed = oneEvent(el, 'media-panel-step');
    slider(el).value = '0';
    slider(el).dispatchEvent(new Event('input'));
    expect((await changed).detail.step).to.equal(10);
    await shownStep(el, 10);
    expect(r(el).querySelector('img')!.getAttribute('src')).to.equal(mediaItem('predictions', 10, 0).url);
  });

  it('moves steps with ←/→ and shows several keys side by side', async () => {
    const el = await panel(mediaSource(), { keys: 'predictions,samples' });
    expect([...r(el).querySelectorAll('.key-title')].map((t) => t.textContent)).to.deep.equal([
      'predictions',
      'samples',
    ]);
    await shownStep(el, 100);
    expect(r(el).querySelector('[aria-label="samples"]')!.textContent).to.contain('No images at this step');
    r(el).querySelector<HTMLButtonElement>('button[aria-label="Previous step"]')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => captions(el).includes('samples 0 @ 70'));
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => captions(el).includes('samples 0 @ 40') && captions(el).includes('predictions 0 @ 40'));
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => captions(el).includes('samples 0 @ 70'));
  });

  it('enlarges an image in a modal dialog and returns focus', async () => {
    const el = await panel(mediaSource());
    await shownStep(el, 100);
    const thumb = r(el).querySelector<HTMLButtonElement>('button.thumb')!;
    thumb.focus();
    thumb.click();
    const dialog = r(el).querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.querySelector('img')!.getAttribute('src')).to.equal(mediaItem('predictions', 100, 0).url);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(r(el).activeElement).to.equal(thumb);
  });

  it('draws boxes in theme colours with class toggles', async () => {
    const boxed = mediaItem('boxed', 1, 0, {
      boxes: [
        { minX: 0.1, minY: 0.1, maxX: 0.5, maxY: 0.5, classId: 0, score: 0.9 },
        { minX: 0.5, minY: 0.5, maxX: 0.9, maxY: 0.9, classId: 2 },
        { minX: NaN, minY: 0, maxX: 1, maxY: 1, classId: 1 },
      ],
      classes: { 0: 'cat', 2: 'car' },
    });
    const el = await panel(new MemorySource({ info: { id: 'b', state: 'finished' }, media: [boxed] }), {
      keys: 'boxed',
    });
    await waitUntil(() => r(el).querySelectorAll('svg rect').length === 2);
    const rect = r(el).querySelector<SVGRectElement>('svg rect[data-class-id="2"]')!;
    expect(getComputedStyle(rect).stroke).to.equal('rgb(47, 158, 68)'); // --runpage-series-2 (light)
    const toggles = [...r(el).querySelectorAll('.class-toggle')].map((t) => t.textContent!.trim());
    expect(toggles).to.deep.equal(['cat', 'car']);
    r(el).querySelector<HTMLInputElement>('.class-toggle input[data-class-id="0"]')!.click();
    await el.updateComplete;
    expect([...r(el).querySelectorAll('svg rect')].map((x) => x.getAttribute('data-class-id'))).to.deep.equal(['2']);
    await expect(el).to.be.accessible();
  });

  it('paints a class mask in theme colours', async () => {
    const c = document.createElement('canvas');
    c.width = c.height = 2;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = 'rgb(1, 0, 0)';
    ctx.fillRect(0, 0, 2, 2);
    const item = mediaItem('masked', 1, 0, { maskUrl: c.toDataURL('image/png'), classes: { 1: 'road' } });
    const el = await panel(new MemorySource({ info: { id: 'k', state: 'finished' }, media: [item] }), {
      keys: 'masked',
    });
    const canvas = await (async () => {
      await waitUntil(() => r(el).querySelector('canvas.mask'));
      return r(el).querySelector<HTMLCanvasElement>('canvas.mask')!;
    })();
    await waitUntil(() => canvas.width === 2, 'mask not painted', { timeout: 5000 });
    const px = canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data;
    // --runpage-series-1 (light) is rgb(232, 89, 12); translucent pixels round by a unit or two
    [232, 89, 12].forEach((v, i) => expect(Math.abs(px[i] - v)).to.be.at.most(3));
    expect(px[3]).to.be.greaterThan(0);
  });

  it('shows hostile captions as text', async () => {
    const item = mediaItem('x', 1, 0, { caption: '<img src=x onerror=alert(1)><b>bold</b>' });
    const el = await panel(new MemorySource({ info: { id: 'h', state: 'finished' }, media: [item] }), { keys: 'x' });
    await waitUntil(() => captions(el).length === 1);
    expect(captions(el)[0]).to.equal('<img src=x onerror=alert(1)><b>bold</b>');
    expect(r(el).querySelector('figcaption *')).to.equal(null);
  });

  it('states: empty, error with retry, unsupported, loading', async () => {
    const empty = await panel(new MemorySource({ info: { id: 'e', state: 'finished' } }), { keys: 'nothing' });
    expect(r(empty).querySelector('[part~="empty"]')!.textContent).to.contain('No images logged');

    const inner = mediaSource();
    let calls = 0;
    const flaky: RunSource = {
      getRun: (id) => inner.getRun(id),
      defaultRunId: () => 'm',
      listMedia: (id, o) =>
        ++calls === 1 ? Promise.reject(new SourceError('unavailable', 'Media server down')) : inner.listMedia(id, o),
      getMedia: (q, o) => inner.getMedia(q, o),
    };
    const failing = await panel(flaky);
    expect(r(failing).querySelector('[part~="error"]')!.textContent).to.contain('Media server down');
    await expect(failing).to.be.accessible();
    r(failing).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await shownStep(failing, 100);

    const unsupported = await panel({ getRun: async (id) => ({ id, state: 'finished' }), defaultRunId: () => 'u' });
    expect(r(unsupported).querySelector('[part~="unsupported"]')).to.exist;

    const pending: RunSource = {
      getRun: () => new Promise(() => {}),
      defaultRunId: () => 'p',
      listMedia: () => new Promise(() => {}),
    };
    const loading = await fixture<MediaPanel>(html`<media-panel .source=${pending}></media-panel>`);
    await waitUntil(() => r(loading).querySelector('[part~="loading"]'));
  });

  it('Japanese labels and dark theme', async () => {
    const el = await panel(mediaSource(), { lang: 'ja', theme: 'dark' });
    await shownStep(el, 100);
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('ステップ 100（3 件中 3 件目）');
    expect(r(el).querySelector('button[aria-label="前のステップ"]')).to.exist;
    expect(getComputedStyle(r(el).querySelector('.base')!).backgroundColor).to.equal('rgb(20, 22, 27)');
    await expect(el).to.be.accessible();
  });

  it('follows new steps logged live while the newest is shown', async () => {
    const source = mediaSource();
    const el = await panel(source);
    await shownStep(el, 100);
    source.append('m', { media: [mediaItem('predictions', 130, 0)] });
    await shownStep(el, 130);
    expect(slider(el).max).to.equal('3');
  });
});
