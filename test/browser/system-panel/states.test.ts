import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import { SourceError } from '../../../src/data/errors.js';
import { MemorySource } from '../../../src/data/memory-source.js';
import type { RunSource } from '../../../src/data/source.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { legacyWandbRun, series, START, wandbRun } from './key-sets.js';
import { charts, panelReady, text } from './helpers.js';

function historyOnly(): MemorySource {
  return new MemorySource({
    info: { id: 'run-1', state: 'finished', startedAt: START },
    metrics: [series('train/loss', 10, (i) => 1 / (i + 1), 'history')],
  });
}

describe('system-panel: states', () => {
  it('loading: a skeleton while the source has not answered', async () => {
    const source: RunSource = {
      defaultRunId: () => 'run-1',
      getRun: () => new Promise(() => {}),
      listMetrics: () => new Promise(() => {}),
      getSeries: () => new Promise(() => {}),
    };
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    expect(el.shadowRoot!.querySelector('[part~="loading"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('empty: a run with no system metrics says so', async () => {
    const el = await fixture<SystemPanel>(html`<system-panel .source=${historyOnly()}></system-panel>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'no empty state');
    expect(text(el)).to.contain('No system metrics');
    expect(charts(el)).to.have.length(0);
  });

  it('error: shows the message and retries', async () => {
    const inner = legacyWandbRun({ minutes: 5 });
    let failures = 1;
    const source: RunSource = {
      defaultRunId: () => 'run-1',
      getRun: (id, o) => inner.getRun(id, o),
      getSeries: (q, o) => inner.getSeries(q, o),
      listMetrics: (id, o) => {
        if (failures-- > 0) return Promise.reject(new SourceError('unavailable', 'The server did not answer (503).'));
        return inner.listMetrics(id, o);
      },
    };
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'no error state');
    expect(text(el)).to.contain('The server did not answer (503).');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await panelReady(el);
    expect(charts(el).length).to.be.greaterThan(0);
  });

  it('unsupported: a source without listMetrics or getSeries', async () => {
    const inner = legacyWandbRun({ minutes: 5 });
    for (const source of [
      { defaultRunId: () => 'run-1', getRun: inner.getRun.bind(inner) },
      { defaultRunId: () => 'run-1', getRun: inner.getRun.bind(inner), listMetrics: inner.listMetrics.bind(inner) },
    ] as RunSource[]) {
      const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="unsupported"]'), 'no unsupported state');
      expect(text(el)).to.contain('system metrics');
    }
  });

  it('data: hardware header from the run info, groups in order, hostile names as text', async () => {
    const source = new MemorySource({
      info: {
        id: 'run-1',
        state: 'finished',
        startedAt: START,
        hardware: {
          cpu: 'AMD EPYC 7763 64-Core Processor',
          cpuCount: 64,
          cpuCountLogical: 128,
          memoryBytes: 1024 ** 4,
          gpus: [
            { name: 'NVIDIA A100-SXM4-80GB', memoryBytes: 80 * 1024 ** 3 },
            { name: 'NVIDIA A100-SXM4-80GB', memoryBytes: 80 * 1024 ** 3 },
            { name: '<img src=x onerror=alert(1)>' },
          ],
          acceleratorCount: 3,
          accelerator: 'cuda',
          cudaVersion: '12.1',
        },
      },
      metrics: [
        series('system.cpu', 10, () => 5),
        series('system.gpu.0.gpu', 10, () => 5),
        series('system.<b>odd</b>', 10, () => 1),
      ],
    });
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await panelReady(el);
    const hw = el.shadowRoot!.querySelector('[part="hardware"]')!;
    const hwText = hw.textContent!.replace(/\s+/g, ' ');
    expect(hwText).to.contain('AMD EPYC 7763 64-Core Processor · 64 cores · 128 threads');
    expect(hwText).to.contain('1 TB');
    expect(hwText).to.contain('2 × NVIDIA A100-SXM4-80GB (80 GB each)');
    expect(hwText).to.contain('<img src=x onerror=alert(1)>');
    expect(hwText).to.contain('3 · cuda · CUDA 12.1');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const groups = [...el.shadowRoot!.querySelectorAll('section h3')].map((h) => h.textContent);
    expect(groups).to.deep.equal(['CPU', 'GPU', 'Other']);
    const other = charts(el).find((c) => c.dataset.chart === 'key:system.<b>odd</b>')!;
    expect(other.label).to.equal('system.<b>odd</b>');
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps working when the source is set after connection and when it changes', async () => {
    const el = await fixture<SystemPanel>(html`<system-panel></system-panel>`);
    expect(text(el)).to.contain('No data source');
    el.source = legacyWandbRun({ minutes: 5 });
    await panelReady(el);
    expect(charts(el).some((c) => c.dataset.chart === 'network')).to.equal(true);
    el.source = wandbRun({ minutes: 5, gpus: 1 });
    await waitUntil(() => charts(el).some((c) => c.dataset.chart === 'gpu-sm-clock'), 'new source not shown');
    await panelReady(el);
  });
});

describe('system-panel: percentages', () => {
  it('a percentage above 100 in view (power over its limit) lifts the fixed top of the axis', async () => {
    const source = new MemorySource({
      info: { id: 'run-1', state: 'finished', startedAt: START },
      metrics: [
        series('system.gpu.0.powerPercent', 40, (i) => (i === 20 ? 112 : 80)),
        series('system.gpu.0.gpu', 40, () => 80),
      ],
    });
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await panelReady(el);
    const power = charts(el).find((c) => c.dataset.chart === 'gpu-power-percent')!;
    await waitUntil(() => (power.uplot?.scales.y.max ?? 0) >= 112, 'the spike above 100 % is cut off');
    const util = charts(el).find((c) => c.dataset.chart === 'gpu-util')!;
    expect(util.uplot!.scales.y.max).to.equal(100);
  });
});

describe('system-panel: bad input', () => {
  it('junk in the metric list and non-finite values never throw; what is intact is charted', async () => {
    const inner = new MemorySource({
      info: { id: 'run-1', state: 'finished', startedAt: START },
      metrics: [
        series('system.cpu', 20, (i) => (i === 5 ? NaN : i === 6 ? Infinity : 30)),
        series('system.network.sent', 20, (i) => (i === 10 ? NaN : i * 15 * 1024)),
      ],
    });
    const source: RunSource = {
      defaultRunId: () => 'run-1',
      getRun: (id, o) => inner.getRun(id, o),
      getSeries: (q, o) => inner.getSeries(q, o),
      listMetrics: async (id, o) => [
        null as never,
        { key: 5 } as never,
        { key: 'system.gpu.x.gpu', group: 'system', count: 0 },
        ...(await inner.listMetrics(id, o)),
      ],
    };
    const el = await fixture<SystemPanel>(html`<system-panel .source=${source}></system-panel>`);
    await waitUntil(() => charts(el).length === 3, 'charts missing');
    const cpu = charts(el).find((c) => c.dataset.chart === 'proc-cpu-share')!;
    const network = charts(el).find((c) => c.dataset.chart === 'network')!;
    await Promise.all([cpu, network].map((c) => waitUntil(() => c.uplot, `${c.dataset.chart} not drawn`)));
    // the unknown key (a GPU without an index) is charted under Other; its missing data shows the chart's error
    expect(charts(el).map((c) => c.dataset.chart)).to.include('key:system.gpu.x.gpu');
    const row = cpu.closest('[part="chart"]')!.querySelector('tbody tr')!;
    await waitUntil(() => row.querySelectorAll('td')[0].textContent!.trim() === '30 %', 'statistics of finite values');
    const rates = (network.uplot!.data[1] as unknown as (number | null)[]).filter((v) => typeof v === 'number');
    // 1 KB/s throughout, also across the gap
    expect(network.label).to.equal('Network traffic (B/s)');
    const finite = rates.filter((v) => Number.isFinite(v));
    console.log(JSON.stringify(network.uplot!.data[0]), JSON.stringify(network.uplot!.data[1]));
    expect(finite.length, finite.join()).to.be.greaterThan(15);
    expect(
      finite.every((v) => v === 1024),
      finite.join(),
    ).to.equal(true);
  });
});
