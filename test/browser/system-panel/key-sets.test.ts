import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/system-panel/define.js';
import type { MetricChart } from '../../../src/elements/metric-chart/metric-chart.js';
import type { SystemPanel } from '../../../src/elements/system-panel/system-panel.js';
import { aimRun, legacyWandbRun, mlflowRun, wandbRun } from './key-sets.js';
import { chartById, charts, panelReady, pixelsNearValue, rgbOf } from './helpers.js';

/** The drawn y values of every line of a chart (uPlot's data, after x-alignment). */
function drawnValues(c: MetricChart): number[][] {
  return c
    .uplot!.data.slice(1)
    .map((col) => Array.from(col as ArrayLike<number | null>).filter((v): v is number => typeof v === 'number'));
}

function titles(el: SystemPanel): string[] {
  return charts(el).map((c) => c.label);
}

function seriesColor(el: Element, i: number): [number, number, number] {
  return rgbOf(getComputedStyle(el).getPropertyValue(`--_series-${i}`).trim());
}

async function panel(source: unknown): Promise<SystemPanel> {
  const el = await fixture<SystemPanel>(
    html`<div style="width: 1000px"><system-panel .source=${source}></system-panel></div>`,
  );
  const p = el.querySelector('system-panel')!;
  await panelReady(p);
  return p;
}

