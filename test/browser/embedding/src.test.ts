/**
 * `src` on every element and on <run-source>: a committed .runpage.json bundle, or a run on a
 * `runpage serve` server (web-test-runner.config.mjs starts one over a sample run and serves it
 * under /runpage-server/ — see test/wtr/embedding.mjs).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import { ELEMENTS } from '../../../src/elements/registry.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { uncheckedSource } from '../../../src/data/checked-source.js';
import { HttpSource } from '../../../src/data/http-source.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunpageElement } from '../../../src/internal/base-element.js';
import { chartSeriesPixels, deepText, FIXTURE_URL, fixtureRun, fixtureRunName } from './pages.js';

/** The run test/wtr/embedding.mjs serves (same options, so the same generated name). */
const served = generateSampleRun({ seed: 42, steps: 200, gpus: 2, logLines: 100, id: 'served-run' });
const SERVER_RUN_URL = '/runpage-server/api/runs/served-run';

const stateOf = (el: Element) => el.shadowRoot?.querySelector('.rp-state');

/** Waits until the element left its loading state, then says which state it shows ('data' when none). */
async function settledState(el: Element): Promise<string> {
  await (el as RunpageElement).updateComplete;
  await waitUntil(
    () => el.shadowRoot && !el.shadowRoot.querySelector('.rp-state--loading'),
    `<${el.localName}> kept loading`,
    {
      timeout: 10_000,
    },
  );
  const state = stateOf(el);
  return state ? `${state.className}: ${deepText(state)}` : 'data';
}

// The resource timing buffer holds 250 entries by default; this file loads far more than that
// (every element's chunks, fixtures), and a full buffer silently drops the entries counted here.
performance.setResourceTimingBufferSize(100_000);

const fetchesOf = (url: string) =>
  performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname + new URL(e.name).search === url)
    .length;

