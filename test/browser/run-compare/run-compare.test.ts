import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/run-compare/define.js';
import type { RunCompare } from '../../../src/elements/run-compare/run-compare.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import { generateSampleRun } from '../../../src/data/sample-run.js';
import type { RunSource } from '../../../src/data/source.js';
import { shadowText, until } from '../helpers/sources.js';

/** Three sample runs behind a source that, like a server's, names no default run. */
function serverLike(): RunSource {
  const memory = new MemorySource(
    [1, 2, 3].map((seed) => generateSampleRun({ seed, steps: 200, logLines: 5, files: 1 })),
  );
  return new Proxy(memory, {
    get: (target, key) => (key === 'defaultRunId' ? undefined : Reflect.get(target, key)),
  });
}

async function mount(source: RunSource, runs: string, lang = 'en'): Promise<RunCompare> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}>
      <run-compare .source=${source} runs=${runs} metrics="train/loss,train/accuracy"></run-compare>
    </div>`,
  );
  const el = wrapper.querySelector('run-compare')!;
  await until(() => !!el.shadowRoot!.querySelector('.charts, .rp-state:not(.rp-state--loading)'), 10_000);
  return el;
}

const legendOf = (chart: MetricChart) =>
  [...(chart.shadowRoot?.querySelectorAll('[part="legend"] li') ?? [])].map((li) => li.textContent!.trim());

describe('run-compare', () => {
  it('charts each metric with one line per run, named in the legend, in the same colour in every chart', async () => {
    const source = serverLike();
    const el = await mount(source, 'sample-0001,sample-0002');
    const names = await Promise.all(['sample-0001', 'sample-0002'].map(async (id) => (await source.getRun(id)).name!));
    const charts = [...el.shadowRoot!.querySelectorAll<MetricChart>('.charts > *')];
    expect(charts.map((c) => c.metric)).to.deep.equal(['train/loss', 'train/accuracy']);
    for (const chart of charts) await until(() => legendOf(chart).length === 2, 10_000);
    for (const chart of charts) expect(legendOf(chart)).to.deep.equal(names);
    const colours = charts.map((c) => JSON.stringify(c.colors));
    expect(colours[0]).to.equal(colours[1]);
    expect(Object.keys(charts[0].colors as object)).to.deep.equal(['sample-0001', 'sample-0002']);
    expect(new Set(Object.values(charts[0].colors as object)).size).to.equal(2);
  });

  it('shows only the config keys that differ, and the summaries side by side', async () => {
    const el = await mount(serverLike(), 'sample-0001 sample-0002');
    const config = el.shadowRoot!.querySelector('[data-kind="config"]')!;
    const keys = [...config.querySelectorAll('tbody tr')].map((r) => (r as HTMLElement).dataset.key);
    expect(keys).to.include('seed');
    for (const row of config.querySelectorAll('tbody tr')) expect(row.classList.contains('differs')).to.be.true;
    expect(config.textContent).to.contain('same value in every run are not shown');
    const summary = el.shadowRoot!.querySelector('[data-kind="summary"]')!;
    expect(summary.querySelectorAll('thead th').length).to.equal(3);
    expect(summary.querySelectorAll('tbody tr').length).to.be.greaterThan(0);
  });

  it('the metric picker adds a chart and says so', async () => {
    const el = await mount(serverLike(), 'sample-0001,sample-0002');
    const changes: string[][] = [];
    el.addEventListener('run-compare-metrics-change', (e) => changes.push(e.detail.metrics));
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.picker input[type=checkbox]')];
    const unchosen = boxes.find((b) => !b.checked)!;
    unchosen.click();
    await el.updateComplete;
    expect(changes).to.deep.equal([['train/loss', 'train/accuracy', unchosen.dataset.key!]]);
    expect(el.shadowRoot!.querySelectorAll('.charts > *').length).to.equal(3);
  });

  it('no runs: says how to pick them; a run that cannot be read is still listed', async () => {
    const none = await fixture<RunCompare>(html`<run-compare .source=${serverLike()}></run-compare>`);
    await none.updateComplete;
    expect(shadowText(none)).to.contain('No runs to compare');
    const el = await mount(serverLike(), 'sample-0001,ghost');
    expect(el.shadowRoot!.querySelector('[data-run="ghost"]')).to.exist;
  });

  it('passes axe', async () => {
    const el = await mount(serverLike(), 'sample-0001,sample-0002');
    await expect(el).to.be.accessible();
  });

  it('speaks Japanese', async () => {
    const el = await mount(serverLike(), 'sample-0001,sample-0002', 'ja');
    expect(shadowText(el)).to.contain('2 件のランを比較');
  });
});
