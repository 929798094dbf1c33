/**
 * German reaches the run table, the run comparison and the system charts' titles and line names
 * (their tables are part of the German chunk, not English fallbacks).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/run-table/define.js';
import '../../../src/elements/run-compare/define.js';
import '../../../src/elements/system-panel/define.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import type { RunTable } from '../../../src/elements/run-table/run-table.js';
import type { RunCompare } from '../../../src/elements/run-compare/run-compare.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { mlflowRun } from '../system-panel/key-sets.js';
import { chartById, charts, panelReady } from '../system-panel/helpers.js';
import { shadowText } from '../helpers/sources.js';

const runs = () => new MemorySource([1, 2].map((seed) => generateSampleRun({ seed, steps: 50, logLines: 1 })));

describe('German tables', () => {
  it('<run-table>: column headers, search and counts in German', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="de"><run-table .source=${runs()} refresh-interval="0"></run-table></div>`,
    );
    const el = wrapper.querySelector<RunTable>('run-table')!;
    await waitUntil(() => shadowText(el).includes('Gestartet'), 'German headers', { timeout: 10_000 });
    expect(shadowText(el)).to.contain('Laufzeit');
    expect(shadowText(el)).to.contain('2 Läufe');
    expect(el.shadowRoot!.querySelector('.toolbar > .search')!.getAttribute('aria-label')).to.equal(
      'Läufe durchsuchen',
    );
    expect(shadowText(el)).not.to.contain('Started');
  });

  it('<run-compare>: headings in German', async () => {
    const source = runs();
    const ids = (await source.listRuns()).map((r) => r.id).join(',');
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="de"><run-compare .source=${source} runs=${ids} metrics="train/loss"></run-compare></div>`,
    );
    const el = wrapper.querySelector<RunCompare>('run-compare')!;
    await waitUntil(() => shadowText(el).includes('Zusammenfassung'), 'German headings', { timeout: 10_000 });
    expect(shadowText(el)).to.contain('Konfiguration: abweichende Schlüssel');
    expect(shadowText(el)).not.to.contain('Summary');
  });

  it('<system-panel>: chart titles and line names in German', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de"><system-panel .source=${mlflowRun({ minutes: 10 })}></system-panel></div>`,
    );
    const el = wrapper.querySelector<SystemPanel>('system-panel')!;
    await panelReady(el);
    await waitUntil(() => charts(el).some((c) => c.label?.startsWith('Netzwerkverkehr')), 'German chart titles', {
      timeout: 10_000,
    });
    expect(charts(el).map((c) => c.label)).to.include.members([
      'CPU-Auslastung des Systems (%)',
      'Festplattenplatz (GB)',
    ]);
    expect(chartById(el, 'network').metrics).to.deep.equal(['gesendet', 'empfangen']);
    expect(chartById(el, 'disk-bytes').metrics).to.deep.equal(['verfügbar', 'belegt']);
  });
});
