/**
 * Switching a page's language live: the elements follow the nearest `lang`, German loads on first
 * use (its chunk is fetched then, not before), and numbers and dates follow the language whatever it is.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import { MemorySource, overrideMessages, type RunPage, type RunOverview } from '../../../src/index.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import { deepText } from '../embedding/pages.js';

const tabNames = (page: RunPage) =>
  [...page.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim());

// More resources than the default 250 timing entries load in this file; keep every one counted.
performance.setResourceTimingBufferSize(100_000);

const germanRequested = () =>
  performance.getEntriesByType('resource').some((e) => /\/translations\/de\.(ts|js)/.test(e.name));

describe('languages', () => {
  const run = generateSampleRun({ seed: 8, steps: 30, gpus: 0, logLines: 5 });
  run.info.summary = { ...run.info.summary, big_number: 1234567.5 };
  const source = new MemorySource(run);

  it('English, then German (loaded on first use), then Japanese, then back, live', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div lang="en"><run-page .source=${source} no-hash></run-page></div>`,
    );
    const page = host.querySelector<RunPage>('run-page')!;
    await waitUntil(() => tabNames(page).includes('Charts'), 'English tabs', { timeout: 10_000 });
    expect(germanRequested(), 'German is not fetched while nobody shows it').to.equal(false);

    host.lang = 'de';
    await waitUntil(() => tabNames(page).includes('Diagramme'), 'German tabs', { timeout: 10_000 });
    expect(germanRequested()).to.equal(true);
    expect(tabNames(page)).to.include.members(['Übersicht', 'Diagramme', 'Dateien']);
    // Inside the tabs too: the overview's labels and its numbers, written the German way.
    const overview = page.shadowRoot!.querySelector<RunOverview>('run-overview')!;
    await waitUntil(() => deepText(overview).includes('1.234.567,5'), 'German number', { timeout: 10_000 });
    expect(deepText(overview)).to.contain('Zusammenfassung');

    host.lang = 'ja';
    await waitUntil(() => tabNames(page).includes('チャート'), 'Japanese tabs', { timeout: 10_000 });
    host.lang = 'en-GB';
    await waitUntil(() => tabNames(page).includes('Charts'), 'English again', { timeout: 10_000 });
    await waitUntil(() => deepText(overview).includes('1,234,567.5'), 'English number', { timeout: 10_000 });
  });

  it('a language without labels reads English with its own number format', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div lang="fr-CH"><run-overview .source=${source}></run-overview></div>`,
    );
    const overview = host.querySelector<RunOverview>('run-overview')!;
    const french = new Intl.NumberFormat('fr-CH').format(1234567.5).replace(/\s+/g, ' ');
    await waitUntil(() => deepText(overview).includes(french), `French number ${french}`, { timeout: 10_000 });
    expect(deepText(overview)).to.contain('Summary');
  });

  it('overrideMessages relabels elements already on the page', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div lang="en"><run-page .source=${source} no-hash></run-page></div>`,
    );
    const page = host.querySelector<RunPage>('run-page')!;
    await waitUntil(() => tabNames(page).includes('Charts'), 'English tabs', { timeout: 10_000 });
    overrideMessages('en', { runPage: { charts: 'Metrics' } });
    await page.updateComplete;
    expect(tabNames(page)).to.include('Metrics');
    overrideMessages('en', { runPage: { charts: 'Charts' } });
  });
});