describe('system-panel: key sets of each tracker', () => {
  it('W&B: titles with units, percentages on 0–100, counters as rates in human units', async () => {
    const el = await panel(wandbRun());
    expect(titles(el)).to.include.members([
      'Process CPU, share of all CPUs (%)',
      'Process threads',
      'System memory (%)',
      'Process memory (GB)',
      'Disk usage (%)',
      'Disk space (GB)',
      'Disk I/O (MB/s)',
      'Network traffic (MB/s)',
      'GPU utilisation (%)',
      'GPU temperature (°C)',
      'GPU memory allocated (%)',
      'GPU memory allocated (GB)',
      'GPU time spent accessing memory (%)',
      'GPU power (W)',
      'GPU power of its limit (%)',
      'GPU SM clock (MHz)',
      'GPU fan speed (%)',
    ]);
    for (const id of ['memory', 'gpu-util', 'gpu-mem-alloc', 'gpu-power-percent', 'gpu-fan']) {
      const u = chartById(el, id).uplot!;
      expect([u.scales.y.min, u.scales.y.max], id).to.deep.equal([0, 100]);
    }
    // W&B's `cpu` is the process's CPU time over the CPU count (wandb-core divides by physical cores, so
    // it can pass 100 with SMT): no system-wide "CPU utilisation" chart, no fixed top
    expect(titles(el)).to.not.include('System CPU utilisation (%)');
    const share = chartById(el, 'proc-cpu-share').uplot!;
    expect(share.scales.y.min).to.equal(0);
    expect(share.scales.y.max).to.be.lessThan(100);
    // 1 MiB/s sent and 4 MiB/s received, from byte counters
    const network = chartById(el, 'network');
    expect(network.metrics).to.deep.equal(['sent', 'received']);
    const [sent, received] = drawnValues(network);
    expect(sent.every((v) => Math.abs(v - 1) < 1e-9)).to.equal(true);
    expect(received.every((v) => Math.abs(v - 4) < 1e-9)).to.equal(true);
    // disk counters in MiB: 2 MiB/s read, 0.5 MiB/s written
    const [read, written] = drawnValues(chartById(el, 'disk-io'));
    expect(read.every((v) => Math.abs(v - 2) < 1e-9)).to.equal(true);
    expect(written.every((v) => Math.abs(v - 0.5) < 1e-9)).to.equal(true);
    // 60 GiB allocated, drawn as 60 in a GB chart; RSS 6144 MiB drawn as 6 GB
    expect(drawnValues(chartById(el, 'gpu-mem-bytes'))[0][0]).to.equal(60);
    expect(drawnValues(chartById(el, 'proc-memory-bytes'))[0][0]).to.equal(6);
  });

  it('W&B: GPU i is drawn in series colour i in every GPU chart', async () => {
    const el = await panel(wandbRun({ gpus: 3 }));
    const util = chartById(el, 'gpu-util');
    // GPU g sits at 10·(g+1) %
    for (let g = 0; g < 3; g++) {
      expect(
        pixelsNearValue(util, 10 * (g + 1), seriesColor(el, g)),
        `GPU ${g} at ${10 * (g + 1)} %`,
      ).to.be.greaterThan(50);
    }
    expect(pixelsNearValue(util, 10, seriesColor(el, 1))).to.equal(0);
    const temp = chartById(el, 'gpu-temp');
    for (let g = 0; g < 3; g++) {
      expect(temp.colors).to.have.property(`GPU ${g}`);
      expect(rgbOf((temp.colors as Record<string, string>)[`GPU ${g}`])).to.deep.equal(seriesColor(el, g));
    }
  });

  it('W&B legacy (2020): system-wide cpu, memory and disk percentages, network counters as a rate', async () => {
    const el = await panel(legacyWandbRun());
    expect(titles(el)).to.deep.equal([
      'System CPU utilisation (%)',
      'System memory (%)',
      'Disk usage (%)',
      'Network traffic (KB/s)',
      'GPU utilisation (%)',
      'GPU temperature (°C)',
      'GPU memory allocated (%)',
    ]);
    const [sent, received] = drawnValues(chartById(el, 'network'));
    expect(sent.every((v) => Math.abs(v - 2) < 1e-9)).to.equal(true);
    expect(received.every((v) => Math.abs(v - 8) < 1e-9)).to.equal(true);
    expect(drawnValues(chartById(el, 'memory'))[0][0]).to.equal(22);
  });

  it('MLflow: system/… names, decimal megabytes converted, GPU index from the name', async () => {
    const el = await panel(mlflowRun({ gpus: 2 }));
    expect(titles(el)).to.deep.equal([
      'System CPU utilisation (%)',
      'System memory (%)',
      'System memory (GB)',
      'Disk usage (%)',
      'Disk space (GB)',
      'Network traffic (MB/s)',
      'GPU utilisation (%)',
      'GPU memory allocated (%)',
      'GPU memory allocated (GB)',
      'GPU power (W)',
      'GPU power of its limit (%)',
    ]);
    // 1 MB/s and 3 MB/s of 10^6 bytes, shown in MB/s of 2^20 bytes
    const [sent, received] = drawnValues(chartById(el, 'network'));
    expect(chartById(el, 'network').metrics).to.deep.equal(['sent', 'received']);
    expect(sent[0]).to.be.closeTo(1e6 / 2 ** 20, 1e-9);
    expect(received[0]).to.be.closeTo(3e6 / 2 ** 20, 1e-9);
    expect(drawnValues(chartById(el, 'gpu-mem-bytes'))[0][0]).to.be.closeTo(40_000e6 / 2 ** 30, 1e-9);
    const util = chartById(el, 'gpu-util');
    expect(pixelsNearValue(util, 10, seriesColor(el, 0))).to.be.greaterThan(50);
    expect(pixelsNearValue(util, 20, seriesColor(el, 1))).to.be.greaterThan(50);
  });

  it('Aim: __system__ names in any group, process CPU above 100 % not clipped, GPU from the context', async () => {
    const el = await panel(aimRun({ gpus: 2 }));
    expect(titles(el)).to.deep.equal([
      'Process CPU, 100 % per core (%)',
      'System memory (%)',
      'Process memory (%)',
      'Disk usage (%)',
      'GPU utilisation (%)',
      'GPU temperature (°C)',
      'GPU memory allocated (%)',
      'GPU power (W)',
    ]);
    const cpu = chartById(el, 'proc-cpu').uplot!;
    expect(cpu.scales.y.min).to.equal(0);
    expect(cpu.scales.y.max).to.be.greaterThan(180);
    const util = chartById(el, 'gpu-util');
    expect(util.metrics).to.deep.equal(['GPU 0', 'GPU 1']);
    expect(pixelsNearValue(util, 20, seriesColor(el, 1))).to.be.greaterThan(50);
  });
});
