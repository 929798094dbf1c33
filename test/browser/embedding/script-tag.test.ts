/**
 * A docs page with no build step (test/pages/script-tag.html): the built script-tag bundle
 * (dist/runpage.bundle.js, made by `npm run build`) and a committed .runpage.json named by `src`.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { chartSeriesPixels, deepText, fixtureRunName, openPage } from './pages.js';

describe('script-tag bundle on a plain HTML page', () => {
  let frame: HTMLIFrameElement;
  before(async () => {
    const bundle = await fetch('/dist/runpage.bundle.js');
    expect(bundle.ok, 'dist/runpage.bundle.js is missing: run `npm run build` first').to.equal(true);
    frame = await openPage('/test/pages/script-tag.html');
  });
  after(() => frame.remove());

  it('registers the elements from the bundle alone', () => {
    const registry = frame.contentWindow!.customElements;
    for (const tag of ['run-page', 'run-overview', 'metric-chart', 'log-viewer', 'run-source']) {
      expect(registry.get(tag), tag).to.not.equal(undefined);
    }
    // The page's elements are the bundle's, not this test's copy of the sources.
    expect(customElements.get('run-overview')).to.equal(undefined);
  });

  it('<run-overview src> shows the run name from the bundle', async () => {
    const name = await fixtureRunName();
    const overview = frame.contentDocument!.querySelector('run-overview')!;
    await waitUntil(() => deepText(overview).includes(name), `overview never showed ${name}`, { timeout: 10_000 });
  });

  it('<metric-chart src metric> draws its line', async () => {
    const chart = frame.contentDocument!.querySelector('metric-chart')!;
    expect(await chartSeriesPixels(chart)).to.be.greaterThan(50);
    expect(deepText(chart)).to.contain('train/loss');
  });
});

describe('script-tag bundle with data-runpage-prefix', () => {
  let frame: HTMLIFrameElement;
  before(async () => {
    frame = await openPage('/test/pages/script-tag-prefix.html');
  });
  after(() => frame.remove());

  it('registers <acme-…> and leaves the page’s own <log-viewer> alone', async () => {
    const registry = frame.contentWindow!.customElements;
    await waitUntil(() => registry.get('acme-run-page'), 'acme-run-page never registered', { timeout: 10_000 });
    expect(registry.get('run-page')).to.equal(undefined);
    expect(registry.get('log-viewer')!.name).to.equal('OtherLibraryLogViewer');
    expect(frame.contentDocument!.querySelector('log-viewer')!.textContent).to.equal('the other library');
  });

  it('<acme-run-page> opens its Logs tab with an <acme-log-viewer>', async () => {
    const page = frame.contentDocument!.querySelector('acme-run-page')!;
    await waitUntil(() => deepText(page).includes('Tracking run with wandb'), 'logs never shown', { timeout: 10_000 });
    expect(page.shadowRoot!.querySelector('#panel-logs > *')!.localName).to.equal('acme-log-viewer');
  });
});