describe('src on every element', () => {
  for (const { tag } of ELEMENTS.filter((e) => e.tag !== 'run-source')) {
    it(`<${tag} src="….runpage.json"> shows the bundle's run`, async () => {
      const el = document.createElement(tag) as RunpageElement;
      el.setAttribute('src', FIXTURE_URL);
      el.style.cssText = 'display:block;width:800px;height:400px';
      if (tag === 'metric-chart') el.setAttribute('metric', 'train/loss');
      // A comparison shows the runs it is given (the bundle holds one).
      if (tag === 'run-compare') el.setAttribute('runs', (await fixtureRun()).id);
      document.body.append(el);
      try {
        expect(await settledState(el)).to.equal('data');
        expect(el.dataSource, tag).to.exist;
      } finally {
        el.remove();
      }
    });
  }

  it('a missing or unreadable src shows why, not a spinner', async () => {
    const missing = await fixture<RunpageElement>(
      html`<run-overview src="/test/pages/fixtures/missing.runpage.json"></run-overview>`,
    );
    expect(await settledState(missing))
      .to.contain('rp-state--error')
      .and.to.contain('404');
    const notABundle = await fixture<RunpageElement>(html`<run-overview src="/test/pages/csp.html"></run-overview>`);
    expect(await settledState(notABundle))
      .to.contain('rp-state--error')
      .and.to.contain('not valid JSON');
  });

  it('a src that could not be fetched offers a retry that works', async () => {
    const url = `${FIXTURE_URL}?flaky`;
    const realFetch = window.fetch;
    let failures = 1;
    window.fetch = (input, init) =>
      failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      const el = await fixture<RunpageElement>(html`<run-overview src=${url}></run-overview>`);
      expect(await settledState(el)).to.contain('rp-state--error');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="retry"]')!.click();
      expect(await settledState(el)).to.equal('data');
      expect(deepText(el)).to.contain(await fixtureRunName());
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('src changes', () => {
  it('a new src replaces the shown run; a source property beats src', async () => {
    const el = await fixture<RunpageElement>(html`<run-overview src=${FIXTURE_URL}></run-overview>`);
    const name = await fixtureRunName();
    await waitUntil(() => deepText(el).includes(name), 'bundle run never shown', { timeout: 10_000 });
    el.src = SERVER_RUN_URL;
    await waitUntil(() => deepText(el).includes(served.info.name!), 'served run never shown', { timeout: 10_000 });
    expect(deepText(el)).to.not.contain(name);
    const own = generateSampleRun({ seed: 77, steps: 10, gpus: 1, logLines: 1 });
    el.source = new MemorySource(own);
    await waitUntil(() => deepText(el).includes(own.info.name!), 'source property ignored', { timeout: 10_000 });
  });
});

describe('src naming a run on a runpage server', () => {
  it('<run-overview> shows the served run through the HTTP protocol', async () => {
    const el = await fixture<RunpageElement>(html`<run-overview src=${SERVER_RUN_URL}></run-overview>`);
    await waitUntil(() => deepText(el).includes(served.info.name!), 'served run name never shown', { timeout: 10_000 });
    expect(uncheckedSource(el.dataSource!)).to.be.instanceOf(HttpSource);
  });

  it('<metric-chart> draws a served metric', async () => {
    const el = await fixture(
      html`<metric-chart
        src=${SERVER_RUN_URL}
        metric="train/loss"
        style="display:block;width:600px;height:300px"
      ></metric-chart>`,
    );
    expect(await chartSeriesPixels(el)).to.be.greaterThan(50);
  });

  it('<run-page> shows the served run and its logs tab', async () => {
    const el = await fixture<RunpageElement>(
      html`<run-page no-hash src=${SERVER_RUN_URL} tab="logs" style="display:block;height:500px"></run-page>`,
    );
    await waitUntil(() => deepText(el).includes('Tracking run with wandb'), 'served logs never shown', {
      timeout: 10_000,
    });
    expect(deepText(el)).to.contain(served.info.name!);
  });
});

describe('<run-source src>', () => {
  it('fetches the bundle once and gives it to every element inside', async () => {
    const url = `${FIXTURE_URL}?shared-by-children`;
    const name = await fixtureRunName();
    const wrap = await fixture<HTMLElement>(
      html`<run-source src=${url}>
        <run-overview></run-overview>
        <metric-chart metric="train/loss" style="display:block;width:500px;height:250px"></metric-chart>
        <div><log-viewer style="display:block;height:300px"></log-viewer></div>
        <model-table></model-table>
      </run-source>`,
    );
    const overview = wrap.querySelector('run-overview')!;
    await waitUntil(() => deepText(overview).includes(name), 'overview never showed the run', { timeout: 10_000 });
    expect(await chartSeriesPixels(wrap.querySelector('metric-chart')!)).to.be.greaterThan(50);
    expect(await settledState(wrap.querySelector('log-viewer')!)).to.equal('data');
    expect(await settledState(wrap.querySelector('model-table')!)).to.equal('data');
    const sources = [
      ...wrap.querySelectorAll<RunpageElement>('run-overview, metric-chart, log-viewer, model-table'),
    ].map((e) => uncheckedSource(e.dataSource!));
    expect(new Set(sources).size).to.equal(1);
    expect(fetchesOf(url)).to.equal(1);
  });

  it('a failed load shows a retry in every element inside, and one retry loads it for all', async () => {
    const url = `${FIXTURE_URL}?run-source-flaky`;
    const realFetch = window.fetch;
    let failures = 1;
    window.fetch = (input, init) =>
      failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      const wrap = await fixture<HTMLElement>(
        html`<run-source src=${url}>
          <run-overview></run-overview>
          <model-table></model-table>
        </run-source>`,
      );
      const [overview, model] = [wrap.querySelector('run-overview')!, wrap.querySelector('model-table')!];
      expect(await settledState(overview)).to.contain('rp-state--error');
      expect(await settledState(model)).to.contain('rp-state--error');
      model.shadowRoot!.querySelector<HTMLElement>('[part~="retry"]')!.click();
      const name = await fixtureRunName();
      await waitUntil(() => deepText(overview).includes(name), 'retry did not load the run', { timeout: 10_000 });
      expect(await settledState(model)).to.equal('data');
      expect(fetchesOf(url)).to.equal(1);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('an element inside with its own src keeps it (explicit beats inherited)', async () => {
    const wrap = await fixture<HTMLElement>(
      html`<run-source src=${FIXTURE_URL}>
        <run-overview src=${SERVER_RUN_URL}></run-overview>
      </run-source>`,
    );
    const overview = wrap.querySelector<RunpageElement>('run-overview')!;
    await waitUntil(() => deepText(overview).includes(served.info.name!), 'own src ignored', { timeout: 10_000 });
  });
});
